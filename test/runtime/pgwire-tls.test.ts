import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StackqlConnectionError } from '../../templates/runtime/errors.js';
import { pgwire, type PgwireExecutor, type PgwireOptions } from '../../templates/runtime/executors/pgwire.js';
import { StackqlStandin } from '../support/stackql-standin.js';

const run = promisify(execFile);
let dir: string;
let ca: Buffer;
let tlsStandin: StackqlStandin;
let plainStandin: StackqlStandin;
const executors: PgwireExecutor[] = [];

/** A throwaway CA and a server certificate for 127.0.0.1 signed by it. */
async function makeCertificates(): Promise<{ ca: Buffer; key: Buffer; cert: Buffer }> {
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=stand-in test CA');
  await openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.cnf');
  const read = (name: string) => readFileSync(join(dir, name));
  return { ca: read('ca.crt'), key: read('server.key'), cert: read('server.crt') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'standin-tls-'));
  const certificates = await makeCertificates();
  ca = certificates.ca;
  tlsStandin = await StackqlStandin.start({ tls: { key: certificates.key, cert: certificates.cert } });
  tlsStandin.on('SELECT 1', { rows: [{ one: '1' }] });
  plainStandin = await StackqlStandin.start();
});

afterAll(async () => {
  await Promise.all(executors.map((executor) => executor.end()));
  await tlsStandin.close();
  await plainStandin.close();
  rmSync(dir, { recursive: true, force: true });
});

function executor(options: PgwireOptions): PgwireExecutor {
  const created = pgwire({ connectTimeoutMs: 3000, ...options });
  executors.push(created);
  return created;
}

describe('pgwire executor over TLS (stackql --pgsrv.tls)', () => {
  it('connects when the server certificate verifies against the given CA', async () => {
    expect(await executor({ port: tlsStandin.port, tls: { ca } })('SELECT 1')).toEqual([{ one: '1' }]);
  });

  it('refuses a server certificate it cannot verify, unless told not to verify', async () => {
    const error = await executor({ port: tlsStandin.port, tls: {} })('SELECT 1').then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StackqlConnectionError);
    expect(await executor({ port: tlsStandin.port, tls: { rejectUnauthorized: false } })('SELECT 1')).toEqual([{ one: '1' }]);
  });

  it('reports a server without TLS as a connection error', async () => {
    const error = await executor({ port: plainStandin.port, tls: { ca } })('SELECT 1').then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StackqlConnectionError);
  });
});
