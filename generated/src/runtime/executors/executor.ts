import type { RawRow } from '../decode.js';

export interface ExecuteOptions {
  /** Abandons the statement; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Runs one StackQL statement and returns its rows as text. Any function of
 * this shape is an executor (the second argument may be ignored).
 */
export type Executor = (sql: string, options?: ExecuteOptions) => Promise<RawRow[]>;
