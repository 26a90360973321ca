/**
 * The generated okta client end to end: the package is generated from the
 * real okta docs (../shared/corpus/okta, read in place) into a temp dir, its
 * TypeScript sources are imported as they are, and its `createClient` talks
 * through `pg` over TCP to the StackQL stand-in (pg-gateway on 127.0.0.1,
 * behaving as docs STACKQL.md says). A pass-through tap between the two
 * records the bytes of every Query message and the open connections.
 *
 * What must hold: rows decode to their documented types; the SQL the server
 * received is byte for byte the package's own `<method>Sql(...)` output; an
 * ErrorResponse becomes the runtime's typed query error; a value the runtime
 * refuses never reaches the server; a debug notice in strict mode is a typed
 * notice error; `end()` leaves no connection open.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emitPackage } from '../../generator/emit/index.js';
import { parseDocs } from '../../generator/ir/build.js';
import type * as Runtime from '../../templates/runtime/index.js';
import { OPTIONS, REPO, tempPackage } from '../emit/support.js';
import { StackqlStandin, type StandinColumn } from '../support/stackql-standin.js';
import { QueryTap } from './query-tap.js';
import { rejection } from '../support/rejection.js';

const OKTA_DOCS = join(REPO, '..', 'shared', 'corpus', 'okta');

/*
 * The parts of the generated package this test uses. The package lives in a
 * temp dir, so its own types are not visible here; these mirror them.
 */
type Values = Record<string, unknown>;
type Row = Record<string, unknown>;
interface CallOptions {
  columns?: readonly string[];
  returning?: boolean;
  extraParams?: Values;
}
type SelectSql = (params?: Values, options?: CallOptions) => string;
type BodySql = (params: Values, data: Values, options?: CallOptions) => string;
type SelectCall = (params?: Values, options?: CallOptions) => Promise<Row[]>;
type BodyCall = (params: Values, data: Values, options?: CallOptions) => Promise<Row[]>;

interface OktaBindings {
  agentpools: {
    agentPoolUpdates: {
      listAgentPoolsUpdatesSql: SelectSql;
      createAgentPoolsUpdateSql: BodySql;
      updateAgentPoolsUpdateSql: BodySql;
      deleteAgentPoolsUpdateSql: SelectSql;
    };
  };
  realmAssignments: { realmAssignmentOperations: { listRealmAssignmentOperationsSql: SelectSql } };
  users: { users: { getUserSql: SelectSql; changePasswordSql: BodySql } };
}

interface OktaClient {
  agentpools: {
    agentPoolUpdates: {
      listAgentPoolsUpdates: SelectCall;
      createAgentPoolsUpdate: BodyCall;
      updateAgentPoolsUpdate: BodyCall;
      deleteAgentPoolsUpdate: SelectCall;
    };
  };
  realmAssignments: { realmAssignmentOperations: { listRealmAssignmentOperations: SelectCall } };
  users: { users: { getUser: SelectCall; listUsers: SelectCall; changePassword: BodyCall } };
}

interface OktaPackage extends OktaBindings {
  createClient(options: Runtime.ClientContext): OktaClient;
  pgwire(options: Runtime.PgwireOptions): Runtime.PgwireExecutor;
}

let pkg: ReturnType<typeof tempPackage>;
let okta: OktaPackage;
/** The package's own copy of the runtime: its error classes are the ones its client throws. */
let runtime: typeof Runtime;
let standin: StackqlStandin;
let tap: QueryTap;
const executors: Runtime.PgwireExecutor[] = [];

beforeAll(async () => {
  const { document } = await parseDocs(OKTA_DOCS);
  pkg = tempPackage(emitPackage(document, OPTIONS), 'integration-okta-');
  okta = (await import(pathToFileURL(join(pkg.dir, 'src', 'index.ts')).href)) as OktaPackage;
  runtime = (await import(pathToFileURL(join(pkg.dir, 'src', 'runtime', 'index.ts')).href)) as typeof Runtime;
  standin = await StackqlStandin.start();
  tap = await QueryTap.start(standin.port);
});

beforeEach(() => {
  standin.reset();
  standin.debug = false;
});

afterAll(async () => {
  await Promise.all(executors.map((executor) => executor.end()));
  await tap?.close();
  await standin?.close();
  pkg?.dispose();
});

/** A client of the generated package over pgwire to the stand-in, through the tap. */
function oktaClient(options: Omit<Runtime.PgwireOptions, 'host' | 'port'> = {}, decode?: Runtime.DecodeOptions): { client: OktaClient; executor: Runtime.PgwireExecutor } {
  const executor = okta.pgwire({ host: '127.0.0.1', port: tap.port, connectTimeoutMs: 5000, ...options });
  executors.push(executor);
  const client = okta.createClient({ executor, defaults: { subdomain: 'my-org' }, ...(decode === undefined ? {} : { decode }) });
  return { client, executor };
}

/** The Query messages that crossed the wire since `from`, as bytes. */
function sentSince(from: number): Buffer[] {
  return tap.queries.slice(from);
}

/** Asserts that exactly one query crossed the wire since `from` and that its bytes are `sql`'s UTF-8. */
function expectSentExactly(from: number, sql: string): void {
  const sent = sentSince(from);
  expect(sent.map((bytes) => bytes.toString('utf8'))).toEqual([sql]);
  expect(sent[0]?.equals(Buffer.from(sql, 'utf8'))).toBe(true);
  expect(standin.received.at(-1)).toEqual({ text: sql, statement: sql });
}

// okta.agentpools.agent_pool_updates, `list_agent_pools_updates`: string, object, array, boolean and integer fields.
const UPDATE_COLUMNS: StandinColumn[] = [
  { name: 'id', type: 'string' },
  { name: 'name', type: 'string' },
  { name: '_links', type: 'object' },
  { name: 'agentType', type: 'string' },
  { name: 'agents', type: 'array' },
  { name: 'enabled', type: 'boolean' },
  { name: 'notifyAdmin', type: 'boolean' },
  { name: 'reason', type: 'string' },
  { name: 'schedule', type: 'object' },
  { name: 'sortOrder', type: 'integer' },
  { name: 'status', type: 'string' },
  { name: 'targetVersion', type: 'string' },
];

/** As StackQL sends it: every value text, objects and arrays as JSON text, integers as decimal strings. */
const UPDATE_ROW = {
  id: 'uij4ri8ZLk49pUgtd0g4',
  name: 'region1A.dc',
  _links: '{"self":{"href":"https://my-org.okta.com/api/v1/agentPools/poolId/updates/uij4ri8ZLk49pUgtd0g4"}}',
  agentType: 'AD',
  agents: '[{"id":"a53ckju1PI0kOtW9i0g4","isHidden":false,"version":"3.19.0"}]',
  enabled: 'true',
  notifyAdmin: 'false',
  reason: 'Update failed.',
  schedule: '{"cron":"0 8 * * 7","delay":0,"duration":600,"timezone":"America/Los_Angeles"}',
  sortOrder: '42',
  status: 'Scheduled',
  targetVersion: '3.20.0',
};

describe('generated okta client over pgwire to the StackQL stand-in', () => {
  it('SELECT: every column decodes to its documented type; NULL stays null', async () => {
    const { client } = oktaClient();
    const options = { extraParams: { poolId: '0oa1k' } };
    const sql = okta.agentpools.agentPoolUpdates.listAgentPoolsUpdatesSql({ subdomain: 'my-org', scheduled: true }, options);
    // Written out by hand from the docs' column list: the binding must not have dropped or reordered any. `status` is a StackQL keyword.
    expect(sql).toBe(
      'SELECT id, name, _links, agentType, agents, enabled, notifyAdmin, reason, schedule, sortOrder, "status", targetVersion ' +
        "FROM okta.agentpools.agent_pool_updates WHERE subdomain = 'my-org' AND scheduled = true AND poolId = '0oa1k'",
    );
    const nullRow = Object.fromEntries(UPDATE_COLUMNS.map((c) => [c.name, null]));
    standin.on(sql, { columns: UPDATE_COLUMNS, rows: [UPDATE_ROW, { ...nullRow, id: 'uij2', enabled: 'false', sortOrder: '-7' }] });
    const from = tap.queries.length;

    const rows = await client.agentpools.agentPoolUpdates.listAgentPoolsUpdates({ scheduled: true }, options);

    expectSentExactly(from, sql);
    expect(rows).toEqual([
      {
        id: 'uij4ri8ZLk49pUgtd0g4',
        name: 'region1A.dc',
        _links: { self: { href: 'https://my-org.okta.com/api/v1/agentPools/poolId/updates/uij4ri8ZLk49pUgtd0g4' } },
        agentType: 'AD',
        agents: [{ id: 'a53ckju1PI0kOtW9i0g4', isHidden: false, version: '3.19.0' }],
        enabled: true,
        notifyAdmin: false,
        reason: 'Update failed.',
        schedule: { cron: '0 8 * * 7', delay: 0, duration: 600, timezone: 'America/Los_Angeles' },
        sortOrder: 42,
        status: 'Scheduled',
        targetVersion: '3.20.0',
      },
      { ...nullRow, id: 'uij2', enabled: false, sortOrder: -7 },
    ]);
    // toEqual would accept '42' for 42 only if it were loose; make the JS types explicit.
    const first = rows[0]!;
    expect([typeof first['sortOrder'], typeof first['enabled'], Array.isArray(first['agents']), typeof first['schedule']]).toEqual([
      'number',
      'boolean',
      true,
      'object',
    ]);
  });

  it('SELECT narrowed by { columns }: only those are asked for, and the row has exactly those keys', async () => {
    const { client } = oktaClient();
    const options = { columns: ['sortOrder', 'id', 'agents', 'enabled'] as const, extraParams: { poolId: '0oa1k' } };
    const sql = okta.agentpools.agentPoolUpdates.listAgentPoolsUpdatesSql({ subdomain: 'my-org' }, options);
    expect(sql).toBe("SELECT sortOrder, id, agents, enabled FROM okta.agentpools.agent_pool_updates WHERE subdomain = 'my-org' AND poolId = '0oa1k'");
    standin.on(sql, {
      columns: [
        { name: 'sortOrder', type: 'integer' },
        { name: 'id', type: 'string' },
        { name: 'agents', type: 'array' },
        { name: 'enabled', type: 'boolean' },
      ],
      rows: [{ sortOrder: '0', id: 'uij4', agents: '[]', enabled: 'true' }],
    });
    const from = tap.queries.length;

    const rows = await client.agentpools.agentPoolUpdates.listAgentPoolsUpdates({}, options);

    expectSentExactly(from, sql);
    expect(rows).toEqual([{ sortOrder: 0, id: 'uij4', agents: [], enabled: true }]);
    expect(Object.keys(rows[0]!)).toEqual(['sortOrder', 'id', 'agents', 'enabled']);
  });

  it('SELECT with a number column: the OID 1700 text decodes to a JS number', async () => {
    const { client } = oktaClient();
    const sql = okta.realmAssignments.realmAssignmentOperations.listRealmAssignmentOperationsSql({ subdomain: 'my-org', limit: 20 });
    const columns = [
      { name: 'id', type: 'string' },
      { name: 'assignmentOperation', type: 'object' },
      { name: 'numUserMoved', type: 'number' },
      { name: 'status', type: 'string' },
    ];
    standin.on(sql, {
      columns,
      rows: [{ id: 'rao1', assignmentOperation: '{"configuration":{"id":"rul2"}}', numUserMoved: '1250.5', status: 'COMPLETED' }],
    });
    const from = tap.queries.length;

    const rows = await client.realmAssignments.realmAssignmentOperations.listRealmAssignmentOperations({ limit: 20 });

    expectSentExactly(from, sql);
    // `limit` is a keyword, so quoted; a JS number goes bare.
    expect(sql).toContain(`WHERE subdomain = 'my-org' AND "limit" = 20`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'rao1', assignmentOperation: { configuration: { id: 'rul2' } }, numUserMoved: 1250.5, status: 'COMPLETED' });
    // Columns the docs list but the server did not send are null, not absent.
    expect(rows[0]?.['realmName']).toBeNull();
  });

  it('an integer beyond 2^53 is a decode error by default and exact as bigint when asked', async () => {
    const sql = okta.agentpools.agentPoolUpdates.listAgentPoolsUpdatesSql({ subdomain: 'my-org' }, { columns: ['id', 'sortOrder'] });
    standin.on(sql, { columns: [{ name: 'id' }, { name: 'sortOrder' }], rows: [{ id: 'uij4', sortOrder: '9007199254740993' }] });

    const error = await rejection(oktaClient().client.agentpools.agentPoolUpdates.listAgentPoolsUpdates({}, { columns: ['id', 'sortOrder'] }));
    expect(error).toBeInstanceOf(runtime.StackqlDecodeError);
    expect(error).toMatchObject({ code: 'decode', column: 'sortOrder', value: '9007199254740993' });

    const exact = await oktaClient({}, { integers: 'bigint' }).client.agentpools.agentPoolUpdates.listAgentPoolsUpdates({}, { columns: ['id', 'sortOrder'] });
    expect(exact).toEqual([{ id: 'uij4', sortOrder: 9007199254740993n }]);
  });

  it('INSERT with data (a valid_values field, an object, an array, a boolean, an integer) and RETURNING', async () => {
    const { client } = oktaClient();
    const data = {
      agentType: 'LDAP',
      agents: [{ id: 'a53c' }],
      enabled: true,
      name: 'nightly',
      schedule: { cron: '0 2 * * *', timezone: 'Europe/Berlin' },
      sortOrder: 3,
    };
    const options = { columns: ['id', 'status'], extraParams: { poolId: '0oa1k' } };
    const sql = okta.agentpools.agentPoolUpdates.createAgentPoolsUpdateSql({ subdomain: 'my-org' }, data, options);
    expect(sql).toBe(
      'INSERT INTO okta.agentpools.agent_pool_updates (data__agents, data__agentType, data__enabled, data__name, data__schedule, data__sortOrder, subdomain, poolId) ' +
        `SELECT '[{"id":"a53c"}]', 'LDAP', true, 'nightly', '{"cron":"0 2 * * *","timezone":"Europe/Berlin"}', 3, 'my-org', '0oa1k' RETURNING id, "status"`,
    );
    standin.on(sql, { columns: [{ name: 'id' }, { name: 'status' }], rows: [{ id: 'uij9', status: 'Scheduled' }] });
    const from = tap.queries.length;

    const rows = await client.agentpools.agentPoolUpdates.createAgentPoolsUpdate({}, data, options);

    expectSentExactly(from, sql);
    expect(rows).toEqual([{ id: 'uij9', status: 'Scheduled' }]);

    // `returning: true`: every documented column, decoded by its type.
    const allSql = okta.agentpools.agentPoolUpdates.createAgentPoolsUpdateSql({ subdomain: 'my-org' }, data, { returning: true, extraParams: { poolId: '0oa1k' } });
    expect(allSql).toBe(`${sql.slice(0, sql.indexOf(' RETURNING '))} RETURNING id, name, _links, agentType, agents, enabled, notifyAdmin, reason, schedule, sortOrder, "status", targetVersion`);
    standin.on(allSql, { columns: UPDATE_COLUMNS, rows: [UPDATE_ROW] });
    const fromAll = tap.queries.length;
    const all = await client.agentpools.agentPoolUpdates.createAgentPoolsUpdate({}, data, { returning: true, extraParams: { poolId: '0oa1k' } });
    expectSentExactly(fromAll, allSql);
    expect(all[0]).toMatchObject({ enabled: true, sortOrder: 42, agents: [{ id: 'a53ckju1PI0kOtW9i0g4', isHidden: false, version: '3.19.0' }] });
  });

  it('UPDATE and DELETE carry the lost path params through extraParams', async () => {
    const { client } = oktaClient();
    const path = { extraParams: { poolId: '0oa1k', updateId: 'uij4' } };
    const updateSql = okta.agentpools.agentPoolUpdates.updateAgentPoolsUpdateSql({ subdomain: 'my-org' }, { notifyAdmin: false, reason: 'quiet hours' }, path);
    expect(updateSql).toBe(
      "UPDATE okta.agentpools.agent_pool_updates SET data__notifyAdmin = false, data__reason = 'quiet hours' WHERE subdomain = 'my-org' AND poolId = '0oa1k' AND updateId = 'uij4'",
    );
    const deleteSql = okta.agentpools.agentPoolUpdates.deleteAgentPoolsUpdateSql({ subdomain: 'my-org' }, path);
    expect(deleteSql).toBe("DELETE FROM okta.agentpools.agent_pool_updates WHERE subdomain = 'my-org' AND poolId = '0oa1k' AND updateId = 'uij4'");
    standin.on(updateSql, { rows: [] }).on(deleteSql, { rows: [] });
    const from = tap.queries.length;

    expect(await client.agentpools.agentPoolUpdates.updateAgentPoolsUpdate({}, { notifyAdmin: false, reason: 'quiet hours' }, path)).toEqual([]);
    expect(await client.agentpools.agentPoolUpdates.deleteAgentPoolsUpdate({}, path)).toEqual([]);

    const sent = sentSince(from);
    expect(sent.map((bytes) => bytes.toString('utf8'))).toEqual([updateSql, deleteSql]);
    expect(sent[0]?.equals(Buffer.from(updateSql, 'utf8'))).toBe(true);
    expect(sent[1]?.equals(Buffer.from(deleteSql, 'utf8'))).toBe(true);
  });

  it('EXEC with an @@json body: params comma-separated, no comma before @@json', async () => {
    const { client } = oktaClient();
    const data = { oldPassword: 'tlpWENT2m', newPassword: 'uTVM,TPw55' };
    const options = { extraParams: { userId: '00ub0oNGTSWTBKOLGLNR' } };
    const sql = okta.users.users.changePasswordSql({ subdomain: 'my-org', strict: true }, data, options);
    expect(sql).toBe(
      `EXEC okta.users.users.change_password @subdomain='my-org', @strict=true, @userId='00ub0oNGTSWTBKOLGLNR' @@json='{"newPassword":"uTVM,TPw55","oldPassword":"tlpWENT2m"}'`,
    );
    standin.on(sql, { rows: [] });
    const from = tap.queries.length;

    expect(await client.users.users.changePassword({ strict: true }, data, options)).toEqual([]);

    expectSentExactly(from, sql);
  });

  it('a lost path param holding a quote, a backslash and non-ASCII text reaches the server as the binding wrote it', async () => {
    const { client } = oktaClient();
    const userId = "o'brien\\dépôt-用户-🎉";
    const options = { columns: ['id', 'status', 'profile'], extraParams: { userId } };
    const sql = okta.users.users.getUserSql({ subdomain: 'my-org' }, options);
    // StackQL's lexer: `''` is a quote, `\\` a backslash; everything else travels as UTF-8.
    expect(sql).toBe("SELECT id, \"status\", profile FROM okta.users.users WHERE subdomain = 'my-org' AND userId = 'o''brien\\\\dépôt-用户-🎉'");
    standin.on(sql, { columns: [{ name: 'id' }, { name: 'status' }, { name: 'profile' }], rows: [{ id: userId, status: 'ACTIVE', profile: '{"login":"o\'brien@example.com"}' }] });
    const from = tap.queries.length;

    const rows = await client.users.users.getUser({}, options);

    expectSentExactly(from, sql);
    expect(rows).toEqual([{ id: userId, status: 'ACTIVE', profile: { login: "o'brien@example.com" } }]);
  });

  it('an ErrorResponse becomes the typed query error with SQLSTATE XXUUU and the message', async () => {
    const { client } = oktaClient();
    const options = { columns: ['id'], extraParams: { userId: 'missing' } };
    const sql = okta.users.users.getUserSql({ subdomain: 'my-org' }, options);
    standin.on(sql, { error: 'cannot find matching operation, available operations: get_user' });
    const from = tap.queries.length;

    const error = await rejection(client.users.users.getUser({}, options));

    expectSentExactly(from, sql);
    expect(error).toBeInstanceOf(runtime.StackqlQueryError);
    expect(error).toMatchObject({
      code: 'query',
      sqlstate: 'XXUUU',
      severity: 'ERROR',
      message: 'query returns error: cannot find matching operation, available operations: get_user',
      sql,
    });
  });

  it("a ';' in a plain string value is refused before sending, naming the param", async () => {
    const { client } = oktaClient();
    const fromTap = tap.queries.length;
    const fromServer = standin.received.length;

    const error = await rejection(client.users.users.listUsers({ q: "smith'; DELETE FROM okta.users.users WHERE subdomain = 'my-org" }));

    expect(error).toBeInstanceOf(runtime.StackqlValueError);
    expect(error).toMatchObject({ code: 'value', param: 'q' });
    expect(sentSince(fromTap)).toEqual([]);
    expect(standin.received.length).toBe(fromServer);
  });

  it('a provider HTTP error: 0 rows, but in debug mode a strict client raises the typed notice error', async () => {
    const httpError = 'http response status code: 404, response body: {"errorCode":"E0000007","errorSummary":"Not found: Resource not found: nobody (User)"}';
    const options = { columns: ['id'], extraParams: { userId: 'nobody' } };
    const sql = okta.users.users.getUserSql({ subdomain: 'my-org' }, options);
    standin.on(sql, { httpError });

    expect(await oktaClient({ strict: true }).client.users.users.getUser({}, options)).toEqual([]);

    standin.debug = true;
    expect(await oktaClient().client.users.users.getUser({}, options)).toEqual([]);
    const from = tap.queries.length;
    const error = await rejection(oktaClient({ strict: true }).client.users.users.getUser({}, options));

    expectSentExactly(from, sql);
    expect(error).toBeInstanceOf(runtime.StackqlNoticeError);
    expect(error).toMatchObject({ code: 'notice', sql });
    expect((error as Runtime.StackqlNoticeError).notices).toEqual([{ severity: 'NOTICE', code: '01000', message: 'http error', detail: httpError }]);
  });

  it("the executor's end() closes its pool: no connection stays open, later calls fail typed", async () => {
    // Earlier tests' executors are ended first, so the count below is this executor's alone.
    await Promise.all(executors.splice(0).map((executor) => executor.end()));
    await waitFor(() => tap.openConnections === 0);
    const { client, executor } = oktaClient({ poolSize: 3 });
    const sql = okta.agentpools.agentPoolUpdates.listAgentPoolsUpdatesSql({ subdomain: 'my-org' }, { columns: ['id'] });
    standin.on(sql, { columns: [{ name: 'id' }], rows: [{ id: 'uij4' }] });
    const accepted = tap.accepted;

    // Three calls at once need three connections from the pool.
    const results = await Promise.all([1, 2, 3].map(() => client.agentpools.agentPoolUpdates.listAgentPoolsUpdates({}, { columns: ['id'] })));
    expect(results).toEqual([[{ id: 'uij4' }], [{ id: 'uij4' }], [{ id: 'uij4' }]]);
    expect(tap.accepted - accepted).toBe(3);
    expect(tap.openConnections).toBe(3);

    await executor.end();
    await waitFor(() => tap.openConnections === 0);
    expect(tap.openConnections).toBe(0);

    const error = await rejection(client.agentpools.agentPoolUpdates.listAgentPoolsUpdates({}, { columns: ['id'] }));
    expect(error).toBeInstanceOf(runtime.StackqlConnectionError);
    expect(tap.accepted - accepted).toBe(3);
  });
});

/** Polls `condition` (socket closes arrive asynchronously) for up to two seconds. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
