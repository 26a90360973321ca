/**
 * Every failure the runtime reports is a `StackqlError` with a `code`, so
 * callers can branch on `error.code` (or `instanceof`) without parsing
 * messages.
 */

export type StackqlErrorCode =
  | 'query'
  | 'value'
  | 'decode'
  | 'connection'
  | 'timeout'
  | 'exec'
  | 'notice'
  | 'fixture';

export abstract class StackqlError extends Error {
  abstract readonly code: StackqlErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The server refused the statement: a pgwire ErrorResponse (StackQL sends
 * severity `ERROR`, SQLSTATE `XXUUU`, message `query returns error: …`), or
 * an error line of `stackql exec` on stderr (no SQLSTATE there).
 */
export class StackqlQueryError extends StackqlError {
  readonly code = 'query' as const;
  /** SQLSTATE of the ErrorResponse; null where the error came from the CLI. */
  readonly sqlstate: string | null;
  readonly detail: string | null;
  readonly severity: string | null;
  /** The statement that failed. */
  readonly sql: string;

  constructor(
    message: string,
    fields: { sqlstate: string | null; detail: string | null; severity: string | null; sql: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.sqlstate = fields.sqlstate;
    this.detail = fields.detail;
    this.severity = fields.severity;
    this.sql = fields.sql;
  }
}

/** A value (or name) StackQL cannot carry in one statement; nothing was sent. */
export class StackqlValueError extends StackqlError {
  readonly code = 'value' as const;
  /** The param, data property or column the value was for. */
  readonly param: string;
  readonly reason: string;

  constructor(param: string, reason: string) {
    super(`${param}: ${reason}`);
    this.param = param;
    this.reason = reason;
  }
}

/** A result value that does not read as its documented type. */
export class StackqlDecodeError extends StackqlError {
  readonly code = 'decode' as const;
  readonly column: string;
  /** The raw text, truncated to 80 characters. */
  readonly value: string;
  readonly expected: string;

  constructor(column: string, value: string, expected: string) {
    const shown = truncate(value, 80);
    super(`column ${column}: expected ${expected}, got ${JSON.stringify(shown)}`);
    this.column = column;
    this.value = shown;
    this.expected = expected;
  }
}

/** The server could not be reached, or the connection broke mid-query. */
export class StackqlConnectionError extends StackqlError {
  readonly code = 'connection' as const;
}

/** A connect, query or process time limit passed; the work was abandoned. */
export class StackqlTimeoutError extends StackqlError {
  readonly code = 'timeout' as const;
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(message, options);
    this.timeoutMs = timeoutMs;
  }
}

/** `stackql exec` could not run, exited non-zero, or printed no JSON result. */
export class StackqlExecError extends StackqlError {
  readonly code = 'exec' as const;
  readonly stderr: string;
  readonly stdout: string;
  /** Null where the process never started or was killed. */
  readonly exitCode: number | null;

  constructor(
    message: string,
    fields: { stderr: string; stdout: string; exitCode: number | null },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.stderr = fields.stderr;
    this.stdout = fields.stdout;
    this.exitCode = fields.exitCode;
  }
}

/** A server notice (StackQL's debug-mode provider HTTP error, code `01000`), raised in strict mode. */
export interface StackqlNotice {
  severity: string | null;
  code: string | null;
  message: string;
  detail: string | null;
}

/**
 * Strict mode: the provider answered with an HTTP error, which StackQL
 * reports only as a notice (the query itself returns 0 rows).
 */
export class StackqlNoticeError extends StackqlError {
  readonly code = 'notice' as const;
  readonly notices: readonly StackqlNotice[];
  readonly sql: string;

  constructor(notices: readonly StackqlNotice[], sql: string) {
    const first = notices[0];
    const text = first === undefined ? 'notice' : (first.detail ?? first.message);
    super(`server notice: ${text}`);
    this.notices = notices;
    this.sql = sql;
  }
}

/** The fixtures executor has no fixture for a statement. */
export class StackqlFixtureError extends StackqlError {
  readonly code = 'fixture' as const;
  readonly sql: string;

  constructor(message: string, sql: string) {
    super(message);
    this.sql = sql;
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
