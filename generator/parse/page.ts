import type { Diagnostic } from '../diagnostics.js';
import type { IRAuth, IRResource, IRServerParam } from '../ir/types.js';
import { readPageTree } from './classify.js';
import { decodePage } from './decode.js';
import { parseMarkdown } from './markdown.js';
import { PageReporter } from './report.js';

/** One file of a docs tree, as read from disk. */
export interface DocFile {
  /** Relative to the docs root, POSIX separators. */
  path: string;
  bytes: Uint8Array;
}

/** What the provider page (`index.md` at the docs root) contributes. */
export interface ProviderPage {
  name: string;
  description: string;
  services: string[];
  auth: IRAuth;
  serverParams: IRServerParam[];
}

/**
 * The result of the per-page step. `parsePage(file)` is a pure function of
 * the file's path and bytes, so it can be cached by content hash, run in
 * workers and swapped for a faster reader.
 */
export type ParsedPage =
  | { kind: 'resource'; path: string; resource: IRResource; diagnostics: Diagnostic[] }
  | { kind: 'provider'; path: string; provider: ProviderPage; diagnostics: Diagnostic[] }
  | { kind: 'service'; path: string; service: string; diagnostics: Diagnostic[] }
  /** Not a page we read (or one we refused: see its error diagnostics). */
  | { kind: 'skipped'; path: string; diagnostics: Diagnostic[] };

/**
 * Parses one page. Pure: the result depends only on `file.path` and
 * `file.bytes`; bad input becomes located diagnostics, never an exception.
 *
 * How a page is classified: `readPageTree` in `classify.ts`.
 */
export function parsePage(file: DocFile): ParsedPage {
  const reporter = new PageReporter(file.path);
  const skipped = (): ParsedPage => ({ kind: 'skipped', path: file.path, diagnostics: reporter.diagnostics });
  const decoded = decodePage(file.bytes);
  if (!decoded.ok) {
    reporter.report({ line: decoded.line, column: decoded.column }, 'error', decoded.code, decoded.message);
    return skipped();
  }
  const parsed = parseMarkdown(decoded.text);
  if (!parsed.ok) {
    reporter.report({ line: parsed.line, column: parsed.column }, 'error', parsed.code, parsed.message);
    return skipped();
  }
  return readPageTree({ path: file.path, source: decoded.text, reporter }, parsed.tree);
}
