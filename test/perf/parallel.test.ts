/**
 * `parallelParse` must return exactly what reading the pages one by one
 * returns, in input order. Its worker runs compiled code, so this test uses
 * the build (`npm test` builds first).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DocFile, ParsedPage } from '../../generator/parse/page.js';
import { docFilesUnder } from '../support/doc-files.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(repoRoot, '..', 'shared', 'corpus', 'okta');


interface ParallelModule {
  parallelParse(files: readonly DocFile[], options?: { threads?: number; minBytes?: number; handOverBytes?: boolean }): Promise<ParsedPage[]>;
  splitByBytes(files: readonly DocFile[], count: number, total: number): DocFile[][];
}

const built = (await import(join(repoRoot, 'dist', 'generator', 'parse', 'fast', 'parallel.js'))) as ParallelModule;
const fast = (await import(join(repoRoot, 'dist', 'generator', 'parse', 'fast', 'index.js'))) as { readPages(files: readonly DocFile[]): Promise<ParsedPage[]> };

describe('parallelParse', () => {
  const files = docFilesUnder(corpus);

  it('splits into contiguous shares that keep every file once, in order', () => {
    const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
    const shares = built.splitByBytes(files, 3, total);
    expect(shares).toHaveLength(3);
    expect(shares.flat().map((file) => file.path)).toEqual(files.map((file) => file.path));
    for (const share of shares) expect(share.length).toBeGreaterThan(0);
  });

  it('returns what sequential reading returns, in input order, with workers', async () => {
    const sequential = await fast.readPages(files);
    const parallel = await built.parallelParse(files, { threads: 3, minBytes: 0 });
    expect(parallel.map((page) => page.path)).toEqual(files.map((file) => file.path));
    expect(parallel).toEqual(sequential);
  });

  it('moves the workers\' shares of bytes it is given, and only buffers that hold one file alone', async () => {
    const sequential = await fast.readPages(files);
    // Half the files own their buffer; the other half are views into one shared buffer, as pooled small reads are.
    const pooled = Buffer.concat(files.filter((_, index) => index % 2 === 1).map((file) => file.bytes));
    let offset = 0;
    const given: DocFile[] = files.map((file, index) => {
      if (index % 2 === 0) return { path: file.path, bytes: Uint8Array.from(file.bytes) };
      const view = pooled.subarray(offset, offset + file.bytes.length);
      offset += file.bytes.length;
      return { path: file.path, bytes: view };
    });
    const shares = built.splitByBytes(given, 3, given.reduce((sum, file) => sum + file.bytes.length, 0));
    const ownShare = new Set(shares[0]);
    const parallel = await built.parallelParse(given, { threads: 3, minBytes: 0, handOverBytes: true });
    expect(parallel).toEqual(sequential);
    given.forEach((file, index) => {
      const moved = index % 2 === 0 && !ownShare.has(file);
      expect(file.bytes.byteLength, file.path).toBe(moved ? 0 : (files[index] as DocFile).bytes.length);
    });
  });

  it('copies the bytes unless told they are given', async () => {
    const given: DocFile[] = files.map((file) => ({ path: file.path, bytes: Uint8Array.from(file.bytes) }));
    await built.parallelParse(given, { threads: 3, minBytes: 0 });
    given.forEach((file, index) => expect(file.bytes.byteLength).toBe((files[index] as DocFile).bytes.length));
  });
});
