/**
 * `jsonFileChunks` must give, joined, exactly `jsonFile` (JSON.stringify with
 * 2-space indent and a final newline): `ir.json` is written from it and must
 * stay byte-identical. Pieces must never split a surrogate pair.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../generator/emit/contents.js';
import { jsonFile, jsonFileChunks } from '../../generator/emit/literal.js';
import { parseDocs } from '../../generator/ir/build.js';
import { REPO } from './support.js';

function expectNoSplitPair(pieces: Iterable<string>): void {
  for (const piece of pieces) {
    const first = piece.charCodeAt(0);
    const last = piece.charCodeAt(piece.length - 1);
    // A piece may hold a lone surrogate only where JSON.stringify escaped it; it never starts with a low or ends with a high one.
    expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
  }
}

describe('jsonFileChunks', () => {
  it('joins to jsonFile of the okta IR, at every split depth', async () => {
    const { document } = await parseDocs(join(REPO, '..', 'shared', 'corpus', 'okta'));
    expect(document.resources.length).toBeGreaterThan(100);
    const expected = jsonFile(document);
    for (const levels of [0, 1, 2, 3, 4, 6]) expect(textOf(jsonFileChunks(document, levels))).toBe(expected);
    // The default splits the document into many pieces, none of them the whole.
    const pieces = [...jsonFileChunks(document).chunks()];
    expect(pieces.length).toBeGreaterThan(document.resources.length);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(expected.length / 10);
  });

  it('writes awkward strings, keys and members as JSON.stringify does', () => {
    const awkward = {
      unicode: 'héllo — 你好 😀',
      separators: 'a\u2028b\u2029c',
      lone: ['\ud800', 'x\udfffy', '\ud83d'],
      controls: '\u0000\u001f\n\t"\\',
      '': 'empty key',
      'key "quoted"\n': 1,
      ['__proto__']: { inner: [] },
      empties: [[], {}, [[]], [{}]],
      undefinedMember: undefined,
      fn: () => 1,
      arrayHoles: [undefined, () => 1, Symbol('s'), null, 0, -0, 1e21, NaN, Infinity],
      date: new Date(0),
      nullProto: Object.assign(Object.create(null) as object, { b: 1, a: [1, 2] }),
      nested: { deeper: { deepest: { list: [1, [2, [3, { x: 'y' }]]] } } },
    };
    Object.defineProperty(awkward, '__proto__', { value: { own: true }, enumerable: true });
    for (const levels of [0, 1, 2, 3, 5, 10]) {
      const chunked = jsonFileChunks(awkward, levels);
      expect(textOf(chunked)).toBe(jsonFile(awkward));
      expectNoSplitPair(chunked.chunks());
    }
  });

  it('joins to jsonFile for any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (value, levels) => {
        expect(textOf(jsonFileChunks(value, levels))).toBe(jsonFile(value));
      }),
      { numRuns: 500 },
    );
  });

  it('yields the same pieces each time it is read', () => {
    const chunked = jsonFileChunks({ a: [1, { b: 'c' }], d: 'e' });
    expect([...chunked.chunks()]).toEqual([...chunked.chunks()]);
  });
});
