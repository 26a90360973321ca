import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MARKUP_DEPTH, MAX_MARKUP_TAGS, MAX_PIPE_TABLE_LINES, markupLimitProblem } from '../../generator/parse/limits.js';

/**
 * The limits as first written, with regexes: the reference the scanning
 * implementation must agree with, on every text.
 */
function referenceProblem(text: string): { line: number; column: number; message: string } | null {
  const place = (offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  let pipeLines = 0;
  for (const match of text.matchAll(/^[ \t]*\|/gm)) {
    if (++pipeLines > MAX_PIPE_TABLE_LINES) return { ...place(match.index), message: `the page has more than ${MAX_PIPE_TABLE_LINES} pipe-table lines (MAX_PIPE_TABLE_LINES); it was not parsed` };
  }
  let tags = 0;
  let depth = 0;
  for (const match of text.matchAll(/<(\/?)[A-Za-z][^<>]*?(\/?)>/g)) {
    tags++;
    if (match[1] === '/') depth = Math.max(0, depth - 1);
    else if (match[2] !== '/') depth++;
    if (tags > MAX_MARKUP_TAGS) return { ...place(match.index), message: `the page has more than ${MAX_MARKUP_TAGS} tags (MAX_MARKUP_TAGS); it was not parsed` };
    if (depth > MAX_MARKUP_DEPTH) return { ...place(match.index), message: `tags are nested more than ${MAX_MARKUP_DEPTH} deep (MAX_MARKUP_DEPTH); the page was not parsed` };
  }
  return null;
}

/** Pieces that make and break tags: brackets, slashes, letters, non-letters, line breaks, pipes. */
const piece = fc.constantFrom('<', '>', '/', '</', '/>', 'a', 'Tr', 'td', ' ', '\n', '|', '1', '@', 'é', '<<', '>>', '<a>', '</a>', '<br />', '< a>', '<a/>', '<//a>');

describe('markupLimitProblem', () => {
  it('agrees with the regex reference on random markup, repeated past the limits', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.constantFrom(1, 3, 120, 800), (pieces, repeat) => {
        const text = pieces.join('').repeat(repeat);
        expect(markupLimitProblem(text)).toEqual(referenceProblem(text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the tag that crosses each limit', () => {
    const deep = '<div>\n'.repeat(MAX_MARKUP_DEPTH + 1);
    expect(markupLimitProblem(deep)).toMatchObject({ line: MAX_MARKUP_DEPTH + 1, column: 1 });
    const many = '<br />'.repeat(MAX_MARKUP_TAGS + 1);
    expect(markupLimitProblem(many)).toMatchObject({ line: 1, column: MAX_MARKUP_TAGS * 6 + 1 });
    expect(markupLimitProblem('<a>x</a> <b/> a < b > c')).toBeNull();
  });
});

describe('markupLimitProblem on hostile text', () => {
  it('reads unclosed tag openings in linear time and agrees with the reference', () => {
    const text = `${'<a'.repeat(200_000)}>`;
    const started = performance.now();
    const problem = markupLimitProblem(text);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(problem).toEqual(referenceProblem(text));
    expect(problem).toBeNull();
  });

  it('counts a tag whose `>` comes long after a stray `<` that opens none', () => {
    const text = `< ${'x'.repeat(50_000)} <b>${'</b>'.repeat(2)}`;
    expect(markupLimitProblem(text)).toEqual(referenceProblem(text));
    const deep = `<1 <x${' y'.repeat(1000)}>${'<div>'.repeat(MAX_MARKUP_DEPTH)}`;
    expect(markupLimitProblem(deep)).toEqual(referenceProblem(deep));
    expect(markupLimitProblem(deep)).toMatchObject({ line: 1 });
  });
});
