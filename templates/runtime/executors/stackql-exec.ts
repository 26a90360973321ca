/**
 * Executor that runs `stackql exec "<sql>" --output json` once per
 * statement, without a shell.
 */
import type { Executor } from './executor.js';

export interface StackqlExecOptions {
  /** The `stackql` binary; default `stackql` (looked up on PATH). */
  binary?: string;
  /** `--auth` value: JSON text, or an object serialised to JSON. */
  auth?: string | Readonly<Record<string, unknown>>;
  /** `--registry` value: JSON text, or an object serialised to JSON. */
  registry?: string | Readonly<Record<string, unknown>>;
  /** Further arguments, placed after `exec <sql>` and before `--output json`. */
  args?: readonly string[];
  cwd?: string;
  /** Replaces the environment (default: the current process's). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Kills the process after this long; default 120 000 ms. */
  timeoutMs?: number;
  /** stdout/stderr cap in bytes; default 64 MiB. */
  maxBufferBytes?: number;
}

export function stackqlExec(options: StackqlExecOptions = {}): Executor {
  void options;
  throw new Error('not implemented yet');
}
