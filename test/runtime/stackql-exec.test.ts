import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../templates/runtime/client.js';
import { StackqlExecError, StackqlQueryError, StackqlTimeoutError } from '../../templates/runtime/errors.js';
import { stackqlExec, type StackqlExecOptions } from '../../templates/runtime/executors/stackql-exec.js';
import { renderStatement } from '../../templates/runtime/sql.js';
import { addJwk, listJwks } from './specs.js';
import { rejection } from '../support/rejection.js';

/**
 * A fake `stackql` binary: records its argv and cwd, then behaves as
 * FAKE_STACKQL_MODE says, the way the real CLI does (errors on stderr with
 * exit code 0, a config message before the JSON, …).
 */
const FAKE = `#!/usr/bin/env node
const fs = require('node:fs');
fs.writeFileSync(process.env.FAKE_STACKQL_RECORD, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));
const mode = process.env.FAKE_STACKQL_MODE;
const out = (text) => process.stdout.write(text);
const err = (text) => process.stderr.write(text);
switch (mode) {
  case 'rows':
    out('config file not found, using defaults\\n');
    out(JSON.stringify([
      { id: 'apk2', kid: 'k;1', _links: { self: { href: 'https://x' } }, status: 'ACTIVE', use: null },
      { id: 'apk3', kid: "o'k", _links: null, status: 'INACTIVE', n: 12, flag: true },
    ], null, 2) + '\\n');
    break;
  case 'empty-array': out('[]\\n'); break;
  case 'query-error': err('error: table not found: okta.nope.nope\\n'); break;
  case 'http-error': err('http response status code: 404, response body: {"errorCode":"E0000007"}\\n'); out('[]\\n'); break;
  case 'despatched': err('The operation was despatched successfully\\n'); break;
  case 'warning': err('some notice the CLI printed\\n'); out('[{"id":"a"}]\\n'); break;
  case 'exit': err('flag provided but not defined: -bogus\\n'); process.exit(3);
  case 'garbage': out('this is not json\\n'); break;
  case 'not-rows': out('[1, 2]\\n'); break;
  case 'sleep': setTimeout(() => out('[]'), 60000); break;
  default: err('unknown mode ' + mode + '\\n'); process.exit(9);
}
`;

let dir: string;
let binary: string;
let record: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stackql-exec-'));
  binary = join(dir, 'stackql');
  record = join(dir, 'record.json');
  writeFileSync(binary, FAKE);
  chmodSync(binary, 0o755);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function executor(mode: string, options: StackqlExecOptions = {}) {
  return stackqlExec({
    binary,
    env: { PATH: process.env['PATH'], FAKE_STACKQL_MODE: mode, FAKE_STACKQL_RECORD: record },
    ...options,
  });
}

function recorded(): { argv: string[]; cwd: string } {
  return JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string };
}

describe('stackqlExec executor against a fake stackql', () => {
  it('passes the SQL as one argument, without a shell, with --output json, auth, registry and extra args', async () => {
    const sql = renderStatement(listJwks, { params: { subdomain: `my-org' $(echo pwned) | cat \` "` } });
    await executor('empty-array', {
      auth: { okta: { type: 'api_key', valuePrefix: 'SSWS ', credentialsenvvar: 'OKTA_API_TOKEN' } },
      registry: '{"url":"file:///abs","localDocRoot":"/abs","verifyConfig":{"nopVerify":true}}',
      args: ['--tls.allowInsecure'],
      cwd: dir,
    })(sql).catch(() => undefined);
    const { argv, cwd } = recorded();
    expect(argv).toEqual([
      'exec',
      sql,
      '--output',
      'json',
      '--auth',
      '{"okta":{"type":"api_key","valuePrefix":"SSWS ","credentialsenvvar":"OKTA_API_TOKEN"}}',
      '--registry',
      '{"url":"file:///abs","localDocRoot":"/abs","verifyConfig":{"nopVerify":true}}',
      '--tls.allowInsecure',
    ]);
    expect(cwd).toBe(dir);
  });

  it('finds the JSON array after a config message and turns values into the text the server would send', async () => {
    const rows = await executor('rows')('SELECT 1');
    expect(rows).toEqual([
      { id: 'apk2', kid: 'k;1', _links: '{"self":{"href":"https://x"}}', status: 'ACTIVE', use: null },
      { id: 'apk3', kid: "o'k", _links: null, status: 'INACTIVE', n: '12', flag: 'true' },
    ]);
  });

  it('decodes through callMethod', async () => {
    const rows = await callMethod<Record<string, unknown>, 'id' | '_links'>(
      { executor: executor('rows'), defaults: { subdomain: 'my-org' } },
      listJwks,
      {},
      { columns: ['id', '_links'] },
    );
    expect(recorded().argv[1]).toBe(`SELECT id, _links FROM okta.authorizationservers.oauth2_resource_server_jwks WHERE subdomain = 'my-org'`);
    expect(rows[0]).toMatchObject({ id: 'apk2', _links: { self: { href: 'https://x' } } });
    expect(rows[1]).toMatchObject({ id: 'apk3', _links: null });
  });

  it('reads query errors from stderr although the exit code is 0', async () => {
    const error = await rejection(executor('query-error')('SELECT id FROM okta.nope.nope'));
    expect(error).toBeInstanceOf(StackqlQueryError);
    expect(error).toMatchObject({ message: 'error: table not found: okta.nope.nope', sqlstate: null, sql: 'SELECT id FROM okta.nope.nope' });
    expect(await rejection(executor('http-error')('SELECT 1'))).toBeInstanceOf(StackqlQueryError);
  });

  it('treats the mutation status line as success, and other stderr chatter as no error', async () => {
    const sql = renderStatement(addJwk, { params: { subdomain: 'o' }, data: { kid: 'k' } });
    expect(await executor('despatched')(sql)).toEqual([]);
    expect(await executor('warning')('SELECT 1')).toEqual([{ id: 'a' }]);
  });

  it('reports a non-zero exit, non-JSON stdout and a missing binary as StackqlExecError', async () => {
    const exit = await rejection(executor('exit')('SELECT 1'));
    expect(exit).toBeInstanceOf(StackqlExecError);
    expect(exit).toMatchObject({ exitCode: 3, stderr: 'flag provided but not defined: -bogus\n' });

    const garbage = await rejection(executor('garbage')('SELECT 1'));
    expect(garbage).toBeInstanceOf(StackqlExecError);
    expect(garbage).toMatchObject({ stdout: 'this is not json\n', exitCode: 0 });

    expect(await rejection(executor('not-rows')('SELECT 1'))).toBeInstanceOf(StackqlExecError);

    const missing = await rejection(stackqlExec({ binary: join(dir, 'no-such-stackql') })('SELECT 1'));
    expect(missing).toBeInstanceOf(StackqlExecError);
    expect(missing).toMatchObject({ exitCode: null, message: expect.stringMatching(/ENOENT/) });
  });

  it('kills a process that runs past the timeout', async () => {
    const started = Date.now();
    const error = await rejection(executor('sleep', { timeoutMs: 500 })('SELECT 1'));
    expect(error).toBeInstanceOf(StackqlTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops on the caller’s abort signal', async () => {
    const controller = new AbortController();
    const pending = executor('sleep')('SELECT 1', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 200);
    expect(await rejection(pending)).toMatchObject({ message: 'caller gave up' });
  });
});
