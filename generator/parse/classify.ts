import type { Root, RootContent } from 'mdast';
import { sectionByTitle } from './context.js';
import type { ParsedPage } from './page.js';
import { readResourcePage } from './resource.js';
import type { PageScope } from './scope.js';
import { readFrontmatter } from './sections/frontmatter.js';
import { readOverview } from './sections/overview.js';
import { readProviderPage } from './sections/provider.js';
import { serviceName } from './sections/service.js';
import { splitSections } from './split.js';

/** Reads the frontmatter of a page's preamble; the fast reader passes a cheaper one for plain YAML. */
export type FrontmatterReader = (scope: PageScope, preamble: readonly RootContent[]) => ReturnType<typeof readFrontmatter>;

/**
 * What a page's tree says, whichever reader built the tree. Kept free of
 * remark so the fast reader can share it without loading the MDX parser.
 *
 * A page is classified by content first (an Overview with an Id row is a
 * resource or view, an Overview of Type `Service` a service), then by path:
 * `index.md` at the root is the provider page, `services/<s>/index.md` and
 * legacy `providers/<p>/<s>/index.md` are service pages, one level deeper are
 * resource pages (whose missing Overview Id is then an error). Anything else
 * is skipped with an `info`.
 */
export function readPageTree(scope: PageScope, tree: Root, frontmatterReader: FrontmatterReader = readFrontmatter): ParsedPage {
  const { path, reporter } = scope;
  const skipped = (): ParsedPage => ({ kind: 'skipped', path, diagnostics: reporter.diagnostics });
  const { preamble, sections } = splitSections(tree);
  const frontmatter = frontmatterReader(scope, preamble);
  const overviewSection = sectionByTitle(sections, 'Overview');
  const overview = overviewSection ? readOverview(scope, overviewSection) : null;
  const byPath = kindByPath(path);

  const isService = overview?.type === 'Service' || (byPath === 'service' && !overview?.id);
  if (isService) return { kind: 'service', path, service: serviceName(path, overview), diagnostics: reporter.diagnostics };
  if (overview?.id || byPath === 'resource') {
    const resource = readResourcePage(scope, frontmatter, overview, sections, preamble);
    return resource ? { kind: 'resource', path, resource, diagnostics: reporter.diagnostics } : skipped();
  }
  if (byPath === 'provider') {
    return { kind: 'provider', path, provider: readProviderPage(scope, frontmatter, preamble, sections), diagnostics: reporter.diagnostics };
  }
  reporter.report(null, 'info', 'page/not-a-doc-page', 'not a provider, service or resource page; skipped');
  return skipped();
}

export type PathKind = 'provider' | 'service' | 'resource' | 'other';

export function kindByPath(path: string): PathKind {
  const segments = path.split('/');
  const file = segments.pop() ?? '';
  if (!/^index\.mdx?$/.test(file)) return 'other';
  const [top, ...rest] = segments;
  if (top === undefined) return 'provider';
  // services/<s>/index.md, services/<s>/<r>/index.md; legacy providers/<p>/<s>[/<r>]/index.md
  const depth = top === 'services' ? rest.length : top === 'providers' ? rest.length - 1 : -1;
  return depth === 1 ? 'service' : depth === 2 ? 'resource' : 'other';
}
