import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../templates/runtime/client.js';
import {
  StackqlConnectionError,
  StackqlNoticeError,
  StackqlQueryError,
  StackqlTimeoutError,
  type StackqlNotice,
} from '../../templates/runtime/errors.js';
import { pgwire, type PgwireExecutor, type PgwireOptions } from '../../templates/runtime/executors/pgwire.js';
import { renderStatement } from '../../templates/runtime/sql.js';
import { StackqlStandin } from '../support/stackql-standin.js';
import { listJwks, listTyped } from './specs.js';
import { rejection } from '../support/rejection.js';

let standin: StackqlStandin;
const executors: PgwireExecutor[] = [];

beforeAll(async () => {
  standin = await StackqlStandin.start();
});

afterEach(() => {
  standin.reset();
  standin.debug = false;
  standin.dropConnections();
});

afterAll(async () => {
  await Promise.all(executors.map((executor) => executor.end()));
  await standin.close();
});

function executor(options: PgwireOptions = {}): PgwireExecutor {
  const created = pgwire({ port: standin.port, connectTimeoutMs: 2000, ...options });
  executors.push(created);
  return created;
}

const JWK_ROW = {
  id: 'apk2f4zrZbs8nUa7p0g4',
  _links: '{"self":{"href":"https://my-org.okta.com/api/v1/authorizationServers/aus1/resourceservercredentials/keys/apk2"}}',
  created: '2023-02-21T20:08:24.000Z',
  e: 'AQAB',
  kid: 'SIMcCQNY3uwXoW3y0vf6VxiBb5n9pf8L2fK8d-FIbm4',
  kty: 'RSA',
  lastUpdated: '2023-02-21T20:08:24.000Z',
  n: 'mkC6yAJVvFwUlmM9gKjb2d',
  status: 'ACTIVE',
  use: 'enc',
};

describe('pgwire executor against the stand-in', () => {
  it('sends the rendered SQL as one simple query and decodes the rows', async () => {
    const sql = renderStatement(listJwks, { params: { subdomain: 'my-org' }, extraParams: { authServerId: 'aus1' } });
    standin.on(sql, { columns: listJwks.columns.map((c) => ({ name: c.name, type: c.type })), rows: [JWK_ROW, { ...JWK_ROW, id: 'apk2', status: 'INACTIVE' }] });
    const rows = await callMethod<Record<string, unknown>>(
      { executor: executor(), defaults: { subdomain: 'my-org' } },
      listJwks,
      {},
      { extraParams: { authServerId: 'aus1' } },
    );
    expect(standin.received).toEqual([{ text: sql, statement: sql }]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ ...JWK_ROW, _links: JSON.parse(JWK_ROW._links) as unknown });
    expect(rows[1]?.['status']).toBe('INACTIVE');
  });

  it('keeps numeric (OID 1700) and every other column as the text the server sent', async () => {
    const sql = renderStatement(listTyped, { params: { region: 'eu' } });
    standin.on(sql, {
      columns: listTyped.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: [{ name: 'w', count: '9007199254740993', ratio: '0.50', enabled: 't', settings: '{}', tags: '[]', misc: null, 'x5t#S256': 'a', '@odata.type': 'b' }],
    });
    const raw = await executor()(sql);
    expect(raw).toEqual([{ name: 'w', count: '9007199254740993', ratio: '0.50', enabled: 't', settings: '{}', tags: '[]', misc: null, 'x5t#S256': 'a', '@odata.type': 'b' }]);

    const client = new pg.Client({ host: '127.0.0.1', port: standin.port, user: 'stackql', database: 'stackql' });
    await client.connect();
    try {
      const result = await client.query(sql);
      expect(result.fields.map((f) => [f.name, f.dataTypeID])).toEqual(
        listTyped.columns.map((c) => [c.name, c.type === 'number' ? 1700 : 25]),
      );
    } finally {
      await client.end();
    }
  });

  it('turns an ErrorResponse into a StackqlQueryError with SQLSTATE and message', async () => {
    standin.on(/^SELECT/, { error: 'table not found: okta.nope.nope' });
    const error = await rejection(executor()('SELECT id FROM okta.nope.nope'));
    expect(error).toBeInstanceOf(StackqlQueryError);
    expect(error).toMatchObject({
      code: 'query',
      sqlstate: 'XXUUU',
      severity: 'ERROR',
      message: 'query returns error: table not found: okta.nope.nope',
      sql: 'SELECT id FROM okta.nope.nope',
    });
  });

  it('returns 0 rows for a provider HTTP error unless strict mode sees the debug notice', async () => {
    const httpError = 'http response status code: 404, response body: {"errorCode":"E0000007"}';
    standin.on(/^SELECT/, { httpError });

    expect(await executor({ strict: true })('SELECT id FROM p.s.r')).toEqual([]);

    standin.debug = true;
    const seen: StackqlNotice[] = [];
    expect(await executor({ onNotice: (notice) => seen.push(notice) })('SELECT id FROM p.s.r')).toEqual([]);
    expect(seen).toEqual([{ severity: 'NOTICE', code: '01000', message: 'http error', detail: httpError }]);

    const error = await rejection(executor({ strict: true })('SELECT id FROM p.s.r'));
    expect(error).toBeInstanceOf(StackqlNoticeError);
    expect((error as StackqlNoticeError).notices[0]?.detail).toBe(httpError);
    expect((error as StackqlNoticeError).message).toContain('E0000007');
  });

  it('gives up on a stalled server after the query timeout, and the pool recovers', async () => {
    standin.on('SELECT 1', { rows: [{ one: '1' }] });
    const run = executor({ queryTimeoutMs: 300, poolSize: 1 });
    standin.fault = 'stall';
    const started = Date.now();
    const error = await rejection(run('SELECT 1'));
    expect(error).toBeInstanceOf(StackqlTimeoutError);
    expect((error as StackqlTimeoutError).timeoutMs).toBe(300);
    expect(Date.now() - started).toBeLessThan(2000);
    standin.fault = null;
    expect(await run('SELECT 1')).toEqual([{ one: '1' }]);
  });

  it('aborts a query on the caller’s signal', async () => {
    standin.fault = 'stall';
    const controller = new AbortController();
    const pending = executor()('SELECT 1', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    expect(await rejection(pending)).toMatchObject({ message: 'caller gave up' });
  });

  it('times out connecting to a server that never answers the startup', async () => {
    standin.fault = 'stall-startup';
    const error = await rejection(executor({ connectTimeoutMs: 300 })('SELECT 1'));
    expect(error).toBeInstanceOf(StackqlTimeoutError);
  });

  it('reports refused connections and sockets closed mid-result as connection errors', async () => {
    standin.fault = 'refuse';
    expect(await rejection(executor()('SELECT 1'))).toBeInstanceOf(StackqlConnectionError);

    standin.fault = 'close-mid-result';
    standin.on('SELECT 1', { rows: [{ one: '1' }, { one: '2' }] });
    expect(await rejection(executor()('SELECT 1'))).toBeInstanceOf(StackqlConnectionError);
  });

  it('reports a closed port as a connection error', async () => {
    const closed = await StackqlStandin.start();
    const port = closed.port;
    await closed.close();
    const error = await rejection(pgwire({ port, connectTimeoutMs: 1000 })('SELECT 1'));
    expect(error).toBeInstanceOf(StackqlConnectionError);
  });

  it('runs concurrent queries over a bounded pool', async () => {
    standin.on(/^SELECT \d+$/, (sql) => ({ rows: [{ n: sql.slice(7) }] }));
    const run = executor({ poolSize: 2 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => run(`SELECT ${n}`)));
    expect(results).toEqual([1, 2, 3, 4, 5].map((n) => [{ n: String(n) }]));
  });

  it('refuses queries after end()', async () => {
    const run = pgwire({ port: standin.port });
    standin.on('SELECT 1', { rows: [{ one: '1' }] });
    expect(await run('SELECT 1')).toEqual([{ one: '1' }]);
    await run.end();
    expect(await rejection(run('SELECT 1'))).toBeInstanceOf(StackqlConnectionError);
  });
});

describe('the stand-in itself', () => {
  it('answers only the first non-empty piece of a multi-statement text, split like the server', async () => {
    standin.on(/.*/s, (sql) => ({ rows: [{ got: sql }] }));
    const client = new pg.Client({ host: '127.0.0.1', port: standin.port, user: 'anyone', database: 'anything' });
    await client.connect();
    try {
      const first = await client.query(` ; SELECT 'a;b' ; SELECT 2`);
      expect(first.rows).toEqual([{ got: " SELECT 'a" }]);
      const quoted = await client.query(`SELECT "x;y" ; SELECT 2`);
      expect(quoted.rows).toEqual([{ got: 'SELECT "x;y" ' }]);
    } finally {
      await client.end();
    }
    expect(standin.received.map((r) => r.statement)).toEqual([" SELECT 'a", 'SELECT "x;y" ']);
  });
});
