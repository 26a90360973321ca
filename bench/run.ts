/**
 * `npm run bench`: whole-process timings of the generator on the real corpora
 * and a synthetic 10k-page corpus, against the floor (read every page, write
 * every output file, no parsing). Prints a table, writes `bench/results.json`
 * (or prints the JSON with `--json`). Steps whose command is not in the build
 * are reported as unavailable with the reason, never estimated.
 *
 * Options: --runs N (default 5), --scale-runs N (default 3), --no-scale,
 * --corpora okta,github, --json, --against <other build's dist/generator/cli.js>.
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
const cli = join(repoRoot, 'dist/generator/cli.js');
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

function scratchDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `stackql-bench-${label}-`));
}

/** Outputs a cold run must not see: the out dir and any cache beside it or in the working directory. */
function makeCold(work: string, out: string): void {
  rmSync(out, { recursive: true, force: true });
  rmSync(join(work, '.stackql-codegen-cache'), { recursive: true, force: true });
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
  const work = scratchDir(name);
  const out = join(work, 'out');
  try {
    log(`${name}: cold generate`);
    const generate = await repeat(options.runs, () => makeCold(work, out), () =>
      runNode([cli, 'generate', '--docs', docs, '--out', out], { cwd: work }),
    );
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
    const floorOut = join(work, 'floor');
    const floor = await repeat(options.runs, () => rmSync(floorOut, { recursive: true, force: true }), () =>
      runNode([floorScript, '--docs', docs, '--out', floorOut, '--plan', planFile], { cwd: work }),
    );

    let against: CorpusResult['against'] = null;
    if (options.against !== null) {
      log(`${name}: cold generate, interleaved with ${options.against}`);
      against = await coldPairs(options.runs, options.against, docs, work, out);
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
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Cold `generate` of this build and of `otherCli`, `runs` pairs, the first of each pair alternating. */
async function coldPairs(runs: number, otherCli: string, docs: string, work: string, out: string): Promise<NonNullable<CorpusResult['against']>> {
  const self: ProcessSample[] = [];
  const other: ProcessSample[] = [];
  for (let pair = 0; pair < runs; pair += 1) {
    const order = pair % 2 === 0 ? [cli, otherCli] : [otherCli, cli];
    for (const script of order) {
      makeCold(work, out);
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
    const work = scratchDir(`scale${pages}`);
    try {
      const docs = join(work, 'docs');
      const out = join(work, 'out');
      log(`scale ${pages}: building`);
      const bytes = buildSyntheticCorpus(sources, pages, docs);
      log(`scale ${pages}: generate`);
      const generate = await repeat(options.scaleRuns, () => makeCold(work, out), () => runNode([cli, 'generate', '--docs', docs, '--out', out], { cwd: work }));
      log(`scale ${pages}: fast reader with fallback`);
      const auto = await readerSeries(options.scaleRuns, docs, 'auto', work);
      results.push({ pages, bytes, generate, auto: auto.series });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return results;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string): void => {
    process.stderr.write(`bench: ${line}\n`);
  };
  const corpora: CorpusResult[] = [];
  for (const name of options.corpora) corpora.push(await benchCorpus(name, options, log));
  const scale = options.scale ? await benchScale(options, log) : [];
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
