/**
 * The seed package as a consumer gets it: built with tsc, packed with
 * `npm pack`, installed from the tarball into a fresh project (offline), then
 * a strict usage file that creates a client on the fixtures executor and
 * narrows columns is type-checked and run.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitPackage } from '../../generator/emit/index.js';
import { parseDocs } from '../../generator/ir/build.js';
import { NODE_MODULES, OPTIONS, REPO, run, tempPackage, TSC } from '../emit/support.js';

const NPM = 'npm';

const USAGE = `import { createClient, type Client } from '@stackql-codegen/okta';
import { fixtures, type FixtureSet } from '@stackql-codegen/okta/runtime';
import { fixtureSet, authorizationservers as fixturesOf } from '@stackql-codegen/okta/fixtures';
import { createAuthorizationserversClient, oauth2ResourceServerJwks as jwks } from '@stackql-codegen/okta/authorizationservers';

const sample = fixturesOf.samples.oauth2ResourceServerJwks.listOauth2ResourceServerJsonWebKeys;

// The statement of a narrowed call, answered by the sample row as the server would send it.
const narrowedSql = jwks.listOauth2ResourceServerJsonWebKeysSql(sample.params, { columns: ['id', 'kid'] });
const set: FixtureSet = {
  fixtures: [{ ...fixtureSet.fixtures[0]!, sql: narrowedSql, rows: [{ id: sample.rows[0]!.id, kid: sample.rows[0]!.kid }] }],
};
const client: Client = createClient({ executor: fixtures(set), defaults: { subdomain: 'my-org' } });

const narrowed = await client.authorizationservers.oauth2ResourceServerJwks.listOauth2ResourceServerJsonWebKeys(sample.params, { columns: ['id', 'kid'] });
const first = narrowed[0];
if (first === undefined) throw new Error('no row');
const id: string | null = first.id;
const kid: string | null = first.kid;
// @ts-expect-error status was not selected, so the narrowed row has no such member
void first.status;

// Every column, through the per-service factory and the package's own fixtures.
const service = createAuthorizationserversClient({ executor: fixtures(fixtureSet) });
const full: jwks.ListOauth2ResourceServerJsonWebKeysRow[] = await service.oauth2ResourceServerJwks.listOauth2ResourceServerJsonWebKeys(sample.params);
const status: string | null | undefined = full[0]?.status;

// @ts-expect-error data of an INSERT is typed from the manifest: status is ACTIVE or INACTIVE
jwks.addOauth2ResourceServerJsonWebKeySql(sample.params, { status: 'PENDING' });

// okta's docs lost the path params of \`get_…\`: they still reach the statement through extraParams.
const getSql = jwks.getOauth2ResourceServerJsonWebKeySql({ subdomain: 'my-org' }, { extraParams: { authServerId: 'aus1', keyId: 7 } });

process.stdout.write(JSON.stringify({ sql: narrowedSql, getSql, id, kid, status, columns: Object.keys(first).sort() }) + '\\n');
`;

describe('consumer of the packed seed package', () => {
  let pkg: ReturnType<typeof tempPackage>;
  let project: string;

  beforeAll(async () => {
    const { document } = await parseDocs(join(REPO, 'docs'));
    pkg = tempPackage(emitPackage(document, OPTIONS), 'emit-consumer-pkg-');
    project = mkdtempSync(join(tmpdir(), 'emit-consumer-'));
  });
  afterAll(() => {
    pkg.dispose();
    rmSync(project, { recursive: true, force: true });
  });

  it('builds, packs, installs offline, type-checks strict usage and runs it', () => {
    const build = run(process.execPath, [TSC, '-p', 'tsconfig.json'], pkg.dir);
    expect(build.output).toBe('');
    expect(build.status).toBe(0);

    const packs = join(project, 'packs');
    mkdirSync(packs);
    const pack = run(NPM, ['pack', '--silent', '--pack-destination', packs], pkg.dir);
    expect(pack.status, pack.output).toBe(0);
    const [tarball] = readdirSync(packs).filter((name) => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const app = join(project, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
    const install = run(NPM, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(packs, tarball!)], app);
    expect(install.status, install.output).toBe(0);
    // The compiler and Node's types come from this repository rather than the network.
    symlinkSync(join(NODE_MODULES, 'typescript'), join(app, 'node_modules', 'typescript'), 'dir');
    mkdirSync(join(app, 'node_modules', '@types'), { recursive: true });
    symlinkSync(join(NODE_MODULES, '@types', 'node'), join(app, 'node_modules', '@types', 'node'), 'dir');

    writeFileSync(join(app, 'usage.ts'), USAGE);
    writeFileSync(
      join(app, 'tsconfig.json'),
      `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, types: ['node'], outDir: 'out' }, files: ['usage.ts'] }, null, 2)}\n`,
    );
    const check = run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
    expect(check.output).toBe('');
    expect(check.status).toBe(0);

    const usage = run(process.execPath, [join(app, 'out', 'usage.js')], app);
    expect(usage.status, usage.output).toBe(0);
    const printed = JSON.parse(usage.output) as { sql: string; getSql: string; id: string; kid: string; status: string; columns: string[] };
    expect(printed.getSql).toMatch(/WHERE subdomain = 'my-org' AND authServerId = 'aus1' AND keyId = '?7'?$/);
    expect(printed.columns).toEqual(['id', 'kid']);
    expect(printed.sql).toMatch(/^SELECT id, kid FROM okta\.authorizationservers\.oauth2_resource_server_jwks WHERE subdomain = 'my-org'/);
    // The seed's field hints: `(example: apk2f4zrZbs8nUa7p0g4)`, `(example: ACTIVE, default: ACTIVE)`.
    expect(printed.id).toBe('apk2f4zrZbs8nUa7p0g4');
    expect(printed.status).toBe('ACTIVE');
  });
});
