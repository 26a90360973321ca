import fc from 'fast-check';
import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { plainText, plainTextMatches } from '../../generator/parse/html.js';

const PHRASE = /`?SELECT`? not supported for this resource/;
const PHRASE_LENGTH = '`SELECT` not supported for this resource'.length;

/** Words of the phrase, whitespace runs and fillers long enough to push a match across the scan's windows. */
const piece = fc.constantFrom('`SELECT`', 'SELECT', ' ', '  \n\t', 'not', ' not ', 'supported', 'for this', ' resource', 'resource', '`', 'x'.repeat(5000), ' '.repeat(3000), '');

/** mdast-like nodes: text values, images (alt), parents, and nodes to-string reads as empty. */
const tree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    piece.map((value) => ({ type: 'text', value })),
    piece.map((value) => ({ type: 'inlineCode', value })),
    piece.map((alt) => ({ type: 'image', alt })),
    fc.constant({ type: 'image', alt: '', children: [{ type: 'text', value: 'resource' }] }),
    fc.constant({ type: 'thematicBreak' }),
    fc.array(tie('node'), { maxLength: 5 }).map((children) => ({ type: 'paragraph', children })),
  ),
})).node;

describe('plainTextMatches', () => {
  it('agrees with testing the pattern on plainText of the whole', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 8 }), (nodes) => {
        const whole = plainText({ type: 'root', children: nodes } as Node);
        expect(plainTextMatches(nodes as Node[], PHRASE, PHRASE_LENGTH, 'supported')).toBe(PHRASE.test(whole));
      }),
      { numRuns: 400 },
    );
  });

  it('finds the phrase split across nodes and across the scan windows', () => {
    const filler = { type: 'text', value: 'x'.repeat(8190) };
    const split = [filler, { type: 'text', value: ' `SELECT` not ' }, { type: 'paragraph', children: [{ type: 'text', value: '\n supported for' }] }, { type: 'image', alt: ' this resource' }];
    expect(plainTextMatches(split as Node[], PHRASE, PHRASE_LENGTH, 'supported')).toBe(true);
    expect(plainTextMatches([filler, { type: 'text', value: 'SELECT is supported for this resource' }] as Node[], PHRASE, PHRASE_LENGTH, 'supported')).toBe(false);
  });
});
