/**
 * Golden cases: each folder holds `docs/` (the input tree), `ir.json` (what
 * `parse --json` prints) and `diagnostics.txt` (the lint-style lines, empty
 * when there are none). `UPDATE=1 npx vitest run test/cases` rewrites the
 * goldens; review the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/commands/parse.js';
import { parseDocs } from '../../generator/ir/build.js';

const casesDir = path.dirname(fileURLToPath(import.meta.url));
const update = process.env.UPDATE === '1';
const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(casesDir, entry.name, 'docs')))
  .map((entry) => entry.name)
  .sort();

describe('golden cases', () => {
  it('has the cases the format needs', () => {
    expect(cases).toEqual(expect.arrayContaining(['seed', 'codeblock-manifest', 'legacy', 'view-fields', 'view-sql', 'schema-table', 'no-select', 'provider-service', 'bad-unclosed-jsx', 'bad-truncated-table', 'bad-invalid-utf8', 'bad-empty', 'bad-binary']));
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(casesDir, name);
      const { document, diagnostics } = await parseDocs(path.join(dir, 'docs'));
      const ir = `${JSON.stringify({ irVersion: document.irVersion, provider: document.provider, resources: document.resources }, null, 2)}\n`;
      const lines = diagnostics.map((diagnostic) => `${formatDiagnostic(diagnostic)}\n`).join('');
      const irPath = path.join(dir, 'ir.json');
      const diagnosticsPath = path.join(dir, 'diagnostics.txt');
      if (update) {
        writeFileSync(irPath, ir);
        writeFileSync(diagnosticsPath, lines);
      }
      expect(ir).toBe(readFileSync(irPath, 'utf8'));
      expect(lines).toBe(readFileSync(diagnosticsPath, 'utf8'));
    });
  }
});
