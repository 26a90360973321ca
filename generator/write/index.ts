/**
 * The one module that touches the out dir. Emitters return files; this
 * decides what to write, what to delete and what to refuse, then hands the
 * change to the journaled transaction in `transaction.ts`.
 *
 * Rules:
 * - only files whose contents changed are written (unchanged files keep
 *   their mtime);
 * - files the ownership record (`.stackql-codegen.json`) lists and the new
 *   output lacks are deleted; nothing else ever is;
 * - a file not in the record standing where a new generated file goes is
 *   the user's: the whole write is refused with an error naming it and
 *   nothing is written — unless its bytes are already exactly the new
 *   contents, in which case it is adopted (nothing of the user's is lost);
 * - every emitted path is checked before anything is written (relative,
 *   POSIX, no `..`, not reserved) and no directory on its way may be a
 *   symlink, so nothing lands outside the out dir.
 */
import type { Stats } from 'node:fs';
import { lstat, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareStrings } from '../diagnostics.js';
import type { EmittedFile } from '../emit/types.js';
import { IO_CONCURRENCY } from './transaction.js';
import { mapLimit, memoize } from './concurrency.js';
import { checkEmittedPath, checkEmittedPaths, OWNERSHIP_RECORD, parentDirs } from './paths.js';
import { makeRecord, parseRecord, renderRecord, sha256Hex, type InputStamp, type OwnershipRecord } from './record.js';
import { withOutDirLock } from './lock.js';
import { isNotFound, recoverTransaction, runTransaction, type StepHook } from './transaction.js';

export { OWNERSHIP_RECORD } from './paths.js';
export type { InputStamp } from './record.js';
export { OutDirBusyError } from './lock.js';

/** A reason the writer refused; `path` is relative to the out dir. */
export interface WriteProblem {
  path: string;
  message: string;
}

export interface WriteSummary {
  written: string[];
  unchanged: string[];
  removed: string[];
}

export type WriteOutcome = { ok: true; summary: WriteSummary } | { ok: false; problems: WriteProblem[] };

/** What the out dir holds, as far as the generator is concerned. */
export interface OutputSnapshot {
  /** The record, or null where there is none (a fresh out dir) or it is unreadable (see `recordError`). */
  record: OwnershipRecord | null;
  recordError: string | null;
  /** Contents of every recorded file that exists (path → text), the record itself included. */
  files: Map<string, string>;
}

/**
 * Reads what the generator owns in `outDir`, after recovering any
 * interrupted write (see `transaction.ts`), so a reader never sees a mix.
 * Holds the out dir's lock (see `lock.ts`) meanwhile.
 */
export async function readOutput(outDir: string): Promise<OutputSnapshot> {
  const root = resolve(outDir);
  if (!(await isDirectory(root))) return { record: null, recordError: null, files: new Map() };
  return withOutDirLock(root, () => readOutputLocked(root));
}

/**
 * Completes or undoes an interrupted write (see `transaction.ts`) and says
 * which; what every reader of the out dir does first.
 */
export async function recoverOutDir(outDir: string): Promise<'none' | 'rolled-forward' | 'discarded'> {
  const root = resolve(outDir);
  if (!(await isDirectory(root))) return 'none';
  return withOutDirLock(root, () => recoverTransaction(root));
}

async function readOutputLocked(root: string): Promise<OutputSnapshot> {
  await recoverTransaction(root);
  const recordText = await readTextOrNull(join(root, OWNERSHIP_RECORD));
  const files = new Map<string, string>();
  if (recordText === null) return { record: null, recordError: null, files };
  const parsed = parseRecord(recordText);
  if ('error' in parsed) return { record: null, recordError: parsed.error, files };
  files.set(OWNERSHIP_RECORD, recordText);
  const lstatCached = memoize((path: string) => lstatOrNull(path));
  const paths = Object.keys(parsed.record.files).filter((path) => checkEmittedPath(path) === null);
  const texts = await mapLimit(paths, IO_CONCURRENCY, async (path) =>
    (await pathLeavesOutDir(root, path, lstatCached)) ? null : readTextOrNull(join(root, path)),
  );
  paths.forEach((path, index) => {
    const text = texts[index];
    if (text !== null && text !== undefined) files.set(path, text);
  });
  return { record: parsed.record, recordError: null, files };
}

export interface WriteOptions {
  /** Called at each step of the transaction (tests crash there). */
  hook?: StepHook;
  inputs?: InputStamp | null;
}

/** An out dir that a run over the same inputs would leave as it is. */
export interface CurrentOutput {
  /** The generated files (the record not included), sorted. */
  files: string[];
  warnings: number;
}

/**
 * Whether `outDir` holds, intact, the output of a run whose inputs had
 * `fingerprint` (see `fingerprint.ts`): the record carries it, and every
 * file it lists is there with the bytes it recorded. Null otherwise (no
 * record, another fingerprint, a file edited, missing or unreachable),
 * and the caller then does the full run. Recovers an interrupted write
 * first, under the out dir's lock, as every reader does.
 */
export async function currentOutput(outDir: string, fingerprint: string): Promise<CurrentOutput | null> {
  const root = resolve(outDir);
  if (!(await isDirectory(root))) return null;
  return withOutDirLock(root, async () => {
    await recoverTransaction(root);
    const recordText = await readTextOrNull(join(root, OWNERSHIP_RECORD));
    const parsed = recordText === null ? null : parseRecord(recordText);
    if (parsed === null || 'error' in parsed || parsed.record.inputs?.fingerprint !== fingerprint) return null;
    const { record } = parsed;
    const paths = Object.keys(record.files).sort(compareStrings);
    if (paths.some((path) => checkEmittedPath(path) !== null)) return null;
    const lstatCached = memoize((path: string) => lstatOrNull(path));
    const intact = await mapLimit(paths, IO_CONCURRENCY, async (path) => {
      if (await pathLeavesOutDir(root, path, lstatCached)) return false;
      const bytes = await readBytesOrNull(join(root, path));
      return bytes !== null && sha256Hex(bytes) === record.files[path];
    });
    if (!intact.every(Boolean)) return null;
    return { files: paths, warnings: record.inputs?.warnings ?? 0 };
  });
}

/**
 * Makes `outDir` hold exactly `files` (plus the record and any user files),
 * atomically. Returns the problems instead of writing when any path or
 * user file is in the way. `inputs`, when given, is recorded so that a
 * later run over the same inputs can stop early (see `currentOutput`).
 */
export async function writeOutput(outDir: string, files: readonly EmittedFile[], options: WriteOptions = {}): Promise<WriteOutcome> {
  const { hook, inputs = null } = options;
  const root = resolve(outDir);
  const problems: WriteProblem[] = checkEmittedPaths(files.map((file) => file.path));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const existing = await lstatOrNull(root);
  if (existing !== null && !existing.isDirectory() && !(await isDirectory(root))) {
    return { ok: false, problems: [{ path: '.', message: 'the out dir is a file, not a directory' }] };
  }
  await mkdir(root, { recursive: true });
  return withOutDirLock(root, () => writeOutputLocked(root, files, hook, inputs));
}

async function writeOutputLocked(root: string, files: readonly EmittedFile[], hook: StepHook | undefined, inputs: InputStamp | null): Promise<WriteOutcome> {
  const problems: WriteProblem[] = [];
  const previous = await readOutputLocked(root);
  if (previous.recordError !== null) {
    return {
      ok: false,
      problems: [{ path: OWNERSHIP_RECORD, message: `cannot tell generated files from user files: the record is unreadable (${previous.recordError}); restore or delete it` }],
    };
  }
  const owned = new Set(Object.keys(previous.record?.files ?? {}).filter((path) => checkEmittedPath(path) === null));
  const next = [...files, renderRecord(makeRecord(files, inputs))].sort((a, b) => compareStrings(a.path, b.path));
  const nextPaths = new Set(next.map((file) => file.path));
  const removes = [...owned].filter((path) => !nextPaths.has(path) && previous.files.has(path)).sort(compareStrings);
  const removed = new Set(removes);

  const summary: WriteSummary = { written: [], unchanged: [], removed: removes };
  const writes: { path: string; contents: string }[] = [];
  const lstatCached = memoize((path: string) => lstatOrNull(path));
  const targets = await mapLimit(next, IO_CONCURRENCY, async (file) => {
    const problem = await checkTarget(root, file.path, owned, removed, lstatCached);
    const current = previous.files.get(file.path) ?? (owned.has(file.path) || problem !== null ? null : await readTextOrNull(join(root, file.path)));
    return { problem, current };
  });
  for (const [index, file] of next.entries()) {
    const { problem, current } = targets[index] as { problem: string | null; current: string | null };
    if (problem !== null) {
      problems.push({ path: file.path, message: problem });
      continue;
    }
    if (current === file.contents) {
      if (file.path !== OWNERSHIP_RECORD) summary.unchanged.push(file.path);
      continue;
    }
    if (current !== null && !owned.has(file.path) && file.path !== OWNERSHIP_RECORD) {
      problems.push({ path: file.path, message: 'a file that the generator did not write is in the way of a generated file; move it away or delete it' });
      continue;
    }
    writes.push(file);
    if (file.path !== OWNERSHIP_RECORD) summary.written.push(file.path);
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  if (writes.length > 0 || removes.length > 0) await runTransaction(root, { writes, removes }, hook);
  return { ok: true, summary };
}

/**
 * What is in the way of writing `path`: a symlinked or non-directory
 * parent (unless the generator owns it and is removing it), or a directory
 * or symlink where the file goes. Null when the way is clear.
 */
async function checkTarget(root: string, path: string, owned: Set<string>, removed: Set<string>, lstatCached: Lstat): Promise<string | null> {
  for (const dir of parentDirs(path)) {
    const stats = await lstatCached(join(root, dir));
    if (stats === null) return null;
    if (stats.isSymbolicLink()) return `'${dir}' is a symlink; generated files are never written through one`;
    if (!stats.isDirectory()) {
      if (owned.has(dir) && removed.has(dir)) return null;
      return `'${dir}' is a file that the generator did not write, where a directory is needed`;
    }
  }
  const stats = await lstatOrNull(join(root, path));
  if (stats === null || stats.isFile()) return null;
  if (stats.isSymbolicLink()) return owned.has(path) ? null : 'a symlink that the generator did not write is in the way of a generated file';
  if (await holdsOnlyRemovedFiles(root, path, removed)) return null;
  return 'a directory is in the way of a generated file';
}

/** True when every file under `dir` is one the generator is removing, so the directory will be pruned away. */
async function holdsOnlyRemovedFiles(root: string, dir: string, removed: Set<string>): Promise<boolean> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!(await holdsOnlyRemovedFiles(root, path, removed))) return false;
    } else if (!removed.has(path)) return false;
  }
  return true;
}

async function pathLeavesOutDir(root: string, path: string, lstatCached: Lstat): Promise<boolean> {
  for (const dir of parentDirs(path)) {
    const stats = await lstatCached(join(root, dir));
    if (stats === null) return false;
    if (stats.isSymbolicLink()) return true;
  }
  return false;
}

function sortProblems(problems: WriteProblem[]): WriteProblem[] {
  return problems.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.message, b.message));
}

async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error) || isCode(error, 'EISDIR') || isCode(error, 'ENOTDIR')) return null;
    throw error;
  }
}

async function readBytesOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isNotFound(error) || isCode(error, 'EISDIR') || isCode(error, 'ENOTDIR')) return null;
    throw error;
  }
}

type Lstat = (path: string) => Promise<Stats | null>;

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    if (isNotFound(error) || isCode(error, 'ENOTDIR')) return null;
    throw error;
  }
}

/** Follows a symlink: the out dir itself may be one, by the user's choice. */
async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if (isNotFound(error) || isCode(error, 'ENOTDIR')) return false;
    throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
