/**
 * Executor over the Postgres wire protocol to `stackql srv`, through
 * node-postgres (`pg`, an optional peer dependency loaded on first use).
 * Simple query protocol only: StackQL pastes extended-protocol values into
 * the SQL text without escaping backslashes, so values are always rendered
 * by the runtime and never passed to `pg`.
 */
import {
  StackqlConnectionError,
  StackqlNoticeError,
  StackqlQueryError,
  StackqlTimeoutError,
  type StackqlNotice,
} from '../errors.js';
import type { RawRow } from '../decode.js';
import type { ExecuteOptions, Executor } from './executor.js';

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
   * Raise a `StackqlNoticeError` when the server sends any notice during a
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

/*
 * The few shapes of `pg` used here, so that consumers need no `@types/pg`.
 */

interface PgField {
  name: string;
}

interface PgResult {
  fields?: PgField[];
  rows: unknown[][];
}

interface PgQueryConfig {
  text: string;
  rowMode: 'array';
  /** Keeps every value as the server's text (pg would otherwise parse some OIDs). */
  types: { getTypeParser: () => (text: string) => string };
}

interface PgNoticeMessage {
  severity?: string;
  code?: string;
  message?: string;
  detail?: string;
}

interface PgPoolClient {
  query(config: PgQueryConfig): Promise<PgResult>;
  release(destroy?: boolean | Error): void;
  on(event: 'notice', listener: (notice: PgNoticeMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'notice', listener: (notice: PgNoticeMessage) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

interface PgPoolConfig {
  host: string;
  port: number;
  user: string;
  database: string;
  max: number;
  connectionTimeoutMillis: number;
  ssl: false | PgwireTlsOptions;
}

interface PgPool {
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface PgModule {
  Pool: new (config: PgPoolConfig) => PgPool;
}

/** A pg DatabaseError: an ErrorResponse from the server. */
interface PgDatabaseError {
  message: string;
  severity?: string;
  code?: string;
  detail?: string;
}

function isDatabaseError(error: unknown): error is PgDatabaseError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Record<string, unknown>;
  return typeof candidate['severity'] === 'string' && typeof candidate['code'] === 'string' && /^[0-9A-Z]{5}$/.test(candidate['code']);
}

const KEEP_TEXT = { getTypeParser: () => (text: string) => text };

async function loadPg(): Promise<PgModule> {
  // A variable specifier keeps TypeScript from demanding pg's types at build time.
  const specifier = 'pg';
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    throw new StackqlConnectionError('the pgwire executor needs the `pg` package (npm install pg)', { cause: error });
  }
  const module = loaded as { default?: Partial<PgModule> } & Partial<PgModule>;
  const Pool = module.Pool ?? module.default?.Pool;
  if (Pool === undefined) throw new StackqlConnectionError('the installed `pg` package has no Pool');
  return { Pool };
}

export function pgwire(options: PgwireOptions = {}): PgwireExecutor {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  let poolPromise: Promise<PgPool> | null = null;
  let ended = false;

  const getPool = (): Promise<PgPool> => {
    poolPromise ??= loadPg().then(({ Pool }) => {
      const pool = new Pool({
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 5466,
        user: options.user ?? 'stackql',
        database: options.database ?? 'stackql',
        max: options.poolSize ?? 4,
        connectionTimeoutMillis: connectTimeoutMs,
        ssl: options.tls === undefined ? false : { ...options.tls },
      });
      // An idle connection dropped by the server must not crash the process; the next query reports it.
      pool.on('error', () => undefined);
      return pool;
    });
    return poolPromise;
  };

  const execute = async (sql: string, callOptions?: ExecuteOptions): Promise<RawRow[]> => {
    if (ended) throw new StackqlConnectionError('the pgwire executor has been ended');
    const signal = callOptions?.signal;
    signal?.throwIfAborted();
    const pool = await getPool();
    const client = await connect(pool, connectTimeoutMs);
    const notices: StackqlNotice[] = [];
    const onNotice = (message: PgNoticeMessage): void => {
      const notice: StackqlNotice = {
        severity: message.severity ?? null,
        code: message.code ?? null,
        message: message.message ?? '',
        detail: message.detail ?? null,
      };
      notices.push(notice);
      options.onNotice?.(notice);
    };
    client.on('notice', onNotice);
    // A checked-out client emits socket failures as 'error' events too; the query's rejection reports them.
    const onError = (): void => undefined;
    client.on('error', onError);
    let broken: Error | undefined;
    try {
      const result = await withLimits(client.query({ text: sql, rowMode: 'array', types: KEEP_TEXT }), options.queryTimeoutMs, signal, sql);
      if (options.strict === true && notices.length > 0) throw new StackqlNoticeError(notices, sql);
      return toRawRows(result);
    } catch (error) {
      if (error instanceof StackqlNoticeError) throw error;
      if (isDatabaseError(error)) {
        throw new StackqlQueryError(
          error.message,
          { sqlstate: error.code ?? null, detail: error.detail ?? null, severity: error.severity ?? null, sql },
          { cause: error },
        );
      }
      // The connection's state is unknown after a timeout, abort or socket failure: never reuse it.
      broken = error instanceof Error ? error : new Error(String(error));
      if (error instanceof StackqlTimeoutError || signal?.aborted === true) throw error;
      throw new StackqlConnectionError(`connection failed during the query: ${broken.message}`, { cause: error });
    } finally {
      client.removeListener('notice', onNotice);
      client.release(broken ?? false);
      // Late 'error' events of a destroyed client must not become uncaught exceptions.
      if (broken === undefined) client.removeListener('error', onError);
    }
  };

  const end = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    if (poolPromise !== null) await (await poolPromise).end();
  };

  return Object.assign(execute, { end });
}

async function connect(pool: PgPool, timeoutMs: number): Promise<PgPoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/timeout/i.test(message)) {
      throw new StackqlTimeoutError(`connecting to StackQL timed out after ${timeoutMs} ms`, timeoutMs, { cause: error });
    }
    throw new StackqlConnectionError(`cannot connect to StackQL: ${message}`, { cause: error });
  }
}

/** Races the query against the client-side timeout and the caller's abort signal. */
function withLimits<T>(query: Promise<T>, timeoutMs: number | undefined, signal: AbortSignal | undefined, sql: string): Promise<T> {
  if (timeoutMs === undefined && signal === undefined) return query;
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      finish();
      reject(signal?.reason ?? new Error('aborted'));
    };
    const finish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        finish();
        reject(new StackqlTimeoutError(`query timed out after ${timeoutMs} ms: ${sql.slice(0, 120)}`, timeoutMs));
      }, timeoutMs);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    query.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}

function toRawRows(result: PgResult): RawRow[] {
  const names = (result.fields ?? []).map((field) => field.name);
  return result.rows.map((values) => {
    const entries = names.map((name, index): [string, string | null] => {
      const value = values[index];
      return [name, value === null || value === undefined ? null : String(value)];
    });
    return Object.fromEntries(entries);
  });
}
