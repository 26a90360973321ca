import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeStringLiteral, significantTokens, tokenize, type Token } from '../../generator/sql/lexer.js';

const kinds = (sql: string) => tokenize(sql).map((token) => [token.kind, token.text]);
const only = (sql: string): Token => {
  const tokens = tokenize(sql);
  expect(tokens).toHaveLength(1);
  return tokens[0]!;
};

describe('string literals', () => {
  it("'' is a quote", () => {
    expect(only("'it''s'").value).toBe("it's");
  });

  it.each([
    ['\\\\', '\\'],
    ["\\'", "'"],
    ['\\"', '"'],
    ['\\n', '\n'],
    ['\\0', '\0'],
    ['\\t', '\t'],
    ['\\r', '\r'],
    ['\\b', '\b'],
    ['\\Z', '\x1a'],
    ['\\%', '%'],
    ['\\_', '_'],
    ['\\x', 'x'],
    ['\\é', 'é'],
  ])('backslash escape %s decodes to %j', (escape, decoded) => {
    const token = only(`'a${escape}b'`);
    expect(token.kind).toBe('string');
    expect(token.value).toBe(`a${decoded}b`);
  });

  it('an unterminated string or a trailing backslash is an error', () => {
    expect(only("'abc").kind).toBe('error');
    expect(only("'abc\\").kind).toBe('error');
    expect(only("'abc\\'").kind).toBe('error');
  });

  it('a ; or -- inside a string is string content', () => {
    expect(kinds("'a;b -- c'")).toEqual([['string', "'a;b -- c'"]]);
  });
});

describe('identifiers', () => {
  it('double quotes delimit identifiers, "" is a quote, no backslash escapes', () => {
    expect(only('"max-buckets"')).toMatchObject({ kind: 'quoted-identifier', value: 'max-buckets' });
    expect(only('"a""b"').value).toBe('a"b');
    expect(kinds('"a\\"b"')).toEqual([
      ['quoted-identifier', '"a\\"'],
      ['word', 'b'],
      ['error', '"'],
    ]);
  });

  it('an empty or unterminated quoted identifier is an error', () => {
    expect(only('""').kind).toBe('error');
    expect(only('"abc').kind).toBe('error');
  });

  it('words take letters, digits, _, $ and @; a hyphen ends them', () => {
    expect(kinds('$schema a_b1@c x-y')).toEqual([
      ['word', '$schema'],
      ['word', 'a_b1@c'],
      ['word', 'x'],
      ['punctuation', '-'],
      ['word', 'y'],
    ]);
  });

  it('a v that starts a semantic version keeps its dots', () => {
    expect(kinds('v1.2.3')).toEqual([['word', 'v1.2.3']]);
    expect(kinds('v.x')).toEqual([
      ['word', 'v'],
      ['punctuation', '.'],
      ['word', 'x'],
    ]);
  });

  it('backticks are errors', () => {
    expect(tokenize('`a`')[0]!.kind).toBe('error');
  });
});

describe('variables', () => {
  it('@name and @@name', () => {
    expect(tokenize("@owner='x'").map((t) => [t.kind, t.value])).toEqual([
      ['variable', 'owner'],
      ['punctuation', '='],
      ['string', 'x'],
    ]);
    expect(tokenize('@@json=')[0]).toMatchObject({ kind: 'system-variable', value: 'json' });
  });

  it('a hyphen ends a variable name unless it is double-quoted', () => {
    expect(tokenize('@Accept-Language').map((t) => t.text)).toEqual(['@Accept', '-', 'Language']);
    expect(tokenize('@"Accept-Language"')[0]).toMatchObject({ kind: 'variable', value: 'Accept-Language' });
  });

  it('variable names take dots and quotes', () => {
    expect(tokenize("@a.b'c")[0]!.value).toBe("a.b'c");
  });
});

describe('comments and hints', () => {
  it('-- starts a comment at once, no space needed, through the end of line', () => {
    expect(kinds("x --required;\ny")).toEqual([
      ['word', 'x'],
      ['comment', '--required;\n'],
      ['word', 'y'],
    ]);
    expect(tokenize('--required;')[0]!.value).toBe('required;');
  });

  it('the comment swallows a following comma', () => {
    const tokens = significantTokens(tokenize("@a='x' --required, \n@b='y'"));
    expect(tokens.map((t) => t.text)).toEqual(['@a', '=', "'x'", '@b', '=', "'y'"]);
  });

  it('# and // are line comments too', () => {
    expect(kinds('# a\n// b')).toEqual([
      ['comment', '# a\n'],
      ['comment', '// b'],
    ]);
  });

  it('/* */ comments and /*+ */ hints', () => {
    expect(tokenize("'v' /* required */,").map((t) => t.kind)).toEqual(['string', 'comment', 'punctuation']);
    expect(only('/*+ AWAIT */')).toMatchObject({ kind: 'hint', value: 'AWAIT' });
    expect(only('/* open').kind).toBe('error');
  });

  it('/*! */ bodies are read as SQL', () => {
    expect(kinds('/*!50708 SELECT */ 1')).toEqual([
      ['word', 'SELECT'],
      ['number', '1'],
    ]);
  });
});

describe('numbers and punctuation', () => {
  it('numbers', () => {
    expect(kinds('12 1.5 .5 1e-3 0x1F')).toEqual([
      ['number', '12'],
      ['number', '1.5'],
      ['number', '.5'],
      ['number', '1e-3'],
      ['number', '0x1F'],
    ]);
    expect(tokenize('1abc')[0]).toMatchObject({ kind: 'error', text: '1' });
  });

  it("x'…' and b'…' literals", () => {
    expect(only("x'0aFF'")).toMatchObject({ kind: 'hex', value: '0aFF' });
    expect(only("X'abc'").kind).toBe('error');
    expect(only("b'0101'")).toMatchObject({ kind: 'bit', value: '0101' });
  });

  it('operators and the semicolon', () => {
    expect(kinds('a<=>b->>c;')).toEqual([
      ['word', 'a'],
      ['punctuation', '<=>'],
      ['word', 'b'],
      ['punctuation', '->>'],
      ['word', 'c'],
      ['semicolon', ';'],
    ]);
  });

  it('only space, tab, CR and LF are blanks; braces and other characters are errors', () => {
    expect(tokenize('a\u00a0b').map((t) => t.kind)).toEqual(['word', 'error', 'word']);
    expect(tokenize('a\vb').map((t) => t.kind)).toEqual(['word', 'error', 'word']);
    expect(tokenize('{{ x }}')[0]!.kind).toBe('error');
  });

  it('template holes become placeholders only when asked', () => {
    expect(tokenize('= {{ count }},', { templateHoles: true }).map((t) => [t.kind, t.value])).toEqual([
      ['punctuation', '='],
      ['placeholder', 'count'],
      ['punctuation', ','],
    ]);
  });

  it('tokens carry offsets, lines and columns', () => {
    const tokens = tokenize("SELECT\n  a,\n  'b'");
    expect(tokens.map((t) => [t.start, t.end, t.line, t.column])).toEqual([
      [0, 6, 1, 1],
      [9, 10, 2, 3],
      [10, 11, 2, 4],
      [14, 17, 3, 3],
    ]);
  });
});

/** A minimal escaper: doubles quotes and escapes backslashes, the way generated SQL renders strings. */
function escapeLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** Another valid spelling: every quote and control character through the MySQL escape table. */
function escapeLiteralWithBackslashes(value: string): string {
  const table: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0', '\b': '\\b', '\x1a': '\\Z' };
  return `'${[...value].map((char) => table[char] ?? char).join('')}'`;
}

describe('decodeStringLiteral', () => {
  const values = fc.string({ unit: fc.oneof(fc.constantFrom("'", '\\', '"', ';', '\n', '\0', '\x1a', '%', '_', '-', '{', '}'), fc.string({ unit: 'grapheme', maxLength: 1 })) });

  it('round-trips a quote-doubling escaper', () => {
    fc.assert(fc.property(values, (value) => decodeStringLiteral(escapeLiteral(value)) === value));
  });

  it('round-trips a backslash escaper', () => {
    fc.assert(fc.property(values, (value) => decodeStringLiteral(escapeLiteralWithBackslashes(value)) === value));
  });

  it('rejects text that is not exactly one literal', () => {
    expect(decodeStringLiteral("'a' ")).toBeNull();
    expect(decodeStringLiteral("'a''")).toBeNull();
    expect(decodeStringLiteral("'a' 'b'")).toBeNull();
    expect(decodeStringLiteral('a')).toBeNull();
    expect(decodeStringLiteral("'a\\'")).toBeNull();
  });

  it('a value with an unescaped backslash before a quote does not survive', () => {
    // Only doubling quotes (the extended protocol's mistake) breaks on a trailing backslash.
    const naive = (value: string) => `'${value.replaceAll("'", "''")}'`;
    expect(decodeStringLiteral(naive('a\\'))).toBeNull();
    expect(decodeStringLiteral(naive('\\n'))).toBe('\n');
  });
});

describe('tokenize on any text', () => {
  const sqlish = fc.string({ unit: fc.oneof(fc.constantFrom("'", '"', '\\', '-', '/', '*', '#', '@', ';', '{', '}', '\n', ' ', '0', 'x', 'v', '.', '!', '+'), fc.string({ unit: 'grapheme', maxLength: 1 })) });

  it('never throws and yields ordered, non-overlapping tokens that cover every non-blank character', () => {
    fc.assert(
      fc.property(sqlish, (text) => {
        const tokens = tokenize(text, { templateHoles: true });
        let previousEnd = 0;
        for (const token of tokens) {
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          expect(token.end).toBeGreaterThan(token.start);
          expect(text.slice(token.start, token.end)).toBe(token.text);
          // Between tokens only blanks or a NUL the tokenizer drops (a /*! … */ marker leaves its own gaps).
          if (!text.includes('/*!')) expect(text.slice(previousEnd, token.start)).toMatch(/^[ \n\r\t\0]*$/);
          previousEnd = token.end;
        }
        if (!text.includes('/*!')) expect(text.slice(previousEnd)).toMatch(/^[ \n\r\t\0]*$/);
      }),
    );
  });
});
