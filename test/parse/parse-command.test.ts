import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/commands/index.js';

const casesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cases');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['parse', ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: casesDir });
  return { code, stdout, stderr };
}

describe('stackql-codegen parse', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: stackql-codegen parse <docs> \[--json\]/);
  });

  it.each([[[]], [['a', 'b']], [['--yaml', 'seed/docs']]])('exits 2 on usage errors %j', async (argv) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('usage:');
  });

  it('prints {irVersion, provider, resources} as 2-space JSON with a trailing newline, diagnostics on stderr', async () => {
    const { code, stdout, stderr } = await run('seed/docs', '--json');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['irVersion', 'provider', 'resources']);
    expect(stdout).toBe(`${JSON.stringify(printed, null, 2)}\n`);
    expect(stderr).toBe(readFileSync(path.join(casesDir, 'seed/diagnostics.txt'), 'utf8'));
    expect(stderr).toMatch(/^services\/authorizationservers\/oauth2_resource_server_jwks\/index\.md:\d+:\d+ warning methods\/ambiguous-select /);
  });

  it('exits 1 when a page has errors, still printing the pages that parsed', async () => {
    const { code, stdout, stderr } = await run('bad-unclosed-jsx/docs', '--json');
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { resources: { id: string }[] }).resources.map((r) => r.id)).toEqual(['acme.a.fine']);
    expect(stderr).toMatch(/^services\/a\/broken\/index\.md:17:1 error page\/mdx-syntax /);
  });

  it('prints a short summary without --json', async () => {
    const { code, stdout } = await run('legacy/docs');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'provider acme (IR 1.0.0)',
      'services 1',
      'resources 1',
      'methods 5 (select 2, insert 1, update 0, replace 0, delete 1, exec 1)',
    ]);
    // Infos depend on the example readers; errors and warnings are the parser's.
    expect(lines[4]).toMatch(/^diagnostics 0 errors, 2 warnings, \d+ infos$/);
    expect(lines.slice(5)).toEqual(['']);
  });
});
