/**
 * The built tool renders the built-in templates from their build-time
 * compilation (`dist/templates.precompiled.js`). These checks run a copy of
 * the built tool (`npm test` builds first) so that removing or editing its
 * files cannot disturb the repository: precompiled and run-time compiled
 * templates must write the same bytes, and a template edited after the build
 * must render as the file now says, not as it said at build time.
 */
import { spawnSync } from 'node:child_process';
import { appendFile, cp, readdir, readFile, rename, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, snapshotTree } from '../regen/support/tree.js';
import { binOf } from '../regen/support/cli.js';
import { REPO_ROOT } from '../regen/support/seed.js';

let work: string;
let tool: string;
let dispose: () => Promise<void>;

function generate(out: string): void {
  const run = spawnSync(process.execPath, [binOf(tool), 'generate', '--docs', join(REPO_ROOT, 'docs'), '--out', out, '--no-cache'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

beforeAll(async () => {
  ({ path: work, dispose } = await makeTempDir('precompiled'));
  tool = join(work, 'tool');
  for (const part of ['dist', 'templates', 'package.json']) await cp(join(REPO_ROOT, part), join(tool, part), { recursive: true });
  await symlink(join(REPO_ROOT, 'node_modules'), join(tool, 'node_modules'));
});

afterAll(async () => {
  await dispose();
});

describe('precompiled templates', () => {
  it('hold every built-in template, compiled from its current source', async () => {
    const { templates } = (await import(pathToFileURL(join(tool, 'dist', 'templates.precompiled.js')).href)) as { templates: Record<string, { source: string }> };
    const names = (await readdir(join(tool, 'templates'))).filter((name) => name.endsWith('.hbs')).sort();
    expect(Object.keys(templates).sort()).toEqual(names);
    for (const name of names) {
      const source = (await readFile(join(tool, 'templates', name), 'utf8')).replace(/\r\n?/g, '\n');
      expect(templates[name]?.source, name).toBe(source);
    }
  });

  it('write the same package as templates compiled at run time', async () => {
    generate(join(work, 'precompiled'));
    const precompiledPath = join(tool, 'dist', 'templates.precompiled.js');
    await rename(precompiledPath, `${precompiledPath}.aside`);
    try {
      generate(join(work, 'runtime'));
    } finally {
      await rename(`${precompiledPath}.aside`, precompiledPath);
    }
    const withPrecompiled = await snapshotTree(join(work, 'precompiled'));
    expect(Object.keys(withPrecompiled).filter((path) => path.endsWith('.ts')).length).toBeGreaterThan(5);
    expect(withPrecompiled).toEqual(await snapshotTree(join(work, 'runtime')));
  });

  it('give way to a template edited since the build', async () => {
    await appendFile(join(tool, 'templates', 'README.md.hbs'), '\nEdited after the build: {{packageName}}\n');
    generate(join(work, 'edited'));
    const readme = await readFile(join(work, 'edited', 'README.md'), 'utf8');
    expect(readme).toMatch(/\nEdited after the build: @stackql-codegen\/\S+\n$/);
  });
});
