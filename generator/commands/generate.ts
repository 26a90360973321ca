import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FLAGS, CONFIG_FLAGS_HELP, resolveConfig, type CodegenConfig } from '../config.js';
import type { Diagnostic } from '../diagnostics.js';
import { generateStream, readInputs, type Inputs, type PipelineStream } from '../pipeline.js';
import { lookAtOutput, OutDirBusyError, writeOutput, type OutputLook } from '../write/index.js';
import type { Command, CommandIO, ExitCode } from './command.js';
import { outputReuse, ReusedFileChangedError, type OutputReuse } from './reuse.js';
import { StatMemo } from './stat-memo.js';

const HELP = `usage: stackql-codegen generate [options]

Reads the docs, and writes the typed client package to the out dir: only
files whose contents changed are written; generated files that no longer
belong are removed; files the generator did not write are never touched.

options:
${CONFIG_FLAGS_HELP}

exit codes:
  0  written (or already up to date)
  2  bad usage, unreadable docs, docs with errors, or a user file in the way (nothing written)
`;

export const generateCommand: Command = {
  name: 'generate',
  summary: 'write the typed package for docs',
  async run(argv, io) {
    const setup = await setUpConfig(argv, io, HELP);
    if (typeof setup === 'number') return setup;
    return generateOnce(setup.config, io);
  },
};

/**
 * One generation into the out dir, reported on `io`; `watch` calls it per
 * change. A reused file that changed while it was being regenerated (see
 * `ReusedFileChangedError`) stops the write before its commit point, and the
 * run starts again without the stat memo, reading every file it reuses.
 */
export async function generateOnce(config: CodegenConfig, io: CommandIO): Promise<ExitCode> {
  try {
    return await generateOnceWith(config, io, true);
  } catch (error) {
    if (!(error instanceof ReusedFileChangedError)) throw error;
    return generateOnceWith(config, io, false);
  }
}

async function generateOnceWith(config: CodegenConfig, io: CommandIO, useMemo: boolean): Promise<ExitCode> {
  const inputs = await readInputs(config);
  const look = await findCurrentOutput(config, inputs, io);
  if (look === 'busy') return 2;
  const { current } = look;
  if (current !== null) {
    reportWarnings(current.warnings, io);
    io.stdout(`${display(io, config.out)}: 0 written, ${current.files.length} unchanged, 0 removed (inputs unchanged since it was generated)\n`);
    return 0;
  }
  // What earlier runs learned of the out dir's files (see `stat-memo.ts`): kept with the page cache, and off with it.
  const memo = useMemo && config.cache !== null ? StatMemo.load(config.cache, resolve(config.out)) : StatMemo.none();
  const reuse = await outputReuse(config, look.record, memo);
  const result = await runPipeline(config, io, inputs, reuse);
  if (result === null) return 2;
  let outcome: Awaited<ReturnType<typeof writeOutput>>;
  try {
    // `reuse.services` fills as the files are consumed; the writer records the stamp after taking the last one.
    const stamp = { fingerprint: inputs.fingerprint, warnings: warningCount(result), services: reuse.services };
    outcome = await writeOutput(config.out, result.files, { inputs: stamp });
  } catch (error) {
    if (error instanceof OutDirBusyError) {
      io.stderr(`stackql-codegen: ${error.message}\n`);
      return 2;
    }
    // A full disk, a file where the out dir should be, a read-only mount: the
    // user's to fix, not a crash. The writer commits all or nothing: before its
    // commit point the previous output stands as it was; after it, the next
    // run (or check, or watch) completes the write first.
    if (!isSystemError(error)) throw error;
    io.stderr(`stackql-codegen: cannot write ${display(io, config.out)}: ${error.message}\n`);
    io.stderr(`stackql-codegen: a write that failed before its commit point left the previous output untouched; one that failed after it is completed by the next run\n`);
    return 2;
  } finally {
    await result.cacheWritten;
  }
  if (!outcome.ok) {
    for (const problem of outcome.problems) io.stderr(`${display(io, config.out)}/${problem.path}: error: ${problem.message}\n`);
    io.stderr(`stackql-codegen: nothing written to ${display(io, config.out)}\n`);
    return 2;
  }
  const { written, unchanged, removed } = outcome.summary;
  await memo.save(unchanged);
  io.stdout(`${display(io, config.out)}: ${written.length} written, ${unchanged.length} unchanged, ${removed.length} removed${cacheNote(result)}\n`);
  return 0;
}

/**
 * Parses flags and resolves the config; prints help or usage errors.
 * Returns an exit code when the command should stop there.
 */
export async function setUpConfig(
  argv: string[],
  io: CommandIO,
  help: string,
  extraFlags: Record<string, { type: 'string' | 'boolean'; short?: string }> = {},
): Promise<{ config: CodegenConfig; values: Record<string, string | boolean | undefined> } | ExitCode> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...CONFIG_FLAGS, ...extraFlags }, strict: true, allowPositionals: false }));
  } catch (error) {
    io.stderr(`stackql-codegen: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help === true) {
    io.stdout(help);
    return 0;
  }
  const { config, diagnostics } = await resolveConfig(values, io.cwd);
  if (diagnostics.length > 0) {
    printDiagnostics(diagnostics, io);
    return 2;
  }
  try {
    if (!(await stat(config.docs)).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    io.stderr(`stackql-codegen: cannot read the docs at ${display(io, config.docs)}: ${(error as Error).message}\n`);
    return 2;
  }
  return { config, values };
}

/**
 * The out dir when it already holds, intact, what these inputs generate
 * (`current`, see `currentOutput`; null when the full run is needed), and
 * the record read on the way (undefined where the out dir was not looked
 * at); 'busy' (after saying so) when another run holds the out dir.
 * Anything else that gets in the way of looking is left for the full run
 * to meet and report.
 */
export async function findCurrentOutput(config: CodegenConfig, inputs: Inputs, io: CommandIO): Promise<{ current: OutputLook['current']; record?: OutputLook['record'] } | 'busy'> {
  if (inputs.diagnostics.some((d) => d.severity === 'error')) return { current: null };
  try {
    return await lookAtOutput(config.out, inputs.fingerprint);
  } catch (error) {
    if (!(error instanceof OutDirBusyError)) return { current: null };
    io.stderr(`stackql-codegen: ${error.message}\n`);
    return 'busy';
  }
}

/**
 * Runs the pipeline and prints its diagnostics; null when the docs have
 * errors. The files come as they are consumed (see `generateStream`),
 * unchanged services' from the out dir when `reuse` is given.
 */
export async function runPipeline(config: CodegenConfig, io: CommandIO, inputs?: Inputs, reuse?: OutputReuse): Promise<PipelineStream | null> {
  const result = await generateStream(config, undefined, inputs, reuse?.reuse ?? null);
  printDiagnostics(
    result.diagnostics.filter((d) => d.severity === 'error'),
    io,
  );
  reportWarnings(warningCount(result), io);
  if (result.hasErrors) {
    io.stderr(`stackql-codegen: the docs have errors; nothing generated\n`);
    return null;
  }
  return result;
}

function warningCount(result: PipelineStream): number {
  return result.diagnostics.filter((d) => d.severity === 'warning').length;
}

export function reportWarnings(warnings: number, io: CommandIO): void {
  if (warnings > 0) io.stderr(`${warnings} warning(s) in the docs; 'stackql-codegen lint' lists them\n`);
}

/** `path:line:col severity code message`, the format `lint` prints. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CommandIO): void {
  for (const d of diagnostics) io.stderr(`${d.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`);
}

/** Paths as the user would type them: relative to the working directory where that is shorter. */
export function display(io: CommandIO, path: string): string {
  const rel = relative(io.cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') && rel.length > path.length ? path : rel;
}

/** An error from the operating system (`ENOSPC`, `ENOTDIR`, `EACCES`, …), as Node reports them. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function cacheNote(result: PipelineStream): string {
  const stats = result.cacheStats;
  if (stats === null) return '';
  return ` (cache: ${stats.hits} hit(s), ${stats.misses} miss(es)${stats.rejected > 0 ? `, ${stats.rejected} rejected` : ''})`;
}
