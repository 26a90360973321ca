/**
 * Whatever the bytes, parsePage returns (never throws) and every diagnostic
 * points inside the page. Inputs are the seed page cut, spliced and sprinkled
 * with the characters MDX cares about.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../generator/parse/page.js';

const seed = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cases/seed/docs/services/authorizationservers/oauth2_resource_server_jwks/index.md'),
  'utf8',
);
const PATH = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';

function checkPage(text: string): void {
  const bytes = new TextEncoder().encode(text);
  const page = parsePage({ path: PATH, bytes });
  const lineCount = text.split('\n').length;
  for (const diagnostic of page.diagnostics) {
    expect(diagnostic.path).toBe(PATH);
    expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.line).toBeLessThanOrEqual(lineCount);
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
  }
  if (page.kind === 'skipped') expect(page.diagnostics.some((d) => d.severity === 'error' || d.severity === 'info')).toBe(true);
}

const mdxCharacters = fc.constantFrom('<', '>', '{', '}', '/', '|', '`', '"', "'", '\n', '&', '#', '-', '*', '<td>', '</td>', '<tr>', '</table>', '{[', '## ');

describe('parsePage on damaged pages', () => {
  it('never throws on a truncated seed page', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: seed.length }), (cut) => checkPage(seed.slice(0, cut))), { numRuns: 60, seed: 1 });
  });

  it('never throws when MDX-significant characters are spliced in', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: seed.length }), mdxCharacters), { minLength: 1, maxLength: 4 }), (edits) => {
        let text = seed;
        for (const [at, insert] of [...edits].sort((a, b) => b[0] - a[0])) text = text.slice(0, at) + insert + text.slice(at);
        checkPage(text);
      }),
      { numRuns: 60, seed: 2 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => checkPage(text)), { numRuns: 200, seed: 3 });
  });
});
