/**
 * Interning replaces strings by an equal first copy: the pages it is run on
 * stay deep-equal to what they were, and the table holds each distinct
 * string once. (`parallel.test.ts` holds the interned parallel results to
 * sequential reading.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPages } from '../../generator/parse/fast/index.js';
import { StringInterner } from '../../generator/parse/fast/intern.js';
import { readDocs } from '../../generator/read/index.js';

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
});
