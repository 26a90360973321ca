import { describe, expect, expectTypeOf, it } from 'vitest';
import { callMethod, type ClientContext, type MethodArgs, type Selected, type SelectOptions } from '../../templates/runtime/client.js';
import type { RawRow } from '../../templates/runtime/decode.js';
import { StackqlValueError } from '../../templates/runtime/errors.js';
import type { Executor } from '../../templates/runtime/executors/executor.js';
import { addJwk, listJwks, listTyped, updateUser } from './specs.js';

interface JwkRow {
  id: string | null;
  _links: Record<string, unknown> | null;
  kid: string | null;
  status: string | null;
}

/** A user executor: answers `rows` and remembers the statements. */
function recording(rows: RawRow[]): Executor & { sql: string[] } {
  const sql: string[] = [];
  const run = async (statement: string): Promise<RawRow[]> => {
    sql.push(statement);
    return rows;
  };
  return Object.assign(run, { sql });
}

/** What generated bindings look like: a typed wrapper over callMethod. */
function listKeys<K extends keyof JwkRow & string = keyof JwkRow & string>(
  context: ClientContext,
  args: MethodArgs,
  options?: SelectOptions<JwkRow, K>,
): Promise<Array<Selected<JwkRow, K>>> {
  return callMethod<JwkRow, K>(context, listJwks, args, options);
}

describe('callMethod', () => {
  it('fills server params from defaults, unless the call gives them', async () => {
    const executor = recording([]);
    const context = { executor, defaults: { subdomain: 'default-org', kid: 'not-a-server-param' } };
    await callMethod(context, listJwks, {});
    await callMethod(context, listJwks, { params: { subdomain: 'explicit-org' } });
    expect(executor.sql).toEqual([
      `SELECT id, _links, created, e, kid, kty, lastUpdated, n, "status", "use" FROM okta.authorizationservers.oauth2_resource_server_jwks WHERE subdomain = 'default-org'`,
      `SELECT id, _links, created, e, kid, kty, lastUpdated, n, "status", "use" FROM okta.authorizationservers.oauth2_resource_server_jwks WHERE subdomain = 'explicit-org'`,
    ]);
  });

  it('asks for and decodes only the narrowed columns, typed as Pick<Row, K>', async () => {
    const executor = recording([{ id: 'apk1', _links: '{"self":{}}', kid: 'k1' }]);
    const rows = await listKeys({ executor, defaults: { subdomain: 'o' } }, {}, { columns: ['id', '_links'] });
    expect(executor.sql[0]).toBe(`SELECT id, _links FROM okta.authorizationservers.oauth2_resource_server_jwks WHERE subdomain = 'o'`);
    expect(rows).toEqual([{ id: 'apk1', _links: { self: {} }, kid: 'k1' }]);
    expectTypeOf(rows).toEqualTypeOf<Array<Pick<JwkRow, 'id' | '_links'>>>();
    const all = await listKeys({ executor, defaults: { subdomain: 'o' } }, {});
    expectTypeOf(all).toEqualTypeOf<Array<Pick<JwkRow, keyof JwkRow>>>();
    // @ts-expect-error: `kid` was not selected.
    void rows[0]?.kid;
    // @ts-expect-error: not a column of the row.
    const wrongColumn = (): unknown => listKeys({ executor }, {}, { columns: ['nope'] });
    void wrongColumn;
  });

  it('asks mutations for RETURNING columns and decodes them', async () => {
    const executor = recording([{ id: 'apk9', _links: '{}' }]);
    const rows = await callMethod<JwkRow, 'id' | '_links'>(
      { executor, defaults: { subdomain: 'o' } },
      addJwk,
      { data: { kid: 'k9', status: 'INACTIVE' } },
      { columns: ['id', '_links'] },
    );
    expect(executor.sql[0]).toBe(
      `INSERT INTO okta.authorizationservers.oauth2_resource_server_jwks (data__kid, data__status, subdomain) SELECT 'k9', 'INACTIVE', 'o' RETURNING id, _links`,
    );
    expect(rows).toEqual([{ id: 'apk9', _links: {} }]);
    await callMethod({ executor, defaults: { subdomain: 'o' } }, updateUser, { data: { realmId: 'r' } }, { returning: true });
    expect(executor.sql[1]).toMatch(/^UPDATE okta\.users\.users SET data__realmId = 'r' WHERE subdomain = 'o' RETURNING id, activated, /);
  });

  it('passes decode options and the extra params through', async () => {
    const executor = recording([{ count: '9007199254740993' }]);
    const rows = await callMethod(
      { executor, defaults: { region: 'eu' }, decode: { integers: 'bigint', unknownColumns: 'drop' } },
      listTyped,
      {},
      { columns: ['count'], extraParams: { page: 2 } },
    );
    expect(executor.sql[0]).toBe(`SELECT count FROM demo.things.things WHERE region = 'eu' AND page = 2`);
    expect(rows).toEqual([{ count: 9007199254740993n }]);
  });

  it('refuses bad values and aborted calls before anything is executed', async () => {
    const executor = recording([]);
    await expect(callMethod({ executor }, listJwks, {})).rejects.toBeInstanceOf(StackqlValueError);
    await expect(callMethod({ executor }, listJwks, { params: { subdomain: 'a;b' } })).rejects.toMatchObject({ param: 'subdomain' });
    const controller = new AbortController();
    controller.abort(new Error('never mind'));
    await expect(callMethod({ executor }, listJwks, { params: { subdomain: 'o' } }, { signal: controller.signal })).rejects.toThrow('never mind');
    expect(executor.sql).toEqual([]);
  });

  it('hands the signal to the executor', async () => {
    const seen: Array<AbortSignal | undefined> = [];
    const controller = new AbortController();
    await callMethod(
      {
        executor: async (_sql, options) => {
          seen.push(options?.signal);
          return [];
        },
      },
      listJwks,
      { params: { subdomain: 'o' } },
      { signal: controller.signal },
    );
    expect(seen).toEqual([controller.signal]);
  });
});
