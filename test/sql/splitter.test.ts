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
