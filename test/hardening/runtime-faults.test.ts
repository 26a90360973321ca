/**
 * Runtime faults end to end, through `callMethod` (the path generated code
 * takes): every fault becomes a typed `StackqlError` in bounded time, the
 * executor recovers or ends cleanly, no promise rejection goes unhandled,
 * and no connection is left open on the server side — counted by a TCP
 * proxy in front of the stand-in that sees every connection the client
 * opens and when it closes.
 *
 * What test/runtime already covers one executor call at a time (error
 * classes for refused/closed/stalled servers, ErrorResponse, stackql exec's
 * stderr/exit/JSON cases) is repeated here only where the question is new:
 * leaks, hangs, unhandled rejections, decoding of malformed results.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../templates/runtime/client.js';
import {
  StackqlConnectionError,
  StackqlDecodeError,
  StackqlError,
  StackqlExecError,
  StackqlQueryError,
  StackqlTimeoutError,
} from '../../templates/runtime/errors.js';
import { pgwire, type PgwireExecutor, type PgwireOptions } from '../../templates/runtime/executors/pgwire.js';
import { stackqlExec } from '../../templates/runtime/executors/stackql-exec.js';
import type { MethodSpec } from '../../templates/runtime/spec.js';
import { renderStatement } from '../../templates/runtime/sql.js';
import { StackqlStandin } from '../support/stackql-standin.js';
import { listTyped } from '../runtime/specs.js';
import { rejection } from '../support/rejection.js';

/** Forwards every connection to `target`, counting the ones still open; closing either side closes the other. */
class CountingProxy {
  readonly open = new Set<Socket>();
  opened = 0;
  private readonly server: Server;

  constructor(private readonly target: () => number) {
    this.server = createServer((client) => {
      this.opened++;
      this.open.add(client);
      const upstream = connect(this.target(), '127.0.0.1');
      const closeBoth = (): void => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
      };
      client.on('error', closeBoth).on('close', closeBoth);
      upstream.on('error', closeBoth).on('close', closeBoth);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
    return address.port;
  }

  /** Resolves once no client connection is open, or rejects after `ms` naming how many still are. */
  async drained(ms = 2_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.open.size > 0) {
      if (Date.now() > deadline) throw new Error(`${this.open.size} connection(s) still open on the server side`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

let standin: StackqlStandin;
let proxy: CountingProxy;
let proxyPort: number;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  standin = await StackqlStandin.start();
  proxy = new CountingProxy(() => standin.port);
  proxyPort = await proxy.listen();
});

afterEach(() => {
  standin.reset();
  standin.dropConnections();
});

afterAll(async () => {
  // Late socket errors and timers surface after the tests: give them a moment to show up.
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await proxy.close();
  await standin.close();
  expect(unhandled).toEqual([]);
});

/** Ends `executor` within a bound (a hang is a failure) and checks the server sees no connection left. */
async function endCleanly(executor: PgwireExecutor): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('end() did not finish within 3 s')), 3_000);
  });
  try {
    await Promise.race([executor.end(), hung]);
  } finally {
    clearTimeout(timer);
  }
  await proxy.drained();
}

function viaProxy(options: PgwireOptions = {}): PgwireExecutor {
  return pgwire({ port: proxyPort, connectTimeoutMs: 1_000, queryTimeoutMs: 1_000, poolSize: 2, ...options });
}

const PARAMS = { params: { region: 'eu' } };
const SQL = renderStatement(listTyped, PARAMS);
const columns = listTyped.columns.map((c) => ({ name: c.name, type: c.type }));
const GOOD_ROW = { name: 'w', count: '12', ratio: '0.5', enabled: 't', settings: '{"a":1}', tags: '["x"]', misc: 'm', 'x5t#S256': 'a', '@odata.type': 'b' };

async function call(executor: PgwireExecutor, spec: MethodSpec = listTyped, decode?: Parameters<typeof callMethod>[0]['decode']): Promise<unknown> {
  return callMethod({ executor, ...(decode ? { decode } : {}) }, spec, PARAMS);
}

describe('pgwire faults through callMethod', () => {
  const faults: Array<{ name: string; arrange: () => void; expected: new (...args: never[]) => StackqlError; code: string }> = [
    { name: 'connection refused (closed at once)', arrange: () => void (standin.fault = 'refuse'), expected: StackqlConnectionError, code: 'connection' },
    {
      name: 'server closing mid-result',
      arrange: () => {
        standin.fault = 'close-mid-result';
        standin.on(SQL, { columns, rows: [GOOD_ROW, GOOD_ROW] });
      },
      expected: StackqlConnectionError,
      code: 'connection',
    },
    { name: 'stalled query (timeout)', arrange: () => void (standin.fault = 'stall'), expected: StackqlTimeoutError, code: 'timeout' },
    { name: 'stalled startup (connect timeout)', arrange: () => void (standin.fault = 'stall-startup'), expected: StackqlTimeoutError, code: 'timeout' },
    { name: 'ErrorResponse', arrange: () => void standin.on(SQL, { error: 'table not found: okta.users.users' }), expected: StackqlQueryError, code: 'query' },
  ];

  for (const fault of faults) {
    it(`${fault.name}: a typed error within the time limit, then recovery, and no connection left open`, async () => {
      const executor = viaProxy();
      fault.arrange();
      const started = Date.now();
      const error = await rejection(call(executor));
      expect(error).toBeInstanceOf(fault.expected);
      expect((error as StackqlError).code).toBe(fault.code);
      expect(Date.now() - started).toBeLessThan(3_000);
      // The same executor serves the next query once the server behaves (the pool replaces broken connections).
      standin.reset();
      standin.on(SQL, { columns, rows: [GOOD_ROW] });
      expect(await call(executor)).toHaveLength(1);
      await endCleanly(executor);
    });
  }

  it('the server drops idle pooled connections (a restart): the next query gets a fresh one', async () => {
    const executor = viaProxy();
    standin.on(SQL, { columns, rows: [GOOD_ROW] });
    expect(await call(executor)).toHaveLength(1);
    standin.dropConnections();
    await proxy.drained();
    expect(await call(executor)).toHaveLength(1);
    expect(proxy.opened).toBeGreaterThan(1);
    await endCleanly(executor);
  });

  it('a port nobody listens on: connection error, nothing left open, nothing unhandled', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no address');
    const executor = pgwire({ port: address.port, connectTimeoutMs: 1_000 });
    expect(await rejection(call(executor))).toBeInstanceOf(StackqlConnectionError);
    await executor.end();
  });

  it('twenty concurrent queries against a stalled server all time out; none hangs, none leaks', async () => {
    const executor = viaProxy({ queryTimeoutMs: 300, poolSize: 3 });
    standin.fault = 'stall';
    const errors = await Promise.all(Array.from({ length: 20 }, () => rejection(call(executor))));
    for (const error of errors) expect(error).toBeInstanceOf(StackqlTimeoutError);
    standin.dropConnections();
    await endCleanly(executor);
  });
});

describe('malformed results through callMethod', () => {
  const answers: Array<{ name: string; row: Record<string, string | null>; column: string }> = [
    { name: 'an integer column holding text', row: { ...GOOD_ROW, count: 'twelve' }, column: 'count' },
    { name: 'an integer beyond 2^53 in number mode', row: { ...GOOD_ROW, count: '9007199254740993' }, column: 'count' },
    { name: 'a number column holding two dots', row: { ...GOOD_ROW, ratio: '1.2.3' }, column: 'ratio' },
    { name: 'a boolean column holding maybe', row: { ...GOOD_ROW, enabled: 'maybe' }, column: 'enabled' },
    { name: 'an object column holding truncated JSON', row: { ...GOOD_ROW, settings: '{"a":' }, column: 'settings' },
    { name: 'an object column holding an array', row: { ...GOOD_ROW, settings: '[1]' }, column: 'settings' },
    { name: 'an array column holding an object', row: { ...GOOD_ROW, tags: '{}' }, column: 'tags' },
  ];

  for (const answer of answers) {
    it(`${answer.name}: StackqlDecodeError naming the column, and the connection is reusable`, async () => {
      const executor = viaProxy();
      standin.on(SQL, { columns, rows: [answer.row] });
      const error = await rejection(call(executor, listTyped, { integers: 'number' }));
      expect(error).toBeInstanceOf(StackqlDecodeError);
      expect(error).toMatchObject({ code: 'decode', column: answer.column, value: answer.row[answer.column] });
      standin.reset();
      standin.on(SQL, { columns, rows: [GOOD_ROW] });
      expect(await call(executor)).toHaveLength(1);
      await endCleanly(executor);
    });
  }

  it('unexpected columns: kept as text by default, refused with unknownColumns "error", dropped with "drop"', async () => {
    const executor = viaProxy();
    standin.on(SQL, { columns: [...columns, { name: 'surprise' }], rows: [{ ...GOOD_ROW, surprise: 'boo' }] });
    const [row] = (await call(executor)) as Array<Record<string, unknown>>;
    expect(row?.['surprise']).toBe('boo');
    expect(await rejection(call(executor, listTyped, { unknownColumns: 'error' }))).toMatchObject({ code: 'decode', column: 'surprise' });
    const [dropped] = (await call(executor, listTyped, { unknownColumns: 'drop' })) as Array<Record<string, unknown>>;
    expect(Object.keys(dropped ?? {})).toEqual(listTyped.columns.map((c) => c.name));
    await endCleanly(executor);
  });

  it('missing columns come back as null, not as an error or undefined', async () => {
    const executor = viaProxy();
    standin.on(SQL, { columns: [{ name: 'name' }], rows: [{ name: 'only' }] });
    const [row] = (await call(executor)) as Array<Record<string, unknown>>;
    expect(row?.['name']).toBe('only');
    expect(row?.['count']).toBeNull();
    await endCleanly(executor);
  });
});

describe('stackql exec faults not covered by the runtime tests', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'exec-faults-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function fake(name: string, body: string, mode = 0o755): string {
    const path = join(dir, name);
    writeFileSync(path, `#!/usr/bin/env node\n${body}\n`);
    chmodSync(path, mode);
    return path;
  }

  it('a process killed by a signal: StackqlExecError without an exit code', async () => {
    const binary = fake('killed', "process.stdout.write('[{\"a\":'); process.kill(process.pid, 'SIGKILL');");
    const error = await rejection(callMethod({ executor: stackqlExec({ binary }) }, listTyped, PARAMS));
    expect(error).toBeInstanceOf(StackqlExecError);
    expect(error).toMatchObject({ code: 'exec', exitCode: null });
  });

  it('JSON cut off mid-array with exit 0: StackqlExecError, not a partial result', async () => {
    const binary = fake('cut', "process.stdout.write('[{\"name\":\"a\"},{\"name\":');");
    const error = await rejection(callMethod({ executor: stackqlExec({ binary }) }, listTyped, PARAMS));
    expect(error).toBeInstanceOf(StackqlExecError);
  });

  it('a binary without execute permission (root cannot run it either) and a directory: StackqlExecError', async () => {
    const notExecutable = fake('not-executable', "process.stdout.write('[]');", 0o644);
    const directory = join(dir, 'a-directory');
    mkdirSync(directory);
    for (const binary of [notExecutable, directory]) {
      const error = await rejection(callMethod({ executor: stackqlExec({ binary }) }, listTyped, PARAMS));
      expect(error, binary).toBeInstanceOf(StackqlExecError);
      expect((error as StackqlExecError).exitCode).toBeNull();
    }
  });

  it('megabytes of stderr chatter and a valid result: the rows, no hang', async () => {
    const binary = fake('chatty', "for (let i = 0; i < 2000; i++) process.stderr.write('x'.repeat(1000) + '\\n'); process.stdout.write('[{\"name\":\"a\"}]');");
    const rows = await callMethod({ executor: stackqlExec({ binary, timeoutMs: 10_000 }) }, listTyped, PARAMS);
    expect(rows).toHaveLength(1);
  });
});
