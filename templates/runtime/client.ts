/**
 * What generated bindings call: fill server params from defaults, render,
 * execute, decode.
 */
import type { DecodeOptions } from './decode.js';
import type { Executor } from './executors/executor.js';
import type { MethodSpec } from './spec.js';
import type { SqlValue, SqlValues } from './sql.js';

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
  /** SELECT: only these columns are asked for and decoded. Mutations: the RETURNING list. */
  columns?: readonly K[];
  /** Mutations: ask for RETURNING of all the spec's columns (recent StackQL only). */
  returning?: boolean;
  /** Params the docs omit (okta path params such as `authServerId`). */
  extraParams?: SqlValues;
  signal?: AbortSignal;
}

/**
 * Options of a SELECT whose result rows are `Row`: `columns` narrows the
 * result to `Pick<Row, K>`.
 */
export type SelectOptions<Row, K extends keyof Row & string = keyof Row & string> = CallOptions<K>;

/** The rows of a call narrowed to `K`. */
export type Selected<Row, K extends keyof Row> = Pick<Row, K>;

export function callMethod<Row extends object, K extends keyof Row & string = keyof Row & string>(
  context: ClientContext,
  spec: MethodSpec,
  args: MethodArgs,
  options?: SelectOptions<Row, K>,
): Promise<Array<Selected<Row, K>>> {
  void context;
  void spec;
  void args;
  void options;
  throw new Error('not implemented yet');
}
