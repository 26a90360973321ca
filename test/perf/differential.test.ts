/**
 * The fast reader must be indistinguishable from the remark-based reader on
 * every page it accepts, and must accept nearly all current-layout pages.
 * Runs both over every real page we have (the shared corpora, the repo's
 * docs, the test cases' docs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parsePageFast } from '../../generator/parse/fast/index.js';
import { parsePage, type DocFile, type ParsedPage } from '../../generator/parse/page.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusRoot = join(repoRoot, '..', 'shared', 'corpus');

function docFiles(root: string): DocFile[] {
  const files: DocFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(entry.name)) files.push({ path: relative(root, full).split(sep).join('/'), bytes: readFileSync(full) });
    }
  };
  walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The first place two values differ, as a property path, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: fast ${JSON.stringify(a)?.slice(0, 300)} vs remark ${JSON.stringify(b)?.slice(0, 300)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return `${path || '(root)'}: differ in shape`;
}

interface Outcome {
  files: number;
  resourcePages: number;
  acceptedResourcePages: number;
  accepted: number;
  mismatches: string[];
}

function compareReaders(files: readonly DocFile[]): Outcome {
  const outcome: Outcome = { files: files.length, resourcePages: 0, acceptedResourcePages: 0, accepted: 0, mismatches: [] };
  for (const file of files) {
    const reference: ParsedPage = parsePage(file);
    const fast = parsePageFast(file);
    if (reference.kind === 'resource') outcome.resourcePages += 1;
    if (fast === null) continue;
    outcome.accepted += 1;
    if (reference.kind === 'resource') outcome.acceptedResourcePages += 1;
    if (!isDeepStrictEqual(fast, reference)) outcome.mismatches.push(`${file.path}: ${firstDifference(fast, reference)}`);
  }
  return outcome;
}

const corpora: { name: string; root: string; minResourceShare: number }[] = [
  { name: 'okta', root: join(corpusRoot, 'okta'), minResourceShare: 0.98 },
  { name: 'github', root: join(corpusRoot, 'github'), minResourceShare: 0.98 },
  // Legacy pages use GFM pipe tables, which the fast reader leaves to remark: only agreement is required.
  { name: 'okta-legacy', root: join(corpusRoot, 'okta-legacy'), minResourceShare: 0 },
  { name: 'repo docs', root: join(repoRoot, 'docs'), minResourceShare: 0 },
];
const casesRoot = join(repoRoot, 'test', 'cases');
if (existsSync(casesRoot)) {
  for (const name of readdirSync(casesRoot).sort()) {
    const root = join(casesRoot, name, 'docs');
    if (existsSync(root)) corpora.push({ name: `test case ${name}`, root, minResourceShare: 0 });
  }
}

describe('fast reader agrees with the remark reader', () => {
  for (const corpus of corpora) {
    it(`${corpus.name}: identical ParsedPage for every accepted page`, () => {
      const outcome = compareReaders(docFiles(corpus.root));
      const share = outcome.resourcePages === 0 ? 1 : outcome.acceptedResourcePages / outcome.resourcePages;
      console.log(
        `${corpus.name}: fast reader accepted ${outcome.accepted}/${outcome.files} files, ` +
          `${outcome.acceptedResourcePages}/${outcome.resourcePages} resource pages (${(share * 100).toFixed(1)}%), ${outcome.mismatches.length} mismatches`,
      );
      expect(outcome.mismatches.slice(0, 10)).toEqual([]);
      expect(share).toBeGreaterThanOrEqual(corpus.minResourceShare);
    });
  }
});
