/**
 * A protocol-level stand-in for `stackql srv`, for tests: it speaks the
 * Postgres wire protocol (through pg-gateway) the way StackQL's server does
 * (see docs STACKQL.md), answering from handlers a test registers.
 *
 * - trust auth: AuthenticationOk whatever the user/database;
 * - simple query protocol; the query text is split with the server's
 *   splitter rules and only the first non-empty piece is answered;
 * - rows: every column text format, OID 25 for string/integer/boolean/
 *   object/array columns and OID 1700 for `number`; CommandComplete `OK`;
 * - errors: ErrorResponse severity ERROR, SQLSTATE `XXUUU`, message
 *   `query returns error: …`;
 * - provider HTTP errors: 0 rows; in debug mode a NoticeResponse (code
 *   01000, the HTTP error in its detail) and CommandComplete tag `""`;
 * - fault modes: close the socket mid-result, stall forever, refuse
 *   connections.
 *
 * It listens on 127.0.0.1 only, on an ephemeral port; `close()` ends every
 * connection.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { PostgresConnection } from 'pg-gateway';
import { firstStatement } from '../../generator/sql/splitter.js';

export interface StandinColumn {
  name: string;
  /** The documented type; `number` is sent as OID 1700, everything else as OID 25. */
  type?: string;
}

export interface StandinAnswer {
  /** Defaults to the keys of the first row, all OID 25. */
  columns?: StandinColumn[];
  /** Values exactly as the server sends them: text or null. */
  rows?: Array<Readonly<Record<string, string | null>>>;
  /** A query error: ErrorResponse `query returns error: <error>`. */
  error?: string;
  /** A provider HTTP error: 0 rows, and in debug mode a notice carrying this text. */
  httpError?: string;
}

export type StandinMatcher = string | RegExp | ((statement: string) => boolean);

export type StandinFault =
  /** RowDescription and the first DataRow, then the socket is destroyed. */
  | 'close-mid-result'
  /** Queries are read and never answered. */
  | 'stall'
  /** New connections are closed at once. */
  | 'refuse'
  /** The startup message is never answered. */
  | 'stall-startup';

export interface StandinOptions {
  /** `--pgsrv.debug.enable`: provider HTTP errors come with a notice. */
  debug?: boolean;
  /** `--pgsrv.tls`: PEM key and certificate; the server then accepts SSLRequest. */
  tls?: { key: Buffer; cert: Buffer };
}

export interface ReceivedQuery {
  /** The whole query text of the Query message. */
  text: string;
  /** The piece the server answered (first non-empty after splitting), or null where all were empty. */
  statement: string | null;
}

const OID_TEXT = 25;
const OID_NUMERIC = 1700;
const SQLSTATE_STACKQL = 'XXUUU';

/** Frontend message type bytes. */
const QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H

interface Handler {
  matches: (statement: string) => boolean;
  answer: StandinAnswer | ((statement: string) => StandinAnswer);
}

export class StackqlStandin {
  readonly received: ReceivedQuery[] = [];
  debug: boolean;
  fault: StandinFault | null = null;
  private readonly handlers: Handler[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private readonly tls: { key: Buffer; cert: Buffer } | undefined;
  private listeningPort = 0;

  private constructor(options: StandinOptions) {
    this.debug = options.debug ?? false;
    this.tls = options.tls;
    this.server = createServer((socket) => this.accept(socket));
  }

  static async start(options: StandinOptions = {}): Promise<StackqlStandin> {
    const standin = new StackqlStandin(options);
    await new Promise<void>((resolve, reject) => {
      standin.server.once('error', reject);
      standin.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = standin.server.address();
    if (address === null || typeof address === 'string') throw new Error('stand-in has no TCP address');
    standin.listeningPort = address.port;
    return standin;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** Answers statements that equal `match` (string), match it (RegExp) or satisfy it (function); first registered wins. */
  on(match: StandinMatcher, answer: StandinAnswer | ((statement: string) => StandinAnswer)): this {
    const matches =
      typeof match === 'string' ? (s: string) => s === match : match instanceof RegExp ? (s: string) => match.test(s) : match;
    this.handlers.push({ matches, answer });
    return this;
  }

  /** Forgets handlers, received queries and faults. */
  reset(): void {
    this.handlers.length = 0;
    this.received.length = 0;
    this.fault = null;
  }

  /** Destroys every open connection (e.g. after a stall test). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.fault === 'refuse') {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Like a Postgres backend, after an extended-protocol error everything up to Sync is discarded.
    const extended = { failed: false };
    const connection: PostgresConnection = new PostgresConnection(socket, {
      authMode: 'none',
      serverVersion: '14.0',
      ...(this.tls === undefined ? {} : { tls: this.tls }),
      onMessage: (data, state) => {
        if (!state.hasStarted) return this.fault === 'stall-startup';
        if (!state.isAuthenticated) return false;
        return this.handleMessage(connection, socket, Buffer.from(data), extended);
      },
    });
  }

  /** Returns true when the message was handled here (pg-gateway 0.2 has no query hook of its own). */
  private handleMessage(connection: PostgresConnection, socket: Socket, data: Buffer, extended: { failed: boolean }): boolean {
    const type = data[0];
    if (type === QUERY) {
      const text = data.toString('utf8', 5, data.length - 1);
      this.answerQuery(connection, socket, text);
      return true;
    }
    if (type !== undefined && EXTENDED.has(type)) {
      // StackQL versions before v0.10.421 have no extended protocol; answer like them.
      if (!extended.failed) {
        connection.sendError({ severity: 'ERROR', code: SQLSTATE_STACKQL, message: 'query returns error: extended query protocol not supported' });
        extended.failed = true;
      }
      return true;
    }
    if (type === SYNC) {
      extended.failed = false;
      connection.sendReadyForQuery('idle');
      return true;
    }
    // Terminate and anything else: pg-gateway's own handling.
    return false;
  }

  private answerQuery(connection: PostgresConnection, socket: Socket, text: string): void {
    const statement = firstStatement(text);
    this.received.push({ text, statement });
    if (this.fault === 'stall') return;
    if (statement === null) {
      connection.sendData(connection.writer.flush(0x49)); // EmptyQueryResponse
      connection.sendReadyForQuery('idle');
      return;
    }
    const handler = this.handlers.find((h) => h.matches(statement));
    const answer = handler === undefined ? { error: `no handler for ${statement}` } : typeof handler.answer === 'function' ? handler.answer(statement) : handler.answer;

    if (answer.error !== undefined) {
      connection.sendError({ severity: 'ERROR', code: SQLSTATE_STACKQL, message: `query returns error: ${answer.error}` });
      connection.sendReadyForQuery('idle');
      return;
    }
    if (answer.httpError !== undefined) {
      if (this.debug) {
        sendNotice(connection, answer.httpError);
        sendCommandComplete(connection, '');
      } else {
        sendCommandComplete(connection, 'OK');
      }
      connection.sendReadyForQuery('idle');
      return;
    }
    const rows = answer.rows ?? [];
    const columns = answer.columns ?? Object.keys(rows[0] ?? {}).map((name) => ({ name }));
    if (columns.length > 0) sendRowDescription(connection, columns);
    for (const [index, row] of rows.entries()) {
      sendDataRow(connection, columns.map((column) => row[column.name] ?? null));
      if (this.fault === 'close-mid-result' && index === 0) {
        socket.destroy();
        return;
      }
    }
    if (this.fault === 'close-mid-result') {
      socket.destroy();
      return;
    }
    sendCommandComplete(connection, 'OK');
    connection.sendReadyForQuery('idle');
  }
}

function sendRowDescription(connection: PostgresConnection, columns: readonly StandinColumn[]): void {
  const writer = connection.writer;
  writer.addInt16(columns.length);
  for (const column of columns) {
    writer.addCString(column.name);
    writer.addInt32(0); // table OID
    writer.addInt16(0); // attribute number
    writer.addInt32(column.type === 'number' ? OID_NUMERIC : OID_TEXT);
    writer.addInt16(-1); // type size: variable
    writer.addInt32(-1); // type modifier
    writer.addInt16(0); // text format
  }
  connection.sendData(writer.flush(0x54)); // 'T'
}

function sendDataRow(connection: PostgresConnection, values: ReadonlyArray<string | null>): void {
  const writer = connection.writer;
  writer.addInt16(values.length);
  for (const value of values) {
    if (value === null) {
      writer.addInt32(-1);
    } else {
      const bytes = Buffer.from(value, 'utf8');
      writer.addInt32(bytes.length);
      writer.add(bytes);
    }
  }
  connection.sendData(writer.flush(0x44)); // 'D'
}

function sendCommandComplete(connection: PostgresConnection, tag: string): void {
  connection.sendData(connection.writer.addCString(tag).flush(0x43)); // 'C'
}

/** StackQL's debug-mode notice for a provider HTTP error. */
function sendNotice(connection: PostgresConnection, httpError: string): void {
  const writer = connection.writer;
  writer.addString('S').addCString('NOTICE');
  writer.addString('V').addCString('NOTICE');
  writer.addString('C').addCString('01000');
  writer.addString('M').addCString('http error');
  writer.addString('D').addCString(httpError);
  writer.addCString('');
  connection.sendData(writer.flush(0x4e)); // 'N'
}
