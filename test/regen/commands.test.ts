import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../generator/diff/semantic.js';
import { runCli } from './support/cli.js';
import { copyDocs, mutateSeed, MUTATIONS, SEED_PAGE, writeBaseDocs } from './support/seed.js';
import { makeTempDir, snapshotTree } from './support/tree.js';

let work: string;
let dispose: () => Promise<void>;
let baseDocs: string;
beforeAll(async () => {
  ({ path: work, dispose } = await makeTempDir('commands'));
  baseDocs = await writeBaseDocs(join(work, 'base'));
});
afterAll(async () => dispose());

/** A fresh project dir holding a copy of the base docs; the cache lives inside it. */
async function project(name: string): Promise<string> {
  const dir = join(work, name);
  await copyDocs(baseDocs, join(dir, 'docs'));
  return dir;
}

describe('generate', () => {
  it('writes the package, then rewrites nothing for unchanged docs', async () => {
    const dir = await project('twice');
    const first = await runCli(['generate'], dir);
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^generated: \d+ written, 0 unchanged, 0 removed/);
    const tree = await snapshotTree(join(dir, 'generated'));
    expect(Object.keys(tree)).toContain('ir.json');
    expect(Object.keys(tree)).toContain('.stackql-codegen.json');

    const mtimes = async () => Promise.all(Object.keys(tree).map(async (p) => (await stat(join(dir, 'generated', p))).mtimeMs));
    const before = await mtimes();
    const second = await runCli(['generate'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^generated: 0 written, ${Object.keys(tree).length - 1} unchanged, 0 removed`));
    expect(second.stdout).toContain('(inputs unchanged since it was generated)');
    expect(await mtimes()).toEqual(before);
  });

  it('keeps user files in the out dir and refuses to overwrite one in the way', async () => {
    const dir = await project('user-files');
    await mkdir(join(dir, 'generated'), { recursive: true });
    await writeFile(join(dir, 'generated', 'NOTES.md'), 'mine\n');
    expect((await runCli(['generate'], dir)).code).toBe(0);
    await mutateSeed(join(dir, 'docs'), MUTATIONS[3]!);
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(await readFile(join(dir, 'generated', 'NOTES.md'), 'utf8')).toBe('mine\n');

    const other = await project('user-file-in-the-way');
    await mkdir(join(other, 'generated'), { recursive: true });
    await writeFile(join(other, 'generated', 'ir.json'), '{"mine": true}\n');
    const run = await runCli(['generate'], other);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('generated/ir.json: error: a file that the generator did not write is in the way');
    expect(await snapshotTree(join(other, 'generated'))).toEqual({ 'ir.json': '{"mine": true}\n' });
  });

  it('exits 2 and writes nothing when the docs have errors', async () => {
    const dir = await project('errors');
    await writeFile(join(dir, 'docs', SEED_PAGE), '<Tabs>\n<TabItem value="x">\nunclosed\n');
    const run = await runCli(['generate'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/services\/authorizationservers\/oauth2_resource_server_jwks\/index\.md:\d+:\d+ error /);
    await expect(stat(join(dir, 'generated'))).rejects.toThrow();
  });
});

describe('check and diff on mutated docs', () => {
  let base: string;
  beforeAll(async () => {
    base = await project('check-base');
    expect((await runCli(['generate'], base)).code).toBe(0);
  });

  it('check names a hand-edited generated file with its diff; generate restores it', async () => {
    const dir = join(work, 'hand-edited');
    await copyDocs(base, dir);
    const readme = join(dir, 'generated', 'README.md');
    const original = await readFile(readme, 'utf8');
    await writeFile(readme, `${original}hand-written line\n`);
    const check = await runCli(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('  changed  README.md\n');
    expect(check.stdout).toContain('\n-hand-written line\n');
    expect(check.stdout).toContain('API changes: none (the IR is the same)');
    expect((await runCli(['generate'], dir)).stdout).toMatch(/^generated: 1 written/);
    expect(await readFile(readme, 'utf8')).toBe(original);
    expect((await runCli(['check'], dir)).code).toBe(0);
  });

  it('check on a missing out dir lists every file as added', async () => {
    const dir = join(work, 'no-out');
    await copyDocs(join(base, 'docs'), join(dir, 'docs'));
    const check = await runCli(['check', '--json'], dir);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { added: string[]; removed: string[]; changed: unknown[]; semantic: unknown; regenerate: string };
    expect(report.added).toContain('ir.json');
    expect(report.removed).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.semantic).toBeNull();
    expect(report.regenerate).toBe('stackql-codegen generate');
  });

  it('check exits 0 on a fresh out dir', async () => {
    const run = await runCli(['check'], base);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^generated is up to date/);
  });

  for (const mutation of MUTATIONS) {
    it(`${mutation.name}: check reports drift and diff classifies it`, async () => {
      const dir = join(work, `mutated-${mutation.name.replace(/ /g, '-')}`);
      await copyDocs(base, dir);
      await mutateSeed(join(dir, 'docs'), mutation);

      const check = await runCli(['check', '--no-cache'], dir);
      expect(check.stderr).not.toContain(' error ');
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('changed  ir.json');
      expect(check.stdout).toContain('--- a/ir.json');
      expect(check.stdout).toContain('stackql-codegen generate --no-cache');
      for (const change of mutation.expected) expect(check.stdout).toContain(change.breaking ? `BREAKING ${change.kind}` : `ok       ${change.kind}`);

      const json = await runCli(['check', '--json'], dir);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as { clean: boolean; changed: { path: string }[]; semantic: Change[] };
      expect(report.clean).toBe(false);
      expect(report.changed.map((c) => c.path)).toContain('ir.json');
      expect(report.semantic.map(({ kind, breaking, location }) => ({ kind, breaking, location }))).toEqual(mutation.expected);

      const diff = await runCli(['diff', join(base, 'docs'), join(dir, 'docs'), '--format', 'json', '--fail-on', 'any'], dir);
      expect(diff.code).toBe(1);
      const changes = (JSON.parse(diff.stdout) as { changes: Change[] }).changes;
      expect(changes.map(({ kind, breaking, location }) => ({ kind, breaking, location }))).toEqual(mutation.expected);

      const breaking = mutation.expected.some((c) => c.breaking);
      const failOnBreaking = await runCli(['diff', join(base, 'generated'), join(dir, 'docs')], dir);
      expect(failOnBreaking.code).toBe(breaking ? 1 : 0);
      expect((await runCli(['diff', join(base, 'generated', 'ir.json'), join(dir, 'docs'), '--fail-on', 'none'], dir)).code).toBe(0);
    });
  }

  it('diff prints markdown and refuses bad usage', async () => {
    const md = await runCli(['diff', join(base, 'docs'), join(base, 'generated', 'ir.json'), '--format', 'markdown'], base);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('0 change(s)');
    expect((await runCli(['diff', join(base, 'docs')], base)).code).toBe(2);
    expect((await runCli(['diff', 'a', 'b', '--format', 'yaml'], base)).code).toBe(2);
    expect((await runCli(['diff', join(base, 'docs'), join(base, 'nope.json')], base)).code).toBe(2);
    const future = join(work, 'future-ir.json');
    const ir = JSON.parse(await readFile(join(base, 'generated', 'ir.json'), 'utf8')) as { irVersion: string };
    await writeFile(future, JSON.stringify({ ...ir, irVersion: '99.0.0' }));
    const refused = await runCli(['diff', join(base, 'generated', 'ir.json'), future], base);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is IR 99.0.0');
  });
});

describe('--help and usage', () => {
  for (const command of ['generate', 'check', 'diff', 'watch']) {
    it(`${command} --help lists options and exit codes`, async () => {
      const run = await runCli([command, '--help'], work);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`usage: stackql-codegen ${command}`);
      expect(run.stdout).toContain('exit codes:');
      expect(run.stdout).toMatch(/ {2}2 {2}bad usage/);
    });
    it(`${command} refuses an unknown flag with exit 2`, async () => {
      const run = await runCli([command, '--bogus'], work);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--bogus');
    });
  }
});
