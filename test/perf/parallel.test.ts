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
  parallelParse(files: DocFile[], options?: { threads?: number; minBytes?: number }): Promise<ParsedPage[]>;
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
    const list = [...files];
    const parallel = await built.parallelParse(list, { threads: 3, minBytes: 0 });
    expect(parallel.map((page) => page.path)).toEqual(files.map((file) => file.path));
    expect(parallel).toEqual(sequential);
    // It takes the list: no file is left in it to keep its docs buffer alive.
    expect(list).toEqual([]);
  });

  it('takes the list on the calling thread alone too', async () => {
    const list = [...files];
    expect(await built.parallelParse(list, { threads: 1 })).toEqual(await fast.readPages(files));
    expect(list).toEqual([]);
  });
});
