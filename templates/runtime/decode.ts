/**
 * Turns result rows, which StackQL sends as text, into typed values by the
 * documented column types.
 */
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

export function decodeValue(column: ColumnSpec, text: string | null, options?: DecodeOptions): DecodedValue {
  void column;
  void text;
  void options;
  throw new Error('not implemented yet');
}

export function decodeRow(columns: readonly ColumnSpec[], raw: RawRow, options?: DecodeOptions): Record<string, DecodedValue> {
  void columns;
  void raw;
  void options;
  throw new Error('not implemented yet');
}
