/**
 * Nothing after the parse changes a page: the build, lint, the page cache
 * and the emitter only read the pages and the IR made of them. The parse
 * spread over threads relies on it: it shares one frozen empty list among
 * every empty list of the results (see `parse/fast/intern.ts`), and a
 * change to one would show in all. Here every page is frozen, deep, before
 * the build: a write anywhere after it throws.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodegenConfig } from '../../generator/config.js';
import type { DocFile, ParsedPage } from '../../generator/parse/page.js';
import { generateInMemory, loadStages, type PipelineStages } from '../../generator/pipeline.js';

const corpora = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

async function freezingStages(): Promise<PipelineStages> {
  const production = await loadStages();
  return {
    ...production,
    async parsePages(files: DocFile[]): Promise<ParsedPage[]> {
      return (await (production.parsePages as (files: DocFile[]) => Promise<ParsedPage[]>)(files)).map(deepFreeze);
    },
  };
}

describe('the pages, frozen before the build', () => {
  for (const corpus of ['okta', 'github']) {
    it(`give ${corpus} the same package and findings, through a page cache`, async () => {
      const cache = await mkdtemp(join(tmpdir(), 'frozen-ir-'));
      try {
        const config: CodegenConfig = { docs: join(corpora, corpus), out: '', packageName: null, packageVersion: '0.0.0', templates: null, defaults: {}, cache: null };
        const plain = await generateInMemory(config);
        expect(plain.files.length).toBeGreaterThan(50);
        const stages = await freezingStages();
        // Cold: every page is parsed (and frozen), and kept in the cache with its lint findings.
        const frozen = await generateInMemory({ ...config, cache }, stages);
        expect(frozen.cacheStats?.hits).toBe(0);
        expect(frozen.diagnostics).toEqual(plain.diagnostics);
        expect(frozen.files).toEqual(plain.files);
      } finally {
        await rm(cache, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
