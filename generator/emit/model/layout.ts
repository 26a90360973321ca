/**
 * Where each service and resource goes in the generated package and what it
 * is called there. Decided once for the whole document, in sorted order, so
 * names and files never depend on the order pages were read in.
 */
import { compareStrings } from '../../diagnostics.js';
import type { IRDocument, IRResource } from '../../ir/types.js';
import { camelCase, fileSegment, NameScope, pascalCase } from '../names.js';

export interface ResourcePlacement {
  resource: IRResource;
  /** File name without `.ts`, unique within its service directory (case-insensitively). */
  file: string;
  /** Member of the service client and namespace in the service module. */
  member: string;
  /** PascalCase stem for the resource's type and factory names. */
  typeStem: string;
}

export interface ServicePlacement {
  /** The service name as the docs write it. */
  name: string;
  /** Directory under `src/` and subpath export; unique case-insensitively, never a name the package uses itself. */
  dir: string;
  /** Member of the root client and namespace in the root module. */
  member: string;
  typeStem: string;
  resources: ResourcePlacement[];
}

/** Directories and subpaths the package itself uses under `src/`. */
const PACKAGE_DIRS = ['runtime', 'fixtures', 'index', 'defaults', 'package.json'];
/** Names the root module binds itself (see `index.ts.hbs`). */
export const ROOT_BINDINGS = [
  'createClient', 'Client', 'ClientOptions', 'defaults', 'withDefaults', 'ClientContext', 'Executor',
  'fixtures', 'pgwire', 'stackqlExec', 'runtime', 'fixtureSet', 'FixtureSet',
];
/**
 * Names a service module, its fixtures module or its test binds next to the
 * resource namespaces (see `service.ts.hbs`, `fixtures-service.ts.hbs`,
 * `service.test.ts.hbs`).
 */
const SERVICE_BINDINGS = [
  'withDefaults', 'ClientContext', 'fixtures', 'renderExampleShape', 'service', 'normalise', 'client',
  'describe', 'expect', 'it', 'MethodFixture', 'MethodSpec', 'samples', 'specs',
];
/** Resource file names the service directory uses itself. */
const SERVICE_FILES = ['index'];

export function placeServices(doc: IRDocument): ServicePlacement[] {
  const byService = new Map<string, IRResource[]>();
  for (const service of doc.provider.services) byService.set(service, []);
  for (const resource of doc.resources) {
    const list = byService.get(resource.service) ?? [];
    list.push(resource);
    byService.set(resource.service, list);
  }
  const dirs = new NameScope(true, PACKAGE_DIRS);
  const members = new NameScope(false, ROOT_BINDINGS);
  const typeStems = new NameScope(false);
  const services: ServicePlacement[] = [];
  for (const name of [...byService.keys()].sort(compareStrings)) {
    const resources = [...(byService.get(name) ?? [])].sort(
      (a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id),
    );
    if (resources.length === 0) continue;
    const files = new NameScope(true, SERVICE_FILES);
    const resourceMembers = new NameScope(false, SERVICE_BINDINGS);
    const resourceStems = new NameScope(false);
    services.push({
      name,
      dir: dirs.claim(fileSegment(name)),
      member: members.claim(camelCase(name)),
      typeStem: typeStems.claim(pascalCase(name)),
      resources: resources.map((resource) => ({
        resource,
        file: files.claim(fileSegment(resource.name)),
        member: resourceMembers.claim(camelCase(resource.name)),
        typeStem: resourceStems.claim(pascalCase(resource.name)),
      })),
    });
  }
  return services;
}
