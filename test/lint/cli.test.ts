import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../generator/commands/command.js';
import { lintCommand } from '../../generator/commands/lint.js';
import type { Diagnostic } from '../../generator/diagnostics.js';

const SEED = readFileSync(new URL('../../docs/services/authorizationservers/oauth2_resource_server_jwks/index.md', import.meta.url), 'utf8');
const SEED_PAGE = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';

let root: string;

function page(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

async function lint(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: root };
  const code = await lintCommand.run(argv, io);
  return { code, stdout, stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lint-cli-'));
  // The seed, plus a swallowed comma between two EXEC params.
  page(
    join(root, 'clean'),
    SEED_PAGE,
    SEED.replace("@subdomain='{{ subdomain }}' --required;\n```\n</TabItem>\n<TabItem value=\"deactivate", "@subdomain='{{ subdomain }}' --required, \n@keyId='{{ keyId }}';\n```\n</TabItem>\n<TabItem value=\"deactivate"),
  );
  // No Overview Id: the page cannot yield a resource, an error.
  page(join(root, 'broken'), SEED_PAGE, SEED.replace('<tr><td><b>Id</b></td>', '<tr><td><b>Ident</b></td>'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stackql-codegen lint', () => {
  it('prints warnings as text and exits 0 when there is no error', async () => {
    const { code, stdout, stderr } = await lint(['clean']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const swallowedSemicolons = lines.filter((line) => line.includes(' warning example/comment-swallows-semicolon '));
    expect(swallowedSemicolons.length).toBe(4);
    const swallowedComma = lines.filter((line) => line.includes('example/comment-swallows-comma'));
    expect(swallowedComma).toHaveLength(1);
    const expectedLine = SEED.slice(0, SEED.indexOf('```sql\nEXEC okta.authorizationservers.oauth2_resource_server_jwks.activate')).split('\n').length + 2;
    expect(swallowedComma[0]).toMatch(new RegExp(`^${SEED_PAGE}:${expectedLine}:30 warning example/comment-swallows-comma `));
    const lineNumbers = lines.map((line) => Number(line.split(':')[1]));
    expect(lineNumbers).toEqual([...lineNumbers].sort((a, b) => a - b));
    expect(stderr).toMatch(/^0 error\(s\), \d+ warning\(s\)/);
  });

  it('prints json and github formats of the same diagnostics', async () => {
    const json = await lint(['clean', '--format', 'json']);
    const diagnostics = JSON.parse(json.stdout) as Diagnostic[];
    expect(diagnostics.some((d) => d.code === 'example/comment-swallows-comma')).toBe(true);
    const github = await lint(['clean', '--format=github']);
    const lines = github.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(diagnostics.length);
    const comma = diagnostics.find((d) => d.code === 'example/comment-swallows-comma')!;
    expect(lines).toContain(`::warning file=${SEED_PAGE},line=${comma.line},col=${comma.column},title=example/comment-swallows-comma::${comma.message}`);
  });

  it('exits 1 when a page has errors', async () => {
    const { code, stdout } = await lint(['broken']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/ error overview\/missing-id /);
  });

  it('exits 2 on usage errors and unreadable docs; --help exits 0', async () => {
    expect((await lint([])).code).toBe(2);
    expect((await lint(['clean', 'extra'])).code).toBe(2);
    expect((await lint(['clean', '--format', 'xml'])).code).toBe(2);
    expect((await lint(['clean', '--bogus'])).code).toBe(2);
    expect((await lint(['does-not-exist'])).code).toBe(2);
    const help = await lint(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: stackql-codegen lint <docs>/);
  });
});
