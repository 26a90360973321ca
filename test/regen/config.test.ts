import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText, resolveConfig } from '../../generator/config.js';
import { runCli } from './support/cli.js';
import { writeBaseDocs } from './support/seed.js';
import { makeTempDir, snapshotTree } from './support/tree.js';

let work: string;
let dispose: () => Promise<void>;
beforeAll(async () => ({ path: work, dispose } = await makeTempDir('config')));
afterAll(async () => dispose());

const lines = (text: string) => parseConfigText(text, 'stackql-codegen.config.json', '/project').diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);

describe('config validation', () => {
  it('accepts every key and resolves paths against the file', () => {
    const { settings, diagnostics } = parseConfigText(
      JSON.stringify({ docs: 'd', out: 'o', packageName: '@a/b', packageVersion: '1.2.3', templates: 't', defaults: { subdomain: 'acme' }, cache: 'c' }),
      'x.json',
      '/project',
    );
    expect(diagnostics).toEqual([]);
    expect(settings).toEqual({ docs: '/project/d', out: '/project/o', packageName: '@a/b', packageVersion: '1.2.3', templates: '/project/t', defaults: { subdomain: 'acme' }, cache: '/project/c' });
  });

  it('turns the cache off with false', () => {
    expect(parseConfigText('{"cache": false}', 'x.json', '/p').settings).toEqual({ cache: null });
  });

  it('locates unknown keys', () => {
    expect(lines('{\n  "docs": "d",\n  "output": "o"\n}')).toEqual([
      "3:3 error config/unknown-key unknown key 'output' (known keys: docs, out, packageName, packageVersion, templates, defaults, cache)",
    ]);
  });

  it('locates values of the wrong type', () => {
    expect(lines('{\n  "docs": 3,\n  "defaults": {"subdomain": 1},\n  "cache": true,\n  "packageName": ""\n}')).toEqual([
      "2:11 error config/wrong-type 'docs' must be a non-empty string, not a number",
      "3:15 error config/wrong-type 'defaults.subdomain' must be a string, not a number",
      "4:12 error config/wrong-type 'cache' must be a non-empty string or false, not a boolean",
      "5:18 error config/wrong-type 'packageName' must be a non-empty string, not an empty string",
    ]);
  });

  it('locates a JSON syntax error and refuses a non-object', () => {
    expect(lines('{\n  "docs": "d",,\n}')[0]).toMatch(/^2:15 error config\/invalid-json not valid JSON/);
    expect(lines('[1]')).toEqual(['1:1 error config/not-an-object the config must be a JSON object']);
  });
});

describe('config and flags', () => {
  it('flags override the config file, which overrides the defaults', async () => {
    const dir = join(work, 'layers');
    await mkdir(join(dir, 'conf'), { recursive: true });
    await writeFile(join(dir, 'conf', 'c.json'), JSON.stringify({ docs: '../pages', out: 'gen', packageVersion: '2.0.0', defaults: { subdomain: 'acme' } }));
    const { config, diagnostics } = await resolveConfig({ config: 'conf/c.json', out: 'elsewhere', 'no-cache': true }, dir);
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      docs: join(dir, 'pages'),
      out: join(dir, 'elsewhere'),
      packageName: null,
      packageVersion: '2.0.0',
      templates: null,
      defaults: { subdomain: 'acme' },
      cache: null,
    });
  });

  it('reads stackql-codegen.config.json from the working directory and generates where it says', async () => {
    const dir = join(work, 'implicit');
    await writeBaseDocs(join(dir, 'input'));
    await writeFile(join(dir, 'stackql-codegen.config.json'), JSON.stringify({ docs: 'input/docs', out: 'pkg', packageName: '@acme/okta', cache: false }));
    const run = await runCli(['generate'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pkg: /);
    const tree = await snapshotTree(join(dir, 'pkg'));
    expect(JSON.parse(tree['package.json'] ?? '{}')).toMatchObject({ name: '@acme/okta' });
  });

  it('a bad config file stops every command with exit 2 and located errors', async () => {
    const dir = join(work, 'bad');
    await writeBaseDocs(dir);
    await writeFile(join(dir, 'stackql-codegen.config.json'), '{\n  "out": ["x"],\n  "colour": "blue"\n}\n');
    for (const command of ['generate', 'check']) {
      const run = await runCli([command], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        "stackql-codegen.config.json:2:10 error config/wrong-type 'out' must be a non-empty string, not an array\n" +
          "stackql-codegen.config.json:3:3 error config/unknown-key unknown key 'colour' (known keys: docs, out, packageName, packageVersion, templates, defaults, cache)\n",
      );
    }
    const missing = await runCli(['generate', '--config', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^nope\.json:1:1 error config\/unreadable/);
  });
});
