/**
 * A file reused from the out dir comes with the proof of how it was found
 * there (`OnDiskProof`): the writer counts it unchanged on a cheap lstat
 * instead of reading it again, and falls back to comparing the bytes
 * whenever the file is not exactly the one the proof was taken from.
 */
import { createHash } from 'node:crypto';
import { rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmittedFile, OnDiskProof } from '../../generator/emit/types.js';
import { OWNERSHIP_RECORD } from '../../generator/write/index.js';
import { freshOutDir, writtenSummary } from './support/out-dir.js';
import { snapshotTree } from './support/tree.js';

const PATH = 'src/a/one.ts';
const ONE = 'export const one = 1;\n';
/** The same length as {@link ONE}: only the times and the bytes tell them apart. */
const UNO = 'export const uno = 1;\n';

let out: string;
beforeEach(async () => {
  out = await freshOutDir('writer-proof');
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const write = (files: EmittedFile[]) => writtenSummary(out, files);

/** The proof a reader takes of the file at `path` as it is now, claiming `hash` for its bytes. */
async function proofOf(path: string, hash: string): Promise<OnDiskProof> {
  const { dev, ino, size, mtimeMs, ctimeMs } = await stat(join(out, path));
  return { sha256: hash, dev, ino, size, mtimeMs, ctimeMs };
}

async function recordedHash(path: string): Promise<string | undefined> {
  const tree = await snapshotTree(out);
  return (JSON.parse(tree[OWNERSHIP_RECORD] ?? '{}') as { files: Record<string, string> }).files[path];
}

/** Long enough for the file system's clock to move on (it may tick only every few ms). */
const aTick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('writeOutput with a proof of what is on disk', () => {
  it('trusts a proof the file still matches: the file is not read again', async () => {
    await write([{ path: PATH, contents: ONE }]);
    // A proof that lies about the hash, for contents that are not on disk: only a writer that never reads the file records it and keeps the file.
    const claimed = 'f'.repeat(64);
    const summary = await write([{ path: PATH, contents: UNO, onDisk: await proofOf(PATH, claimed) }]);
    expect(summary).toEqual({ written: [], unchanged: [PATH], removed: [] });
    expect(await recordedHash(PATH)).toBe(claimed);
    expect((await snapshotTree(out))[PATH]).toBe(ONE);
  });

  it('compares and rewrites a file written since the proof, even with the same size and mtime', async () => {
    await write([{ path: PATH, contents: ONE }]);
    // A time utimes can set exactly, so that it can be put back after the edit.
    const wholeSecond = 1_700_000_000;
    await utimes(join(out, PATH), wholeSecond, wholeSecond);
    const proof = await proofOf(PATH, sha256(ONE));
    await aTick();
    await writeFile(join(out, PATH), UNO);
    // Put the mtime back: the ctime still tells.
    await utimes(join(out, PATH), wholeSecond, wholeSecond);
    expect((await stat(join(out, PATH))).mtimeMs).toBe(proof.mtimeMs);
    const summary = await write([{ path: PATH, contents: ONE, onDisk: proof }]);
    expect(summary).toEqual({ written: [PATH], unchanged: [], removed: [] });
    expect((await snapshotTree(out))[PATH]).toBe(ONE);
    expect(await recordedHash(PATH)).toBe(sha256(ONE));
  });

  it('writes again a file deleted since the proof', async () => {
    await write([{ path: PATH, contents: ONE }]);
    const proof = await proofOf(PATH, sha256(ONE));
    await rm(join(out, PATH));
    const summary = await write([{ path: PATH, contents: ONE, onDisk: proof }]);
    expect(summary).toEqual({ written: [PATH], unchanged: [], removed: [] });
    expect((await snapshotTree(out))[PATH]).toBe(ONE);
  });

  it('counts a file replaced since the proof by one with the same bytes as unchanged, by comparing them', async () => {
    await write([{ path: PATH, contents: ONE }]);
    const proof = await proofOf(PATH, 'f'.repeat(64));
    await aTick();
    await rm(join(out, PATH));
    await writeFile(join(out, PATH), ONE);
    const summary = await write([{ path: PATH, contents: ONE, onDisk: proof }]);
    expect(summary).toEqual({ written: [], unchanged: [PATH], removed: [] });
    // Hashed from the bytes, not taken from the stale proof.
    expect(await recordedHash(PATH)).toBe(sha256(ONE));
  });
});
