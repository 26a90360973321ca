import { sectionByTitle } from '../context.js';
import { decodePage } from '../decode.js';
import { markupLimitProblem } from '../limits.js';
import type { DocFile, ParsedPage } from '../page.js';
import { PageReporter } from '../report.js';
import { readResourcePage } from '../resource.js';
import type { PageScope } from '../scope.js';
import { readFrontmatter } from '../sections/frontmatter.js';
import { readOverview } from '../sections/overview.js';
import { readProviderPage } from '../sections/provider.js';
import { serviceName } from '../sections/service.js';
import { splitSections } from '../split.js';
import { simpleFrontmatter } from './frontmatter.js';
import { serviceTemplateTree } from './service.js';
import { buildTree } from './tree.js';

/**
 * `parsePage` with the line scanner's tree in place of remark-mdx's; null
 * where the scanner does not recognise the page. What follows the tree is
 * `parsePage`'s own classification, repeated here because `page.ts` loads
 * remark with it (see the report: a `readPageTree(scope, tree)` export from
 * a module without remark would remove this copy).
 */
export function scanPage(file: DocFile): ParsedPage | null {
  const decoded = decodePage(file.bytes);
  // Past a markup limit the page is refused, and refusing is parsePage's to report.
  if (!decoded.ok || markupLimitProblem(decoded.text) !== null) return null;
  const tree = kindByPath(file.path) === 'service' ? (serviceTemplateTree(decoded.text) ?? buildTree(decoded.text)) : buildTree(decoded.text);
  if (!tree) return null;
  const reporter = new PageReporter(file.path);
  const skipped = (): ParsedPage => ({ kind: 'skipped', path: file.path, diagnostics: reporter.diagnostics });
  const scope: PageScope = { path: file.path, source: decoded.text, reporter };
  const { preamble, sections } = splitSections(tree);
  const frontmatter = simpleFrontmatter(preamble) ?? readFrontmatter(scope, preamble);
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
  const depth = top === 'services' ? rest.length : top === 'providers' ? rest.length - 1 : -1;
  return depth === 1 ? 'service' : depth === 2 ? 'resource' : 'other';
}
