import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One whole-process run of a child: wall from the parent, CPU and peak RSS from the child's own rusage. */
export interface ProcessSample {
  wallMs: number;
  userMs: number | null;
  sysMs: number | null;
  /** Peak resident set of the child, in KiB. */
  maxRssKiB: number | null;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

const GNU_TIME = '/usr/bin/time';
// Fallback when GNU time is missing: the child reports its own rusage at exit.
const RUSAGE_HOOK = fileURLToPath(new URL('./rusage-hook.js', import.meta.url));

export function cpuMeasurement(): 'gnu-time' | 'rusage-hook' {
  return existsSync(GNU_TIME) ? 'gnu-time' : 'rusage-hook';
}

/** Runs `node <args>` and measures it as a whole process (node start included). */
export async function runNode(args: string[], options: RunOptions): Promise<ProcessSample> {
  const scratch = mkdtempSync(join(tmpdir(), 'stackql-bench-rusage-'));
  const report = join(scratch, 'rusage');
  try {
    const mode = cpuMeasurement();
    const [command, commandArgs] =
      mode === 'gnu-time'
        ? [GNU_TIME, ['-f', '%U %S %M', '-o', report, process.execPath, ...args]]
        : [process.execPath, ['--import', RUSAGE_HOOK, ...args]];
    const env = mode === 'gnu-time' ? options.env : { ...(options.env ?? process.env), STACKQL_BENCH_RUSAGE: report };
    const started = process.hrtime.bigint();
    const { exitCode, stdout, stderr } = await spawnCollect(command, commandArgs, options.cwd, env);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const usage = readUsage(report, mode);
    return { wallMs, ...usage, exitCode, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readUsage(report: string, mode: 'gnu-time' | 'rusage-hook'): Pick<ProcessSample, 'userMs' | 'sysMs' | 'maxRssKiB'> {
  if (!existsSync(report)) return { userMs: null, sysMs: null, maxRssKiB: null };
  const text = readFileSync(report, 'utf8');
  if (mode === 'rusage-hook') {
    const usage = JSON.parse(text) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
    return { userMs: usage.userCPUTime / 1000, sysMs: usage.systemCPUTime / 1000, maxRssKiB: usage.maxRSS };
  }
  // GNU time writes "Command exited with non-zero status N" before the format line on failure.
  const last = text.trim().split('\n').at(-1) ?? '';
  const [user, sys, rss] = last.split(' ').map(Number);
  if (user === undefined || sys === undefined || rss === undefined || [user, sys, rss].some(Number.isNaN)) {
    return { userMs: null, sysMs: null, maxRssKiB: null };
  }
  return { userMs: user * 1000, sysMs: sys * 1000, maxRssKiB: rss };
}

function spawnCollect(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv | undefined,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Median of the samples that succeeded; null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Medians of a series of runs; every field null when the step could not run (never a made-up number). */
export interface SeriesSummary {
  runs: number;
  wallMs: number | null;
  cpuMs: number | null;
  maxRssMiB: number | null;
  /** Why the step has no numbers, e.g. the command's exit code and first stderr line. */
  unavailable: string | null;
}

export function summarize(samples: readonly ProcessSample[]): SeriesSummary {
  const failed = samples.find((sample) => sample.exitCode !== 0);
  if (failed || samples.length === 0) {
    const reason = failed ? `exit ${failed.exitCode}: ${firstLine(failed.stderr)}` : 'not run';
    return { runs: 0, wallMs: null, cpuMs: null, maxRssMiB: null, unavailable: reason };
  }
  const cpu = samples.flatMap((s) => (s.userMs === null || s.sysMs === null ? [] : [s.userMs + s.sysMs]));
  const rss = samples.flatMap((s) => (s.maxRssKiB === null ? [] : [s.maxRssKiB / 1024]));
  return {
    runs: samples.length,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: cpu.length === samples.length ? median(cpu) : null,
    // Peak, not median: the bound that matters is the worst run.
    maxRssMiB: rss.length === samples.length ? Math.max(...rss) : null,
    unavailable: null,
  };
}

// A thrown error's useful line is the `Error: …` one, not the stack's first (the throw site).
function firstLine(text: string): string {
  const lines = text.trim().split('\n');
  const error = lines.find((line) => /^\w*Error\b/.test(line));
  return (error ?? lines[0] ?? '').slice(0, 160);
}
