/**
 * One writer (or recovering reader) per out dir at a time: `watch` and a
 * hand-run `generate` or `check` on the same out dir must not interleave
 * their transactions, nor may a reader's recovery roll forward or discard
 * a transaction another process is still running.
 *
 * The lock is `<out>/.stackql-codegen.lock`, created with O_EXCL and
 * holding the owner's pid. A lock whose pid is no longer running (the
 * owner was killed) is stale and is taken over; a live one is waited for.
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_FILE } from './paths.js';

export class OutDirBusyError extends Error {}

export interface LockOptions {
  /** How long to wait for a live owner before giving up. */
  timeoutMs?: number;
}

export async function withOutDirLock<T>(outDir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = join(outDir, LOCK_FILE);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await tryCreate(path)) break;
    const owner = await readOwner(path);
    if (owner === null ? await isOlderThan(path, EMPTY_LOCK_GRACE_MS) : !isRunning(owner)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new OutDirBusyError(`${outDir} is locked by process ${owner ?? '?'}; if no stackql-codegen is running, delete ${path}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

/**
 * A lock without a pid is one whose owner is between creating and writing
 * it — or was killed right there; after this long it is the latter.
 */
const EMPTY_LOCK_GRACE_MS = 2_000;

async function isOlderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return true;
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') return false;
    throw error;
  }
}

/** The owner's pid; null while the owner is between creating and writing the file. */
async function readOwner(path: string): Promise<number | null> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
