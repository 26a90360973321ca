/**
 * `npm run bench`: whole-process timings of the generator on the real corpora
 * and a synthetic 10k-page corpus, against the floor (read every page, write
 * every output file, no parsing). Prints a table, writes `bench/results.json`
 * (or prints the JSON with `--json`). Steps whose command is not in the build
 * are reported as unavailable with the reason, never estimated.
 *
 * Options: --runs N (default 5), --scale-runs N (default 3), --no-scale,
 * --corpora okta,github, --json, --against <other build's CLI script (its bin, or dist/generator/cli.js before the bundle)>.
 *
 * With `--against`, each corpus also gets cold `generate` of this build and
 * of the other one in interleaved pairs (the order alternating pair by
 * pair), so the two are compared under the same load: on a shared machine,
 * figures from separate runs differ by more than most changes do.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSyntheticCorpus, copyTree, corpusStats, isDocPage, isResourcePage, listFiles, type CorpusStats } from './corpus.js';
import { cpuMeasurement, runNode, summarize, type ProcessSample, type SeriesSummary } from './measure.js';
import { renderReport } from './report.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** What users run: the package's `bin` (the bundle), not the modules it is made from. */
const cli = join(repoRoot, (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['stackql-codegen'] as string);
const floorScript = join(repoRoot, 'dist/bench/floor.js');
const readAllScript = join(repoRoot, 'dist/bench/read-all.js');

interface Options {
  runs: number;
  scaleRuns: number;
  scale: boolean;
  corpora: string[];
  json: boolean;
  /** Another build's CLI to compare cold `generate` with; null: none. */
  against: string | null;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  return {
    runs: Number(value('--runs') ?? 5),
    scaleRuns: Number(value('--scale-runs') ?? 3),
    scale: !argv.includes('--no-scale'),
    corpora: (value('--corpora') ?? 'okta,github').split(','),
    json: argv.includes('--json'),
    against: value('--against') ?? null,
  };
}

export interface CorpusResult {
  name: string;
  stats: CorpusStats;
  /** Files and bytes `generate` wrote; null when it did not run. */
  output: { files: number; bytes: number } | null;
  generate: SeriesSummary;
  check: SeriesSummary;
  onePageChange: SeriesSummary;
  floor: SeriesSummary;
  /** `output` (the real output's paths and sizes) or `input-mirror` (one file per page, same size) when there is no output yet. */
  floorPlan: 'output' | 'input-mirror';
  remark: SeriesSummary;
  fast: SeriesSummary;
  /** Share of doc files the fast reader recognised (no fallback). */
  fastAccepted: number | null;
  auto: SeriesSummary;
  /** Cold `generate` of this build and of `--against`'s, in interleaved pairs; null without `--against`. */
  against: { cli: string; self: SeriesSummary; other: SeriesSummary } | null;
}

export interface ScaleResult {
  pages: number;
  bytes: number;
  generate: SeriesSummary;
  auto: SeriesSummary;
}

export interface BenchResults {
  node: string;
  cpuMeasurement: string;
  runs: number;
  corpora: CorpusResult[];
  scale: ScaleResult[];
}

async function repeat(runs: number, before: (() => void) | null, run: () => Promise<ProcessSample>): Promise<SeriesSummary> {
  const samples: ProcessSample[] = [];
  for (let index = 0; index < runs; index += 1) {
    before?.();
    const sample = await run();
    samples.push(sample);
    // A step that fails once fails every time; don't spend the remaining runs on it.
    if (sample.exitCode !== 0) break;
  }
  return summarize(samples);
}

/**
 * Every directory the bench uses lives under one root, deleted only when the
 * bench ends. Each cold run gets a directory of its own instead of deleting
 * the last run's output: on ext4 without a journal (this machine's root),
 * allocating an inode within about 30 s of many deletions costs kernel time
 * that grows with the number deleted (the inode allocator skips each
 * recently deleted inode), so deleting before every run charged the bench's
 * own clean-up to the run after it. Consecutive okta runs after a delete
 * each read 0.27, 0.48, 0.67, 0.81, 0.94 s of system time; without deletes,
 * 0.35-0.59 s.
 */
let scratchRoot: string | null = null;

function scratchDir(label: string): string {
  scratchRoot ??= mkdtempSync(join(tmpdir(), 'stackql-bench-'));
  return mkdtempSync(join(scratchRoot, `${label}-`));
}

/** Where a cold run works: a directory of its own (its cwd, so the page cache is in it too) and the out dir inside, not there yet. */
interface ColdDir {
  work: string;
  out: string;
}

function coldDir(label: string): ColdDir {
  const work = scratchDir(label);
  return { work, out: join(work, 'out') };
}

/** `runs` cold runs, each in a fresh {@link ColdDir}; the last one's is returned for the steps that start from its output. */
async function coldSeries(runs: number, label: string, run: (dir: ColdDir) => Promise<ProcessSample>): Promise<{ series: SeriesSummary; last: ColdDir }> {
  let last = coldDir(label);
  let first = true;
  const series = await repeat(runs, null, () => {
    if (!first) last = coldDir(label);
    first = false;
    return run(last);
  });
  return { series, last };
}

function outputShape(out: string): { files: number; bytes: number; plan: { path: string; bytes: number }[] } | null {
  try {
    const plan = listFiles(out).map((path) => ({ path, bytes: statSync(join(out, path)).size }));
    return { files: plan.length, bytes: plan.reduce((sum, file) => sum + file.bytes, 0), plan };
  } catch {
    return null;
  }
}

/** Changes one page's frontmatter description, so a one-page regeneration has something real to do. */
function touchOnePage(docs: string, revision: number): void {
  const page = listFiles(docs).find(isResourcePage);
  if (!page) return;
  const full = join(docs, page);
  const text = readFileSync(full, 'utf8');
  const touched = text.replace(/^description: (.*?)(?: \(rev \d+\))?$/m, `description: $1 (rev ${revision})`);
  writeFileSync(full, touched);
}

async function readerSeries(runs: number, docs: string, reader: string, work: string): Promise<{ series: SeriesSummary; recognised: number | null; files: number | null }> {
  let last: ProcessSample | null = null;
  const series = await repeat(runs, null, async () => {
    last = await runNode([readAllScript, '--docs', docs, '--reader', reader], { cwd: work });
    return last;
  });
  const sample = last as ProcessSample | null;
  if (!sample || sample.exitCode !== 0) return { series, recognised: null, files: null };
  const summary = JSON.parse(sample.stdout) as { recognised: number; files: number };
  return { series, recognised: summary.recognised, files: summary.files };
}

async function benchCorpus(name: string, options: Options, log: (line: string) => void): Promise<CorpusResult> {
  const docs = join(repoRoot, '..', 'shared', 'corpus', name);
  const stats = corpusStats(docs);
  log(`${name}: cold generate`);
  const cold = await coldSeries(options.runs, `${name}-cold`, (dir) => runNode([cli, 'generate', '--docs', docs, '--out', dir.out], { cwd: dir.work }));
  const generate = cold.series;
  // Check and the one-page change start from the last cold run's output and cache.
  const { work, out } = cold.last;
  const shape = generate.unavailable === null ? outputShape(out) : null;

  log(`${name}: no-change check`);
  const check =
    generate.unavailable === null
      ? await repeat(options.runs, null, () => runNode([cli, 'check', '--docs', docs, '--out', out], { cwd: work }))
      : unavailable('generate is unavailable');

  log(`${name}: one-page-change generate`);
  let onePageChange: SeriesSummary = unavailable('generate is unavailable');
  if (generate.unavailable === null) {
    const copy = join(work, 'docs');
    copyTree(docs, copy);
    const warm = await runNode([cli, 'generate', '--docs', copy, '--out', out], { cwd: work });
    let revision = 0;
    onePageChange =
      warm.exitCode === 0
        ? await repeat(options.runs, () => touchOnePage(copy, (revision += 1)), () =>
            runNode([cli, 'generate', '--docs', copy, '--out', out], { cwd: work }),
          )
        : summarize([warm]);
  }

  log(`${name}: floor`);
  const plan = shape?.plan ?? listFiles(docs).filter(isDocPage).map((path) => ({ path: `${path}.out`, bytes: statSync(join(docs, path)).size }));
  const planFile = join(work, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const { series: floor } = await coldSeries(options.runs, `${name}-floor`, (dir) =>
    runNode([floorScript, '--docs', docs, '--out', dir.out, '--plan', planFile], { cwd: work }),
  );

  let against: CorpusResult['against'] = null;
  if (options.against !== null) {
    log(`${name}: cold generate, interleaved with ${options.against}`);
    against = await coldPairs(options.runs, options.against, name, docs);
  }

  log(`${name}: readers`);
  const remark = await readerSeries(options.runs, docs, 'remark', work);
  const fast = await readerSeries(options.runs, docs, 'fast', work);
  const auto = await readerSeries(options.runs, docs, 'auto', work);
  return {
    name,
    stats,
    output: shape ? { files: shape.files, bytes: shape.bytes } : null,
    generate,
    check,
    onePageChange,
    floor,
    floorPlan: shape ? 'output' : 'input-mirror',
    remark: remark.series,
    fast: fast.series,
    fastAccepted: fast.recognised !== null && fast.files ? fast.recognised / fast.files : null,
    auto: auto.series,
    against,
  };
}

/** Cold `generate` of this build and of `otherCli`, `runs` pairs, the first of each pair alternating. */
async function coldPairs(runs: number, otherCli: string, name: string, docs: string): Promise<NonNullable<CorpusResult['against']>> {
  const self: ProcessSample[] = [];
  const other: ProcessSample[] = [];
  for (let pair = 0; pair < runs; pair += 1) {
    const order = pair % 2 === 0 ? [cli, otherCli] : [otherCli, cli];
    for (const script of order) {
      const { work, out } = coldDir(`${name}-pair`);
      (script === cli ? self : other).push(await runNode([script, 'generate', '--docs', docs, '--out', out], { cwd: work }));
    }
  }
  return { cli: otherCli, self: summarize(self), other: summarize(other) };
}

function unavailable(reason: string): SeriesSummary {
  return { runs: 0, wallMs: null, cpuMs: null, maxRssMiB: null, unavailable: reason };
}

async function benchScale(options: Options, log: (line: string) => void): Promise<ScaleResult[]> {
  const sources = [
    { provider: 'okta', root: join(repoRoot, '..', 'shared', 'corpus', 'okta') },
    { provider: 'github', root: join(repoRoot, '..', 'shared', 'corpus', 'github') },
  ];
  const results: ScaleResult[] = [];
  for (const pages of [1000, 5000, 10000]) {
    const docs = join(scratchDir(`scale${pages}`), 'docs');
    log(`scale ${pages}: building`);
    const bytes = buildSyntheticCorpus(sources, pages, docs);
    log(`scale ${pages}: generate`);
    const { series: generate, last } = await coldSeries(options.scaleRuns, `scale${pages}-cold`, (dir) =>
      runNode([cli, 'generate', '--docs', docs, '--out', dir.out], { cwd: dir.work }),
    );
    log(`scale ${pages}: fast reader with fallback`);
    const auto = await readerSeries(options.scaleRuns, docs, 'auto', last.work);
    results.push({ pages, bytes, generate, auto: auto.series });
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string): void => {
    process.stderr.write(`bench: ${line}\n`);
  };
  const corpora: CorpusResult[] = [];
  let scale: ScaleResult[] = [];
  try {
    for (const name of options.corpora) corpora.push(await benchCorpus(name, options, log));
    scale = options.scale ? await benchScale(options, log) : [];
  } finally {
    if (scratchRoot !== null) rmSync(scratchRoot, { recursive: true, force: true });
  }
  const results: BenchResults = { node: process.version, cpuMeasurement: cpuMeasurement(), runs: options.runs, corpora, scale };
  const json = `${JSON.stringify(results, null, 2)}\n`;
  if (options.json) {
    process.stdout.write(json);
  } else {
    writeFileSync(join(repoRoot, 'bench', 'results.json'), json);
    process.stdout.write(renderReport(results));
  }
}

await main();
