import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Locator } from '../../generator/parse/fast/locate.js';

/** Line and column by counting the line breaks before the offset. */
function counted(source: string, offset: number): { line: number; column: number; offset: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1, offset };
}

describe('Locator', () => {
  it('gives the counted line and column for offsets asked in any order, repeated or not', () => {
    const source = fc.array(fc.constantFrom('a', 'bc', '\n', '\n\n', ' '), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        source.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 30 }))),
        ([text, offsets]) => {
          const at = new Locator(text);
          for (const offset of [...offsets, ...[...offsets].sort((a, b) => a - b)]) expect(at.point(offset)).toEqual(counted(text, offset));
        },
      ),
      { numRuns: 300 },
    );
  });
});
