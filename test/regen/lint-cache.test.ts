/**
 * Lint findings are kept with each page's cache entry, under the provider's
 * server params they were found with: a cached run reports exactly what an
 * uncached one does, also after the server params change.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPackEntry, readPackIndex } from '../../generator/cache/pack.js';
import { loadStages, parseToDocument, type PipelineStages } from '../../generator/pipeline.js';
import { CORPUS_ROOT } from './support/seed.js';
import { makeTempDir } from './support/tree.js';

let dir: string;
let dispose: () => Promise<void>;
let docs: string;
let cache: string;
let stages: PipelineStages;

beforeEach(async () => {
  ({ path: dir, dispose } = await makeTempDir('lint-cache'));
  docs = join(dir, 'docs');
  cache = join(dir, 'cache');
  await mkdir(join(docs, 'services'), { recursive: true });
  await cp(join(CORPUS_ROOT, 'okta', 'index.md'), join(docs, 'index.md'));
  for (const service of ['agentpools', 'captchas']) await cp(join(CORPUS_ROOT, 'okta', 'services', service), join(docs, 'services', service), { recursive: true });
  stages = await loadStages();
});
afterEach(async () => dispose());

/** The diagnostics of a run through the cache, once its entries are written. */
async function cachedDiagnostics() {
  const result = await parseToDocument(docs, cache, stages);
  await result.cacheWritten;
  return result.diagnostics;
}

async function uncachedDiagnostics() {
  return (await parseToDocument(docs, null, stages)).diagnostics;
}

/** The lint part of every cache entry's payload, in every pack. */
async function cachedLints(): Promise<unknown[]> {
  const packs = (await readdir(cache, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.pack'));
  return packs.flatMap((pack) => {
    const fd = openSync(join(pack.parentPath, pack.name), 'r');
    try {
      const entries = readPackIndex(fd, fstatSync(fd).size) ?? [];
      return entries.map((entry) => (JSON.parse(readPackEntry(fd, entry)!.toString('utf8').split('\n')[1] as string) as { lint: unknown }).lint);
    } finally {
      closeSync(fd);
    }
  });
}

describe('lint findings in the page cache', () => {
  it('are kept with resource pages and give what an uncached run finds', async () => {
    const cold = await cachedDiagnostics();
    expect(cold.some((d) => d.code.startsWith('example/') || d.code.startsWith('methods/'))).toBe(true);
    const lints = await cachedLints();
    expect(lints.filter((lint) => lint !== null).length).toBeGreaterThan(0);
    expect(await cachedDiagnostics()).toEqual(cold);
    expect(await uncachedDiagnostics()).toEqual(cold);
  });

  it('are found again when the server params change', async () => {
    // An example placeholder that is no param of its method: known only while it is a server param.
    const page = join(docs, 'services', 'captchas', 'captcha_instances', 'index.md');
    await writeFile(page, (await readFile(page, 'utf8')).replace("'{{ name }}',", "'{{ tenant }}',"));
    const unknownTenant = (diagnostics: { code: string; message: string }[]) => diagnostics.filter((d) => d.code === 'example/unknown-placeholder' && d.message.includes('tenant')).length;
    expect(unknownTenant(await cachedDiagnostics())).toBe(1);
    const provider = join(docs, 'index.md');
    await writeFile(provider, (await readFile(provider, 'utf8')).replace(/<CopyableCode code="subdomain" \/>/, '<CopyableCode code="tenant" />'));
    const after = await cachedDiagnostics();
    expect(unknownTenant(after)).toBe(0);
    expect(after).toEqual(await uncachedDiagnostics());
  });
});
