import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../regen/support/cli.js';
import { CORPUS_ROOT } from '../regen/support/seed.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const seedDocs = join(repoRoot, 'docs');
const seedPage = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';

/** The libraries a run loads only when a page needs them: remark (and what it parses with) for pages the fast reader refuses, yaml for frontmatter and manifests outside the layout readers' subsets, ts-morph/typescript never while generating. */
const ON_DEMAND = /\/node_modules\/(yaml|remark-[^/]+|unified|micromark[^/]*|mdast-util-from-markdown|ts-morph|typescript)\//;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Every module file a `generate` process loads: ES modules as the resolve
 * hook sees them (on the hooks thread, so it appends to the log file
 * itself), CommonJS ones from `require.cache` at exit (`createRequire`
 * loads bypass the ESM hooks).
 */
function modulesLoadedBy(cli: string, docs: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'stackql-modules-'));
  dirs.push(dir);
  const log = join(dir, 'modules.log');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const found = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, found.url + '\\n');\n  return found;\n}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const atExit = join(dir, 'at-exit.cjs');
  writeFileSync(atExit, `process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));\n`);
  execFileSync(process.execPath, ['--require', atExit, '--import', pathToFileURL(register).href, cli, 'generate', '--docs', docs, '--out', join(dir, 'out')], { cwd: dir, stdio: 'pipe' });
  return readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
}

/** The CLIs a user may run: the package's `bin` (the bundle) and the tsc build it is made from. */
const CLIS = [
  { name: 'the bin', cli: CLI_BIN },
  { name: 'dist/generator/cli.js', cli: join(repoRoot, 'dist/generator/cli.js') },
];

describe.each(CLIS)('libraries loaded on demand by $name', ({ cli }) => {
  const ownCode = `${dirname(cli)}/`;

  it('a generate whose pages all fit the fast readers loads neither remark nor yaml nor ts-morph, nor worker threads for docs this small', () => {
    const loaded = modulesLoadedBy(cli, seedDocs);
    expect(loaded).not.toContain('node:worker_threads');
    // The trace sees modules of all kinds: the generator's own, and CommonJS Handlebars.
    expect(loaded.some((path) => path.includes(ownCode))).toBe(true);
    expect(loaded.some((path) => path.includes('/node_modules/handlebars/'))).toBe(true);
    expect(loaded.filter((path) => ON_DEMAND.test(path))).toEqual([]);
  }, 60_000);

  it('a manifest outside the layout subset loads yaml, and only yaml', () => {
    const docs = join(mkdtempSync(join(tmpdir(), 'stackql-docs-')), 'docs');
    dirs.push(resolve(docs, '..'));
    cpSync(seedDocs, docs, { recursive: true });
    const page = join(docs, seedPage);
    const text = readFileSync(page, 'utf8');
    // A flow mapping: valid YAML the layout reader leaves to the library.
    const edited = text.replace(/^([ \t]*)- name: (\w+)$/m, '$1- name: $2\n$1  extra: { a: 1 }');
    expect(edited).not.toBe(text);
    writeFileSync(page, edited);
    const onDemand = modulesLoadedBy(cli, docs).filter((path) => ON_DEMAND.test(path));
    expect(onDemand.some((path) => path.includes('/node_modules/yaml/'))).toBe(true);
    expect(onDemand.filter((path) => !path.includes('/node_modules/yaml/'))).toEqual([]);
  }, 60_000);

  it('pages the fast reader refuses (okta-legacy) load the remark reader, and not ts-morph', () => {
    const onDemand = modulesLoadedBy(cli, join(CORPUS_ROOT, 'okta-legacy')).filter((path) => ON_DEMAND.test(path));
    expect(onDemand.some((path) => path.includes('/node_modules/remark-parse/'))).toBe(true);
    expect(onDemand.some((path) => path.includes('/node_modules/micromark'))).toBe(true);
    expect(onDemand.filter((path) => /\/node_modules\/(ts-morph|typescript)\//.test(path))).toEqual([]);
  }, 60_000);
});
