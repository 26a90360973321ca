import type { Diagnostic } from '../diagnostics.js';
import type { IRAuth, IRResource, IRServerParam } from '../ir/types.js';
import { sectionByTitle } from './context.js';
import { decodePage } from './decode.js';
import { parseMarkdown } from './markdown.js';
import { PageReporter } from './report.js';
import { readResourcePage } from './resource.js';
import type { PageScope } from './scope.js';
import { readFrontmatter } from './sections/frontmatter.js';
import { readOverview } from './sections/overview.js';
import { readProviderPage } from './sections/provider.js';
import { serviceName } from './sections/service.js';
import { splitSections } from './split.js';

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
 * A page is classified by content first (an Overview with an Id row is a
 * resource or view, an Overview of Type `Service` a service), then by path:
 * `index.md` at the root is the provider page, `services/<s>/index.md` and
 * legacy `providers/<p>/<s>/index.md` are service pages, one level deeper are
 * resource pages (whose missing Overview Id is then an error). Anything else
 * is skipped with an `info`.
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
  const scope: PageScope = { path: file.path, source: decoded.text, reporter };
  const { preamble, sections } = splitSections(parsed.tree);
  const frontmatter = readFrontmatter(scope, preamble);
  const overviewSection = sectionByTitle(sections, 'Overview');
  const overview = overviewSection ? readOverview(scope, overviewSection) : null;
  const byPath = kindByPath(file.path);

  const isService = overview?.type === 'Service' || (byPath === 'service' && !overview?.id);
  if (isService) return { kind: 'service', path: file.path, service: serviceName(file.path, overview), diagnostics: reporter.diagnostics };
  if (overview?.id || byPath === 'resource') {
    const resource = readResourcePage(scope, frontmatter, overview, sections, preamble);
    return resource ? { kind: 'resource', path: file.path, resource, diagnostics: reporter.diagnostics } : skipped();
  }
  if (byPath === 'provider') {
    return { kind: 'provider', path: file.path, provider: readProviderPage(scope, frontmatter, preamble, sections), diagnostics: reporter.diagnostics };
  }
  reporter.report(null, 'info', 'page/not-a-doc-page', 'not a provider, service or resource page; skipped');
  return skipped();
}

type PathKind = 'provider' | 'service' | 'resource' | 'other';

function kindByPath(path: string): PathKind {
  const segments = path.split('/');
  const file = segments.pop() ?? '';
  if (!/^index\.mdx?$/.test(file)) return 'other';
  const [top, ...rest] = segments;
  if (top === undefined) return 'provider';
  // services/<s>/index.md, services/<s>/<r>/index.md; legacy providers/<p>/<s>[/<r>]/index.md
  const depth = top === 'services' ? rest.length : top === 'providers' ? rest.length - 1 : -1;
  return depth === 1 ? 'service' : depth === 2 ? 'resource' : 'other';
}
