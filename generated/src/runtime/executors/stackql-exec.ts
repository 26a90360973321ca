/**
 * Executor that runs `stackql exec "<sql>" --output json` once per
 * statement, without a shell (the SQL is one argv entry, never parsed by a
 * shell).
 *
 * What the CLI does, and how it is read:
 * - rows: a JSON array of objects on stdout, possibly after a config-file
 *   message line; values are turned into text as the server would send them;
 * - query errors: on stderr, with exit code 0; stderr also carries status
 *   lines of successful mutations ("The operation was despatched
 *   successfully"), so only lines that read as errors fail the statement;
 * - a non-zero exit, a missing binary, or stdout that holds no JSON array:
 *   `StackqlExecError`.
 */
import { execFile } from 'node:child_process';
import { StackqlExecError, StackqlQueryError, StackqlTimeoutError } from '../errors.js';
import type { RawRow } from '../decode.js';
import type { ExecuteOptions, Executor } from './executor.js';

export interface StackqlExecOptions {
  /** The `stackql` binary; default `stackql` (looked up on PATH). */
  binary?: string;
  /** `--auth` value: JSON text, or an object serialised to JSON. */
  auth?: string | Readonly<Record<string, unknown>>;
  /** `--registry` value: JSON text, or an object serialised to JSON. */
  registry?: string | Readonly<Record<string, unknown>>;
  /** Further arguments, placed after `exec <sql> --output json` and the auth/registry flags. */
  args?: readonly string[];
  cwd?: string;
  /** Replaces the environment (default: the current process's). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Kills the process after this long; default 120 000 ms. */
  timeoutMs?: number;
  /** stdout/stderr cap in bytes; default 64 MiB. */
  maxBufferBytes?: number;
}

/** stderr lines a successful statement prints. */
const STATUS_LINE = /^(?:The operation was despatched successfully|The operation completed successfully|OK)\.?$/i;

/** stderr lines that mean the statement failed. */
const ERROR_LINE =
  /\berror\b|\bfailed\b|\bfailure\b|\bcannot\b|\bcould not\b|\bunable to\b|\binvalid\b|\bnot found\b|\bnot supported\b|\bunauthori[sz]ed\b|\bforbidden\b|\bpanic\b|\bhttp response status code: [45][0-9][0-9]\b/i;

export function stackqlExec(options: StackqlExecOptions = {}): Executor {
  const binary = options.binary ?? 'stackql';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const flags: string[] = [];
  if (options.auth !== undefined) flags.push('--auth', typeof options.auth === 'string' ? options.auth : JSON.stringify(options.auth));
  if (options.registry !== undefined) {
    flags.push('--registry', typeof options.registry === 'string' ? options.registry : JSON.stringify(options.registry));
  }
  flags.push(...(options.args ?? []));

  return async (sql: string, callOptions?: ExecuteOptions): Promise<RawRow[]> => {
    const signal = callOptions?.signal;
    signal?.throwIfAborted();
    const { stdout, stderr } = await run(binary, ['exec', sql, '--output', 'json', ...flags], {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: definedOnly(options.env) }),
      timeoutMs,
      maxBuffer: options.maxBufferBytes ?? 64 * 1024 * 1024,
      ...(signal === undefined ? {} : { signal }),
    });
    const errorLines = stderr
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !STATUS_LINE.test(line) && ERROR_LINE.test(line));
    if (errorLines.length > 0) {
      throw new StackqlQueryError(errorLines.join('\n'), { sqlstate: null, detail: stderr, severity: null, sql });
    }
    return parseRows(stdout, stderr);
  };
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}

interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs: number;
  maxBuffer: number;
  signal?: AbortSignal;
}

function run(binary: string, args: string[], options: RunOptions): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        encoding: 'utf8',
        shell: false,
        windowsHide: true,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxBuffer,
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        ...(options.env === undefined ? {} : { env: options.env }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr });
          return;
        }
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number | null };
        if (options.signal?.aborted === true) {
          reject(options.signal.reason);
        } else if (failure.killed === true && failure.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          reject(new StackqlTimeoutError(`stackql exec timed out after ${options.timeoutMs} ms`, options.timeoutMs, { cause: error }));
        } else if (typeof failure.code === 'number') {
          reject(new StackqlExecError(`stackql exec exited with code ${failure.code}`, { stderr, stdout, exitCode: failure.code }, { cause: error }));
        } else {
          reject(new StackqlExecError(`cannot run ${binary}: ${failure.message}`, { stderr, stdout, exitCode: null }, { cause: error }));
        }
      },
    );
  });
}

/**
 * The JSON array on stdout: from the first line that opens one to the end.
 * Empty stdout is no rows (a mutation without RETURNING prints nothing).
 */
function parseRows(stdout: string, stderr: string): RawRow[] {
  if (stdout.trim() === '') return [];
  const lines = stdout.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    if (!(lines[index] ?? '').trimStart().startsWith('[')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(lines.slice(index).join('\n'));
    } catch {
      continue;
    }
    if (Array.isArray(parsed)) return parsed.map((row) => toRawRow(row, stdout, stderr));
  }
  throw new StackqlExecError('stackql exec printed no JSON array of rows', { stdout, stderr, exitCode: 0 });
}

function toRawRow(row: unknown, stdout: string, stderr: string): RawRow {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new StackqlExecError('stackql exec printed a row that is not a JSON object', { stdout, stderr, exitCode: 0 });
  }
  const entries = Object.entries(row).map(([name, value]): [string, string | null] => [name, asServerText(value)]);
  return Object.fromEntries(entries);
}

/** The text the pgwire server would send for a JSON value. */
function asServerText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
