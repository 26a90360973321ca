import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../generator/config.js';
import { generateInMemory, loadStages, readInputs, type PipelineStages } from '../../generator/pipeline.js';
import { makeRecord, renderRecord, type InputStamp } from '../../generator/write/record.js';
import { runCli } from './support/cli.js';
import { CORPUS_ROOT } from './support/seed.js';
import { makeTempDir, seededRandom, shuffled, snapshotTree } from './support/tree.js';

const OKTA = join(CORPUS_ROOT, 'okta');

let work: string;
let dispose: () => Promise<void>;
beforeAll(async () => ({ path: work, dispose } = await makeTempDir('determinism')));
afterAll(async () => dispose());

/** Copies a tree creating files in the reverse of sorted order, so directory order on disk differs from the source's. */
async function copyInReverseOrder(from: string, to: string): Promise<number> {
  const files = (await readdir(from, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(from.length + 1))
    .sort()
    .reverse();
  for (const file of files) {
    await mkdir(dirname(join(to, file)), { recursive: true });
    await writeFile(join(to, file), await readFile(join(from, file)));
  }
  return files.length;
}

describe('the okta corpus generates byte-identical output', () => {
  it('whatever the order of the page list or of the files on disk', async () => {
    const stages = await loadStages();
    const random = seededRandom(20261127);
    const shuffling: PipelineStages = {
      ...stages,
      readDocs: async (root) => {
        const read = await stages.readDocs(root);
        return { ...read, files: shuffled(read.files, random) };
      },
    };
    // The first run fills a cache the on-disk run below reads; the shuffled run parses every page itself.
    const cacheDir = join(work, 'cache');
    const config = { ...defaultConfig(work), docs: OKTA, cache: null };
    const sorted = await generateInMemory({ ...config, cache: cacheDir }, stages);
    expect(sorted.hasErrors).toBe(false);
    expect(sorted.files.length).toBeGreaterThan(100);
    const reordered = await generateInMemory(config, shuffling);
    expect(reordered.files).toEqual(sorted.files);

    const copied = join(work, 'okta-reversed');
    expect(await copyInReverseOrder(OKTA, copied)).toBeGreaterThan(200);
    const run = await runCli(['generate', '--docs', copied, '--out', 'out', '--cache-dir', cacheDir], work);
    expect(run.code).toBe(0);
    const expected: Record<string, string> = {};
    // The copy holds the same pages under the same paths: the record stamps it with the original's fingerprint.
    const inputs = { fingerprint: (await readInputs(config)).fingerprint, warnings: sorted.diagnostics.filter((d) => d.severity === 'warning').length };
    const tree = await snapshotTree(join(work, 'out'));
    // The record's service keys (see test/regen/incremental.test.ts); here: one entry per service, listing exactly its files.
    const services = (JSON.parse(tree['.stackql-codegen.json'] ?? '{}') as { inputs: Required<InputStamp> }).inputs.services;
    const dirs = [...new Set(sorted.files.map((f) => /^src\/([^/]+)\/index\.ts$/.exec(f.path)?.[1]).filter((d) => d !== undefined && d !== 'runtime' && d !== 'fixtures'))];
    expect(Object.keys(services).sort()).toEqual(dirs.sort());
    for (const [dir, service] of Object.entries(services)) {
      const own = sorted.files.map((f) => f.path).filter((path) => path.startsWith(`src/${dir}/`) || path === `src/fixtures/${dir}.ts` || path === `test/${dir}.test.ts`);
      expect([...service.files].sort()).toEqual(own.sort());
    }
    for (const file of [...sorted.files, renderRecord(makeRecord(sorted.files, { ...inputs, services }))]) expected[file.path] = file.contents;
    expect(tree).toEqual(expected);
  });
});
