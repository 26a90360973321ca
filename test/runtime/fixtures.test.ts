import { describe, expect, it } from 'vitest';
import { StackqlFixtureError } from '../../templates/runtime/errors.js';
import { fixtures, type FixtureSet } from '../../templates/runtime/executors/fixtures.js';
import { renderStatement } from '../../templates/runtime/sql.js';
import { readStatementShape } from '../../templates/runtime/statement-shape.js';
import { activateJwk, addJwk, changePassword, listJwks, listUsers } from './specs.js';
import { rejection } from '../support/rejection.js';

const JWKS = 'okta.authorizationservers.oauth2_resource_server_jwks';

const set: FixtureSet = {
  specs: [listJwks, addJwk, activateJwk, listUsers, changePassword],
  fixtures: [
    {
      resource: JWKS,
      method: 'list_oauth2_resource_server_json_web_keys',
      verb: 'select',
      params: { subdomain: 'my-org', authServerId: 'aus1' },
      data: {},
      rows: [{ id: 'apk1', status: 'ACTIVE' }],
    },
    {
      resource: JWKS,
      method: 'add_oauth2_resource_server_json_web_key',
      verb: 'insert',
      params: { subdomain: 'my-org' },
      data: { kid: 'k1', status: 'INACTIVE' },
      returning: ['id'],
      rows: [{ id: 'apk9' }],
    },
    {
      resource: 'okta.users.users',
      method: 'list_users',
      verb: 'select',
      params: { subdomain: 'acme', limit: 2 },
      data: {},
      columns: ['id'],
      rows: [{ id: 'u1' }, { id: 'u2' }],
    },
    {
      resource: 'okta.users.users',
      method: 'list_users_by_search',
      verb: 'select',
      params: { subdomain: 'acme', search: 'x' },
      data: {},
      rows: [{ id: 'u3' }],
    },
    {
      resource: 'okta.users.users',
      method: 'change_password',
      verb: 'exec',
      params: { subdomain: 'acme' },
      data: {},
      rows: [],
      sql: 'EXEC okta.users.users.change_password @subdomain=\'acme\'',
    },
  ],
};

describe('fixtures executor', () => {
  it('answers the fixture whose rendered SQL equals the statement, and records what it received', async () => {
    const run = fixtures(set);
    const list = renderStatement(listJwks, { params: { subdomain: 'my-org' }, extraParams: { authServerId: 'aus1' } });
    const add = renderStatement(addJwk, { params: { subdomain: 'my-org' }, data: { kid: 'k1', status: 'INACTIVE' }, returning: ['id'] });
    expect(await run(list)).toEqual([{ id: 'apk1', status: 'ACTIVE' }]);
    expect(await run(add)).toEqual([{ id: 'apk9' }]);
    expect(await run("EXEC okta.users.users.change_password @subdomain='acme'")).toEqual([]);
    expect(run.received).toEqual([list, add, "EXEC okta.users.users.change_password @subdomain='acme'"]);
  });

  it('returns copies, so callers cannot change the fixtures', async () => {
    const run = fixtures(set);
    const list = renderStatement(listJwks, { params: { subdomain: 'my-org' }, extraParams: { authServerId: 'aus1' } });
    const first = await run(list);
    (first[0] as Record<string, string>)['id'] = 'changed';
    expect(await run(list)).toEqual([{ id: 'apk1', status: 'ACTIVE' }]);
  });

  it('falls back to resource + verb, and for SELECT the set of WHERE params, which picks the method', async () => {
    const run = fixtures(set);
    expect(await run(`SELECT id FROM okta.users.users WHERE subdomain = 'other' AND "limit" = 50`)).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    expect(await run(`select * from okta.users.users where search = 'y' and subdomain = 'z'`)).toEqual([{ id: 'u3' }]);
    expect(await run(`INSERT INTO ${JWKS} (data__kid, subdomain) SELECT 'other', 'o'`)).toEqual([{ id: 'apk9' }]);
  });

  it('refuses statements it has no single fixture for', async () => {
    const run = fixtures(set);
    const none = await rejection(run(`SELECT id FROM okta.users.users WHERE subdomain = 'acme'`));
    expect(none).toBeInstanceOf(StackqlFixtureError);
    expect((none as StackqlFixtureError).message).toBe('no fixture for select on okta.users.users');
    expect(await rejection(run(`DELETE FROM ${JWKS} WHERE subdomain = 'o'`))).toBeInstanceOf(StackqlFixtureError);
    expect(await rejection(run('SHOW SERVICES IN okta'))).toBeInstanceOf(StackqlFixtureError);

    const twice = fixtures({ fixtures: [...set.fixtures, { ...set.fixtures[3]!, method: 'another' }] });
    expect(await rejection(twice(`SELECT id FROM okta.users.users WHERE subdomain = 'a' AND search = 'b'`))).toMatchObject({
      message: '2 fixtures (list_users_by_search, another) for select on okta.users.users',
    });
  });
});

describe('readStatementShape', () => {
  it('reads verb, target, method and param names, not fooled by literals or comments', () => {
    expect(readStatementShape(`SELECT "from", x FROM p.s."r-1" WHERE a = 'WHERE b = 1' -- c = 2\n AND "d""e" = 3`)).toEqual({
      verb: 'select',
      resource: 'p.s.r-1',
      method: null,
      params: ['a', 'd"e'],
    });
    expect(readStatementShape(`EXEC p.s.r.m @a='x', @"b-c"=1 @@json='{"k":"v"}'`)).toEqual({ verb: 'exec', resource: 'p.s.r', method: 'm', params: ['a', 'b-c'] });
    expect(readStatementShape(`UPDATE p.s.r SET x = 'a' WHERE k = 'v' RETURNING id`)).toMatchObject({ verb: 'update', params: ['k'] });
    expect(readStatementShape('SELECT 1')).toBeNull();
  });
});
