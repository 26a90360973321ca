import type { RootContent } from 'mdast';
import type { IRExample, IRField, IRManifestProp, IRParam, IRResource, IRView } from '../ir/types.js';
import { sectionByTitle, type Section, type SectionContext } from './context.js';
import { findTables, sourceOf } from './html.js';
import type { PageScope } from './scope.js';
import { readExamples } from './sections/examples.js';
import { readResourceFields } from './sections/fields.js';
import type { Frontmatter } from './sections/frontmatter.js';
import { readManifest } from './sections/manifest.js';
import { readMethods } from './sections/methods.js';
import type { Overview } from './sections/overview.js';
import { readParameters } from './sections/parameters.js';
import { readView } from './sections/view.js';
import { isPlainIdentifier } from './text.js';

/**
 * A resource or view page (`services/<service>/<resource>/index.md`, legacy
 * `providers/<provider>/<service>/<resource>/index.md`) → IRResource; null
 * where the Overview gives no usable Id (reported as an error).
 */
export function readResourcePage(scope: PageScope, frontmatter: Frontmatter, overview: Overview | null, sections: Section[], preamble: readonly RootContent[]): IRResource | null {
  const overviewSection = sectionByTitle(sections, 'Overview');
  const id = overview?.id ?? '';
  if (id === '') {
    scope.reporter.report(overviewSection?.heading ?? preamble[0] ?? null, 'error', 'overview/missing-id', 'a resource page needs an Overview table with an Id row');
    return null;
  }
  const parts = id.split('.');
  const [provider, service, name] = parts;
  if (parts.length !== 3 || !provider || !service || !name) {
    scope.reporter.report(overview?.idNode, 'error', 'overview/invalid-id', `Overview Id '${id}' is not provider.service.resource`);
    return null;
  }
  const kind = overview?.type === 'View' ? 'view' : 'resource';
  if (overview?.type && overview.type !== 'View' && overview.type !== 'Resource') {
    scope.reporter.report(overview.node, 'error', 'overview/unknown-type', `Overview Type '${overview.type}' is neither Resource nor View`);
  }
  if (overview?.name && overview.name !== name) {
    scope.reporter.report(overview.node, 'warning', 'overview/name-mismatch', `Overview Name '${overview.name}' but the Id ends in '${name}'`);
  }
  checkPath(scope, service, name, overview);

  const methodsSection = sectionByTitle(sections, 'Methods');
  // Only the 2023–24 generator wrote GFM pipe tables (`table` nodes); current pages use HTML.
  const tableSections = [methodsSection, sectionByTitle(sections, 'Fields')].filter((section) => section !== undefined);
  const layout = tableSections.some((section) => findTables(section.nodes).some((table) => table.type === 'table')) ? 'legacy' : 'current';
  const methods = kind === 'view' && !methodsSection ? [] : readMethods(scope, methodsSection);
  const paramsSection = sectionByTitle(sections, 'Parameters');
  const params = readParameters(scope, paramsSection);
  if (paramsSection) reportUnknownParams(scope, methods, params);

  let fields: Record<string, IRField[]>;
  let view: IRView | null = null;
  if (kind === 'view') {
    const read = readView(scope, sections, name);
    fields = read.fields;
    view = read.view;
  } else {
    const selects = methods.filter((method) => method.verb === 'select').map((method) => method.name);
    const fieldsSection = sectionByTitle(sections, 'Fields');
    if (!fieldsSection && selects.length > 0) scope.reporter.report(null, 'warning', 'fields/missing-section', 'a resource with SELECT methods has no ## Fields section');
    fields = readResourceFields(scope, fieldsSection, selects);
  }

  const context: SectionContext = {
    path: scope.path,
    source: scope.source,
    sections,
    resourceId: id,
    methods,
    layout,
    report: (at, severity, code, message) => scope.reporter.add(at, severity, code, message),
    text: (node) => sourceOf(node, scope.source),
    sourceOf: (node) => scope.reporter.sourceOf(node),
  };
  const examples = guarded<IRExample[]>(scope, 'examples', () => readExamples(context));
  const manifest = guarded<IRManifestProp[]>(scope, 'manifest', () => readManifest(context));

  return {
    id,
    provider,
    service,
    name,
    kind,
    description: overview?.description ?? frontmatter.description,
    source: scope.reporter.sourceOf(overview?.idNode ?? overviewSection?.heading),
    layout,
    fields,
    methods,
    params,
    examples,
    manifest,
    view,
  };
}

/** `services/<service>/<resource>/index.md` should hold `<provider>.<service>.<resource>`. */
function checkPath(scope: PageScope, service: string, name: string, overview: Overview | null): void {
  const segments = scope.path.split('/');
  if (segments.length < 3) return;
  const folderResource = segments[segments.length - 2];
  const folderService = segments[segments.length - 3];
  if (folderResource !== name || folderService !== service) {
    scope.reporter.report(overview?.idNode, 'warning', 'page/path-mismatch', `Id names ${service}/${name} but the page is in ${folderService}/${folderResource}`);
  }
  for (const [what, part] of [['service', service], ['resource', name]] as const) {
    const reserved = RESERVED_FILE_NAMES.test(part) || (what === 'service' && RESERVED_SERVICE_NAMES.test(part));
    const reason = !isPlainIdentifier(part) ? 'is not a plain identifier' : reserved ? 'is a file name that file systems or the package layout reserve' : null;
    if (reason === null) continue;
    scope.reporter.report(overview?.idNode, 'warning', 'overview/odd-name', `the ${what} name '${part}' ${reason}: the generated file and module names made from it differ from it`);
  }
}

/** Windows device names (with any extension they are still devices) and the name every generated directory's module has. */
const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|index)$/i;

/** Directories of the generated package's own beside the service directories. */
const RESERVED_SERVICE_NAMES = /^(runtime|fixtures)$/i;

/** Once per param and page, at the first method that uses it; `data__` body properties are not parameters. */
function reportUnknownParams(scope: PageScope, methods: IRResource['methods'], params: readonly IRParam[]): void {
  const known = new Set(params.map((param) => param.name));
  const reported = new Set<string>();
  for (const method of methods) {
    for (const name of [...method.required, ...method.optional]) {
      if (known.has(name) || reported.has(name) || name.startsWith('data__')) continue;
      reported.add(name);
      // Body-carrying verbs: most likely a request body property written without its `data__` prefix.
      const hint = method.verb === 'select' || method.verb === 'delete' ? '' : ` (a body property without the data__ prefix?)`;
      scope.reporter.report({ line: method.source.line, column: 1 }, 'warning', 'methods/unknown-param', `method '${method.name}' uses '${name}', which ## Parameters does not list${hint}`);
    }
  }
}

// A section reader that throws is a bug in that reader; the page's other
// sections are still good, so the failure becomes a located error instead of
// ending the whole run.
function guarded<T extends unknown[]>(scope: PageScope, what: string, read: () => T): T {
  try {
    return read();
  } catch (error: unknown) {
    scope.reporter.report(null, 'error', 'page/reader-failed', `the ${what} reader failed: ${error instanceof Error ? error.message : String(error)}`);
    return [] as unknown as T;
  }
}
