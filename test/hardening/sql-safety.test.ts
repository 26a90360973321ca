/**
 * Injection-proof SQL: for any value in any slot the runtime renders (WHERE
 * param, `extraParams` entry, INSERT value, `SET` value, EXEC `@param`, EXEC
 * `@@json` body), the statement read back by the generator's own models of
 * StackQL (the server's `;` splitter and the parser's lexer) is exactly one
 * statement with the same token structure as for a harmless value, and the
 * value is exactly one literal token that decodes back to it. A refused
 * value is refused with a `StackqlValueError` naming the slot, and only
 * where the statement written the plain way would really break.
 *
 * Cases per property: `FUZZ_RUNS` (default 10,000).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStringLiteral, significantTokens, tokenize, type Token } from '../../generator/sql/lexer.js';
import { isSingleStatement, splitStatements } from '../../generator/sql/splitter.js';
import { StackqlValueError } from '../../templates/runtime/errors.js';
import type { MethodSpec, ParamSpec, Verb } from '../../templates/runtime/spec.js';
import { renderStatement, type RenderCall, type SqlValue } from '../../templates/runtime/sql.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

const subdomain: ParamSpec = { name: 'subdomain', type: 'string', format: null, required: true, server: true };

function spec(verb: Verb, withParam: boolean, withData: boolean): MethodSpec {
  return {
    resource: 'okta.users.users',
    method: 'do_it',
    verb,
    params: withParam ? [subdomain, { name: 'p', type: 'string', format: null, required: true, server: false }] : [subdomain],
    data: withData ? [{ name: 'd', target: verb === 'insert' ? 'data__d' : 'd', type: 'string', format: null, required: true, validValues: null }] : [],
    columns: [{ name: 'id', type: 'string', format: null }],
  };
}

/**
 * One place a value can go: how to put it into a call, the runtime's name
 * for it (what a refusal must name), and how to find its literal among the
 * statement's significant tokens.
 */
interface Slot {
  name: string;
  spec: MethodSpec;
  call(value: SqlValue): RenderCall;
  owner: string;
  /** Index of the literal token (for a negative number, of its `-`). */
  find(tokens: Token[]): number;
  /** Inside `@@json`: the value is the body's `d` entry, not a token of its own. */
  inJsonBody?: boolean;
}

/** The token after `name =`, where `name` is a word, quoted identifier or `@variable`. */
function afterEquals(kind: Token['kind'], name: string): (tokens: Token[]) => number {
  return (tokens) => {
    const at = tokens.findIndex((t, i) => t.kind === kind && t.value === name && tokens[i + 1]?.text === '=');
    return at < 0 ? -1 : at + 2;
  };
}

const base = { params: { subdomain: 'my-org' } };
const SLOTS: Slot[] = [
  { name: 'SELECT WHERE param', spec: spec('select', true, false), owner: 'p', call: (v) => ({ params: { ...base.params, p: v } }), find: afterEquals('word', 'p') },
  {
    name: 'extraParams entry',
    spec: spec('delete', false, false),
    owner: 'keyId',
    call: (v) => ({ ...base, extraParams: { keyId: v } }),
    find: afterEquals('word', 'keyId'),
  },
  {
    name: 'INSERT value',
    spec: spec('insert', false, true),
    owner: 'd',
    call: (v) => ({ ...base, data: { d: v } }),
    find: (tokens) => tokens.findIndex((t) => t.kind === 'word' && t.value === 'SELECT') + 1,
  },
  { name: 'UPDATE SET value', spec: spec('update', false, true), owner: 'd', call: (v) => ({ ...base, data: { d: v } }), find: afterEquals('word', 'd') },
  { name: 'EXEC @param', spec: spec('exec', true, false), owner: 'p', call: (v) => ({ params: { ...base.params, p: v } }), find: afterEquals('variable', 'p') },
  {
    name: 'EXEC @@json body',
    spec: spec('exec', false, true),
    owner: 'd',
    call: (v) => ({ ...base, data: { d: v } }),
    find: afterEquals('system-variable', 'json'),
    inJsonBody: true,
  },
];

/** Strings built from what breaks SQL, comments, templates and JS, plus arbitrary code points and lone surrogates. */
const hostileString = fc.oneof(
  fc.string({
    unit: fc.constantFrom("'", "''", '"', '\\', ';', '--', '/*', '*/', '#', '{{', '}}', '`', '${', '\n', '\r', '\t', ' ', 'a', 'Z', '0', '@', '\u0000', 'é', '\u{1F600}', '\u2028', '\ufeff', '\ud800', '\udfff'),
    maxLength: 30,
  }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 30 }),
);

const jsonWithHostileStrings = fc.jsonValue({ maxDepth: 3, stringUnit: fc.constantFrom("'", '"', '\\', ';', '-', '*', '/', 'a', '\n', '\u{1F600}', '{') });

const anyValue: fc.Arbitrary<SqlValue> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  jsonWithHostileStrings.filter((v): v is object => typeof v === 'object' && v !== null) as fc.Arbitrary<SqlValue>,
  fc.dictionary(fc.string({ maxLength: 3 }), fc.double(), { maxKeys: 2 }) as fc.Arbitrary<SqlValue>,
);

const LONE_SURROGATE = /\p{Cs}/u;

/** The literal as written the plain way (single quotes, `'` doubled, `\` escaped), independent of the runtime's code. */
function plainQuoted(text: string): string {
  return `'${text.split('\\').join('\\\\').split("'").join("''")}'`;
}

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbersIn);
  return [];
}

/**
 * Why the value cannot be carried, judged without the runtime: non-finite
 * numbers have no SQL or JSON spelling, NUL cannot travel in a pgwire query
 * string, and a `;` the server's splitter would act on in the statement
 * written the plain way truncates it. Null when it can be carried.
 */
function expectedRefusal(slot: Slot, value: SqlValue): RegExp | null {
  if (numbersIn(value).some((n) => !Number.isFinite(n))) return /not a number/;
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return null;
  // Inside JSON (objects, arrays, the @@json body) a NUL is written as the escape \u0000.
  const text = typeof value === 'string' && !slot.inJsonBody ? value : JSON.stringify(value);
  if (text.includes('\u0000')) return /NUL/;
  // UTF-8 (the wire encoding of pgwire and of the CLI's argv) has no lone surrogates: one would arrive as U+FFFD.
  if (LONE_SURROGATE.test(text)) return /lone UTF-16 surrogate/;
  // The statement with a harmless marker, the marker's literal then swapped for the plain one.
  const marker = 'MARKER';
  const harmless = cached(`${slot.name}\0marker`, () => renderStatement(slot.spec, slot.call(marker)));
  const markerLiteral = slot.inJsonBody ? plainQuoted(JSON.stringify({ d: marker })) : plainQuoted(marker);
  const literal = slot.inJsonBody ? plainQuoted(`{"d":${JSON.stringify(value)}}`) : plainQuoted(text);
  assert.equal(harmless.split(markerLiteral).length, 2);
  const plain = harmless.replace(markerLiteral, () => literal);
  return splitStatements(plain).length > 1 ? /';'/ : null;
}

const memo = new Map<string, unknown>();

/** Per-slot constants (the harmless statements), computed once instead of once per case. */
function cached<T>(key: string, compute: () => T): T {
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

/** A value of the same kind that nothing can go wrong with: the statement's shape for comparison. */
function harmlessLike(value: SqlValue): SqlValue {
  if (typeof value === 'number' || typeof value === 'bigint') return value < 0 ? -1 : 1;
  if (typeof value === 'boolean') return true;
  if (typeof value === 'object' && value !== null) return [];
  return 'x';
}

/** JSON has no -0 (`JSON.stringify(-0)` is `0`), and the APIs behind StackQL do not tell them apart. */
function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: withoutNegativeZero(item), enumerable: true });
    return copy;
  }
  return value;
}

/** For failure messages: any value, including null-prototype objects and bigints. */
function show(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : typeof value === 'object' && value !== null ? JSON.stringify(value) : JSON.stringify(String(value));
}

function kinds(tokens: Token[]): string[] {
  return tokens.map((t) => (t.kind === 'string' || t.kind === 'number' ? 'literal' : t.kind === 'word' && (t.text === 'true' || t.text === 'false') ? 'literal' : `${t.kind}:${t.text}`));
}

/** Asserts `value` reads back from the rendered statement; returns nothing, fails the case otherwise. */
function assertReadsBack(slot: Slot, value: SqlValue, sql: string): void {
  assert.equal(isSingleStatement(sql), true, sql);
  assert.equal(splitStatements(sql).length, 1, sql);
  const all = tokenize(sql);
  // The renderer writes no comments, so any comment, hint, `;` or lexer error is the value escaping its literal.
  assert.deepEqual(all.filter((t) => t.kind === 'error' || t.kind === 'comment' || t.kind === 'hint' || t.kind === 'semicolon'), [], sql);
  const tokens = significantTokens(all);
  const like = harmlessLike(value);
  const shape = cached(`${slot.name}\0${show(like)}`, () => kinds(significantTokens(tokenize(renderStatement(slot.spec, slot.call(like))))));
  assert.deepEqual(kinds(tokens), shape, sql);

  const at = slot.find(tokens);
  assert.ok(at > 0, sql);
  const token = tokens[at] as Token;
  if (slot.inJsonBody) {
    assert.equal(token.kind, 'string');
    const bodyText = decodeStringLiteral(token.text) ?? 'null';
    // JSON.parse would round a bigint beyond 2^53: its digits must stand in the text as they are.
    if (typeof value === 'bigint') return void assert.equal(bodyText, `{"d":${value}}`);
    const body = JSON.parse(bodyText) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['d']);
    expect(body.d).toEqual(withoutNegativeZero(value));
    return;
  }
  switch (typeof value) {
    case 'string':
      assert.equal(token.kind, 'string');
      assert.equal(decodeStringLiteral(token.text), value);
      return;
    case 'number':
    case 'bigint': {
      // A negative number is the unary minus the grammar folds into the literal, then one number token.
      const negative = token.text === '-';
      const number = negative ? (tokens[at + 1] as Token) : token;
      assert.equal(number.kind, 'number');
      if (negative) assert.equal(number.start, token.end);
      const text = `${negative ? '-' : ''}${number.text}`;
      if (typeof value === 'bigint') assert.equal(BigInt(text), value);
      else assert.equal(Number(text), value === 0 ? 0 : value);
      return;
    }
    case 'boolean':
      assert.equal(token.kind, 'word');
      assert.equal(token.text, String(value));
      return;
    default: {
      assert.equal(token.kind, 'string');
      const decoded = decodeStringLiteral(token.text);
      expect(decoded).not.toBeNull();
      expect(JSON.parse(decoded as string)).toEqual(withoutNegativeZero(value));
    }
  }
}

/** Renders, and checks the outcome against {@link expectedRefusal}; true when the value was accepted. */
function check(slot: Slot, value: SqlValue): boolean {
  const refusal = expectedRefusal(slot, value);
  let sql: string;
  try {
    sql = renderStatement(slot.spec, slot.call(value));
  } catch (error) {
    if (!(error instanceof StackqlValueError)) throw error;
    expect(refusal, `refused ${show(value)} (${error.message}) though the plain statement is whole`).not.toBeNull();
    assert.equal(error.param, slot.owner);
    assert.match(error.reason, refusal as RegExp);
    expect(error.message).toContain(slot.owner);
    return false;
  }
  expect(refusal, `accepted a value that breaks the statement: ${sql}`).toBeNull();
  assertReadsBack(slot, value, sql);
  return true;
}

describe('rendered values are exactly one literal, or refused for a real reason', () => {
  for (const slot of SLOTS) {
    it(`${slot.name}: any string, number, bigint, boolean, object or array (${RUNS} cases)`, () => {
      fc.assert(
        fc.property(anyValue, (value) => {
          check(slot, value);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('strings without ;, NUL or lone surrogates are never refused, in any slot', () => {
    const safe = fc
      .string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('\ud83d\ude00', "'", '"', '\\')), maxLength: 40 })
      .filter((s) => !s.includes(';') && !s.includes('\u0000') && !LONE_SURROGATE.test(s));
    fc.assert(
      fc.property(safe, fc.constantFrom(...SLOTS), (value, slot) => {
        expect(check(slot, value)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('nearly all random unicode strings are accepted; hostile ASCII (with ;) mostly too', () => {
    const count = (arbitrary: fc.Arbitrary<string>): number => {
      let accepted = 0;
      const samples = fc.sample(arbitrary, { numRuns: 2_000, seed: 7 });
      samples.forEach((value, index) => {
        if (check(SLOTS[index % SLOTS.length] as Slot, value)) accepted++;
      });
      return accepted / samples.length;
    };
    expect(count(fc.string({ unit: 'binary', maxLength: 40 }))).toBeGreaterThan(0.99);
    // ';' is one of 95 printable characters: only strings holding one unprotected by a '"' may be refused.
    expect(count(fc.string({ unit: 'binary-ascii', maxLength: 20 }))).toBeGreaterThan(0.75);
  });

  it('a ; exposed inside the @@json body is blamed on the body property that holds it, not on the whole literal', () => {
    const exec: MethodSpec = {
      ...spec('exec', false, true),
      data: ['a', 'b', 'c'].map((name) => ({ name, target: name, type: 'string', format: null, required: false, validValues: null })),
    };
    // a's trailing backslash keeps its closing '"' from closing the splitter's span, which shifts every later
    // quote's parity: c's ';' ends up outside a span. The ';' is c's, so c is named (as for WHERE params).
    let caught: unknown;
    try {
      renderStatement(exec, { ...base, data: { a: 'x\\', b: 'plain', c: 'y;z' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StackqlValueError);
    expect((caught as StackqlValueError).param).toBe('c');
    expect(renderStatement(exec, { ...base, data: { b: 'p;q', c: 'y;z' } })).toContain(`@@json='{"b":"p;q","c":"y;z"}'`);
  });

  it('a lone surrogate is refused: sent as UTF-8 it would reach the server as U+FFFD, another value', () => {
    const lone = 'key\ud800';
    expect(Buffer.from(lone, 'utf8').toString('utf8')).toBe('key\ufffd');
    for (const slot of SLOTS.filter((s) => !s.inJsonBody)) expect(check(slot, lone)).toBe(false);
    // Inside JSON it is written as the escape \ud800, which is plain ASCII on the wire.
    const body = SLOTS.find((s) => s.inJsonBody) as Slot;
    expect(check(body, lone)).toBe(true);
  });

  it('two hostile values at once: a " in one cannot hide or expose a ; in the other unnoticed', () => {
    const select = spec('select', true, false);
    fc.assert(
      fc.property(hostileString, hostileString, (p, keyId) => {
        const call: RenderCall = { params: { subdomain: 'my-org', p }, extraParams: { keyId } };
        const plain = `SELECT id FROM okta.users.users WHERE subdomain = 'my-org' AND p = ${plainQuoted(p)} AND keyId = ${plainQuoted(keyId)}`;
        const breaks = [p, keyId].some((v) => v.includes('\u0000') || LONE_SURROGATE.test(v)) || splitStatements(plain).length > 1;
        let sql: string;
        try {
          sql = renderStatement(select, call);
        } catch (error) {
          if (!(error instanceof StackqlValueError)) throw error;
          expect(breaks).toBe(true);
          expect(['p', 'keyId']).toContain(error.param);
          return;
        }
        expect(breaks).toBe(false);
        expect(isSingleStatement(sql)).toBe(true);
        const strings = significantTokens(tokenize(sql)).filter((t) => t.kind === 'string');
        expect(strings.map((t) => decodeStringLiteral(t.text))).toEqual(['my-org', p, keyId]);
      }),
      { numRuns: RUNS },
    );
  });
});
