/**
 * The one place the stages are chained: read the docs → parse each page
 * (through the cache) → build the IR → emit the package. Commands call
 * {@link generateInMemory}; only the writer touches the out dir.
 */
import { compareDiagnostics, compareStrings, type Diagnostic } from './diagnostics.js';
import { generatorKey, PageCache, parseThroughCache, type CacheStats, type LintStore } from './cache/page-cache.js';
import type { CodegenConfig } from './config.js';
import { inputFingerprint } from './fingerprint.js';
import { wholeFile } from './emit/contents.js';
import { jsonFileChunks } from './emit/literal.js';
import type { PlanOptions, ServiceReuse } from './emit/model/package.js';
import type { EmitOptions, EmittedFile, WholeFile } from './emit/types.js';
import type { IRDocument } from './ir/types.js';
import type { DocFile, ParsedPage } from './parse/page.js';

/** The stages, as functions, so a test can swap one (e.g. feed a shuffled file list). */
export interface PipelineStages {
  readDocs(root: string): Promise<{ files: DocFile[]; diagnostics: Diagnostic[] }>;
  parsePage(file: DocFile): ParsedPage;
  /**
   * `parsePage` over many files, in order, as one batch (the production
   * stages spread a large one over threads); absent: `parsePage` on each.
   * It may empty `files` as it goes: the pipeline holds no other reference.
   */
  parsePages?(files: DocFile[]): Promise<ParsedPage[]>;
  /** `lintStore`: where findings of pages seen before are kept (the page cache), when there is one. */
  buildDocument(pages: ParsedPage[], lintStore?: LintStore): { document: IRDocument; diagnostics: Diagnostic[] };
  /** The package's files in any order; may be lazy (the production stage renders each as it is asked for). */
  emitPackage(document: IRDocument, options: EmitOptions): Iterable<EmittedFile>;
}

export interface PipelineResult {
  /** Null only where the docs could not be read at all. */
  document: IRDocument | null;
  /** Empty when there are error diagnostics: nothing is emitted from docs with errors. */
  files: WholeFile[];
  /** Sorted (see `compareDiagnostics`). */
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  cacheStats: CacheStats | null;
}

/** A {@link PipelineResult} whose files are produced as they are consumed, in no particular order, once. */
export interface PipelineStream extends Omit<PipelineResult, 'files'> {
  files: Iterable<EmittedFile>;
  /** Settles once the pages parsed in this run are in the cache (written meanwhile, in the background); never rejects. */
  cacheWritten: Promise<void>;
}

export interface ParseResult {
  document: IRDocument;
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  cacheStats: CacheStats | null;
  /** See {@link PipelineStream.cacheWritten}. */
  cacheWritten: Promise<void>;
}

/** The IR as the emitted package carries it (`ir.json`), which `check` compares against. */
export const IR_FILE = 'ir.json';

/**
 * The docs as read, and the fingerprint of everything the output depends on
 * (see `fingerprint.ts`). A pipeline run given inputs takes `files` (empties
 * it) as the parse starts, and lets go of each page's bytes once the page is
 * read: past that point they are dead weight (107 MB for 10k pages).
 */
export interface Inputs {
  files: DocFile[];
  /** What reading reported (unreadable files, …). */
  diagnostics: Diagnostic[];
  fingerprint: string;
}

/**
 * Reads the docs and fingerprints them with the options that shape the
 * output. Loads only the reader: a run that finds its output current
 * stops after this without loading the parser or the emitter.
 */
export async function readInputs(config: CodegenConfig): Promise<Inputs> {
  const { readDocs } = await import('./read/index.js');
  const read = await readDocs(config.docs);
  return { ...read, fingerprint: await inputFingerprint(read.files, read.diagnostics, config) };
}

/**
 * Read, parse and build: the IR of a docs tree, and what was found wrong
 * with it. `inputs`, when the caller has read the docs already, saves
 * reading them twice.
 */
export async function parseToDocument(docsRoot: string, cacheDir: string | null, stages: PipelineStages, inputs?: Inputs): Promise<ParseResult> {
  const read = inputs ? takeFiles(inputs) : sortedFiles(await stages.readDocs(docsRoot));
  const cache = cacheDir === null ? null : new PageCache(cacheDir, await generatorKey());
  // `parseThroughCache` empties `read.files`: nothing here holds a page's bytes while the pages are read.
  const pages = await parseThroughCache(read.files, stages.parsePage, cache, stages.parsePages?.bind(stages));
  const built = stages.buildDocument(pages, cache?.lint);
  // Entries are written once their pages' lint findings are known, while the package is emitted.
  cache?.startWrites();
  const diagnostics = [...read.diagnostics, ...built.diagnostics].sort(compareDiagnostics);
  return {
    document: built.document,
    diagnostics: dedupe(diagnostics),
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
    cacheStats: cache?.stats ?? null,
    cacheWritten: cache?.flush() ?? Promise.resolve(),
  };
}

/** The files of `inputs`, sorted, and `inputs` left without them. */
function takeFiles(inputs: Inputs): { files: DocFile[]; diagnostics: Diagnostic[] } {
  const taken = sortedFiles(inputs);
  inputs.files = [];
  return taken;
}

/** Page order never depends on the order the reader (or the OS) listed them in. */
function sortedFiles(read: { files: DocFile[]; diagnostics: Diagnostic[] }): { files: DocFile[]; diagnostics: Diagnostic[] } {
  return { files: [...read.files].sort((a, b) => compareStrings(a.path, b.path)), diagnostics: read.diagnostics };
}

/** The whole pipeline, its files sorted by path and held in memory: for callers that compare or inspect them (`check`, `diff`, tests). */
export async function generateInMemory(config: CodegenConfig, stages?: PipelineStages, inputs?: Inputs): Promise<PipelineResult> {
  const { cacheWritten, ...stream } = await generateStream(config, stages, inputs);
  const files = [...stream.files].map(wholeFile).sort((a, b) => compareStrings(a.path, b.path));
  await cacheWritten;
  return { ...stream, files };
}

/**
 * The whole pipeline, the files produced one by one as the consumer takes
 * them (`generate` writes each as it comes), so the output is never held
 * in memory at once. `reuse`, when given, lets the emitter take unchanged
 * services' files from an earlier run instead of rendering them.
 */
export async function generateStream(config: CodegenConfig, stages?: PipelineStages, inputs?: Inputs, reuse: ServiceReuse | null = null): Promise<PipelineStream> {
  const chosen = stages ?? (await loadStages());
  const parsed = await parseToDocument(config.docs, config.cache, chosen, inputs);
  if (parsed.hasErrors) return { ...parsed, files: [] };
  // The emitter passes its options on to `planPackage` as they are, reuse included.
  const options: PlanOptions = {
    packageName: config.packageName ?? `@stackql-codegen/${parsed.document.provider.name}`,
    packageVersion: config.packageVersion,
    templatesDir: config.templates,
    defaults: config.defaults,
    reuse,
  };
  return { ...parsed, files: withIrFile(chosen.emitPackage(parsed.document, options), parsed.document) };
}

/** The emitted files, plus `ir.json` where the emitter (custom stages) did not write one: `check` compares against it. */
function* withIrFile(files: Iterable<EmittedFile>, document: IRDocument): Generator<EmittedFile> {
  let sawIr = false;
  for (const file of files) {
    sawIr ||= file.path === IR_FILE;
    yield file;
  }
  if (!sawIr) yield { path: IR_FILE, contents: jsonFileChunks(document) };
}

/**
 * The production stages. Loaded on first use so that commands which never
 * generate (and tests with their own stages) do not pay for the parser.
 */
export async function loadStages(): Promise<PipelineStages> {
  const [read, parsePage, parallel, build, emit] = await Promise.all([
    import('./read/index.js'),
    // The fast reader, with remark only for pages it does not recognise; same results (test/perf/differential.test.ts).
    import('./parse/fast/index.js').then((fast) => fast.createPageReader()),
    import('./parse/fast/parallel.js'),
    import('./ir/build.js'),
    import('./emit/index.js'),
  ]);
  return {
    readDocs: read.readDocs,
    parsePage,
    // The same reader on worker threads for inputs large enough to repay starting them (test/perf/parallel.test.ts).
    parsePages: (files) => parallel.parallelParse(files),
    buildDocument: build.buildDocument,
    emitPackage: emit.emitFiles,
  };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d, i) => i === 0 || compareDiagnostics(d, diagnostics[i - 1] as Diagnostic) !== 0);
}
