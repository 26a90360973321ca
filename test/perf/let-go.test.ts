/**
 * Memory at scale: a docs tree's bytes are dead once its pages are read,
 * and what holds them is let go of as the parse goes (10k pages are 107 MB
 * of bytes). The pipeline hands the files to the parse and keeps none
 * itself; the interner keeps no page text alive through a string cut from it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodegenConfig } from '../../generator/config.js';
import { StringInterner } from '../../generator/parse/fast/intern.js';
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

describe('StringInterner', () => {
  it('keeps no text alive through a string cut from it', async () => {
    // 40 texts of 512 KB, each with a 57-character cut; only what `keep` returns outlives the call.
    const cutAndKeep = (keep: (cuts: string[]) => string[]): string[] => keep(Array.from({ length: 40 }, (_, i) => `${String(i).padStart(8, '#')}${'y'.repeat(512 * 1024)}`.slice(3, 60)));
    const heapAfter = async (keep: (cuts: string[]) => string[]): Promise<{ heap: number; kept: string[] }> => {
      const kept = cutAndKeep(keep);
      await collectGarbage();
      return { heap: process.memoryUsage().heapUsed, kept };
    };
    await collectGarbage();
    const base = process.memoryUsage().heapUsed;
    // The control: a plain cut keeps its whole text (20 MB for the 40), so the measure can see what is kept.
    const plain = await heapAfter((cuts) => cuts);
    expect(plain.heap - base).toBeGreaterThan(16 * 1024 * 1024);
    plain.kept.length = 0;
    await collectGarbage();
    const interner = new StringInterner();
    const interned = await heapAfter((cuts) => cuts.map((cut) => interner.intern(cut)));
    expect(interned.heap - base).toBeLessThan(4 * 1024 * 1024);
    expect(interned.kept).toEqual(Array.from({ length: 40 }, (_, i) => `${String(i).padStart(8, '#')}${'y'.repeat(52)}`.slice(3)));
  });
});
