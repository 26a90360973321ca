import type { LintStore } from '../cache/page-cache.js';
import { compareDiagnostics, compareStrings, type Diagnostic } from '../diagnostics.js';
import type { DocFile, ParsedPage, ProviderPage } from '../parse/page.js';
import { createPageReader, type PageReader } from '../parse/fast/index.js';
import { lintResource } from '../lint/rules.js';
import { readDocs } from '../read/index.js';
import { IR_VERSION, type IRDocument, type IRProvider, type IRResource } from './types.js';

export interface BuildResult {
  document: IRDocument;
  /** Every page's diagnostics plus the builder's own, sorted (see `compareDiagnostics`). */
  diagnostics: Diagnostic[];
}

/**
 * Assembles the IR from parsed pages. Resources whose page has an error are
 * left out (their diagnostics say why); two pages with one Id are both left
 * out, since neither can be trusted to be the right one. The result does not
 * depend on the order of `pages`. `lintStore`, when given, answers for the
 * resources whose findings it kept and keeps those found here.
 */
export function buildDocument(pages: ParsedPage[], lintStore?: LintStore): BuildResult {
  const ordered = [...pages].sort((a, b) => compareStrings(a.path, b.path));
  const diagnostics: Diagnostic[] = ordered.flatMap((page) => page.diagnostics);
  const candidates = ordered.flatMap((page) =>
    page.kind === 'resource' && !page.diagnostics.some((d) => d.severity === 'error') ? [page.resource] : [],
  );
  const byId = new Map<string, IRResource[]>();
  for (const resource of candidates) byId.set(resource.id, [...(byId.get(resource.id) ?? []), resource]);
  const resources: IRResource[] = [];
  for (const [id, same] of byId) {
    if (same.length === 1) {
      resources.push(same[0]!);
      continue;
    }
    for (const resource of same) {
      const others = same.filter((other) => other !== resource).map((other) => other.source.path);
      diagnostics.push({
        path: resource.source.path,
        line: resource.source.line,
        column: 1,
        severity: 'error',
        code: 'build/duplicate-id',
        message: `Id '${id}' is also the Id of ${others.join(', ')}; both are left out`,
      });
    }
  }
  resources.sort((a, b) => compareStrings(a.id, b.id));
  reportCaseCollisions(resources, diagnostics);

  const providerPage = ordered.find((page): page is Extract<ParsedPage, { kind: 'provider' }> => page.kind === 'provider');
  const provider = buildProvider(providerPage, resources, diagnostics);
  // Lint findings (example SQL, examples against methods) need the whole resource, so they join here.
  // A resource is its page's (path and bytes), so its findings change only with the page or the server params.
  const params = lintStore === undefined ? '' : JSON.stringify(provider.serverParams);
  for (const resource of resources) {
    let findings = lintStore?.get(resource.source.path, params) ?? null;
    if (findings === null) {
      findings = lintResource(resource, provider.serverParams);
      lintStore?.put(resource.source.path, params, findings);
    }
    diagnostics.push(...findings);
  }
  return { document: { irVersion: IR_VERSION, provider, resources }, diagnostics: diagnostics.sort(compareDiagnostics) };
}

/**
 * Services, and resources of one service, whose names differ only in case:
 * their generated files would be one file on macOS and Windows, so the
 * emitter renames the later ones; say so at each renamed one.
 */
function reportCaseCollisions(resources: readonly IRResource[], diagnostics: Diagnostic[]): void {
  const firstService = new Map<string, string>();
  const firstResource = new Map<string, string>();
  for (const resource of resources) {
    const serviceKey = resource.service.toLowerCase();
    const service = firstService.get(serviceKey) ?? resource.service;
    firstService.set(serviceKey, service);
    const resourceKey = `${serviceKey}/${resource.name.toLowerCase()}`;
    const other = firstResource.get(resourceKey) ?? resource.id;
    firstResource.set(resourceKey, other);
    const clash = service !== resource.service ? `service '${resource.service}' differs from service '${service}'` : other !== resource.id ? `'${resource.id}' differs from '${other}'` : null;
    if (clash === null) continue;
    diagnostics.push({
      path: resource.source.path,
      line: resource.source.line,
      column: 1,
      severity: 'warning',
      code: 'build/case-collision',
      message: `${clash} only in case; its generated files are renamed so they do not collide on case-insensitive file systems`,
    });
  }
}

function buildProvider(page: { path: string; provider: ProviderPage } | undefined, resources: readonly IRResource[], diagnostics: Diagnostic[]): IRProvider {
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(resource.provider, (counts.get(resource.provider) ?? 0) + 1);
  // The most common provider name among the ids (ties: code-unit order) names a tree without a provider page.
  const fromIds = [...counts].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))[0]?.[0] ?? '';
  if (counts.size > 1) {
    const first = resources.find((resource) => resource.provider !== fromIds);
    diagnostics.push({
      path: first?.source.path ?? '',
      line: first?.source.line ?? 1,
      column: 1,
      severity: 'warning',
      code: 'build/mixed-providers',
      message: `resource Ids name ${counts.size} providers: ${[...counts.keys()].sort(compareStrings).join(', ')}`,
    });
  }
  const services = new Set(resources.map((resource) => resource.service));
  for (const service of page?.provider.services ?? []) services.add(service);
  return {
    name: page?.provider.name || fromIds,
    description: page?.provider.description ?? '',
    services: [...services].sort(compareStrings),
    auth: page?.provider.auth ?? { type: null, envVars: [] },
    serverParams: page?.provider.serverParams ?? [],
    source: page ? { path: page.path, line: 1 } : null,
  };
}

/** Read → parse → build: the one entry point for commands that need the IR of a docs path. */
export async function parseDocs(root: string): Promise<BuildResult> {
  const [read, readPage] = await Promise.all([readDocs(root), createPageReader()]);
  const built = buildDocument(read.files.map((file) => parseGuarded(readPage, file)));
  return { document: built.document, diagnostics: [...read.diagnostics, ...built.diagnostics].sort(compareDiagnostics) };
}

// The page reader turns bad docs into diagnostics; an exception is a parser bug.
// It still must not cost the user the other pages, so it becomes the page's error.
// The reader is the fast one (remark loads only for pages it does not recognise),
// so commands reading the IR do not pay remark's load time on ordinary docs.
function parseGuarded(readPage: PageReader, file: DocFile): ParsedPage {
  try {
    return readPage(file);
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'skipped',
      path: file.path,
      diagnostics: [{ path: file.path, line: 1, column: 1, severity: 'error', code: 'page/reader-failed', message: `the page parser failed: ${message}` }],
    };
  }
}
