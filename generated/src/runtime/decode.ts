/**
 * Turns result rows, which StackQL sends as text, into typed values by the
 * documented column types (`ColumnSpec.type`).
 *
 * | type      | text from StackQL            | decoded as                     |
 * |-----------|------------------------------|--------------------------------|
 * | `string`  | as is                        | string                         |
 * | `integer` | decimal, may exceed 2^53     | see {@link IntegerMode}        |
 * | `number`  | numeric text (OID 1700)      | number (`NaN`/`Infinity` too)  |
 * | `boolean` | `true`/`false`               | boolean (also `t`/`f`, `1`/`0`)|
 * | `object`  | JSON text                    | parsed, must be an object      |
 * | `array`   | JSON text                    | parsed, must be an array       |
 * | `''`/other| as is                        | string, unchanged              |
 *
 * SQL NULL stays null for every type; so does JSON `null` text in an
 * object or array column (StackQL stores absent JSON values that way).
 * Booleans accept `t`/`f` and `1`/`0` besides `true`/`false` because
 * StackQL's backends differ: SQLite holds booleans as 0/1, Postgres prints
 * `t`/`f`.
 */
import { StackqlDecodeError } from './errors.js';
import type { ColumnSpec } from './spec.js';

/** A row as the server sends it: every value text, or null. */
export type RawRow = Readonly<Record<string, string | null>>;

/**
 * How `integer` columns decode. StackQL sends int64 values as decimal text,
 * which can exceed 2^53:
 * - `number` (default): a JS number; a value outside ±(2^53−1) is a
 *   `StackqlDecodeError` rather than a silently rounded number.
 * - `bigint`: every integer column is a `bigint`.
 * - `string`: every integer column stays its decimal text.
 */
export type IntegerMode = 'number' | 'bigint' | 'string';

/** What an `integer` column decodes to under each {@link IntegerMode}. */
export type IntegerOf<M extends IntegerMode> = M extends 'bigint' ? bigint : M extends 'string' ? string : number;

export interface DecodeOptions {
  integers?: IntegerMode;
  /**
   * Row keys that are not among the requested columns: `pass` (default)
   * keeps them as raw text, `drop` leaves them out, `error` raises a
   * `StackqlDecodeError`.
   */
  unknownColumns?: 'pass' | 'drop' | 'error';
}

export type DecodedValue = string | number | boolean | bigint | null | unknown[] | Record<string, unknown>;

const INTEGER_TEXT = /^[+-]?[0-9]+$/;
const NUMBER_TEXT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL_NUMBERS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '+Infinity': Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};
const BOOLEAN_TEXT: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  TRUE: true,
  FALSE: false,
  t: true,
  f: false,
  '1': true,
  '0': false,
};

export function decodeValue(column: ColumnSpec, text: string | null, options?: DecodeOptions): DecodedValue {
  if (text === null) return null;
  switch (column.type) {
    case 'integer':
      return decodeInteger(column.name, text, options?.integers ?? 'number');
    case 'number':
      return decodeNumber(column.name, text);
    case 'boolean': {
      const value = BOOLEAN_TEXT[text];
      if (value === undefined) throw new StackqlDecodeError(column.name, text, 'a boolean');
      return value;
    }
    case 'object':
    case 'array':
      return decodeJson(column.name, text, column.type);
    default:
      return text;
  }
}

function decodeInteger(column: string, text: string, mode: IntegerMode): number | bigint | string {
  if (!INTEGER_TEXT.test(text)) throw new StackqlDecodeError(column, text, 'an integer');
  const exact = BigInt(text);
  if (mode === 'bigint') return exact;
  if (mode === 'string') return exact.toString();
  if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new StackqlDecodeError(column, text, 'an integer within ±(2^53−1) (decode integers as bigint or string to read it exactly)');
  }
  return Number(exact);
}

function decodeNumber(column: string, text: string): number {
  const special = SPECIAL_NUMBERS[text];
  if (special !== undefined) return special;
  if (!NUMBER_TEXT.test(text)) throw new StackqlDecodeError(column, text, 'a number');
  return Number(text);
}

function decodeJson(column: string, text: string, type: 'object' | 'array'): unknown[] | Record<string, unknown> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StackqlDecodeError(column, text, `JSON ${type === 'object' ? 'object' : 'array'} text`);
  }
  if (parsed === null) return null;
  if (type === 'array') {
    if (!Array.isArray(parsed)) throw new StackqlDecodeError(column, text, 'a JSON array');
    return parsed as unknown[];
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new StackqlDecodeError(column, text, 'a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * Decodes the requested `columns` of a row. A requested column the row
 * lacks is null (StackQL omits nothing it was asked for, but user executors
 * and `stackql exec` JSON may). Other keys follow `unknownColumns`.
 */
export function decodeRow(columns: readonly ColumnSpec[], raw: RawRow, options?: DecodeOptions): Record<string, DecodedValue> {
  const entries: Array<[string, DecodedValue]> = [];
  const requested = new Set<string>();
  for (const column of columns) {
    requested.add(column.name);
    const text = Object.prototype.hasOwnProperty.call(raw, column.name) ? raw[column.name] : null;
    entries.push([column.name, decodeValue(column, text ?? null, options)]);
  }
  const unknown = options?.unknownColumns ?? 'pass';
  if (unknown !== 'drop') {
    for (const [name, text] of Object.entries(raw)) {
      if (requested.has(name)) continue;
      if (unknown === 'error') throw new StackqlDecodeError(name, text ?? 'NULL', 'no such column in the request');
      entries.push([name, text]);
    }
  }
  // fromEntries defines own properties, so a column named `__proto__` stays data.
  return Object.fromEntries(entries);
}
