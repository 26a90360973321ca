/**
 * Atomic replacement of the out dir's contents: a crash or `kill -9` at any
 * moment leaves, once recovered, exactly the previous output or exactly the
 * new one.
 *
 * The out dir stays a plain directory of plain files (it is committed to
 * git), so the switch cannot be one rename of the whole directory. Instead
 * a redo journal makes a batch of per-file renames all-or-nothing:
 *
 * 1. **Stage.** Every new or changed file is written to
 *    `<out>/.stackql-codegen-txn/files/<n>` (inside the out dir, so on the
 *    same filesystem and `rename(2)` is atomic) and fsynced. A crash here
 *    leaves the output untouched; the half-built staging dir is garbage.
 * 2. **Commit.** The plan — `writes: [[n, path]]` and `removes: [path]` — is
 *    written to `journal.json.tmp`, fsynced, and renamed to `journal.json`;
 *    the directory is fsynced. This rename is the commit point: before it
 *    the old output is what counts, after it the new one.
 * 3. **Apply.** Removals first (so a removed file may give way to a new
 *    directory of the same name), pruning directories they leave empty;
 *    then each staged file is renamed over its target. Touched directories
 *    are fsynced.
 * 4. **Finish.** The journal is deleted, then the staging dir.
 *
 * **Recovery** ({@link recoverTransaction}) runs before anything reads or
 * writes the out dir (generate, check, watch, the tool's readers): a
 * journal means a committed transaction, which is rolled forward by
 * replaying step 3 — every step is idempotent (a staged file that is gone
 * was already renamed; a removed file that is gone was already removed) —
 * and step 4; a staging dir without a journal is an uncommitted one and is
 * deleted. So, after recovery, the out dir holds the old output (crash
 * before the commit point) or the new one (crash after it), never a mix.
 *
 * Callers hold the out dir's lock (`lock.ts`) around both a transaction
 * and a recovery, so a reader never rolls forward or discards a
 * transaction another process is still running.
 */
import { mkdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { closeFd, fsyncFd, openFd, writeFd, writeWhole } from './callback-fs.js';
import { dirname, join } from 'node:path';
import { mapLimit } from './concurrency.js';
import { TRANSACTION_DIR } from './paths.js';

/** Files read, staged or synced at once. */
export const IO_CONCURRENCY = 16;

export interface TransactionPlan {
  /** Target paths (relative to the out dir) and their new contents. */
  writes: { path: string; contents: string }[];
  /** Target paths to delete. */
  removes: string[];
}

interface Journal {
  format: 1;
  /** `[staged file name, target path]`. */
  writes: [string, string][];
  removes: string[];
}

/**
 * A test seam: called with a step's name before it runs, so a test can
 * stop the process at a precise point. Production callers pass nothing.
 */
export type StepHook = (step: string) => void;

export function transactionDir(outDir: string): string {
  return join(outDir, TRANSACTION_DIR);
}

export async function runTransaction(outDir: string, plan: TransactionPlan, hook: StepHook = () => {}): Promise<void> {
  const staging = new Staging(outDir, hook);
  try {
    // Overlapping the fsyncs lets the filesystem commit them together.
    await mapLimit(plan.writes, IO_CONCURRENCY, (write) => staging.stage(write.path, write.contents));
  } catch (error) {
    await staging.failed(error);
    throw error;
  }
  await staging.commit(plan.removes);
}

/**
 * A transaction built one file at a time (steps 1–4 above), for a writer
 * that decides file by file: {@link stage} as files come (the staging dir
 * is made on the first), then {@link commit} or {@link abandon}. Stage
 * calls may overlap.
 */
export class Staging {
  private readonly txn: string;
  private readonly writes: [string, string][] = [];
  private started: Promise<void> | null = null;
  /** Past the commit point: from there on the journal, not this object, says what happens. */
  private committed = false;

  constructor(
    private readonly outDir: string,
    private readonly hook: StepHook = () => {},
  ) {
    this.txn = transactionDir(outDir);
  }

  get staged(): number {
    return this.writes.length;
  }

  /** Stages `path`'s new contents: a text, its bytes, or its bytes in pieces (written as they come). */
  async stage(path: string, contents: string | Uint8Array | Iterable<Uint8Array>): Promise<void> {
    await this.begin();
    const name = String(this.writes.length);
    this.writes.push([name, path]);
    this.hook('stage');
    await writeDurably(join(this.txn, 'files', name), contents);
  }

  /** Writes the journal (the commit point), then applies it. With nothing staged or removed, does nothing. */
  async commit(removes: readonly string[]): Promise<void> {
    if (this.writes.length === 0 && removes.length === 0) return;
    const journal: Journal = { format: 1, writes: [...this.writes], removes: [...removes] };
    try {
      await this.begin();
      await syncDir(join(this.txn, 'files'));
      this.hook('commit');
      await writeDurably(join(this.txn, 'journal.json.tmp'), JSON.stringify(journal));
      await rename(join(this.txn, 'journal.json.tmp'), join(this.txn, 'journal.json'));
      this.committed = true;
    } catch (error) {
      await this.failed(error);
      throw error;
    }
    await syncDir(this.txn);
    await applyJournal(this.outDir, journal, this.hook);
  }

  /** Drops what was staged: the out dir stays as it was. */
  async abandon(): Promise<void> {
    if (this.started !== null && !this.committed) await rm(this.txn, { recursive: true, force: true });
  }

  /**
   * Before the commit point the old output stands: a write the system
   * refused (full disk, I/O error) leaves no staging dir behind. A kill
   * still can; the next reader discards it, so a failed cleanup here
   * changes nothing.
   */
  async failed(error: unknown): Promise<void> {
    if (!this.committed && isSystemError(error)) await rm(this.txn, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Makes the staging dir, once, when the first file is staged (or at a commit of removals only). */
  private begin(): Promise<void> {
    this.started ??= (async () => {
      await rm(this.txn, { recursive: true, force: true });
      await mkdir(join(this.txn, 'files'), { recursive: true });
    })();
    return this.started;
  }
}

/**
 * Brings the out dir to a committed state: rolls a committed transaction
 * forward, discards an uncommitted one. Returns what it did.
 */
export async function recoverTransaction(outDir: string): Promise<'none' | 'rolled-forward' | 'discarded'> {
  const txn = transactionDir(outDir);
  let text: string;
  try {
    text = await readFile(join(txn, 'journal.json'), 'utf8');
  } catch (error) {
    if (!isNotFound(error)) throw error;
    try {
      await rmdir(txn);
    } catch (inner) {
      if (isNotFound(inner)) return 'none';
    }
    await rm(txn, { recursive: true, force: true });
    return 'discarded';
  }
  // The journal only ever appears by rename of a fully written, fsynced file,
  // so a damaged one was edited by hand: say so rather than guess.
  let journal: Journal;
  try {
    journal = JSON.parse(text) as Journal;
  } catch (error) {
    throw new Error(`${join(txn, 'journal.json')} is damaged (${(error as Error).message}); the out dir may be half-written: delete ${txn} and regenerate`);
  }
  await applyJournal(outDir, journal, () => {});
  return 'rolled-forward';
}

async function applyJournal(outDir: string, journal: Journal, hook: StepHook): Promise<void> {
  const txn = transactionDir(outDir);
  const touched = new Set<string>();
  for (const path of journal.removes) {
    hook('remove');
    const target = join(outDir, path);
    try {
      await unlink(target);
    } catch (error) {
      // On a replay, the removed file's place may already be taken by what
      // this transaction wrote: its directory by a new file (ENOTDIR), or
      // the file itself by a new directory (EISDIR). Either way it is gone.
      if (!isNotFound(error) && !hasCode(error, 'ENOTDIR') && !hasCode(error, 'EISDIR')) throw error;
    }
    touched.add(dirname(target));
    await pruneEmptyDirs(outDir, dirname(target), touched);
  }
  // The targets' directories first, each once: into a fresh out dir, every
  // file's rename would otherwise fail, make its directory (racing the
  // others for it) and rename again.
  const dirs = [...new Set(journal.writes.map(([, path]) => dirname(join(outDir, path))))].sort();
  await mapLimit(dirs, IO_CONCURRENCY, (dir) => mkdir(dir, { recursive: true }));
  // Each rename is independent of the others (distinct targets; a replay
  // skips those already done), so they overlap like the staging writes: one
  // at a time, a fresh out dir cost a thread-pool round trip per step.
  await mapLimit(journal.writes, IO_CONCURRENCY, async ([name, path]) => {
    hook('rename');
    const target = join(outDir, path);
    touched.add(dirname(target));
    try {
      await rename(join(txn, 'files', name), target);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // Either already renamed by an earlier, interrupted apply, or the
      // target's directory does not exist yet.
      if (await exists(join(txn, 'files', name))) {
        await mkdir(dirname(target), { recursive: true });
        await rename(join(txn, 'files', name), target);
      }
    }
  });
  await mapLimit([...touched].sort(), IO_CONCURRENCY, async (dir) => {
    if (await exists(dir)) await syncDir(dir);
  });
  hook('finish');
  await unlink(join(txn, 'journal.json'));
  await syncDir(txn);
  await rm(txn, { recursive: true, force: true });
}

/** Removes `dir` and its parents while they are empty, stopping at the out dir. */
async function pruneEmptyDirs(outDir: string, dir: string, touched: Set<string>): Promise<void> {
  let current = dir;
  while (current !== outDir && current.startsWith(outDir)) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    touched.delete(current);
    current = dirname(current);
    touched.add(current);
  }
}


async function writeDurably(path: string, contents: string | Uint8Array | Iterable<Uint8Array>): Promise<void> {
  const fd = await openFd(path, 'w');
  try {
    if (typeof contents === 'string' || contents instanceof Uint8Array) await writeWhole(fd, contents);
    else {
      // `write` may take less than it is given (writeFile loops the same way).
      for (const piece of contents) {
        for (let offset = 0; offset < piece.length; ) offset += (await writeFd(fd, piece, offset, piece.length - offset)).bytesWritten;
      }
    }
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}

async function syncDir(path: string): Promise<void> {
  const fd = await openFd(path, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await closeFd(await openFd(path, 'r'));
    return true;
  } catch (error) {
    // ENOTDIR: a parent became a file in this transaction, so the path is gone.
    if (isNotFound(error) || hasCode(error, 'ENOTDIR')) return false;
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return hasCode(error, 'ENOENT');
}

export function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** An error the operating system reported for a call (it has an errno `code` and the `syscall`). */
function isSystemError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { syscall?: unknown }).syscall === 'string';
}
