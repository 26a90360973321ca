/**
 * The out dir as a source of service files a run need not render again
 * (see `ServiceReuse` in `emit/model/package.ts`): the record (read after
 * any interrupted write is completed or undone) lists, per service, the
 * key its files were made under, and the files' hashes. A service whose
 * key is unchanged is reused only when every one of its files is on disk
 * with the recorded bytes; the bytes handed on are those read and hashed,
 * so whatever happens to the out dir meanwhile, they are what rendering
 * the service again would give. A file an earlier run read and hashed, and
 * whose lstat has not changed since, is known without reading it (see
 * `stat-memo.ts`); its bytes are read only if the writer finds it changed
 * after all, and must still hash as recorded then.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CodegenConfig } from '../config.js';
import type { ServiceOutput, ServiceReuse, ServiceSummary } from '../emit/model/package.js';
import type { ChunkedText, OnDiskProof } from '../emit/types.js';
import { emitContextKey } from '../fingerprint.js';
import { withOutput } from '../write/index.js';
import { checkEmittedPath } from '../write/paths.js';
import { sha256Hex, type OwnershipRecord } from '../write/record.js';
import { StatMemo } from './stat-memo.js';

/** A {@link ServiceReuse} and what it saw: the services to record for the next run, and how many were reused. */
export interface OutputReuse {
  reuse: ServiceReuse;
  /** Every service planned so far, by directory: the record's `inputs.services` once the files are consumed. */
  services: Record<string, ServiceOutput>;
  stats: { reused: number; rendered: number };
}

/**
 * Reuse backed by `config.out`. An out dir that cannot be read (missing,
 * busy, no record or one without service keys) reuses nothing: every
 * service is rendered, and the services are still recorded for next time.
 *
 * `record`, when given, is the record as the caller read it a moment ago
 * (see `lookAtOutput`), and is not read again. The out dir may have
 * changed since, and that is safe: the record only names candidates, and
 * every file taken is read and hashed against it (or vouched for, with
 * the same hash, by `memo`: see `stat-memo.ts`), so a stale record can
 * only cost reuse, never hand on bytes that rendering would not give.
 * `memo` is given by `generate` only: `check` reads every file it takes.
 */
export async function outputReuse(config: CodegenConfig, record?: OwnershipRecord | null, memo: StatMemo = StatMemo.none()): Promise<OutputReuse> {
  const root = resolve(config.out);
  const [candidates, contextKey] = await Promise.all([
    record !== undefined ? record : withOutput(root, async (output) => output.record).catch(() => null),
    emitContextKey(config),
  ]);
  return reuseFrom(root, candidates, contextKey, memo);
}

function reuseFrom(root: string, record: OwnershipRecord | null, contextKey: string, memo: StatMemo): OutputReuse {
  const services: Record<string, ServiceOutput> = {};
  const stats = { reused: 0, rendered: 0 };
  return {
    services,
    stats,
    reuse: {
      contextKey,
      reuse: (dir, key) => (record === null ? null : intactService(root, record, dir, key, memo)),
      planned(dir, output, reused) {
        services[dir] = output;
        if (reused) stats.reused++;
        else stats.rendered++;
      },
    },
  };
}

type ReusedFile = { path: string; contents: string | ChunkedText; onDisk: OnDiskProof };

/**
 * The recorded files of `dir`, when it was made under `key` and every file
 * still has its recorded bytes: read and hashed, or vouched for by `memo`
 * (see `stat-memo.ts`). A vouched-for file is not read: its contents are
 * read when asked for (see {@link vouchedContents}), which the writer does
 * only where the file changed after the lstat that vouched for it.
 */
function intactService(root: string, record: OwnershipRecord, dir: string, key: string, memo: StatMemo): { files: ReusedFile[]; summary: ServiceSummary } | null {
  const entry = Object.hasOwn(record.inputs?.services ?? {}, dir) ? record.inputs?.services?.[dir] : undefined;
  if (entry === undefined || entry.key !== key) return null;
  const files: ReusedFile[] = [];
  for (const path of entry.files) {
    const recorded = Object.hasOwn(record.files, path) ? record.files[path] : undefined;
    if (recorded === undefined || checkEmittedPath(path) !== null) return null;
    const full = join(root, path);
    // Only a file the memo knows is worth an lstat (`check` gives an empty memo).
    const now = memo.knows(path) ? lstatSync(full, { throwIfNoEntry: false }) : undefined;
    if (now !== undefined && memo.vouches(path, recorded, now)) {
      const { dev, ino, size, mtimeMs, ctimeMs } = now;
      files.push({ path, contents: vouchedContents(path, full, recorded), onDisk: { sha256: recorded, dev, ino, size, mtimeMs, ctimeMs } });
      continue;
    }
    const read = readRegularFile(full);
    // Bytes that are not UTF-8 would not survive the trip through text: the file is rendered (and so rewritten) instead.
    if (read === null || !isUtf8(read.bytes)) return null;
    const sha256 = sha256Hex(read.bytes);
    if (sha256 !== recorded) return null;
    memo.learn(path, sha256, read.stats, Date.now());
    const { dev, ino, size, mtimeMs, ctimeMs } = read.stats;
    files.push({ path, contents: read.bytes.toString('utf8'), onDisk: { sha256, dev, ino, size, mtimeMs, ctimeMs } });
  }
  return { files, summary: entry.summary };
}

/**
 * A reused file changed on disk between the lstat that vouched for it and
 * the moment its bytes were needed (an editor saving into the out dir
 * within that instant): the bytes the service would render are gone, and
 * the run must start again (`generate` does, without the memo).
 */
export class ReusedFileChangedError extends Error {}

/** The text of a vouched-for file, read when asked for, and only while it still hashes to `sha256`. */
function vouchedContents(path: string, full: string, sha256: string): ChunkedText {
  return {
    *chunks() {
      const read = readRegularFile(full);
      if (read === null || !isUtf8(read.bytes) || sha256Hex(read.bytes) !== sha256) throw new ReusedFileChangedError(`${path} changed while it was being regenerated`);
      yield read.bytes.toString('utf8');
    },
  };
}

/** No symlink is followed at the end of the path, and a FIFO someone put there is not waited on. */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * A regular file's bytes and its stats, both from one descriptor, so the
 * stats are those of the very file the bytes came from (see `OnDiskProof`).
 * Anything else (a symlink, a directory, a FIFO, nothing) is simply not
 * reused.
 */
function readRegularFile(path: string): { bytes: Buffer; stats: Stats } | null {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd);
    return stats.isFile() ? { bytes: readFileSync(fd), stats } : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
