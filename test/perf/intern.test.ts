/**
 * Interning replaces strings by an equal first copy: the pages it is run on
 * stay deep-equal to what they were, and the table holds each distinct
 * string once. (`parallel.test.ts` holds the interned parallel results to
 * sequential reading.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPages } from '../../generator/parse/fast/index.js';
import { EMPTY_LIST, StringInterner } from '../../generator/parse/fast/intern.js';
import type { ParsedPage } from '../../generator/parse/page.js';
import { collectGarbage } from '../support/gc.js';
import { readDocs } from '../../generator/read/index.js';
import { docFilesUnder } from '../support/doc-files.js';

describe('StringInterner', () => {
  it('keeps the okta pages deep-equal, with one table entry per distinct string', async () => {
    const { files } = await readDocs(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'okta'));
    const pages = await readPages(files);
    const before = structuredClone(pages);
    const distinct = new Set<string>();
    let strings = 0;
    const collect = (value: unknown): void => {
      if (typeof value === 'string') {
        distinct.add(value);
        strings++;
      } else if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
    };
    pages.forEach(collect);

    const interner = new StringInterner();
    for (const page of pages) expect(interner.internAll(page)).toBe(page);
    expect(pages).toEqual(before);
    expect(interner.size).toBe(distinct.size);
    // Worth doing at all: okta's pages repeat most of their strings.
    expect(distinct.size * 4).toBeLessThan(strings);
  });

  it('returns the first copy of each string and leaves keys, numbers and nulls alone', () => {
    const interner = new StringInterner();
    const value = { a: ['x', 1, null, { b: 'x', c: true }], ['__proto__']: 'y', d: ['y'] };
    const before = structuredClone(value);
    interner.internAll(value);
    expect(value).toEqual(before);
    expect(Object.keys(value)).toEqual(Object.keys(before));
    expect(interner.size).toBe(2);
    expect(interner.intern('x')).toBe('x');
    expect(interner.size).toBe(2);
  });

  it('puts the one frozen empty list in place of every empty list', () => {
    const value = { a: [], b: [{ c: [] }, []], d: { e: [] } };
    new StringInterner().internAll(value);
    expect(value.a).toBe(EMPTY_LIST);
    expect(value.b[0]).toEqual({ c: [] });
    expect((value.b[0] as { c: unknown[] }).c).toBe(EMPTY_LIST);
    expect(value.b[1]).toBe(EMPTY_LIST);
    expect(value.d.e).toBe(EMPTY_LIST);
    expect(Object.isFrozen(EMPTY_LIST)).toBe(true);
    expect(() => (EMPTY_LIST as unknown as string[]).push('x')).toThrow(TypeError);
  });

  it('copies the lists it is told to, and leaves them in place otherwise', () => {
    const make = () => ({ a: ['x', ['y']], b: { c: [1, 2] } });
    const kept = make();
    const [a, b] = [kept.a, kept.b.c];
    new StringInterner().internAll(kept);
    expect(kept.a).toBe(a);
    expect(kept.b.c).toBe(b);
    const copied = make();
    const [outer, inner, numbers] = [copied.a, copied.a[1], copied.b.c];
    new StringInterner().internAll(copied, true);
    expect(copied).toEqual(make());
    expect(copied.a).not.toBe(outer);
    expect(copied.a[1]).not.toBe(inner);
    expect(copied.b.c).not.toBe(numbers);
  });

  it('leaves one copy of each string in the heap for many copies of the same pages', async () => {
    // Structured clones have strings of their own, as a worker's results do.
    const pages = await readPages(docFilesUnder(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'okta')));
    const heapOf = async (prepare: (clones: ParsedPage[][]) => void): Promise<number> => {
      await collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const clones = Array.from({ length: 8 }, () => structuredClone(pages));
      prepare(clones);
      await collectGarbage();
      const held = process.memoryUsage().heapUsed - before;
      expect(clones).toHaveLength(8);
      return held;
    };
    const plain = await heapOf(() => undefined);
    const interned = await heapOf((clones) => {
      const interner = new StringInterner();
      for (const clone of clones) for (const page of clone) interner.internAll(page);
    });
    // Interned, okta's 8 clones take about 0.4 of the heap they take as cloned (0.97 where a string equal to its first copy was left in place).
    expect(interned).toBeLessThan(plain * 0.7);
  });
});
