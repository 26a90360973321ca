import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesLiteral, jsString, tsLiteral, type LiteralValue } from '../../generator/emit/literal.js';

/** The object a list of entries stands for, each key an own property as JSON.parse would make it. */
function definedObject(entries: ReadonlyArray<readonly [string, LiteralValue]>): Record<string, LiteralValue> {
  const object: Record<string, LiteralValue> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Evaluates a literal as the generated code would. */
function evaluate(literal: string): unknown {
  return new Function(`return (${literal});`)() as unknown;
}

// Keys that make an object reorder or merge entries, or that assignment would not make own properties.
const awkwardKey = fc.constantFrom('0', '1', '10', '4294967295', '01', '__proto__', 'constructor', 'toString', 'x5t#S256', '', 'name');
const key = fc.oneof(awkwardKey, fc.string());

describe('entriesLiteral', () => {
  it('writes what tsLiteral writes for the object the entries make (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.jsonValue() as fc.Arbitrary<LiteralValue>), { maxLength: 8 }), (entries) => {
        expect(entriesLiteral(entries)).toBe(tsLiteral(definedObject(entries)));
      }),
      { numRuns: 500 },
    );
  });

  it('orders array-index keys first and keeps a repeated key in its first place with its last value', () => {
    const literal = entriesLiteral([
      ['b', 1],
      ['10', 2],
      ['a', 3],
      ['2', 4],
      ['b', 5],
    ]);
    expect(literal).toBe('{ "2": 4, "10": 2, b: 5, a: 3 }');
    expect(Object.keys(evaluate(literal) as object)).toEqual(['2', '10', 'b', 'a']);
  });

  it('keeps __proto__ an own property', () => {
    const evaluated = evaluate(entriesLiteral([['__proto__', 'x'], ['kid', null]])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(evaluated)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(evaluated, '__proto__')?.value).toBe('x');
    expect(evaluated['kid']).toBeNull();
  });
});

describe('jsString', () => {
  it('is JSON.stringify with U+2028/9 escaped, for any UTF-16 text, lone surrogates included (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '\ud800', '\udc00', 'é') }));
    fc.assert(
      fc.property(text, (value) => {
        const expected = JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
        expect(jsString(value)).toBe(expected);
        expect(evaluate(jsString(value))).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
