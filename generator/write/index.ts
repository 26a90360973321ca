/**
 * The one module that touches the out dir. Emitters return files; this
 * decides what to write, what to delete and what to refuse, then hands the
 * change to the journaled transaction in `transaction.ts`.
 *
 * Rules:
 * - only files whose contents changed are written (unchanged files keep
 *   their mtime); a file that comes with the proof of how a reader just
 *   found it here (`OnDiskProof`, from reuse) is compared by its lstat
 *   instead of its bytes (see `unchangedSince`);
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
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareStrings } from '../diagnostics.js';
import type { ChunkedText, EmittedFile, OnDiskProof } from '../emit/types.js';
import { encodeChunks, encodeChunksReusing, encodeWithin, hashing, keeping, KEEP_MAX_BYTES, sameAsFile } from './chunks.js';
import { IO_CONCURRENCY } from './transaction.js';
import { forEachLimit, mapLimit, memoize } from './concurrency.js';
import { checkEmittedPath, checkEmittedPaths, OWNERSHIP_RECORD, parentDirs } from './paths.js';
import { parseRecord, recordOf, renderRecord, sha256Hex, type InputStamp, type OwnershipRecord } from './record.js';
import { withOutDirLock } from './lock.js';
import { isNotFound, recoverTransaction, Staging, type StepHook } from './transaction.js';

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

/** The out dir as {@link withOutput} shows it: the record, and the recorded files read one at a time, when asked for. */
export interface OutputReader {
  /** The record, or null where there is none (a fresh out dir) or it is unreadable (see `recordError`). */
  record: OwnershipRecord | null;
  recordError: string | null;
  /** The paths the record lists (the record itself included), sorted; only these are read. */
  recorded: readonly string[];
  /** A recorded file's text; null where it is missing, not a file, reached through a symlink, or not recorded. */
  read(path: string): Promise<string | null>;
  /** The same, as the bytes on disk. */
  readBytes(path: string): Promise<Buffer | null>;
}

/**
 * Runs `read` on the out dir, after recovering any interrupted write (see
 * `transaction.ts`) so a reader never sees a mix, holding the out dir's
 * lock (see `lock.ts`) meanwhile. Files are read as `read` asks for them.
 */
export async function withOutput<T>(outDir: string, read: (output: OutputReader) => Promise<T>): Promise<T> {
  const root = resolve(outDir);
  const none: OutputReader = { record: null, recordError: null, recorded: [], read: () => Promise.resolve(null), readBytes: () => Promise.resolve(null) };
  if (!(await isDirectory(root))) return read(none);
  return withOutDirLock(root, async () => {
    await recoverTransaction(root);
    const recordText = await readTextOrNull(join(root, OWNERSHIP_RECORD));
    if (recordText === null) return read(none);
    const parsed = parseRecord(recordText);
    if ('error' in parsed) return read({ ...none, recordError: parsed.error });
    const recorded = [OWNERSHIP_RECORD, ...Object.keys(parsed.record.files).filter((path) => checkEmittedPath(path) === null)].sort(compareStrings);
    const listed = new Set(recorded);
    const lstatCached = memoize((path: string) => lstatOrNull(path));
    const readable = async (path: string) => listed.has(path) && !(await pathLeavesOutDir(root, path, lstatCached));
    return read({
      record: parsed.record,
      recordError: null,
      recorded,
      read: async (path) => (path === OWNERSHIP_RECORD ? recordText : (await readable(path)) ? readTextOrNull(join(root, path)) : null),
      readBytes: async (path) => ((await readable(path)) ? readBytesOrNull(join(root, path)) : null),
    });
  });
}

/** Reads every file the generator owns in `outDir` at once (see {@link withOutput}). */
export async function readOutput(outDir: string): Promise<OutputSnapshot> {
  return withOutput(outDir, async (output) => {
    const texts = await mapLimit(output.recorded, IO_CONCURRENCY, (path) => output.read(path));
    const files = new Map<string, string>();
    output.recorded.forEach((path, index) => {
      const text = texts[index];
      if (text !== null && text !== undefined) files.set(path, text);
    });
    return { record: output.record, recordError: output.recordError, files };
  });
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
  return (await lookAtOutput(outDir, fingerprint)).current;
}

/** What {@link lookAtOutput} found: whether the out dir is current, and the record it read (null: none, or unreadable). */
export interface OutputLook {
  current: CurrentOutput | null;
  record: OwnershipRecord | null;
}

/**
 * {@link currentOutput}, and the record read on the way, so that a run
 * that is not done yet can take its candidates for reuse from it without
 * reading and parsing it again (see `commands/reuse.ts`, which verifies
 * every file it takes against it).
 */
export async function lookAtOutput(outDir: string, fingerprint: string): Promise<OutputLook> {
  return withOutput(outDir, async (output) => ({ current: await currentIn(output, fingerprint), record: output.record }));
}

async function currentIn(output: OutputReader, fingerprint: string): Promise<CurrentOutput | null> {
  const { record } = output;
  if (record?.inputs?.fingerprint !== fingerprint) return null;
  const paths = Object.keys(record.files).sort(compareStrings);
  // A path the reader never reads (not a plain relative one) cannot be vouched for.
  if (paths.some((path) => checkEmittedPath(path) !== null)) return null;
  const intact = await mapLimit(paths, IO_CONCURRENCY, async (path) => {
    const bytes = await output.readBytes(path);
    return bytes !== null && sha256Hex(bytes) === record.files[path];
  });
  return intact.every(Boolean) ? { files: paths, warnings: record.inputs.warnings } : null;
}

/**
 * Makes `outDir` hold exactly `files` (plus the record and any user files),
 * atomically. Returns the problems instead of writing when any path or
 * user file is in the way. `inputs`, when given, is recorded so that a
 * later run over the same inputs can stop early (see `currentOutput`).
 *
 * `files` is consumed one file at a time, and each is compared with what
 * is on disk and staged (or found unchanged) before the next few are
 * asked for: given a lazy source (`emitFiles`), the writer holds a handful
 * of files and the hashes, never the whole output. Problems with the set
 * of paths as a whole (twice the same path, a path that is also another's
 * directory) are known only at the end, and then nothing is written either.
 */
export async function writeOutput(outDir: string, files: Iterable<EmittedFile>, options: WriteOptions = {}): Promise<WriteOutcome> {
  const root = resolve(outDir);
  const existing = await lstatOrNull(root);
  if (existing !== null && !existing.isDirectory() && !(await isDirectory(root))) {
    return { ok: false, problems: [{ path: '.', message: 'the out dir is a file, not a directory' }] };
  }
  // A list can be checked before anything is touched; a lazy source only as it comes.
  if (Array.isArray(files)) {
    const problems = checkEmittedPaths((files as readonly EmittedFile[]).map((file) => file.path));
    if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  }
  await mkdir(root, { recursive: true });
  const outcome = await withOutDirLock(root, () => writeOutputLocked(root, files, options));
  // A refused write into an out dir this call created leaves no empty dir behind (rmdir: only if nothing else came to be in it).
  if (!outcome.ok && existing === null) await rmdir(root).catch(() => undefined);
  return outcome;
}

/**
 * A file to write: the bytes that go to disk, or (chunked contents) the
 * text they are encoded from piece by piece, or a text read from the out
 * dir with the proof of how it was found there (see {@link unchangedSince}),
 * encoded only if the file changed since.
 */
type Encoded = { path: string; bytes: Buffer } | { path: string; chunked: ChunkedText } | { path: string; text: string | ChunkedText; onDisk: OnDiskProof };

const IN_THE_WAY = 'a file that the generator did not write is in the way of a generated file; move it away or delete it';

async function writeOutputLocked(root: string, files: Iterable<EmittedFile>, options: WriteOptions): Promise<WriteOutcome> {
  await recoverTransaction(root);
  const recordText = await readTextOrNull(join(root, OWNERSHIP_RECORD));
  const parsedRecord = recordText === null ? null : parseRecord(recordText);
  if (parsedRecord !== null && 'error' in parsedRecord) {
    return {
      ok: false,
      problems: [{ path: OWNERSHIP_RECORD, message: `cannot tell generated files from user files: the record is unreadable (${parsedRecord.error}); restore or delete it` }],
    };
  }
  const owned = new Set(Object.keys(parsedRecord?.record.files ?? {}).filter((path) => checkEmittedPath(path) === null));
  const lstatCached = memoize((path: string) => lstatOrNull(path));
  const staging = new Staging(root, options.hook);
  const paths: string[] = [];
  const hashes = new Map<string, string>();
  const targetProblems: WriteProblem[] = [];
  const written: string[] = [];
  const unchanged: string[] = [];
  // Files whose way is blocked by something that this run's removals may clear; decided once those are known (rare: a generated file that becomes a directory).
  const blocked: Encoded[] = [];

  /**
   * Compares one file with the disk and stages it when it changed; `removed`
   * is what this run removes, when known. A chunked file's hash is taken
   * here, as its pieces pass: on the way to the disk when there is nothing
   * to compare with (a cold run encodes it once), else while comparing.
   */
  const place = async (given: Encoded, removed: ReadonlySet<string> | null): Promise<void> => {
    let file = given;
    const target = await checkTarget(root, file.path, owned, removed ?? new Set(), lstatCached);
    if ('problem' in target) {
      if (removed === null) blocked.push(file);
      else targetProblems.push({ path: file.path, message: target.problem });
      return;
    }
    if ('text' in file) {
      if (unchangedSince(file.onDisk, target.stats)) {
        unchanged.push(file.path);
        return;
      }
      // Changed (or gone) since it was read: compared and written like any other file.
      if (typeof file.text === 'string') {
        const bytes = Buffer.from(file.text, 'utf8');
        hashes.set(file.path, sha256Hex(bytes));
        file = { path: file.path, bytes };
      } else file = { path: file.path, chunked: file.text };
    }
    // Nothing to read where the way leads through a symlink, or where a directory on it is not there yet (a fresh out dir: every file).
    const onDisk = (await wayTo(root, file.path, lstatCached)) === 'clear' ? join(root, file.path) : null;
    // What stands there, when it is a regular file: one of another length differs, whatever its bytes, and is not read.
    const sizeOnDisk = onDisk !== null && target.stats?.isFile() === true ? target.stats.size : null;
    let same: boolean | null;
    let compared: Buffer[] | null = null;
    // A chunked file is encoded and hashed before the disk is read when it may be kept (see `KEEP_MAX_BYTES`): `ir.json`, after nearly any page edit, has a new length and is then staged without reading the old one.
    const encoded = 'chunked' in file && sizeOnDisk !== null && sizeOnDisk <= KEEP_MAX_BYTES ? encodeWithin(file.chunked, KEEP_MAX_BYTES) : null;
    if ('bytes' in file) {
      if (sizeOnDisk !== null && sizeOnDisk !== file.bytes.length) same = false;
      else {
        const current = onDisk === null ? null : await readBytesOrNull(onDisk);
        same = current === null ? null : current.equals(file.bytes);
      }
    } else if (encoded !== null) {
      hashes.set(file.path, encoded.sha256);
      same = encoded.bytes !== sizeOnDisk ? false : await sameAsFile(onDisk as string, encoded.pieces);
      compared = encoded.pieces;
    } else {
      const hash = createHash('sha256');
      // Where nothing stands (a cold run: every file), nothing is kept for staging and every piece is encoded into one reused buffer: kept pieces, and a buffer per piece, outlive the young generation and wait, dead, for a full collection (at 10k pages, the first 32 MB of `ir.json`, then 30-60 MB of pieces, through its whole write). A comparison and the staging write are each done with a piece before they ask for the next.
      const nothingThere = onDisk === null || target.stats === null;
      const source = hashing(nothingThere ? encodeChunksReusing(file.chunked) : encodeChunks(file.chunked), hash);
      const pieces = nothingThere ? { pieces: source, kept: () => null } : keeping(source, KEEP_MAX_BYTES);
      same = onDisk === null ? null : await sameAsFile(onDisk, pieces.pieces);
      if (same === null) {
        // Nothing to compare with (sameAsFile left the pieces unread): encoded once, on the way to the disk.
        written.push(file.path);
        await staging.stage(file.path, pieces.pieces);
        hashes.set(file.path, hash.digest('hex'));
        return;
      }
      hashes.set(file.path, hash.digest('hex'));
      compared = pieces.kept();
    }
    if (same === true) {
      unchanged.push(file.path);
      return;
    }
    if (same === false && !owned.has(file.path)) {
      targetProblems.push({ path: file.path, message: IN_THE_WAY });
      return;
    }
    written.push(file.path);
    await staging.stage(file.path, 'bytes' in file ? file.bytes : (compared ?? encodeChunks(file.chunked)));
  };

  try {
    await forEachLimit(files, IO_CONCURRENCY, async (file) => {
      const seenBefore = hashes.has(file.path);
      paths.push(file.path);
      if (checkEmittedPath(file.path) !== null || seenBefore) return;
      if (file.onDisk !== undefined) {
        // Its bytes are on disk, hashed as the proof says, unless `place` finds the file changed since (and then hashes it anew).
        hashes.set(file.path, file.onDisk.sha256);
        await place({ path: file.path, text: file.contents, onDisk: file.onDisk }, null);
      } else if (typeof file.contents === 'string') {
        // Encoded once, then hashed, compared and written as bytes: a large file is not copied three times.
        const bytes = Buffer.from(file.contents, 'utf8');
        hashes.set(file.path, sha256Hex(bytes));
        await place({ path: file.path, bytes }, null);
      } else {
        // Its hash is known once its pieces have passed (in `place`); meanwhile the path is taken.
        hashes.set(file.path, '');
        await place({ path: file.path, chunked: file.contents }, null);
      }
    });
    const pathProblems = checkEmittedPaths(paths);
    if (pathProblems.length > 0) {
      await staging.abandon();
      return { ok: false, problems: sortProblems(pathProblems) };
    }
    const removes = (await mapLimit([...owned].filter((path) => !hashes.has(path)), IO_CONCURRENCY, async (path) => ((await isRemovable(root, path, lstatCached)) ? path : null)))
      .filter((path) => path !== null)
      .sort(compareStrings);
    const removed = new Set(removes);
    for (const file of blocked) await place(file, removed);
    if (targetProblems.length > 0) {
      await staging.abandon();
      return { ok: false, problems: sortProblems(targetProblems) };
    }
    const record = renderRecord(recordOf(hashes, options.inputs ?? null));
    if (record.contents !== recordText) await staging.stage(record.path, record.contents);
    await staging.commit(removes);
    return { ok: true, summary: { written: written.sort(compareStrings), unchanged: unchanged.sort(compareStrings), removed: removes } };
  } catch (error) {
    await staging.failed(error);
    throw error;
  }
}

/** A recorded file this run no longer emits, and that is there to remove (not reached through a symlink). */
async function isRemovable(root: string, path: string, lstatCached: Lstat): Promise<boolean> {
  if (await pathLeavesOutDir(root, path, lstatCached)) return false;
  const stats = await lstatOrNull(join(root, path));
  return stats !== null && !stats.isDirectory();
}

/**
 * What is in the way of writing `path`: a symlinked or non-directory
 * parent (unless the generator owns it and is removing it), or a directory
 * or symlink where the file goes. When the way is clear, what stands at
 * `path` (its lstat), where every directory on the way is one; else null.
 */
async function checkTarget(root: string, path: string, owned: ReadonlySet<string>, removed: ReadonlySet<string>, lstatCached: Lstat): Promise<{ problem: string } | { stats: Stats | null }> {
  const clear = { stats: null };
  for (const dir of parentDirs(path)) {
    const stats = await lstatCached(join(root, dir));
    if (stats === null) return clear;
    if (stats.isSymbolicLink()) return { problem: `'${dir}' is a symlink; generated files are never written through one` };
    if (!stats.isDirectory()) {
      if (owned.has(dir) && removed.has(dir)) return clear;
      return { problem: `'${dir}' is a file that the generator did not write, where a directory is needed` };
    }
  }
  const stats = await lstatOrNull(join(root, path));
  if (stats === null || stats.isFile()) return { stats };
  if (stats.isSymbolicLink()) return owned.has(path) ? { stats } : { problem: 'a symlink that the generator did not write is in the way of a generated file' };
  if (await holdsOnlyRemovedFiles(root, path, removed)) return { stats };
  return { problem: 'a directory is in the way of a generated file' };
}

/**
 * Whether the file found at a path (`now`, its lstat, every directory on
 * its way a plain one) is still the one a reader read with `proof`: then
 * its bytes are still those the proof hashed, and the writer counts it
 * unchanged without reading it again.
 *
 * Sound because a write to a file always sets its ctime to the clock (no
 * call sets it back), and replacing it makes another inode: same device,
 * inode, size, mtime and ctime mean no write since the read, unless one
 * fell within the same tick of the file system's coarse clock as the
 * read. That window is the one the writer has always had between reading
 * a file and committing (the lock keeps other runs out, not editors), and
 * a write that slips through it is caught by the next run, which hashes
 * the file against the record before reusing it (`reuse.ts`). The proof
 * is taken from the descriptor the bytes were read through, or from an
 * lstat that an earlier run's reading vouches for (`stat-memo.ts`), and the
 * reader takes it while the writer consumes the files, under its lock, just
 * before this check. Where the check fails, a proof without the text reads
 * it then (chunked contents), and fails unless it still hashes as proved.
 */
function unchangedSince(proof: OnDiskProof, now: Stats | null): boolean {
  return (
    now !== null &&
    now.isFile() &&
    now.dev === proof.dev &&
    now.ino === proof.ino &&
    now.size === proof.size &&
    now.mtimeMs === proof.mtimeMs &&
    now.ctimeMs === proof.ctimeMs
  );
}

/** True when every file under `dir` is one the generator is removing, so the directory will be pruned away. */
async function holdsOnlyRemovedFiles(root: string, dir: string, removed: ReadonlySet<string>): Promise<boolean> {
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
  return (await wayTo(root, path, lstatCached)) === 'leaves';
}

/**
 * The directories on the way to `path`: all there (`clear`), one not there
 * yet (`missing`: neither is the file), or one a symlink (`leaves`: the way
 * leaves the out dir), whichever comes first.
 */
async function wayTo(root: string, path: string, lstatCached: Lstat): Promise<'clear' | 'missing' | 'leaves'> {
  for (const dir of parentDirs(path)) {
    const stats = await lstatCached(join(root, dir));
    if (stats === null) return 'missing';
    if (stats.isSymbolicLink()) return 'leaves';
  }
  return 'clear';
}

function sortProblems(problems: WriteProblem[]): WriteProblem[] {
  return problems.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.message, b.message));
}

async function readTextOrNull(path: string): Promise<string | null> {
  return (await readBytesOrNull(path))?.toString('utf8') ?? null;
}

/**
 * Synchronous: the out dir is hundreds of small local files, read on every
 * run (`check`, the early stop, the writer's comparisons), and a thread-pool
 * round trip per open, stat, read and close cost more than the reads
 * (okta's 376 files: ~100 ms with 16 in flight, ~20 ms one after another).
 */
async function readBytesOrNull(path: string): Promise<Buffer | null> {
  try {
    return readFileSync(path);
  } catch (error) {
    if (isNotFound(error) || isCode(error, 'EISDIR') || isCode(error, 'ENOTDIR')) return null;
    throw error;
  }
}

type Lstat = (path: string) => Promise<Stats | null>;

/**
 * Synchronous, for the reason given at {@link readBytesOrNull}: a run
 * lstats every file it emits (okta: 376), and a thread-pool round trip
 * each cost about ten times the call.
 */
async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) ?? null;
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
