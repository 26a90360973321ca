/**
 * Executor over the Postgres wire protocol to `stackql srv`, through
 * node-postgres (`pg`, an optional peer dependency loaded on first use).
 * Simple query protocol only: StackQL pastes extended-protocol values into
 * the SQL text without escaping backslashes, so values are always rendered
 * by the runtime and never passed to `pg`.
 */
import type { StackqlNotice } from '../errors.js';
import type { Executor } from './executor.js';

/** TLS settings handed to `pg`'s `ssl` (see `stackql --pgsrv.tls`). */
export interface PgwireTlsOptions {
  /** PEM CA certificate(s) that signed the server certificate. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Client certificate, for servers started with `clientCAs`. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Default true. */
  rejectUnauthorized?: boolean;
  servername?: string;
}

export interface PgwireOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 5466, StackQL's server port. */
  port?: number;
  /** Not checked by StackQL; default `stackql`. */
  user?: string;
  /** Not checked by StackQL; default `stackql`. */
  database?: string;
  /** Pool size; default 4. */
  poolSize?: number;
  /** Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Client-side limit per statement; the connection is discarded when it passes. Default: none. */
  queryTimeoutMs?: number;
  /** TLS; absent = plain TCP. */
  tls?: PgwireTlsOptions;
  /**
   * Raise a `StackqlNoticeError` when the server sends a notice during a
   * statement (StackQL's debug mode reports provider HTTP errors only as
   * NoticeResponse code `01000`, returning 0 rows). Default false.
   */
  strict?: boolean;
  /** Called with every notice, strict or not. */
  onNotice?: (notice: StackqlNotice) => void;
}

export interface PgwireExecutor extends Executor {
  /** Closes the pool; later calls reject. */
  end(): Promise<void>;
}

export function pgwire(options: PgwireOptions = {}): PgwireExecutor {
  void options;
  throw new Error('not implemented yet');
}
