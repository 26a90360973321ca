import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { significantTokens, tokenize } from '../../generator/sql/lexer.js';
import { isSingleStatement, splitStatements } from '../../generator/sql/splitter.js';
import { StackqlValueError } from '../../templates/runtime/errors.js';
import type { MethodSpec } from '../../templates/runtime/spec.js';
import { quoteString, renderExampleShape, renderStatement, splitLikeServer, type RenderCall } from '../../templates/runtime/sql.js';
import { activateJwk, addJwk, changePassword, deleteJwk, listJwks, listUsers, replaceUser, updateUser } from './specs.js';

const JWKS = 'okta.authorizationservers.oauth2_resource_server_jwks';

/** The StackQLValueError a render throws (fails the test when it renders). */
function refusal(spec: MethodSpec, call: RenderCall): StackqlValueError {
  try {
    const sql = renderStatement(spec, call);
    throw new Error(`rendered instead of refusing: ${sql}`);
  } catch (error) {
    if (!(error instanceof StackqlValueError)) throw error;
    return error;
  }
}

/** A one-param SELECT whose WHERE value is `value`. */
const oneParam: MethodSpec = {
  resource: 'p.s.r',
  method: 'm',
  verb: 'select',
  params: [{ name: 'a', type: 'string', format: null, required: true, server: false }],
  data: [],
  columns: [{ name: 'id', type: 'string', format: null }],
};

describe('renderStatement: one statement per verb', () => {
  it('SELECT lists all columns and the WHERE params in spec order, quoting names the lexer reads as keywords', () => {
    expect(renderStatement(listJwks, { params: { subdomain: 'my-org' } })).toBe(
      `SELECT id, _links, created, e, kid, kty, lastUpdated, n, "status", "use" FROM ${JWKS} WHERE subdomain = 'my-org'`,
    );
  });

  it('SELECT narrows to the asked columns, quotes odd names, renders numbers bare and extra params sorted after', () => {
    const sql = renderStatement(listUsers, {
      params: { limit: 20, 'Content-Type': 'application/json', subdomain: 'acme' },
      columns: ['id', 'status'],
      extraParams: { keyId: 'k1', authServerId: 'aus1' },
    });
    expect(sql).toBe(
      `SELECT id, "status" FROM okta.users.users WHERE subdomain = 'acme' AND "Content-Type" = 'application/json' AND "limit" = 20 AND authServerId = 'aus1' AND keyId = 'k1'`,
    );
  });

  it('INSERT puts data__ targets then params, SELECTs the values, and RETURNING only when asked', () => {
    const call: RenderCall = { params: { subdomain: 'my-org' }, data: { e: 'AQAB', kid: 'k-1', status: 'INACTIVE' } };
    expect(renderStatement(addJwk, call)).toBe(
      `INSERT INTO ${JWKS} (data__e, data__kid, data__status, subdomain) SELECT 'AQAB', 'k-1', 'INACTIVE', 'my-org'`,
    );
    expect(renderStatement(addJwk, { ...call, returning: ['id', 'kid'] })).toBe(
      `INSERT INTO ${JWKS} (data__e, data__kid, data__status, subdomain) SELECT 'AQAB', 'k-1', 'INACTIVE', 'my-org' RETURNING id, kid`,
    );
    expect(renderStatement(addJwk, { ...call, returning: true })).toMatch(/ RETURNING id, _links, created, e, kid, kty, lastUpdated, n, "status", "use"$/);
  });

  it('UPDATE and REPLACE SET objects as single-quoted JSON and booleans bare', () => {
    const call: RenderCall = {
      params: { subdomain: 'acme', strict: true },
      data: { profile: { firstName: 'Ann', tags: ['a', 'b'] }, realmId: null },
    };
    expect(renderStatement(updateUser, call)).toBe(
      `UPDATE okta.users.users SET data__profile = '{"firstName":"Ann","tags":["a","b"]}', data__realmId = NULL WHERE subdomain = 'acme' AND strict = true`,
    );
    expect(renderStatement(replaceUser, call)).toBe(
      `REPLACE okta.users.users SET data__profile = '{"firstName":"Ann","tags":["a","b"]}', data__realmId = NULL WHERE subdomain = 'acme' AND strict = true`,
    );
    expect(renderStatement(updateUser, { ...call, returning: ['id'] })).toMatch(/ AND strict = true RETURNING id$/);
  });

  it('UPDATE without anything to SET is refused', () => {
    expect(refusal(updateUser, { params: { subdomain: 'acme' } }).param).toBe('(data)');
  });

  it('DELETE', () => {
    expect(renderStatement(deleteJwk, { params: { subdomain: 'my-org' }, extraParams: { keyId: 'k1' } })).toBe(
      `DELETE FROM ${JWKS} WHERE subdomain = 'my-org' AND keyId = 'k1'`,
    );
    expect(renderStatement(deleteJwk, { params: { subdomain: 'my-org' }, returning: ['id'] })).toBe(
      `DELETE FROM ${JWKS} WHERE subdomain = 'my-org' RETURNING id`,
    );
  });

  it('EXEC: @params comma-separated, no comma before @@json, which is a JSON object of the data', () => {
    expect(renderStatement(activateJwk, { params: { subdomain: 'my-org' }, extraParams: { keyId: 'k1', authServerId: 'aus1' } })).toBe(
      `EXEC ${JWKS}.activate_oauth2_resource_server_json_web_key @subdomain='my-org', @authServerId='aus1', @keyId='k1'`,
    );
    const sql = renderStatement(changePassword, {
      params: { subdomain: 'acme', strict: true },
      data: { newPassword: { value: 'n3w' }, oldPassword: { value: "o'ld" }, revokeSessions: false },
    });
    expect(sql).toBe(
      `EXEC okta.users.users.change_password @subdomain='acme', @strict=true @@json='{"newPassword":{"value":"n3w"},"oldPassword":{"value":"o''ld"},"revokeSessions":false}'`,
    );
  });

  it('EXEC quotes odd param names after @, but not keywords (after @ the lexer reads a name)', () => {
    const keywordSpec: MethodSpec = { ...activateJwk, params: [{ name: 'limit', type: 'integer', format: null, required: true, server: false }] };
    expect(renderStatement(keywordSpec, { params: { limit: 5 } })).toBe(`EXEC ${JWKS}.activate_oauth2_resource_server_json_web_key @limit=5`);
    const spec: MethodSpec = {
      ...activateJwk,
      params: [{ name: 'OktaAccessGateway-Agent', type: 'string', format: null, required: true, server: false }],
    };
    expect(renderStatement(spec, { params: { 'OktaAccessGateway-Agent': 'x' } })).toBe(
      `EXEC ${JWKS}.activate_oauth2_resource_server_json_web_key @"OktaAccessGateway-Agent"='x'`,
    );
  });
});

describe('renderStatement: literals', () => {
  const where = (value: Parameters<typeof renderStatement>[1]['params'] extends infer P ? (P extends Record<string, infer V> ? V : never) : never) =>
    renderStatement(oneParam, { params: { a: value } }).slice('SELECT id FROM p.s.r WHERE a = '.length);

  it('doubles single quotes and escapes backslashes', () => {
    expect(where("O'Brien")).toBe("'O''Brien'");
    expect(where('C:\\temp\\')).toBe("'C:\\\\temp\\\\'");
    expect(where("\\'")).toBe("'\\\\'''");
  });

  it('keeps numeric strings quoted and renders JS numbers, booleans and bigints bare', () => {
    expect(where('42')).toBe("'42'");
    expect(where(3.5)).toBe('3.5');
    expect(where(-2)).toBe('-2');
    expect(where(1e21)).toBe('1e+21');
    expect(where(false)).toBe('false');
    expect(where(9007199254740993n)).toBe('9007199254740993');
  });

  it('refuses NaN and Infinity, naming the param', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const error = refusal(oneParam, { params: { a: value } });
      expect(error.param).toBe('a');
      expect(error.reason).toMatch(/not a number/);
    }
  });

  it('renders objects and arrays as single-quoted JSON, escaped like strings', () => {
    expect(where({ path: 'C:\\x', who: "O'Neil" })).toBe(`'{"path":"C:\\\\\\\\x","who":"O''Neil"}'`);
    expect(where([1, 'two', null])).toBe(`'[1,"two",null]'`);
  });

  it('refuses JSON values that JSON.stringify would silently change', () => {
    expect(refusal(oneParam, { params: { a: { ratio: Number.NaN } } }).reason).toMatch(/not a number/);
    expect(refusal(oneParam, { params: { a: { when: new Date(0) } as never } }).reason).toMatch(/plain objects/);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(refusal(oneParam, { params: { a: cyclic as never } }).reason).toMatch(/cyclic/);
  });

  it('refuses NUL in values and names', () => {
    expect(refusal(oneParam, { params: { a: 'a\u0000b' } })).toMatchObject({ param: 'a', reason: expect.stringMatching(/NUL/) });
    expect(refusal(listJwks, { params: { subdomain: 'x' }, columns: ['i\u0000d'] }).param).toBe('i\u0000d');
  });

  it('refuses null as a WHERE or @param value but sends NULL as a body value', () => {
    expect(refusal(oneParam, { params: { a: null } }).param).toBe('a');
    expect(refusal(activateJwk, { params: { subdomain: null } }).param).toBe('subdomain');
    expect(renderStatement(addJwk, { params: { subdomain: 'o' }, data: { kid: null } })).toBe(
      `INSERT INTO ${JWKS} (data__kid, subdomain) SELECT NULL, 'o'`,
    );
    expect(renderStatement(changePassword, { params: { subdomain: 'o' }, data: { revokeSessions: null } })).toBe(
      `EXEC okta.users.users.change_password @subdomain='o' @@json='{"revokeSessions":null}'`,
    );
  });

  it('refuses missing required params, unknown params and extra params that shadow documented ones', () => {
    expect(refusal(listJwks, {})).toMatchObject({ param: 'subdomain', reason: expect.stringMatching(/required/) });
    expect(refusal(listJwks, { params: { subdomain: 'o', keyId: 'k' } })).toMatchObject({ param: 'keyId', reason: expect.stringMatching(/extraParams/) });
    expect(refusal(listJwks, { params: { subdomain: 'o' }, extraParams: { subdomain: 'p' } }).param).toBe('subdomain');
    expect(refusal(addJwk, { params: { subdomain: 'o' }, data: { colour: 'red' } }).param).toBe('colour');
  });

  it('quotes identifiers that are not plain, doubling "', () => {
    const sql = renderStatement(listJwks, { params: { subdomain: 'o' }, columns: ['x5t#S256', '@odata.type', 'a"b', 'false'] });
    expect(sql).toBe(`SELECT "x5t#S256", "@odata.type", "a""b", "false" FROM ${JWKS} WHERE subdomain = 'o'`);
    expect(refusal(listJwks, { params: { subdomain: 'o' }, columns: [''] }).reason).toMatch(/empty name/);
    expect(refusal(listJwks, { params: { subdomain: 'o' }, columns: [] }).param).toBe('columns');
  });
});

describe("renderStatement: ';' and the server's splitter", () => {
  it("refuses a ';' in a plain string (single quotes do not protect it)", () => {
    expect(refusal(oneParam, { params: { a: 'a;b' } })).toMatchObject({ param: 'a', reason: expect.stringMatching(/split/) });
    expect(refusal(listUsers, { params: { subdomain: 'acme', filter: 'status eq "ACTIVE";' } }).param).toBe('filter');
  });

  it("accepts a ';' that the splitter sees inside a double-quoted span", () => {
    // The lone `"` opens a span that nothing closes before the `;`.
    expect(renderStatement(oneParam, { params: { a: 'say "hi; there' } })).toBe(`SELECT id FROM p.s.r WHERE a = 'say "hi; there'`);
    // JSON strings are double-quoted, so a `;` inside one is safe.
    expect(renderStatement(oneParam, { params: { a: { note: 'a;b', 'k;ey': 1 } } })).toBe(
      `SELECT id FROM p.s.r WHERE a = '{"note":"a;b","k;ey":1}'`,
    );
    // An escaped quote inside JSON (`\\"` after string escaping) cannot close the span.
    expect(renderStatement(oneParam, { params: { a: { note: 'q"; x' } } })).toBe(`SELECT id FROM p.s.r WHERE a = '{"note":"q\\\\"; x"}'`);
  });

  it('blames the value whose quote parity exposes a later ; (spans run across values and identifiers)', () => {
    // search opens a span; filter's `"` closes it, so filter's `;` is outside.
    const error = refusal(listUsers, { params: { subdomain: 'acme', search: 'a"b', filter: 'c"d;e' } });
    expect(error.param).toBe('filter');
    // The same `;` after an unbalanced quoted identifier pair stays inside a span and is safe.
    const sql = renderStatement(listUsers, { params: { subdomain: 'acme', search: 'a"b', sortBy: 'x;y' }, extraParams: { 'If-Match': 'e' } });
    expect(isSingleStatement(sql)).toBe(true);
  });

  it('refuses JSON whose trailing backslash keeps a span open and exposes a later ;', () => {
    // "x\\" ends with a backslash: after string escaping the closing quote is preceded by `\` and does not close.
    const error = refusal(oneParam, { params: { a: { k: 'x\\', m: ';' } } });
    expect(error.param).toBe('a');
  });

  it("splitLikeServer agrees with the generator's splitter model", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', ';', '\\', "'", 'a', ' ') }), (text) => {
        expect(splitLikeServer(text)).toEqual(splitStatements(text));
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });
});

/** Characters that matter to the splitter and the lexer, plus ordinary ones. */
const tricky = fc.string({ unit: fc.constantFrom("'", '"', '\\', ';', 'a', ' ', '\u0000', '-', '\n', 'é', '\u{1F600}', '/', '*') });

describe('renderStatement: properties', () => {
  it('refuses exactly the string values whose plain rendering the server would split (or that hold NUL)', () => {
    fc.assert(
      fc.property(tricky, (value) => {
        const naive = `SELECT id FROM p.s.r WHERE a = ${quoteString(value)}`;
        const mustRefuse = value.includes('\u0000') || !isSingleStatement(naive);
        let rendered: string | null = null;
        try {
          rendered = renderStatement(oneParam, { params: { a: value } });
        } catch (error) {
          expect(error).toBeInstanceOf(StackqlValueError);
        }
        expect(rendered === null).toBe(mustRefuse);
        if (rendered !== null) expect(rendered).toBe(naive);
      }),
      { numRuns: 3000, seed: 20261127 },
    );
  });

  it("what it renders is one statement to the server and reads back, by the generator's lexer, as the values given", () => {
    fc.assert(
      fc.property(tricky, tricky, fc.dictionary(fc.string({ maxLength: 4 }), tricky, { maxKeys: 3 }), (search, filter, profile) => {
        let sql: string;
        try {
          sql = renderStatement(updateUser, {
            params: { subdomain: search, 'If-Match': filter },
            data: { profile, realmId: filter },
          });
        } catch (error) {
          expect(error).toBeInstanceOf(StackqlValueError);
          return;
        }
        expect(isSingleStatement(sql)).toBe(true);
        const tokens = significantTokens(tokenize(sql));
        expect(tokens.filter((t) => t.kind === 'error')).toEqual([]);
        const strings = tokens.filter((t) => t.kind === 'string').map((t) => t.value);
        expect(strings).toEqual([JSON.stringify(profile), filter, search, filter]);
        expect(tokens.filter((t) => t.kind === 'quoted-identifier').map((t) => t.value)).toEqual(['If-Match']);
      }),
      { numRuns: 1500, seed: 20261127 },
    );
  });

  it('identifiers read back by the lexer as the names given', () => {
    fc.assert(
      fc.property(fc.array(tricky.filter((s) => s.length > 0 && !s.includes('\u0000')), { minLength: 1, maxLength: 3 }), (names) => {
        let sql: string;
        try {
          sql = renderStatement(listJwks, { params: { subdomain: 'o' }, columns: names });
        } catch (error) {
          expect(error).toBeInstanceOf(StackqlValueError);
          expect(isSingleStatement(`SELECT ${names.map((n) => `"${n.replace(/"/g, '""')}"`).join(', ')} FROM x WHERE subdomain = 'o'`)).toBe(false);
          return;
        }
        const tokens = significantTokens(tokenize(sql));
        const selected = tokens.slice(1, tokens.findIndex((t) => t.kind === 'word' && t.text === 'FROM'));
        const read = selected.filter((t) => t.kind !== 'punctuation').map((t) => t.value);
        expect(read).toEqual(names);
      }),
      { numRuns: 1500, seed: 20261127 },
    );
  });
});

/** Doc example SQL as the grammar sees it: significant token texts, without `;`. */
function tokenTexts(sql: string): string[] {
  return significantTokens(tokenize(sql, { templateHoles: true }))
    .filter((t) => t.kind !== 'semicolon')
    .map((t) => t.text);
}

/** The ` ```sql ` fences of the seed page, in order. */
function seedExamples(): string[] {
  const page = readFileSync(new URL('../../docs/services/authorizationservers/oauth2_resource_server_jwks/index.md', import.meta.url), 'utf8');
  return [...page.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

describe('renderExampleShape', () => {
  it("writes placeholders in the docs' style: params quoted (booleans bare in UPDATE/REPLACE/EXEC), body numbers and booleans bare", () => {
    const withBodyFlags: MethodSpec = {
      ...addJwk,
      data: [
        { name: 'enabled', target: 'data__enabled', type: 'boolean', format: null, required: false, validValues: null },
        { name: 'port', target: 'data__port', type: 'integer', format: null, required: false, validValues: null },
      ],
      params: [...addJwk.params, { name: 'activate', type: 'boolean', format: null, required: false, server: false }],
      columns: [],
    };
    const whereBodyProperty: MethodSpec = {
      ...updateUser,
      params: [updateUser.params[0]!, { name: 'data__realmId', type: 'string', format: null, required: true, server: false }],
      data: [updateUser.data[2]!],
      columns: [],
    };
    const flagInWhere: MethodSpec = {
      ...replaceUser,
      params: [updateUser.params[0]!, { name: 'data__enabled', type: '', format: null, required: true, server: false }],
      data: [{ name: 'enabled', target: 'data__enabled', type: 'boolean', format: null, required: false, validValues: null }],
      columns: [],
    };
    expect(renderExampleShape(flagInWhere)).toBe(
      "REPLACE okta.users.users SET data__enabled = {{ enabled }} WHERE subdomain = '{{ subdomain }}' AND data__enabled = {{ enabled }}",
    );
    const dollar: MethodSpec = { ...listJwks, columns: [{ name: '$schema', type: 'string', format: null }] };
    expect(renderExampleShape(dollar)).toBe(`SELECT $schema FROM ${JWKS} WHERE subdomain = '{{ subdomain }}'`);
    expect(renderStatement(dollar, { params: { subdomain: 'o' } })).toBe(`SELECT "$schema" FROM ${JWKS} WHERE subdomain = 'o'`);
    expect(renderExampleShape(whereBodyProperty)).toBe(
      "UPDATE okta.users.users SET data__realmId = '{{ realmId }}' WHERE subdomain = '{{ subdomain }}' AND data__realmId = '{{ realmId }}'",
    );
    expect(renderExampleShape(withBodyFlags)).toBe(
      `INSERT INTO ${JWKS} (data__enabled, data__port, subdomain, activate) SELECT {{ enabled }}, {{ port }}, '{{ subdomain }}', '{{ activate }}'`,
    );
    expect(renderExampleShape(listUsers)).toBe(
      "SELECT id, activated, credentials, profile, status, type FROM okta.users.users WHERE subdomain = '{{ subdomain }}' AND \"Content-Type\" = '{{ Content-Type }}' AND search = '{{ search }}' AND filter = '{{ filter }}' AND q = '{{ q }}' AND after = '{{ after }}' AND limit = '{{ limit }}' AND sortBy = '{{ sortBy }}' AND sortOrder = '{{ sortOrder }}' AND expand = '{{ expand }}'",
    );
    expect(renderExampleShape(changePassword)).toBe(
      `EXEC okta.users.users.change_password @subdomain='{{ subdomain }}', @strict={{ strict }} @@json='{ "newPassword": {{ newPassword }}, "oldPassword": {{ oldPassword }}, "revokeSessions": {{ revokeSessions }} }'`,
    );
    expect(renderExampleShape(updateUser)).toBe(
      "UPDATE okta.users.users SET data__credentials = '{{ credentials }}', data__profile = '{{ profile }}', data__realmId = '{{ realmId }}' WHERE subdomain = '{{ subdomain }}' AND strict = {{ strict }} AND \"If-Match\" = '{{ If-Match }}' RETURNING id, activated, credentials, profile, status, type",
    );
  });

  it("matches the seed page's examples token for token (comments, whitespace and ; aside)", () => {
    const [select, , insert, del, activate] = seedExamples();
    expect(tokenTexts(renderExampleShape(listJwks))).toEqual(tokenTexts(select ?? ''));
    expect(tokenTexts(renderExampleShape(addJwk))).toEqual(tokenTexts(insert ?? ''));
    expect(tokenTexts(renderExampleShape(deleteJwk))).toEqual(tokenTexts(del ?? ''));
    expect(tokenTexts(renderExampleShape(activateJwk))).toEqual(tokenTexts(activate ?? ''));
  });
});
