/**
 * Memory at scale: a docs tree's bytes are dead once its pages are read,
 * and what holds them is let go of as the parse goes (10k pages are 107 MB
 * of bytes). The pipeline hands the files to the parse and keeps none
 * itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodegenConfig } from '../../generator/config.js';
import type { DocFile, ParsedPage } from '../../generator/parse/page.js';
import { loadStages, parseToDocument, readInputs, type PipelineStages } from '../../generator/pipeline.js';
import { collectGarbage } from '../support/gc.js';

const okta = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'okta');

/**
 * The production stages, but for a batch parse that reads its files, lets
 * go of them, and counts those still alive after a full collection: held
 * by someone else.
 */
async function countingStages(): Promise<{ stages: PipelineStages; handed: () => number; stillHeld: () => number }> {
  const production = await loadStages();
  let handed = 0;
  let stillHeld = -1;
  const stages: PipelineStages = {
    ...production,
    async parsePages(files: DocFile[]): Promise<ParsedPage[]> {
      const pages = files.map((file) => production.parsePage(file));
      const refs = files.map((file) => new WeakRef(file));
      handed = files.length;
      files.length = 0;
      await collectGarbage();
      stillHeld = refs.filter((ref) => ref.deref() !== undefined).length;
      return pages;
    },
  };
  return { stages, handed: () => handed, stillHeld: () => stillHeld };
}

const config: CodegenConfig = { docs: okta, out: '', packageName: null, packageVersion: '0.0.0', templates: null, defaults: {}, cache: null };

describe('the doc files during the parse', () => {
  it('are held by the batch parse alone, when the docs were read before (and their fingerprint taken)', async () => {
    const inputs = await readInputs(config);
    const pages = inputs.files.length;
    const counting = await countingStages();
    const parsed = await parseToDocument(okta, null, counting.stages, inputs);
    expect(parsed.hasErrors).toBe(false);
    expect(counting.handed()).toBe(pages);
    expect(inputs.files).toEqual([]);
    expect(counting.stillHeld()).toBe(0);
  });

  it('are held by the batch parse alone, read by the pipeline, through a page cache', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'let-go-'));
    try {
      const counting = await countingStages();
      const parsed = await parseToDocument(okta, cacheDir, counting.stages);
      await parsed.cacheWritten;
      expect(counting.handed()).toBeGreaterThan(200);
      expect(counting.stillHeld()).toBe(0);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
