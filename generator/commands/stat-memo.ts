/**
 * What earlier runs learned about the files of an out dir: for a file whose
 * bytes a run read and hashed, the lstat identity (device, inode, size,
 * mtime, ctime) of the file those bytes came from. A later run that finds
 * the same identity on the path knows the bytes without reading them, as
 * git's index knows a file unchanged by its stat, and `reuse.ts` then takes
 * a service's files on the strength of the record's hashes alone.
 *
 * Why an identity proves the bytes: any write to a file sets its ctime to
 * the file system's clock, which no call can set back, and replacing a file
 * makes another inode. So a file whose identity is unchanged has not been
 * written since it was observed — unless a write fell in the same tick of
 * the file system's clock as the write before it, and after the
 * observation. A file is therefore only learned once it has *settled*: its
 * ctime at least {@link SETTLE_MS} older than the moment its bytes were
 * read, far more than any clock tick, so every later write moves the ctime.
 * (What is not covered: a clock set back by more than that, or a file
 * system whose ctime does not follow writes; against those, `--no-cache`
 * turns the memo off with the page cache.)
 *
 * Kept in the cache dir (never in the out dir, which only the writer
 * touches), one file per out dir. It is never trusted, only checked: an
 * entry counts only with the same hash as the record and the same identity
 * as the lstat made now; an unreadable or foreign memo is an empty one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { readFileSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareStrings } from '../diagnostics.js';
import type { OnDiskProof } from '../emit/types.js';

const MEMO_FORMAT = 'stackql-codegen-out-stats/1';

/**
 * How much older than its reading a file's ctime must be for the file to be
 * learned. File system clocks tick every few ms (ext4) up to 2 s (FAT);
 * a file written by the run before (`generate` then an edit) is learned
 * by a later run instead.
 */
export const SETTLE_MS = 2_000;

/** A file as a run found it: the sha256 of its bytes and the identity of the file they were read from, as a reader proves them to the writer. */
export type KnownFile = OnDiskProof;

export class StatMemo {
  /** What this run confirmed or learned, by path (see {@link save}). */
  private readonly seen = new Map<string, KnownFile>();

  private constructor(
    private readonly path: string | null,
    private readonly known: ReadonlyMap<string, KnownFile>,
    private readonly text: string | null,
  ) {}

  /** A memo that knows nothing and keeps nothing. */
  static none(): StatMemo {
    return new StatMemo(null, new Map(), null);
  }

  /** The memo of the out dir `root`, kept under `cacheDir`; empty when there is none or it does not read as one. */
  static load(cacheDir: string, root: string): StatMemo {
    const path = join(cacheDir, 'out-stats', `${createHash('sha256').update(root).digest('hex').slice(0, 32)}.json`);
    let text: string | null = null;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return new StatMemo(path, new Map(), null);
    }
    return new StatMemo(path, readMemo(text), text);
  }

  /** Whether an earlier run learned anything of `path`. */
  knows(path: string): boolean {
    return this.known.has(path);
  }

  /**
   * Whether the file found now at `path` (`now`, its lstat) has bytes
   * hashing to `sha256`, by the memo alone: true only where an earlier run
   * learned this very identity with this hash. Confirmed files are kept for
   * the next run.
   */
  vouches(path: string, sha256: string, now: Stats | undefined): boolean {
    const known = this.known.get(path);
    if (known === undefined || known.sha256 !== sha256 || now === undefined || !now.isFile() || !sameIdentity(known, now)) return false;
    this.seen.set(path, known);
    return true;
  }

  /** A file whose bytes (hashing to `sha256`) were read at `readAt` (ms since the epoch) through a descriptor whose fstat is `stats`; kept once settled. */
  learn(path: string, sha256: string, stats: Stats, readAt: number): void {
    if (stats.ctimeMs > readAt - SETTLE_MS) return;
    const { dev, ino, size, mtimeMs, ctimeMs } = stats;
    this.seen.set(path, { sha256, dev, ino, size, mtimeMs, ctimeMs });
  }

  /**
   * Keeps, for the next run, what is known of the files in `unchanged`
   * (those the writer left as they were: a file it wrote is learned when a
   * later run reads it): what this run learned, else what was known before.
   * An entry holds whenever it is read, as an identity never comes back
   * after a write, so one this run did not look at (a file of a service it
   * rendered) is kept as it was. Written beside the page cache as its
   * entries are (temp file, rename); a memo that cannot be written only
   * costs reads next time.
   */
  async save(unchanged: readonly string[]): Promise<void> {
    if (this.path === null) return;
    const files: Record<string, KnownFile> = {};
    for (const path of [...unchanged].sort(compareStrings)) {
      const known = this.seen.get(path) ?? this.known.get(path);
      if (known !== undefined) files[path] = known;
    }
    const text = `${JSON.stringify({ format: MEMO_FORMAT, files })}\n`;
    if (text === this.text) return;
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(temp, text);
      await rename(temp, this.path);
    } catch {
      await unlink(temp).catch(() => undefined);
    }
  }
}

function sameIdentity(known: KnownFile, now: Stats): boolean {
  return now.dev === known.dev && now.ino === known.ino && now.size === known.size && now.mtimeMs === known.mtimeMs && now.ctimeMs === known.ctimeMs;
}

/** The entries of a memo's text; nothing where any of it is not exactly as written. */
function readMemo(text: string): Map<string, KnownFile> {
  const none = new Map<string, KnownFile>();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return none;
  }
  if (!isObject(value) || value.format !== MEMO_FORMAT || !isObject(value.files)) return none;
  const known = new Map<string, KnownFile>();
  for (const [path, entry] of Object.entries(value.files)) {
    if (!isObject(entry)) return none;
    const { sha256, dev, ino, size, mtimeMs, ctimeMs } = entry;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return none;
    if (![dev, ino, size, mtimeMs, ctimeMs].every((n) => typeof n === 'number' && Number.isFinite(n))) return none;
    known.set(path, { sha256, dev, ino, size, mtimeMs, ctimeMs } as KnownFile);
  }
  return known;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
