/**
 * Renders one StackQL statement from a `MethodSpec` and call values, with
 * literals written the way StackQL's lexer reads them and refused where the
 * server could not carry them as exactly one statement.
 */
import type { MethodSpec } from './spec.js';

/** A JSON value, as objects/arrays are sent (single-quoted JSON text). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What a param or data value may be. `undefined` counts as "not given". */
export type SqlValue = string | number | boolean | bigint | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type SqlValues = Readonly<Record<string, SqlValue | undefined>>;

export interface RenderCall {
  /** WHERE params (select/delete/update/replace/insert) or `@params` (exec), by `ParamSpec.name`. */
  params?: SqlValues;
  /** Body properties by `DataSpec.name` (rendered at `DataSpec.target`). */
  data?: SqlValues;
  /** Params the docs omit (e.g. okta path params), rendered like params, after them, in key order. */
  extraParams?: SqlValues;
  /** SELECT list; defaults to all `spec.columns` (or `*` where there are none). */
  columns?: readonly string[];
  /** RETURNING list for insert/update/replace/delete: `true` = `spec.columns`; absent/false = no RETURNING. */
  returning?: readonly string[] | boolean;
}

export function renderStatement(spec: MethodSpec, call: RenderCall): string {
  void spec;
  void call;
  throw new Error('not implemented yet');
}

/**
 * The statement with every value replaced by the docs' placeholder style
 * (`'{{ name }}'` for strings/objects/arrays/untyped, `{{ name }}` bare for
 * numbers and booleans), all columns, RETURNING where the spec lists columns.
 */
export function renderExampleShape(spec: MethodSpec): string {
  void spec;
  throw new Error('not implemented yet');
}

/** The server's statement splitter: `;` splits outside double-quoted spans only. */
export function splitLikeServer(text: string): string[] {
  void text;
  throw new Error('not implemented yet');
}
