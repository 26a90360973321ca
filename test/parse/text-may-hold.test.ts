/**
 * The fast reader's certain "no": where `mayHoldAnywhere` says a section
 * cannot hold the phrase, the plain text both readers take from it must not
 * hold it either, since the page reader then skips looking for it.
 */
import fc from 'fast-check';
import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { mayHoldAnywhere } from '../../generator/parse/fast/opaque.js';
import { plainTextMatches } from '../../generator/parse/html.js';

const WORDS = 'not supported for this resource';
const PHRASE = /`?SELECT`? not supported for this resource/;
const PHRASE_LENGTH = '`SELECT` not supported for this resource'.length;
const holds = (nodes: Node[]) => plainTextMatches(nodes, PHRASE, PHRASE_LENGTH, 'supported');

/** Words of the phrase and near misses: letters right after an `n`, references, markup a reader takes out. */
const piece = fc.constantFrom('SELECT not supported for this resource', 'in ', 'n  ', 'n\t', '`SELECT` not supp', 'SELECT n', 'ot supported for this resource', 'orted for this resource', ' ', '\n', 'no', 'n', 'nt', 'nn', 'e', '&amp;', '&#110;', '*', '[', ']', '(', ')', 'x', 'ana');

const tree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.array(piece, { maxLength: 6 }).map((parts) => ({ type: 'text', value: parts.join('') })),
    fc.array(piece, { maxLength: 3 }).map((parts) => ({ type: 'inlineCode', value: parts.join('') })),
    fc.array(tie('node'), { maxLength: 4 }).map((children) => ({ type: 'paragraph', children })),
  ),
})).node;

describe('mayHoldAnywhere', () => {
  it('says "no" only where the plain text does not hold the phrase', () => {
    let held = 0;
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), (nodes) => {
        const may = mayHoldAnywhere(nodes as Node[], WORDS, '');
        if (holds(nodes as Node[])) {
          held++;
          expect(may).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    // The property must have met the phrase, or it proves nothing.
    expect(held).toBeGreaterThan(0);
  });

  it('finds the phrase across nodes, and a start whose next letter is not the phrase\'s', () => {
    const split = [{ type: 'text', value: 'an SELECT not' }, { type: 'paragraph', children: [{ type: 'text', value: ' supported for this resource' }] }];
    expect(holds(split as Node[])).toBe(true);
    expect(mayHoldAnywhere(split as Node[], WORDS, '')).toBe(true);
    expect(mayHoldAnywhere([{ type: 'text', value: 'SELECT nnot supported for this resource' }] as Node[], WORDS, '')).toBe(true);
    expect(mayHoldAnywhere([{ type: 'text', value: 'and none are supported for this resource' }] as Node[], WORDS, '')).toBe(false);
    expect(mayHoldAnywhere([{ type: 'text', value: 'SELECT in  n   not supported for this resource' }] as Node[], WORDS, '')).toBe(true);
    expect(mayHoldAnywhere([{ type: 'text', value: 'SELECT in the n\tnot supported for this resource' }] as Node[], WORDS, '')).toBe(true);
  });

  it('reads an opaque node from its source, where markup may hide the phrase', () => {
    const source = 'x `SELECT` not *supported* for this resource y';
    const opaque = { type: 'paragraph', data: { fastOpaque: true }, children: [{ type: 'text', value: 'unrelated' }], position: { start: { offset: 0 }, end: { offset: source.length } } };
    expect(mayHoldAnywhere([opaque] as unknown as Node[], WORDS, source)).toBe(true);
    expect(mayHoldAnywhere([opaque] as unknown as Node[], WORDS, 'x'.repeat(source.length))).toBe(false);
    const unplaced = { ...opaque, position: undefined };
    expect(mayHoldAnywhere([unplaced] as unknown as Node[], WORDS, source)).toBe(true);
  });
});
