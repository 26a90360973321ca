/**
 * The fast reader's scans that jump from one special character to the next
 * with `indexOf`: they must find what a character-by-character scan finds,
 * and stay linear on lines built to make them search again and again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInline, textOf } from '../../generator/parse/fast/inline.js';
import { Locator } from '../../generator/parse/fast/locate.js';
import { cookTemplate } from '../../generator/parse/fast/tree.js';

/** Braces balanced in order, read one character at a time. */
function bracesBalance(body: string): boolean {
  let depth = 0;
  for (const char of body) {
    if (char === '{') depth += 1;
    else if (char === '}' && (depth -= 1) < 0) return false;
  }
  return depth === 0;
}

describe('cookTemplate', () => {
  it('accepts a literal exactly where its braces balance', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', 'a', ' ', '\n', '{}', '}{') }), (body) => {
        expect(cookTemplate(`\`${body}\``)).toBe(bracesBalance(body) ? body : null);
      }),
      { numRuns: 1000 },
    );
    expect(cookTemplate('`a: {b: {c}}`')).toBe('a: {b: {c}}');
    expect(cookTemplate('`}{`')).toBeNull();
    expect(cookTemplate('`{{}`')).toBeNull();
  });
});

describe('readInline', () => {
  const read = (line: string) => readInline(line, 0, new Locator(line));

  it('reads code spans and tags in any order, as far apart as they come', () => {
    const line = `a \`x\` <b>y</b> ${'z'.repeat(5000)} \`\`w\`\` <code>v</code> \`u`;
    const result = read(line);
    expect(result.kind).toBe('exact');
    if (result.kind === 'refused') return;
    expect(result.nodes.map((node) => node.type)).toEqual(['text', 'inlineCode', 'text', 'mdxJsxTextElement', 'text', 'inlineCode', 'text', 'mdxJsxTextElement', 'text']);
    expect(textOf(result.nodes)).toBe(`a x y ${'z'.repeat(5000)} w v \`u`);
    expect(result.unpairedBacktick).toBe(true);
  });

  it('stays linear on a long line of tags without a backtick, and of backticks without a tag', () => {
    const tags = '<b>x</b> '.repeat(50_000);
    let started = performance.now();
    const tagged = read(tags);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(tagged.kind === 'refused' ? -1 : tagged.nodes.length).toBe(100_000);
    const spans = '`x` '.repeat(50_000);
    started = performance.now();
    const spanned = read(spans);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(spanned.kind === 'refused' ? -1 : spanned.nodes.filter((node) => node.type === 'inlineCode').length).toBe(50_000);
  });

  it('pairs a backtick run only with a run of the same length', () => {
    const result = read('a ``b ` c`` d `e');
    if (result.kind === 'refused') throw new Error('refused');
    expect(result.nodes.map((node) => [node.type, (node as { value?: string }).value])).toEqual([
      ['text', 'a '],
      ['inlineCode', 'b ` c'],
      ['text', ' d `e'],
    ]);
  });
});
