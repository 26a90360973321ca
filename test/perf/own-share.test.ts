/**
 * Memory of a parse spread over threads: the calling thread lets go of each
 * page's text as it reads its share, not once the share is read. A string
 * the reader cuts from a page is a view of the page's whole text, so a page
 * not yet interned keeps its text alive (at 10k pages, the texts of the
 * calling thread's share were half its heap when the parse ended). The
 * worker runs compiled code, so this test uses the build (`npm test`
 * builds first).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DocFile, ParsedPage } from '../../generator/parse/page.js';
import { docFilesUnder } from '../support/doc-files.js';
import { collectGarbage } from '../support/gc.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const okta = join(repoRoot, '..', 'shared', 'corpus', 'okta');
const built = (await import(join(repoRoot, 'dist', 'generator', 'parse', 'fast', 'parallel.js'))) as {
  parallelParse(files: DocFile[], options?: { threads?: number; minBytes?: number }): Promise<ParsedPage[]>;
};

/** okta's pages `copies` times over, each copy under a path of its own: bytes enough for a signal well above the heap's noise. */
function oktaCopies(copies: number): DocFile[] {
  const pages = docFilesUnder(okta);
  return Array.from({ length: copies }, (_, copy) => pages.map((page) => ({ path: `copy${String(copy).padStart(2, '0')}/${page.path}`, bytes: page.bytes }))).flat();
}

describe('parallelParse, on the calling thread', () => {
  it('holds no more than a batch of page texts while it reads its share', async () => {
    // 6 copies: about 11 MB of pages, 5.5 MB of them the calling thread's share.
    const files = oktaCopies(6);
    const textBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
    await collectGarbage();
    const base = process.memoryUsage().heapUsed;
    // The calling thread lets timers run between batches: each look is the heap after a full collection, at that point of the parse.
    let highest = 0;
    const look = setInterval(() => {
      void collectGarbage().then(() => {
        highest = Math.max(highest, process.memoryUsage().heapUsed - base);
      });
    }, 100);
    let pages: ParsedPage[];
    try {
      pages = await built.parallelParse(files, { threads: 2, minBytes: 0 });
    } finally {
      clearInterval(look);
    }
    await collectGarbage();
    const results = process.memoryUsage().heapUsed - base;
    expect(pages).toHaveLength(6 * docFilesUnder(okta).length);
    // The results alone grow to `results` by the end; held texts would add up to half of `textBytes` (the calling thread's share).
    expect(highest).toBeGreaterThan(0);
    expect(highest - results).toBeLessThan(textBytes / 8);
  });

  it('on one thread, interns a large input as it reads it, so the results keep no page text alive', async () => {
    // The same 6 copies on one thread, as on a one-core machine: once as an input past the size where pages are interned, once as a small one.
    const textBytes = oktaCopies(6).reduce((sum, file) => sum + file.bytes.length, 0);
    const retained = async (minBytes: number): Promise<number> => {
      await collectGarbage();
      const base = process.memoryUsage().heapUsed;
      const pages = await built.parallelParse(oktaCopies(6), { threads: 1, minBytes });
      await collectGarbage();
      const heap = process.memoryUsage().heapUsed - base;
      expect(pages).toHaveLength(6 * docFilesUnder(okta).length);
      return heap;
    };
    const asRead = await retained(Number.POSITIVE_INFINITY);
    const interned = await retained(0);
    // Left as read, the strings cut from each page keep its whole text alive: about `textBytes` more.
    expect(asRead - interned).toBeGreaterThan(textBytes / 2);
  });
});

