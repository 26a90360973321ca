import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocs } from '../../generator/ir/build.js';
import { MAX_PAGE_BYTES } from '../../generator/parse/decode.js';

const seed = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cases/seed/docs/services/authorizationservers/oauth2_resource_server_jwks/index.md'),
);
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'stackql-large-'));
  const put = (relative: string, bytes: Uint8Array) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), bytes);
  };
  put('services/authorizationservers/oauth2_resource_server_jwks/index.md', seed);
  // 50 MB of plausible page text: a huge fields table, not garbage.
  const row = Buffer.from('<tr>\n    <td><CopyableCode code="id" /></td>\n    <td><code>string</code></td>\n    <td>An id</td>\n</tr>\n');
  const huge = Buffer.alloc(50 * 1024 * 1024);
  for (let offset = 0; offset < huge.length; offset += row.length) row.copy(huge, offset, 0, Math.min(row.length, huge.length - offset));
  put('services/zzz/huge/index.md', huge);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('a 50 MB page', () => {
  it('is refused with a located diagnostic while its sibling pages still parse', async () => {
    expect(50 * 1024 * 1024).toBeGreaterThan(MAX_PAGE_BYTES);
    const started = Date.now();
    const { document, diagnostics } = await parseDocs(root);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ path: 'services/zzz/huge/index.md', line: 1, column: 1, code: 'page/too-large' }),
    ]);
    expect(document.resources.map((r) => r.id)).toEqual(['okta.authorizationservers.oauth2_resource_server_jwks']);
    // Refusing must not cost a parse of the big file.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
