/**
 * The whole generated package as a list of files to render: which template
 * each file uses and the view it gets. The only module that decides which
 * files exist.
 */
import { createHash } from 'node:crypto';
import type { IRDocument } from '../../ir/types.js';
import type { ChunkedText, EmitOptions, OnDiskProof } from '../types.js';
import { jsonFile, jsonFileChunks, jsString, tsLiteral } from '../literal.js';
import { docText, NameScope } from '../names.js';
import { resourceFixtures } from './fixtures.js';
import { placeServices, type ServicePlacement } from './layout.js';
import { resourceView, type MethodView, type ResourceView } from './resource.js';
import { ResourceJson } from './resource-json.js';

/** Versions the generated package builds and tests with: those this repository uses. */
export const TOOL_VERSIONS = {
  typescript: '^5.9.3',
  vitest: '^4.1.12',
  '@types/node': '^20.19.43',
  pg: '^8.23.1',
} as const;

/** A file to render from a template, or one whose contents are already final (JSON, copied runtime). */
export type PlannedFile =
  | { path: string; template: string; view: object }
  | { path: string; contents: string | ChunkedText; onDisk?: OnDiskProof };

/** What the root files (index, README) need of a service: kept so that a service whose files are reused need not be viewed again. */
export interface ServiceSummary {
  member: string;
  dir: string;
  factory: string;
  name: string;
  resources: { id: string; kind: string; methodList: string }[];
  defects: { resource: string; method: string; code: string; message: string; effect: string }[];
}

/** A service's part of the package: its files and root summary, under the key of everything they were made from. */
export interface ServiceOutput {
  /** See {@link serviceKey}. */
  key: string;
  /** The service's files, in the order planned. */
  files: string[];
  summary: ServiceSummary;
}

/**
 * Lets planning skip the services whose files are already at hand (the
 * out dir of an earlier run): a service whose key is unchanged gets its
 * files' contents from {@link ServiceReuse.reuse} instead of views and
 * templates. It travels in the options (see {@link PlanOptions}) so the
 * emitter passes it through untouched.
 */
export interface ServiceReuse {
  /** A hash of what, besides the document, every file depends on: the generator build, the emit options, the templates dir's contents. */
  contextKey: string;
  /**
   * The contents of the files a run recorded for `dir` under `key`, and its
   * summary, when they are all still intact; null renders the service. Each
   * file says how it was found on disk (see `OnDiskProof`), so the writer
   * need not read it again; its contents may be read only when asked for
   * (chunked), where the file was known by its proof without reading it.
   */
  reuse(dir: string, key: string): { files: { path: string; contents: string | ChunkedText; onDisk: OnDiskProof }[]; summary: ServiceSummary } | null;
  /** Told every service, rendered or reused, in order: what a later run may reuse. */
  planned(dir: string, output: ServiceOutput, reused: boolean): void;
}

export interface PlanOptions extends EmitOptions {
  reuse?: ServiceReuse | null;
}

/**
 * What every service's files depend on besides the service itself: the
 * context (see {@link ServiceReuse.contextKey}), the IR version and the
 * provider (its `serverParams` reach every resource view).
 */
export function documentKey(contextKey: string, doc: IRDocument): string {
  return createHash('sha256').update(`stackql-codegen-services/2\0${contextKey}\0${doc.irVersion}\0`).update(JSON.stringify(doc.provider)).digest('hex');
}

/**
 * The key of everything a service's files depend on: the {@link documentKey}
 * and the service's placement (its name, directory and member names as
 * `placeServices` decided them across all services, and its resources' IR
 * and placements). Service views read nothing else of the document. Each
 * resource's IR counts by the digest of its whole JSON text (see
 * `ResourceJson`).
 */
export function serviceKey(documentKeyHex: string, placement: ServicePlacement, irDigests: Pick<ResourceJson, 'digest'>): string {
  // Spread, so that whatever a placement gains later counts in the key without being listed here.
  const resources = placement.resources.map(({ resource, ...placed }) => ({ ...placed, ir: irDigests.digest(resource) }));
  const placed = { ...placement, resources };
  return createHash('sha256').update(`${documentKeyHex}\0`).update(JSON.stringify(placed)).digest('hex');
}

function packageJson(services: readonly ServicePlacement[], options: EmitOptions): string {
  const exports: Record<string, { types: string; import: string }> = {
    '.': { types: './dist/index.d.ts', import: './dist/index.js' },
    './runtime': { types: './dist/runtime/index.d.ts', import: './dist/runtime/index.js' },
    './fixtures': { types: './dist/fixtures/index.d.ts', import: './dist/fixtures/index.js' },
  };
  for (const service of services) {
    exports[`./${service.dir}`] = { types: `./dist/${service.dir}/index.d.ts`, import: `./dist/${service.dir}/index.js` };
  }
  return jsonFile({
    name: options.packageName,
    version: options.packageVersion,
    type: 'module',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports,
    files: ['dist', 'ir.json', 'README.md'],
    scripts: { build: 'tsc -p tsconfig.json', test: 'vitest run', typecheck: 'tsc -p tsconfig.test.json' },
    peerDependencies: { pg: TOOL_VERSIONS.pg },
    peerDependenciesMeta: { pg: { optional: true } },
    devDependencies: {
      '@types/node': TOOL_VERSIONS['@types/node'],
      typescript: TOOL_VERSIONS.typescript,
      vitest: TOOL_VERSIONS.vitest,
    },
  });
}

/** A method as its generated test sees it: only defects that survive normalisation make the example differ. */
function testMethodView(method: MethodView): object {
  const differing = method.defects.filter((defect) => defect.differs);
  return {
    ...method,
    isSelect: method.verb === 'select',
    exampleTestName: jsString(
      differing.length > 0
        ? `${method.facts.method.name}: the doc example differs from the rendered shape by ${differing.map((d) => d.code).join(', ')}`
        : `${method.facts.method.name}: the rendered shape is the doc example`,
    ),
    fixtureTestName: jsString(`${method.facts.method.name}: fixture rows decode to the row type`),
    repairable: differing.every((defect) => defect.repair !== null),
    defects: differing.map((defect) => ({
      title: method.title,
      message: docText(defect.message),
      repairPattern: jsString(defect.repair?.pattern ?? ''),
      repairReplacement: jsString(defect.repair?.replacement ?? ''),
    })),
  };
}

function resourceTitle(view: ResourceView): string {
  return view.methods.map((method) => `\`${method.facts.method.name.replace(/`/g, "'")}\``).join(', ') || 'no methods';
}

/**
 * The package's files, in a fixed order, one service at a time: a service's
 * views (the bulk of the emitter's memory) are built when its turn comes and
 * dropped after its files, so a consumer that writes each file as it comes
 * holds one service's views, not the whole package's. What the root files
 * (index, README) need of every service is kept in small summaries. Given
 * a {@link ServiceReuse}, a service whose key is unchanged is not viewed
 * at all: its files come as they were.
 */
export function* planPackage(doc: IRDocument, options: PlanOptions, runtimeFiles: ReadonlyArray<{ path: string; contents: string }>): Generator<PlannedFile> {
  const placements = placeServices(doc);
  const reuse = options.reuse ?? null;
  const docKey = reuse === null ? null : documentKey(reuse.contextKey, doc);
  // Only keys need the resources' digests; without them `ir.json` is written as it is.
  const resourceJson = docKey === null ? null : new ResourceJson(doc.resources);

  yield { path: 'package.json', template: 'package.json.hbs', view: { packageJson: packageJson(placements, options).trimEnd() } };
  yield { path: 'tsconfig.json', template: 'tsconfig.json.hbs', view: {} };
  yield { path: 'tsconfig.test.json', template: 'tsconfig.test.json.hbs', view: {} };
  yield { path: 'ir.json', contents: resourceJson === null ? jsonFileChunks(doc) : jsonFileChunks(doc, 2, resourceJson.textOf) };
  for (const file of runtimeFiles) yield { path: `src/runtime/${file.path}`, contents: file.contents };

  const defaultsSorted = Object.fromEntries(Object.entries(options.defaults).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  yield { path: 'src/defaults.ts', template: 'defaults.ts.hbs', view: { defaultsLiteral: tsLiteral(defaultsSorted) } };

  const summaries: ServiceSummary[] = [];
  for (const placement of placements) {
    const key = docKey === null || resourceJson === null ? null : serviceKey(docKey, placement, resourceJson);
    const reused = key === null ? null : reuse?.reuse(placement.dir, key) ?? null;
    const files: string[] = [];
    let summary: ServiceSummary;
    if (reused !== null) {
      for (const file of reused.files) {
        files.push(file.path);
        yield file;
      }
      summary = reused.summary;
    } else {
      const planned = servicePlan(placement, doc, options);
      for (const file of planned.files) {
        files.push(file.path);
        yield file;
      }
      summary = planned.summary;
    }
    summaries.push(summary);
    if (key !== null) reuse?.planned(placement.dir, { key, files, summary }, reused !== null);
  }

  const rootView = {
    providerTitle: docText(doc.provider.name),
    services: summaries.map((summary) => ({ member: summary.member, dir: summary.dir, factory: summary.factory })),
  };
  const readmeServices = summaries.map((summary) => ({ name: summary.name, dir: summary.dir, resources: summary.resources }));
  const defects = summaries.flatMap((summary) => summary.defects);
  yield { path: 'src/index.ts', template: 'index.ts.hbs', view: rootView };
  yield { path: 'src/fixtures/index.ts', template: 'fixtures-index.ts.hbs', view: { services: rootView.services } };
  yield { path: 'test/support.ts', template: 'support.ts.hbs', view: {} };

  const serverParams = doc.provider.serverParams.map((param) => param.name.replace(/`/g, "'"));
  yield {
    path: 'README.md',
    template: 'README.md.hbs',
    view: {
      packageName: options.packageName,
      providerName: doc.provider.name.replace(/`/g, "'"),
      serverParams,
      defaultsExample: serverParams.length > 0 ? tsLiteral(Object.fromEntries(serverParams.map((name) => [name, options.defaults[name] ?? '…']))) : null,
      services: readmeServices,
      defects,
    },
  };
}

/** One service's files, with their views (built when the service's turn comes, dropped after its files), and its summary. */
function servicePlan(placement: ServicePlacement, doc: IRDocument, options: EmitOptions): { files: Iterable<PlannedFile>; summary: ServiceSummary } {
  const resources: ResourceView[] = placement.resources.map((resource) => resourceView(resource, doc.provider.serverParams));
  const bindings = new NameScope(false, [...resources.map((r) => r.placement.member), 'withDefaults', 'ClientContext']);
  const service = {
    placement,
    resources,
    title: docText(placement.name),
    name: placement.name.replace(/`/g, "'"),
    dir: placement.dir,
    member: placement.member,
    factory: bindings.claim(`create${placement.typeStem}Client`),
    clientType: bindings.claim(`${placement.typeStem}Client`),
  };
  const files: PlannedFile[] = [];
  for (const resource of service.resources) {
    files.push({ path: `src/${service.dir}/${resource.placement.file}.ts`, template: 'resource.ts.hbs', view: resource });
  }
  files.push({
    path: `src/${service.dir}/index.ts`,
    template: 'service.ts.hbs',
    view: {
      ...service,
      resources: service.resources.map((resource) => ({ member: resource.placement.member, file: resource.placement.file, factory: resource.factory })),
    },
  });
  const fixtureResources = service.resources.map((resource) => resourceFixtures(resource, options.defaults));
  files.push({ path: `src/fixtures/${service.dir}.ts`, template: 'fixtures-service.ts.hbs', view: { title: service.title, dir: service.dir, resources: fixtureResources } });
  files.push({
    path: `test/${service.dir}.test.ts`,
    template: 'service.test.ts.hbs',
    view: {
      title: service.title,
      dir: service.dir,
      factory: service.factory,
      resources: service.resources.map((resource) => ({
        member: resource.placement.member,
        file: resource.placement.file,
        idLiteral: resource.idLiteral,
        methods: resource.methods.map((method) => testMethodView(method)),
      })),
    },
  });
  const defects: ServiceSummary['defects'] = [];
  for (const resource of service.resources) {
    for (const method of resource.methods) {
      for (const defect of method.defects) {
        defects.push({
          resource: resource.id.replace(/`/g, "'"),
          method: method.facts.method.name.replace(/`/g, "'"),
          code: defect.code,
          message: defect.message.replace(/`/g, "'"),
          effect: defect.differs ? (defect.repair ? 'the test repairs it and compares' : 'the test checks the example differs') : 'the comparison is equal regardless',
        });
      }
    }
  }
  return {
    files,
    summary: {
      member: service.member,
      dir: service.dir,
      factory: service.factory,
      name: service.name,
      resources: service.resources.map((resource) => ({
        id: resource.id.replace(/`/g, "'"),
        kind: resource.placement.resource.kind,
        methodList: resourceTitle(resource),
      })),
      defects,
    },
  };
}
