import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics.js';
import { PARSER_KEY_FILE, parserCodeKey } from '../../generator/cache/page-cache.js';
import { BUILD_KEY_FILE, inputFingerprint, sourceKey, type FingerprintOptions } from '../../generator/fingerprint.js';
import type { DocFile } from '../../generator/parse/page.js';
import { OWNERSHIP_RECORD } from '../../generator/write/index.js';
import { runCli } from './support/cli.js';
import { copyDocs, REPO_ROOT, SEED_PAGE, writeBaseDocs } from './support/seed.js';
import { makeTempDir, snapshotTree } from './support/tree.js';

const EARLY_STOP = '(inputs unchanged since it was generated)';

let work: string;
let dispose: () => Promise<void>;
let baseDocs: string;
beforeAll(async () => {
  ({ path: work, dispose } = await makeTempDir('inputs'));
  baseDocs = await writeBaseDocs(join(work, 'base'));
});
afterAll(async () => dispose());

const page = (path: string, text: string): DocFile => ({ path, bytes: Buffer.from(text) });
const options: FingerprintOptions = { packageName: null, packageVersion: '0.1.0', templates: null, defaults: { subdomain: 'acme', region: 'us' } };
const pages = [page('index.md', 'provider'), page('services/a/index.md', 'service a'), page('services/a/r/index.md', 'resource r')];

describe('inputFingerprint', () => {
  it('does not depend on the order the pages were listed in, nor the order of defaults', async () => {
    const reordered = await inputFingerprint([...pages].reverse(), [], { ...options, defaults: { region: 'us', subdomain: 'acme' } });
    expect(reordered).toBe(await inputFingerprint(pages, [], options));
  });

  it('changes with any page byte, page path, option or read diagnostic', async () => {
    const base = await inputFingerprint(pages, [], options);
    const edited = [pages[0]!, pages[1]!, page('services/a/r/index.md', 'resource R')];
    const moved = [pages[0]!, pages[1]!, page('services/a/s/index.md', 'resource r')];
    // Same bytes over the page boundary: lengths are hashed, so shifting text between pages shows.
    const shifted = [pages[0]!, page('services/a/index.md', 'service a resource'), page('services/a/r/index.md', ' r')];
    const diagnostic: Diagnostic = { path: 'x.md', line: 1, column: 1, severity: 'error', code: 'read/unreadable', message: 'EACCES' };
    const variants = await Promise.all([
      inputFingerprint(edited, [], options),
      inputFingerprint(moved, [], options),
      inputFingerprint(shifted, [], options),
      inputFingerprint(pages.slice(1), [], options),
      inputFingerprint(pages, [diagnostic], options),
      inputFingerprint(pages, [], { ...options, packageName: '@acme/okta' }),
      inputFingerprint(pages, [], { ...options, packageVersion: '0.2.0' }),
      inputFingerprint(pages, [], { ...options, defaults: { subdomain: 'acme' } }),
      inputFingerprint(pages, [], { ...options, templates: join(work, 'no-such-dir') }),
    ]);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('changes when a template override changes', async () => {
    const dir = join(work, 'overrides');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'README.md.hbs'), '# {{title}}\n');
    const before = await inputFingerprint(pages, [], { ...options, templates: dir });
    await writeFile(join(dir, 'README.md.hbs'), '# {{title}}!\n');
    expect(await inputFingerprint(pages, [], { ...options, templates: dir })).not.toBe(before);
  });

  it('is the same from the built tool as from the sources it was built from', async () => {
    // npm test builds first; the built tool reads this key instead of hashing its compiled code.
    const built = (await readFile(join(REPO_ROOT, 'dist', BUILD_KEY_FILE), 'utf8')).trim();
    expect(built).toBe(await sourceKey(join(REPO_ROOT, 'generator')));
  });

  it('gives the page cache the hash of the parser sources the tool was built from', async () => {
    // The built page cache reads this key instead of hashing its compiled parser on every run.
    const built = (await readFile(join(REPO_ROOT, 'dist', PARSER_KEY_FILE), 'utf8')).trim();
    expect(built).toBe(await parserCodeKey(join(REPO_ROOT, 'generator')));
    expect(built).not.toBe(await sourceKey(join(REPO_ROOT, 'generator')));
  });
});

/** A project dir with the base docs, generated once. */
async function generatedProject(name: string, extraArgs: string[] = []): Promise<string> {
  const dir = join(work, name);
  await copyDocs(baseDocs, join(dir, 'docs'));
  const first = await runCli(['generate', ...extraArgs], dir);
  expect(first.code).toBe(0);
  expect(first.stdout).not.toContain(EARLY_STOP);
  return dir;
}

async function readRecord(dir: string): Promise<{ inputs?: { fingerprint: string; warnings: number }; files: Record<string, string> }> {
  return JSON.parse(await readFile(join(dir, 'generated', OWNERSHIP_RECORD), 'utf8')) as { inputs?: { fingerprint: string; warnings: number }; files: Record<string, string> };
}

async function editRecord(dir: string, edit: (record: Record<string, unknown>) => void): Promise<void> {
  const path = join(dir, 'generated', OWNERSHIP_RECORD);
  const record = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  edit(record);
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
}

describe('a run over the inputs the out dir was generated from', () => {
  it('stops before parsing: generate writes nothing, check is clean, both report the warnings', async () => {
    const dir = await generatedProject('same');
    const record = await readRecord(dir);
    expect(record.inputs?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const before = await snapshotTree(join(dir, 'generated'));

    const again = await runCli(['generate'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`generated: 0 written, ${Object.keys(record.files).length} unchanged, 0 removed ${EARLY_STOP}\n`);
    expect(await snapshotTree(join(dir, 'generated'))).toEqual(before);

    const check = await runCli(['check'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe(`generated is up to date (${Object.keys(record.files).length} files)\n`);

    // The full run says the same: with the stamp removed, nothing vouches for the out dir.
    const fastJson = await runCli(['check', '--json'], dir);
    await editRecord(dir, (r) => delete r.inputs);
    const fullJson = await runCli(['check', '--json'], dir);
    expect(fullJson.code).toBe(0);
    expect(fastJson.stdout).toBe(fullJson.stdout);
    expect(fastJson.stderr).toBe(fullJson.stderr);
  });

  it('does the full run when a generated file was edited or deleted, and generate repairs it', async () => {
    const dir = await generatedProject('edited');
    const readme = join(dir, 'generated', 'README.md');
    const original = await readFile(readme, 'utf8');
    await writeFile(readme, original.replace('#', '##'));
    await rm(join(dir, 'generated', 'ir.json'));
    const check = await runCli(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('  added    ir.json\n');
    expect(check.stdout).toContain('  changed  README.md\n');
    const repair = await runCli(['generate'], dir);
    expect(repair.stdout).toMatch(/^generated: 2 written, \d+ unchanged, 0 removed \(cache:/);
    expect(await readFile(readme, 'utf8')).toBe(original);
  });

  it('does the full run when the docs or the options changed', async () => {
    const dir = await generatedProject('changed');
    const before = (await readRecord(dir)).inputs?.fingerprint;

    const renamed = await runCli(['check', '--package-name', '@acme/okta'], dir);
    expect(renamed.code).toBe(1);
    expect(renamed.stdout).toContain('  changed  package.json\n');

    const pagePath = join(dir, 'docs', SEED_PAGE);
    await writeFile(pagePath, (await readFile(pagePath, 'utf8')).replace('Lists all the public keys used by the custom authorization server', 'Lists every key'));
    const check = await runCli(['check'], dir);
    expect(check.code).toBe(1);
    const regenerated = await runCli(['generate'], dir);
    expect(regenerated.stdout).toMatch(/^generated: [1-9]\d* written/);
    const after = (await readRecord(dir)).inputs?.fingerprint;
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
    expect((await runCli(['generate'], dir)).stdout).toContain(EARLY_STOP);
  });

  it('does the full run when a template override changed', async () => {
    const dir = join(work, 'override-project');
    await mkdir(join(dir, 'overrides'), { recursive: true });
    await writeFile(join(dir, 'overrides', 'README.md.hbs'), '# overridden\n');
    await generatedProject('override-project', ['--templates', 'overrides']);
    expect(await readFile(join(dir, 'generated', 'README.md'), 'utf8')).toBe('# overridden\n');
    await writeFile(join(dir, 'overrides', 'README.md.hbs'), '# overridden again\n');
    // In the same process, as in watch: the edited override is what renders, not the one compiled first.
    const check = await runCli(['check', '--templates', 'overrides'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('  changed  README.md\n');
    expect((await runCli(['generate', '--templates', 'overrides'], dir)).code).toBe(0);
    expect(await readFile(join(dir, 'generated', 'README.md'), 'utf8')).toBe('# overridden again\n');
  });

  it('ignores a stamp that is not well formed, and the next generate writes a good one', async () => {
    const dir = await generatedProject('tampered');
    const good = (await readRecord(dir)).inputs;
    for (const inputs of [{ fingerprint: 'x', warnings: 0 }, { fingerprint: good?.fingerprint, warnings: -1 }, 'stamp', null]) {
      await editRecord(dir, (r) => (r.inputs = inputs));
      const check = await runCli(['check'], dir);
      expect(check.code).toBe(0);
      const generate = await runCli(['generate'], dir);
      expect(generate.code).toBe(0);
      expect(generate.stdout).not.toContain(EARLY_STOP);
      expect((await readRecord(dir)).inputs).toEqual(good);
    }
  });
});
