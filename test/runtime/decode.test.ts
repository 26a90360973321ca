import { describe, expect, it } from 'vitest';
import { decodeRow, decodeValue, type DecodeOptions } from '../../templates/runtime/decode.js';
import { StackqlDecodeError } from '../../templates/runtime/errors.js';
import type { ColumnSpec } from '../../templates/runtime/spec.js';
import { typedColumns } from './specs.js';

const column = (type: string, name = 'c'): ColumnSpec => ({ name, type, format: null });

function decodeError(spec: ColumnSpec, text: string, options?: DecodeOptions): StackqlDecodeError {
  try {
    const value = decodeValue(spec, text, options);
    throw new Error(`decoded instead of failing: ${String(value)}`);
  } catch (error) {
    if (!(error instanceof StackqlDecodeError)) throw error;
    return error;
  }
}

describe('decodeValue', () => {
  it('keeps strings and untyped values as text, null as null', () => {
    expect(decodeValue(column('string'), 'ACTIVE')).toBe('ACTIVE');
    expect(decodeValue(column('string'), '123')).toBe('123');
    expect(decodeValue(column(''), '{"a":1}')).toBe('{"a":1}');
    expect(decodeValue(column('date-time-ish'), 'x')).toBe('x');
    for (const type of ['string', 'integer', 'number', 'boolean', 'object', 'array', '']) {
      expect(decodeValue(column(type), null)).toBeNull();
    }
  });

  it('reads integers as numbers within ±(2^53−1) and refuses larger ones by default', () => {
    expect(decodeValue(column('integer'), '100000001')).toBe(100000001);
    expect(decodeValue(column('integer'), '-42')).toBe(-42);
    expect(decodeValue(column('integer'), '9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    const error = decodeError(column('integer', 'size'), '9007199254740993');
    expect(error.column).toBe('size');
    expect(error.value).toBe('9007199254740993');
    expect(error.message).toMatch(/bigint or string/);
  });

  it('reads int64 exactly when the client opts into bigint or string', () => {
    expect(decodeValue(column('integer'), '9007199254740993', { integers: 'bigint' })).toBe(9007199254740993n);
    expect(decodeValue(column('integer'), '-9223372036854775808', { integers: 'bigint' })).toBe(-9223372036854775808n);
    expect(decodeValue(column('integer'), '9007199254740993', { integers: 'string' })).toBe('9007199254740993');
    expect(decodeValue(column('integer'), '+7', { integers: 'string' })).toBe('7');
  });

  it('refuses integer text that is not an integer', () => {
    for (const text of ['1.5', '', 'abc', '1e3', ' 1', '0x10']) {
      expect(decodeError(column('integer'), text).expected).toBe('an integer');
    }
  });

  it('reads numeric text as numbers, including NaN and infinities', () => {
    expect(decodeValue(column('number'), '3.25')).toBe(3.25);
    expect(decodeValue(column('number'), '-0.5e-3')).toBe(-0.0005);
    expect(decodeValue(column('number'), '.5')).toBe(0.5);
    expect(decodeValue(column('number'), '12')).toBe(12);
    expect(decodeValue(column('number'), 'NaN')).toBeNaN();
    expect(decodeValue(column('number'), '-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    for (const text of ['', 'abc', '1,5', '1.2.3', ' 2']) {
      expect(decodeError(column('number'), text).expected).toBe('a number');
    }
  });

  it('reads booleans written true/false, t/f and 1/0', () => {
    const cases: Array<[string, boolean]> = [
      ['true', true],
      ['false', false],
      ['TRUE', true],
      ['t', true],
      ['f', false],
      ['1', true],
      ['0', false],
    ];
    for (const [text, value] of cases) expect(decodeValue(column('boolean'), text)).toBe(value);
    for (const text of ['yes', '', 'True ', '2']) expect(decodeError(column('boolean'), text).expected).toBe('a boolean');
  });

  it('parses objects and arrays, checking which one it got', () => {
    expect(decodeValue(column('object'), '{"self":{"href":"https://x"}}')).toEqual({ self: { href: 'https://x' } });
    expect(decodeValue(column('array'), '["a",1,null]')).toEqual(['a', 1, null]);
    expect(decodeValue(column('object'), 'null')).toBeNull();
    expect(decodeError(column('object'), '[1]').expected).toBe('a JSON object');
    expect(decodeError(column('object'), '"text"').expected).toBe('a JSON object');
    expect(decodeError(column('array'), '{"a":1}').expected).toBe('a JSON array');
    expect(decodeError(column('object', '_links'), '{not json').message).toMatch(/^column _links: expected JSON object text/);
  });

  it('truncates long bad values in the error', () => {
    const error = decodeError(column('object'), `{${'x'.repeat(500)}`);
    expect(error.value.length).toBe(80);
    expect(error.value.endsWith('…')).toBe(true);
  });
});

describe('decodeRow', () => {
  const raw = {
    name: 'widget',
    count: '12',
    ratio: '0.5',
    enabled: 'true',
    settings: '{"a":1}',
    tags: '["x"]',
    misc: 'as is',
    'x5t#S256': 'thumb',
    '@odata.type': '#microsoft.graph.user',
  };

  it('decodes every requested column by its type', () => {
    expect(decodeRow(typedColumns, raw)).toEqual({
      name: 'widget',
      count: 12,
      ratio: 0.5,
      enabled: true,
      settings: { a: 1 },
      tags: ['x'],
      misc: 'as is',
      'x5t#S256': 'thumb',
      '@odata.type': '#microsoft.graph.user',
    });
  });

  it('fills requested columns the row lacks with null', () => {
    expect(decodeRow([column('integer', 'count'), column('string', 'gone')], { count: '3' })).toEqual({ count: 3, gone: null });
  });

  it('passes unknown columns through as text by default, or drops or refuses them', () => {
    const row = { count: '3', extra: 'e' };
    const columns = [column('integer', 'count')];
    expect(decodeRow(columns, row)).toEqual({ count: 3, extra: 'e' });
    expect(decodeRow(columns, row, { unknownColumns: 'drop' })).toEqual({ count: 3 });
    expect(() => decodeRow(columns, row, { unknownColumns: 'error' })).toThrow(StackqlDecodeError);
  });

  it('keeps a column named __proto__ as data', () => {
    const decoded = decodeRow([column('string', '__proto__')], JSON.parse('{"__proto__":"x"}') as Record<string, string>);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe('x');
  });

  it('names the column of a bad value', () => {
    expect(() => decodeRow(typedColumns, { ...raw, enabled: 'maybe' })).toThrow(/column enabled: expected a boolean, got "maybe"/);
  });
});
