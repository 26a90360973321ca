/**
 * The data a generated binding hands to the runtime. Generated code holds one
 * `MethodSpec` per documented method; the runtime renders statements and
 * decodes rows from it, so the SQL rules live in one place (this runtime)
 * and not in every generated file.
 */

export type Verb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';

/** A documented datatype, split as the IR splits it (`integer (int64)` → `integer`, `int64`). */
export interface TypeSpec {
  /** `string`, `integer`, `number`, `boolean`, `object`, `array`, or `''` where the docs give none. */
  type: string;
  format: string | null;
}

/** A result column of a SELECT method (or a RETURNING column). */
export interface ColumnSpec extends TypeSpec {
  /** The column name exactly as StackQL returns it. */
  name: string;
}

/** A WHERE param (select, delete, update, replace, insert) or `@param` (exec). */
export interface ParamSpec extends TypeSpec {
  name: string;
  required: boolean;
  /** A server variable (okta's `subdomain`) that `defaults` may fill. */
  server: boolean;
}

/** A body property: an INSERT `data__` column, an UPDATE/REPLACE `SET` target, or an EXEC `@@json` key. */
export interface DataSpec extends TypeSpec {
  /** The property name as the API knows it (`kid`). */
  name: string;
  /** The SQL target: `data__kid` for INSERT, the `SET` column, or the `@@json` key. */
  target: string;
  required: boolean;
  /** `valid_values` of the manifest, where given. */
  validValues: string[] | null;
}

export interface MethodSpec {
  /** `provider.service.resource`. */
  resource: string;
  method: string;
  verb: Verb;
  params: ParamSpec[];
  data: DataSpec[];
  /** SELECT columns (all of them; a call may narrow), else the RETURNING columns the docs list. */
  columns: ColumnSpec[];
}
