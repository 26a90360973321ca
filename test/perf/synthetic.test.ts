import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSyntheticCorpus, isResourcePage, listFiles } from '../../bench/corpus.js';

const corpusRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus');
const target = mkdtempSync(join(tmpdir(), 'synthetic-corpus-test-'));
afterAll(() => rmSync(target, { recursive: true, force: true }));

describe('synthetic scale corpus', () => {
  // More pages than okta and github hold together, so pages are reused and must be renamed apart.
  const pageCount = 700;
  buildSyntheticCorpus(
    [
      { provider: 'okta', root: join(corpusRoot, 'okta') },
      { provider: 'github', root: join(corpusRoot, 'github') },
    ],
    pageCount,
    target,
  );
  const pages = listFiles(target).filter(isResourcePage);

  it('writes the requested number of resource pages, each at its own path', () => {
    expect(pages.length).toBe(pageCount);
  });

  it('gives every page a unique id that matches its path and no longer names the source resource', () => {
    const ids = new Set<string>();
    for (const path of pages) {
      const text = readFileSync(join(target, path), 'utf8');
      const [, service, resource] = path.split('/');
      const id = /<b>Id<\/b><\/td><td><CopyableCode code="([^"]+)" \/>/.exec(text)?.[1];
      expect(id, path).toBe(`synth.${service}.${resource}`);
      ids.add(id as string);
      const original = (service as string).replace(/_(okta|github)\d+$/, '');
      expect(text, path).not.toContain(`okta.${original}.${resource}`);
      expect(text, path).not.toContain(`github.${original}.${resource}`);
    }
    expect(ids.size).toBe(pageCount);
  });
});
