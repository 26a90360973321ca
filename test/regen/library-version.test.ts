import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryVersion } from '../../generator/fingerprint.js';
import { REPO_ROOT } from './support/seed.js';
import { makeTempDir } from './support/tree.js';

let work: string;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ path: work, dispose } = await makeTempDir('library-version'));
});
afterAll(async () => dispose());

async function install(nodeModules: string, name: string, manifest: string): Promise<void> {
  await mkdir(join(nodeModules, name), { recursive: true });
  await writeFile(join(nodeModules, name, 'package.json'), manifest);
}

describe('libraryVersion', () => {
  it('reads the version of each library this checkout renders with from its installed package.json', async () => {
    const require = createRequire(join(REPO_ROOT, 'generator', 'fingerprint.ts'));
    for (const name of ['handlebars', 'yaml', 'unified', 'remark-mdx']) {
      const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      expect(await libraryVersion(require, name)).toBe(manifest.version);
    }
  });

  it('takes the copy nearest the requiring module, as require does, and falls back to the outer one', async () => {
    await install(join(work, 'node_modules'), 'stackql-probe-lib', JSON.stringify({ name: 'stackql-probe-lib', version: '1.0.0' }));
    await install(join(work, 'inner', 'node_modules'), 'stackql-probe-lib', JSON.stringify({ name: 'stackql-probe-lib', version: '2.0.0' }));
    await install(join(work, 'node_modules'), 'stackql-probe-other', JSON.stringify({ name: 'stackql-probe-other', version: '3.1.4' }));
    const inner = createRequire(join(work, 'inner', 'deep', 'module.js'));
    const outer = createRequire(join(work, 'module.js'));
    expect(await libraryVersion(inner, 'stackql-probe-lib')).toBe('2.0.0');
    expect(await libraryVersion(outer, 'stackql-probe-lib')).toBe('1.0.0');
    expect(await libraryVersion(inner, 'stackql-probe-other')).toBe('3.1.4');
  });

  it('marks a library that is missing, has no version or an unreadable manifest, instead of throwing', async () => {
    await install(join(work, 'marks', 'node_modules'), 'stackql-probe-unversioned', JSON.stringify({ name: 'stackql-probe-unversioned' }));
    await install(join(work, 'marks', 'node_modules'), 'stackql-probe-broken', '{ "version": ');
    const require = createRequire(join(work, 'marks', 'module.js'));
    expect(await libraryVersion(require, 'stackql-probe-absent')).toBe('<not installed>');
    expect(await libraryVersion(require, 'stackql-probe-unversioned')).toBe('<no version>');
    expect(await libraryVersion(require, 'stackql-probe-broken')).toBe('<unknown>');
  });
});
