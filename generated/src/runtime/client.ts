/**
 * What generated bindings call: fill server params from defaults, render,
 * execute, decode.
 */
import { decodeRow, type DecodeOptions } from './decode.js';
import type { Executor } from './executors/executor.js';
import type { ColumnSpec, MethodSpec } from './spec.js';
import { renderStatement, type RenderCall, type SqlValue, type SqlValues } from './sql.js';

export interface ClientContext {
  executor: Executor;
  /** Values for server params (okta's `subdomain`) used where a call gives none. */
  defaults?: Readonly<Record<string, SqlValue>>;
  decode?: DecodeOptions;
}

/** The values of one call. */
export interface MethodArgs {
  /** By `ParamSpec.name`. */
  params?: SqlValues;
  /** Body properties by `DataSpec.name`. */
  data?: SqlValues;
}

export interface CallOptions<K extends string = string> {
  /**
   * SELECT: only these columns are asked for and decoded.
   * INSERT/UPDATE/REPLACE/DELETE: the RETURNING list (recent StackQL only).
   */
  columns?: readonly K[];
  /** INSERT/UPDATE/REPLACE/DELETE: RETURNING all the spec's columns (recent StackQL only). */
  returning?: boolean;
  /** Params the docs omit (okta path params such as `authServerId`). */
  extraParams?: SqlValues;
  signal?: AbortSignal;
}

/**
 * Options of a call whose result rows are `Row`: `columns` narrows the
 * result to `Pick<Row, K>`.
 *
 * ```ts
 * const rows = await callMethod<JwkRow, 'id' | 'kid'>(ctx, spec, args, { columns: ['id', 'kid'] });
 * // or let K be inferred from `columns`:
 * function list<K extends keyof JwkRow & string = keyof JwkRow & string>(
 *   args: ListArgs, options?: SelectOptions<JwkRow, K>): Promise<Array<Selected<JwkRow, K>>>
 * ```
 */
export type SelectOptions<Row, K extends keyof Row & string = keyof Row & string> = CallOptions<K>;

/** The rows of a call narrowed to `K`. */
export type Selected<Row, K extends keyof Row> = Pick<Row, K>;

export async function callMethod<Row extends object = Record<string, unknown>, K extends keyof Row & string = keyof Row & string>(
  context: ClientContext,
  spec: MethodSpec,
  args: MethodArgs,
  options?: SelectOptions<Row, K>,
): Promise<Array<Selected<Row, K>>> {
  const call: RenderCall = {
    params: withDefaults(spec, args.params ?? {}, context.defaults ?? {}),
    data: args.data ?? {},
    extraParams: options?.extraParams ?? {},
  };
  const asked = options?.columns;
  if (spec.verb === 'select') {
    if (asked !== undefined) call.columns = asked;
  } else if (spec.verb !== 'exec') {
    if (asked !== undefined) call.returning = asked;
    else if (options?.returning === true) call.returning = true;
  }
  const sql = renderStatement(spec, call);
  options?.signal?.throwIfAborted();
  const rows = await context.executor(sql, options?.signal === undefined ? undefined : { signal: options.signal });
  const columns = asked === undefined ? spec.columns : asked.map((name) => columnSpec(spec, name));
  return rows.map((row) => decodeRow(columns, row, context.decode) as Selected<Row, K>);
}

/** Server params the call leaves out take the context's defaults. */
function withDefaults(spec: MethodSpec, params: SqlValues, defaults: Readonly<Record<string, SqlValue>>): SqlValues {
  const filled: Record<string, SqlValue | undefined> = { ...params };
  for (const param of spec.params) {
    if (param.server && filled[param.name] === undefined && Object.prototype.hasOwnProperty.call(defaults, param.name)) {
      filled[param.name] = defaults[param.name];
    }
  }
  return filled;
}

/** A column the docs do not list is read as untyped text. */
function columnSpec(spec: MethodSpec, name: string): ColumnSpec {
  return spec.columns.find((column) => column.name === name) ?? { name, type: '', format: null };
}
