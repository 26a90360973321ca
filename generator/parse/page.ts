import type { Diagnostic } from '../diagnostics.js';
import type { IRAuth, IRResource, IRServerParam } from '../ir/types.js';

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
