import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines, unifiedDiff, type LineOp } from '../../generator/diff/lines.js';

/** Textbook LCS length by dynamic programming: the independent oracle for minimality. */
function lcsLength(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = table[i] as number[];
      row[j] = a[i - 1] === b[j - 1] ? (table[i - 1]?.[j - 1] ?? 0) + 1 : Math.max(table[i - 1]?.[j] ?? 0, row[j - 1] ?? 0);
    }
  }
  return table[a.length]?.[b.length] ?? 0;
}

const sides = (ops: LineOp[]) => ({
  a: ops.filter((o) => o.op !== 'insert').map((o) => o.line),
  b: ops.filter((o) => o.op !== 'delete').map((o) => o.line),
  edits: ops.filter((o) => o.op !== 'equal').length,
});

describe('diffLines', () => {
  it('yields a shortest edit script that rebuilds both sides', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(ops).not.toBeNull();
        const rebuilt = sides(ops ?? []);
        expect(rebuilt.a).toEqual(a);
        expect(rebuilt.b).toEqual(b);
        expect(rebuilt.edits).toBe(a.length + b.length - 2 * lcsLength(a, b));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('gives up past the edit cap', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`);
    expect(diffLines(a, b, 20)).toBeNull();
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('x.ts', 'a\nb\n', 'a\nb\n')).toBe('');
  });

  it('prints hunks as diff -u does', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n') + '\n';
    const after = ['1', '2', '3', 'four', '5', '6', '7', '8', '9', '10', '11', '12', '13'].join('\n') + '\n';
    expect(unifiedDiff('src/x.ts', before, after)).toBe(
      ['--- a/src/x.ts', '+++ b/src/x.ts', '@@ -1,7 +1,7 @@', ' 1', ' 2', ' 3', '-4', '+four', ' 5', ' 6', ' 7', '@@ -10,3 +10,4 @@', ' 10', ' 11', ' 12', '+13', ''].join('\n'),
    );
  });

  it('prints a new file as one hunk from line 0', () => {
    expect(unifiedDiff('n.ts', '', 'x\ny\n')).toBe(['--- a/n.ts', '+++ b/n.ts', '@@ -0,0 +1,2 @@', '+x', '+y', ''].join('\n'));
  });

  it('caps the lines shown per file', () => {
    const before = Array.from({ length: 100 }, (_, i) => `l${i}`).join('\n') + '\n';
    const after = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? `m${i}` : `l${i}`)).join('\n') + '\n';
    const text = unifiedDiff('x', before, after, { maxLines: 10 });
    expect(splitLines(text)).toHaveLength(2 + 10 + 1);
    expect(text).toMatch(/more diff line\(s\) not shown @@\n$/);
  });

  it('says when only the final newline differs', () => {
    expect(unifiedDiff('x', 'a\n', 'a')).toContain('final newline removed');
  });
});
