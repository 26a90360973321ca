import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { tsLiteral } from '../../generator/emit/literal.js';
import { camelCase, docLines, docText, fileSegment, NameScope, pascalCase, propertyKey, typePropertyKey } from '../../generator/emit/names.js';

/** Whether TypeScript parses `text` as a module without syntax errors. */
function parses(text: string): boolean {
  const source = ts.createSourceFile('probe.ts', text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
}

describe('identifiers from doc names', () => {
  it('camelCases snake, kebab and punctuated names', () => {
    expect(camelCase('list_oauth2_resource_server_json_web_keys')).toBe('listOauth2ResourceServerJsonWebKeys');
    expect(camelCase('OktaAccessGateway-Agent')).toBe('oktaAccessGatewayAgent');
    expect(camelCase('x5t#S256')).toBe('x5tS256');
    expect(camelCase('@odata.type')).toBe('odataType');
    expect(pascalCase('oauth2_resource_server_jwks')).toBe('Oauth2ResourceServerJwks');
  });

  it('escapes reserved words, leading digits and empty names', () => {
    expect(camelCase('delete')).toBe('delete_');
    expect(camelCase('default')).toBe('default_');
    expect(camelCase('class')).toBe('class_');
    expect(camelCase('constructor')).toBe('constructor_');
    expect(camelCase('__proto__')).toBe('proto');
    expect(camelCase('false')).toBe('false_');
    expect(camelCase('2fa_factors')).toBe('_2faFactors');
    expect(camelCase('')).toBe('_');
    expect(camelCase('---')).toBe('_');
  });

  it('always yields a declarable identifier (property)', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const id = camelCase(name);
        const type = pascalCase(name);
        return parses(`const ${id} = 1; type ${type} = 1; export { ${id} };`);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps names apart that differ only in case or punctuation', () => {
    const scope = new NameScope();
    const names = ['list', 'List', 'list_', 'LIST', 'l-ist', 'l.ist'].map((name) => scope.claim(camelCase(name)));
    expect(names).toEqual(['list', 'list_2', 'list_3', 'list_4', 'lIst', 'lIst_2']);
  });

  it('hands out unique names for any sequence of wishes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 40 }), (wishes) => {
        const scope = new NameScope(true, ['index']);
        const claimed = wishes.map((wish) => scope.claim(fileSegment(wish)).toLowerCase());
        return new Set(claimed).size === claimed.length && !claimed.includes('index');
      }),
    );
  });
});

describe('file names', () => {
  it('refuses separators, dot segments and device names', () => {
    expect(fileSegment('../etc')).toBe('_etc');
    expect(fileSegment('-rf')).toBe('rf');
    expect(fileSegment('a/b\\c')).toBe('a_b_c');
    expect(fileSegment('..')).toBe('unnamed');
    expect(fileSegment('con')).toBe('con_');
    expect(fileSegment('LPT1')).toBe('LPT1_');
    expect(fileSegment('oauth2_resource_server_jwks')).toBe('oauth2_resource_server_jwks');
  });

  it('is always one plain segment (property)', () => {
    fc.assert(
      fc.property(fc.string(), (name) => /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(fileSegment(name)) && /[A-Za-z0-9]/.test(fileSegment(name))),
      { numRuns: 300 },
    );
  });
});

describe('property keys and literals', () => {
  it('keeps column names exactly, quoting where needed', () => {
    expect(propertyKey('kid')).toBe('kid');
    expect(propertyKey('x5t#S256')).toBe('"x5t#S256"');
    expect(propertyKey('@odata.type')).toBe('"@odata.type"');
    expect(propertyKey('__proto__')).toBe('["__proto__"]');
    expect(typePropertyKey('__proto__')).toBe('"__proto__"');
  });

  it('round-trips any JSON-like value through a TS literal, __proto__ keys included (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, key) => {
        const withKeys = { [key]: value, ['__proto__']: 1 } as Record<string, unknown>;
        Object.defineProperty(withKeys, '__proto__', { value: 1, enumerable: true });
        const literal = tsLiteral(withKeys as never);
        const evaluated = new Function(`return (${literal});`)() as unknown;
        expect(Object.getPrototypeOf(evaluated)).toBe(Object.prototype);
        expect(JSON.stringify(evaluated)).toBe(JSON.stringify(withKeys));
      }),
      { numRuns: 200 },
    );
  });
});

describe('doc text in comments', () => {
  it('cannot close the comment, open a nested one or start a TSDoc tag', () => {
    const lines = docLines('evil */ console.log(1) /* and @deprecated<br />next line\r\nlast');
    const block = `/**\n${lines.map((line) => ` * ${line}`).join('\n')}\n */\nexport const x = 1;\n`;
    expect(parses(block)).toBe(true);
    expect(block.match(/\*\//g)).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/(^|[^\\])@deprecated/);
    expect(lines).toEqual(['evil *\u200b/ console.log(1) /\u200b* and \\@deprecated', 'next line', 'last']);
  });

  it('keeps a plain description as one line, dropping only trailing space', () => {
    expect(docLines('  Indented text, kept.\t \u00a0')).toEqual(['  Indented text, kept.']);
    expect(docLines(' \t\u3000')).toEqual([]);
    expect(docLines('')).toEqual([]);
    expect(docLines('first  \n\n  second\n\n')).toEqual(['first', '', '  second']);
  });

  it('drops as trailing space exactly what a `\\s+$` rewrite drops, for every UTF-16 code unit', () => {
    const mismatches: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      // Line breaks, comment markers, `@` and `<` are rewritten before trailing space is dropped.
      if ('\n\r\u2028\u2029*/@<'.includes(String.fromCharCode(unit))) continue;
      const text = `a${String.fromCharCode(unit)}`;
      const reference = text.replace(/\s+$/, '');
      const oneLine = docLines(text);
      const twoLines = docLines(`${text}\nb`);
      if (oneLine.length !== 1 || oneLine[0] !== reference || twoLines[0] !== reference) mismatches.push(unit);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives one line for titles: the comment lines joined by spaces', () => {
    expect(docText('a */ b<br/>c @tag')).toBe('a *\u200b/ b c \\@tag');
    expect(docText('  ')).toBe('');
  });

  it('keeps any text inside one comment (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const block = `/**\n${docLines(text).map((line) => ` * ${line}`).join('\n')}\n */\nexport const x = 1;\n`;
        return parses(block) && (block.match(/\*\//g) ?? []).length === 1;
      }),
      { numRuns: 300 },
    );
  });
});
