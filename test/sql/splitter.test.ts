import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstStatement, isEmptyPiece, isSingleStatement, nonEmptyStatements, splitStatements } from '../../generator/sql/splitter.js';

describe('splitStatements (StackQL server splitter)', () => {
  it('splits on every ; outside double quotes, dropping the ;', () => {
    expect(splitStatements('SELECT 1; SELECT 2')).toEqual(['SELECT 1', ' SELECT 2']);
    expect(splitStatements('SELECT 1;')).toEqual(['SELECT 1', '']);
    expect(splitStatements('')).toEqual(['']);
  });

  it('does not respect single quotes', () => {
    expect(splitStatements("SELECT 'a;b'")).toEqual(["SELECT 'a", "b'"]);
  });

  it('keeps ; inside a double-quoted span', () => {
    expect(splitStatements('SELECT "a;b" FROM t; x')).toEqual(['SELECT "a;b" FROM t', ' x']);
  });

  it('opens a double-quoted span even after a backslash', () => {
    expect(splitStatements('a \\"b;c" ;d')).toEqual(['a \\"b;c" ', 'd']);
  });

  it('does not close a double-quoted span on a backslash-escaped quote', () => {
    expect(splitStatements('"a\\";b";c')).toEqual(['"a\\";b"', 'c']);
  });

  it('an unclosed double quote swallows the rest', () => {
    expect(splitStatements('x "a;b;c')).toEqual(['x "a;b;c']);
  });

  it('ignores comments: a ; in a comment still splits', () => {
    expect(splitStatements('SELECT 1 -- a;b\n')).toEqual(['SELECT 1 -- a', 'b\n']);
    expect(splitStatements('/* ; */')).toEqual(['/* ', ' */']);
  });

  it('joining the pieces with ; restores the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ';', '"', '\\', "'", ' ', '\n') }), (text) => {
        expect(splitStatements(text).join(';')).toBe(text);
      }),
    );
  });

  it('cuts where the rules read one character at a time cut, on any mix of quotes, escapes and semicolons', () => {
    // The server's rules as first written: a `"` opens a span whatever precedes it and closes it unless a backslash precedes it.
    const byCharacter = (text: string): string[] => {
      const pieces: string[] = [];
      let start = 0;
      let quoted = false;
      for (let index = 0; index < text.length; index++) {
        if (text[index] === '"') quoted = !quoted || text[index - 1] === '\\';
        else if (text[index] === ';' && !quoted) {
          pieces.push(text.slice(start, index));
          start = index + 1;
        }
      }
      return [...pieces, text.slice(start)];
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ';', '"', '\\', '\\"', '""', ';;', ' ') }), (text) => {
        expect(splitStatements(text)).toEqual(byCharacter(text));
      }),
      { numRuns: 2000 },
    );
    expect(splitStatements('"\\"";a";b')).toEqual(['"\\""', 'a";b']);
    expect(splitStatements('";\\";";x')).toEqual(['";\\";"', 'x']);
  });

  it('the server runs the first non-empty piece', () => {
    expect(firstStatement(' ;\n\t; SELECT 1; SELECT 2')).toBe(' SELECT 1');
    expect(firstStatement(';;  ')).toBeNull();
    expect(nonEmptyStatements('SELECT 1;; ;SELECT 2;')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('counts emptiness as Go TrimSpace does', () => {
    expect(isEmptyPiece(' \u0085\u00a0\u3000\v\f')).toBe(true);
    expect(isEmptyPiece('\ufeff')).toBe(false);
    expect(isSingleStatement('SELECT 1;\u0085')).toBe(true);
    expect(isSingleStatement("SELECT 'a;b'")).toBe(false);
    expect(isSingleStatement('SELECT "a;b"')).toBe(true);
  });
});
