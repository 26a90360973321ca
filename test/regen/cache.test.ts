import { closeSync, fstatSync, openSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackWriter, readPackEntry, readPackIndex } from '../../generator/cache/pack.js';
import { MAX_PACKS, PageCache, parseThroughCache } from '../../generator/cache/page-cache.js';
import type { DocFile, ParsedPage } from '../../generator/parse/page.js';
import { runCli } from './support/cli.js';
import { writeBaseDocs } from './support/seed.js';
import { makeTempDir, snapshotTree } from './support/tree.js';

const file: DocFile = { path: 'services/s/r/index.md', bytes: new TextEncoder().encode('# page\n') };
const page: ParsedPage = { kind: 'service', path: file.path, service: 's', diagnostics: [] };

let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => ({ path: dir, dispose } = await makeTempDir('cache')));
afterEach(async () => dispose());

/** Counts parser calls, so a test sees whether the cache answered. */
function countingParser(): { parse: (f: DocFile) => ParsedPage; calls: () => number } {
  let calls = 0;
  return { parse: (f) => (calls++, { ...page, path: f.path }), calls: () => calls };
}

/** `parseThroughCache`, then the wait for the entries it writes in the background. */
async function parseAndStore(files: DocFile[], parse: (file: DocFile) => ParsedPage, cache: PageCache): Promise<ParsedPage[]> {
  const pages = await parseThroughCache(files, parse, cache);
  await cache.flush();
  return pages;
}

async function allFiles(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The cache's packs, oldest first. */
async function packFiles(root: string): Promise<string[]> {
  return (await allFiles(root)).filter((path) => path.endsWith('.pack')).sort();
}

/** Each entry of a pack, as its index says. */
function entriesOf(pack: string): { key: string; text: string }[] {
  const fd = openSync(pack, 'r');
  try {
    return (readPackIndex(fd, fstatSync(fd).size) ?? []).map((entry) => ({ key: entry.key, text: readPackEntry(fd, entry)!.toString('utf8') }));
  } finally {
    closeSync(fd);
  }
}

/** Writes a pack at `path` (replacing what is there) holding `entries`. */
async function writePack(path: string, entries: { key: string; text: string }[]): Promise<void> {
  const pack = new PackWriter(path, `${path}.tmp`, Promise.resolve());
  for (const entry of entries) await pack.append(entry.key, Buffer.from(entry.text));
  expect(await pack.finish()).toBe(true);
}

describe('PageCache', () => {
  it('answers a second parse of the same bytes from disk, and leaves no temp files', async () => {
    const parser = countingParser();
    const cache = new PageCache(dir, 'key-1');
    expect(await parseAndStore([file], parser.parse, cache)).toEqual([page]);
    const again = new PageCache(dir, 'key-1');
    expect(await parseAndStore([file], parser.parse, again)).toEqual([page]);
    expect(parser.calls()).toBe(1);
    expect(again.stats).toEqual({ hits: 1, misses: 0, rejected: 0 });
    expect((await allFiles(dir)).filter((p) => p.endsWith('.tmp'))).toEqual([]);
    expect(await packFiles(dir)).toHaveLength(1);
  });

  it('answers from an entry whose text is not ASCII (its checksum is of the UTF-8 bytes written)', async () => {
    const wide: DocFile = { path: 'services/s/ré/index.md', bytes: new TextEncoder().encode('# pàge 😀\n') };
    const widePage: ParsedPage = { kind: 'service', path: wide.path, service: 'sé 😀 \u2028', diagnostics: [] };
    let calls = 0;
    const parse = () => (calls++, widePage);
    await parseAndStore([wide], parse, new PageCache(dir, 'key-1'));
    const again = new PageCache(dir, 'key-1');
    expect(await parseAndStore([wide], parse, again)).toEqual([widePage]);
    expect(calls).toBe(1);
    expect(again.stats).toEqual({ hits: 1, misses: 0, rejected: 0 });
  });

  it('takes the list it is given, and parses only the misses, as one batch that it hands over', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ path: `services/s/r${i}/index.md`, bytes: new TextEncoder().encode(`# page ${i}\n`) }));
    const parser = countingParser();
    await parseAndStore(files.filter((_, i) => i % 2 === 0), parser.parse, new PageCache(dir, 'key-1'));
    const batches: string[][] = [];
    const handed: DocFile[][] = [];
    const parseMany = async (misses: DocFile[]): Promise<ParsedPage[]> => {
      batches.push(misses.map((file) => file.path));
      handed.push(misses);
      return misses.splice(0).map(parser.parse);
    };
    const list = [...files];
    const cache = new PageCache(dir, 'key-1');
    const pages = await parseThroughCache(list, parser.parse, cache, parseMany);
    expect(list).toEqual([]);
    expect(batches).toEqual([files.filter((_, i) => i % 2 === 1).map((file) => file.path)]);
    expect(handed[0]).toEqual([]);
    expect(pages).toEqual(files.map((f) => ({ ...page, path: f.path })));
    await cache.flush();
    // The misses went in under the keys `get` looked for: every page is a hit now.
    const again = new PageCache(dir, 'key-1');
    expect(await parseAndStore([...files], parser.parse, again)).toEqual(pages);
    expect(again.stats).toEqual({ hits: 6, misses: 0, rejected: 0 });

    const uncached = [...files];
    expect(await parseThroughCache(uncached, parser.parse, null, parseMany)).toEqual(pages);
    expect(uncached).toEqual([]);
    expect(batches[1]).toEqual(files.map((file) => file.path));
  });

  it('writes every entry put for later, many more than are written at once, and again after a flush', async () => {
    const files = Array.from({ length: 100 }, (_, i) => ({ path: `services/s/r${i}/index.md`, bytes: new TextEncoder().encode(`# page ${i}\n`) }));
    const parser = countingParser();
    const cache = new PageCache(dir, 'key-1');
    await parseAndStore(files.slice(0, 90), parser.parse, cache);
    await parseAndStore(files.slice(90), parser.parse, cache);
    expect(parser.calls()).toBe(100);
    const again = new PageCache(dir, 'key-1');
    // `parseThroughCache` takes (empties) the list it is given.
    expect(await parseAndStore([...files], parser.parse, again)).toEqual(files.map((f) => ({ ...page, path: f.path })));
    expect(again.stats).toEqual({ hits: 100, misses: 0, rejected: 0 });
    expect(parser.calls()).toBe(100);
  });

  it('misses when the bytes, the path or the generator key differ', async () => {
    const parser = countingParser();
    await parseAndStore([file], parser.parse, new PageCache(dir, 'key-1'));
    await parseAndStore([{ ...file, bytes: new TextEncoder().encode('# page!\n') }], parser.parse, new PageCache(dir, 'key-1'));
    await parseAndStore([{ ...file, path: 'other.md' }], parser.parse, new PageCache(dir, 'key-1'));
    await parseAndStore([file], parser.parse, new PageCache(dir, 'key-2'));
    expect(parser.calls()).toBe(4);
  });

  const corruptions: [string, (text: string) => string][] = [
    ['truncated', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['empty', () => ''],
    ['not JSON', () => '\u0000\u0001binary'],
    ['payload edited, checksum stale', (text) => text.replace('"service":"s"', '"service":"t"')],
    ['without its header line', (text) => text.slice(text.indexOf('\n') + 1)],
    ['foreign format', (text) => text.replace('stackql-codegen-page-cache/3', 'something-else/1')],
    ['another key', (text) => text.replace(/"key":"[0-9a-f]+"/, `"key":"${'0'.repeat(64)}"`)],
  ];
  for (const [name, corrupt] of corruptions) {
    it(`ignores and rebuilds an entry that is ${name}`, async () => {
      const parser = countingParser();
      await parseAndStore([file], parser.parse, new PageCache(dir, 'key-1'));
      const [pack] = await packFiles(dir);
      const [good] = entriesOf(pack!);
      const bad = corrupt(good!.text);
      expect(bad).not.toBe(good!.text);
      await writePack(pack!, [{ key: good!.key, text: bad }]);
      const cache = new PageCache(dir, 'key-1');
      expect(await parseAndStore([file], parser.parse, cache)).toEqual([page]);
      expect(parser.calls()).toBe(2);
      expect(cache.stats).toEqual({ hits: 0, misses: 1, rejected: 1 });
      // Written again, in a newer pack, which is the one read from now on.
      const packs = await packFiles(dir);
      expect(packs).toHaveLength(2);
      expect(entriesOf(packs[1]!)).toEqual([good]);
      const again = new PageCache(dir, 'key-1');
      expect(await parseAndStore([file], parser.parse, again)).toEqual([page]);
      expect(again.stats).toEqual({ hits: 1, misses: 0, rejected: 0 });
    });
  }

  const brokenPacks: [string, (bytes: Buffer) => Buffer][] = [
    ['truncated', (bytes) => bytes.subarray(0, bytes.length - 10)],
    ['empty', () => Buffer.alloc(0)],
    ['not a pack', () => Buffer.from('\u0000\u0001binary')],
    ['an index pointing past its entries', (bytes) => Buffer.from(bytes.toString('latin1').replace(/,(\d+)\]\]\}/, (_, length: string) => `,${Number(length) + 1}]]}`), 'latin1')],
    ['a trailer pointing elsewhere', (bytes) => Buffer.from(bytes.toString('latin1').replace(/@(\d+)\n$/, (_, at: string) => `@${String(Number(at) - 1).padStart(at.length, '0')}\n`), 'latin1')],
  ];
  for (const [name, breakIt] of brokenPacks) {
    it(`skips a pack that is ${name}, and writes the entry again`, async () => {
      const parser = countingParser();
      await parseAndStore([file], parser.parse, new PageCache(dir, 'key-1'));
      const [pack] = await packFiles(dir);
      const good = await readFile(pack!);
      const bad = breakIt(good);
      expect(bad.equals(good)).toBe(false);
      await writeFile(pack!, bad);
      const cache = new PageCache(dir, 'key-1');
      expect(await parseAndStore([file], parser.parse, cache)).toEqual([page]);
      expect(parser.calls()).toBe(2);
      expect(cache.stats).toEqual({ hits: 0, misses: 1, rejected: 0 });
      const again = new PageCache(dir, 'key-1');
      expect(await parseAndStore([file], parser.parse, again)).toEqual([page]);
      expect(again.stats).toEqual({ hits: 1, misses: 0, rejected: 0 });
    });
  }

  it("reads only its own generator's packs", async () => {
    const parser = countingParser();
    await parseAndStore([file], parser.parse, new PageCache(dir, 'key-1'));
    const [pack] = await packFiles(dir);
    const name = pack!.slice(pack!.lastIndexOf('/') + 1);
    const generation = name.slice(0, name.indexOf('-'));
    expect(generation).toMatch(/^[0-9a-f]{16}$/);
    // The same pack under another generator's name: never opened, so a miss, not a rejected entry.
    await rename(pack!, join(dir, 'packs', `${'0'.repeat(16)}${name.slice(generation.length)}`));
    const cache = new PageCache(dir, 'key-1');
    expect(await parseAndStore([file], parser.parse, cache)).toEqual([page]);
    expect(cache.stats).toEqual({ hits: 0, misses: 1, rejected: 0 });
  });

  it("removes other generators' packs and temp files a day old, whenever it writes a pack", async () => {
    const parser = countingParser();
    await parseAndStore([file], parser.parse, new PageCache(dir, 'key-1'));
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const stale = [join(dir, 'packs', `${'0'.repeat(16)}-000000000000001-1.x.1.pack`), join(dir, 'packs', 'x.pack.tmp')];
    const fresh = join(dir, 'packs', `${'f'.repeat(16)}-000000000000001-1.x.1.pack`);
    for (const path of [...stale, fresh]) await writeFile(path, 'not ours to read');
    for (const path of stale) await utimes(path, twoDaysAgo, twoDaysAgo);
    // Every page a hit: nothing written, nothing removed.
    await parseAndStore([file], parser.parse, new PageCache(dir, 'key-1'));
    expect((await allFiles(dir)).filter((p) => [...stale, fresh].includes(p))).toHaveLength(3);
    await parseAndStore([{ ...file, path: 'other.md' }], parser.parse, new PageCache(dir, 'key-1'));
    expect((await allFiles(dir)).filter((p) => [...stale, fresh].includes(p))).toEqual([fresh]);
  });

  it('removes the entry files of the layout before packs, and nothing else, when it writes a pack', async () => {
    const key = (first: string) => `${first}${'0123456789abcdef'.repeat(4).slice(2)}`;
    const legacy = {
      entry: join(dir, '4f', `${key('4f')}.json`),
      temp: join(dir, '4f', `${key('4f')}.json.123.0a1b2c3d.7.tmp`),
      userFile: join(dir, '4f', 'notes.txt'),
      misplaced: join(dir, '4f', `${key('a0')}.json`),
      alone: join(dir, 'a0', `${key('a0')}.json`),
      notFanOut: join(dir, 'cache', `${key('ca')}.json`),
    };
    for (const path of Object.values(legacy)) {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, '{"format":"stackql-codegen-page-cache/3"}');
    }
    const parser = countingParser();
    await parseAndStore([file], parser.parse, new PageCache(dir, 'key-1'));
    const left = (await allFiles(dir)).filter((path) => Object.values(legacy).includes(path)).sort();
    expect(left).toEqual([legacy.misplaced, legacy.notFanOut, legacy.userFile].sort());
    // A fan-out directory is removed once nothing else is in it.
    expect((await readdir(dir)).sort()).toEqual(['4f', 'cache', 'packs']);
  });

  it('an entry copied to another page key is refused (the path is checked too)', async () => {
    const parser = countingParser();
    const cache = new PageCache(dir, 'key-1');
    await parseAndStore([file], parser.parse, cache);
    const other: DocFile = { path: 'services/s/q/index.md', bytes: file.bytes };
    const [pack] = await packFiles(dir);
    const [entry] = entriesOf(pack!);
    const otherKey = cache.keyOf(other);
    await writePack(pack!, [{ key: otherKey, text: entry!.text.replace(cache.keyOf(file), otherKey) }]);
    const reader = new PageCache(dir, 'key-1');
    expect(await reader.get(other)).toBeNull();
    expect(reader.stats.rejected).toBe(1);
  });

  it('reads the newest entry of a key, and merges all but the largest pack when there are too many', async () => {
    const pages = Array.from({ length: 40 }, (_, i) => ({ path: `services/s/r${i}/index.md`, bytes: new TextEncoder().encode(`# page ${i}\n`) }));
    const parser = countingParser();
    // One large pack, then one small pack per run.
    await parseAndStore(pages.slice(0, 30), parser.parse, new PageCache(dir, 'key-1'));
    const [largest] = await packFiles(dir);
    for (let run = 0; run < MAX_PACKS - 1; run++) await parseAndStore([pages[30 + run]!], parser.parse, new PageCache(dir, 'key-1'));
    expect(await packFiles(dir)).toHaveLength(MAX_PACKS);
    // Left by a run that died (temp files) and by other generator builds (packs): what is a day old goes at the merge.
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const strays = ['000000000000001-1.x.1.pack.tmp', '0123456789abcdef-000000000000001-1.x.1.pack', '999999999999999-1.x.1.pack.tmp', 'fedcba9876543210-999999999999999-1.x.1.pack'].map((name) => join(dir, 'packs', name));
    for (const stray of strays) await writeFile(stray, 'not ours to read');
    for (const stale of strays.slice(0, 2)) await utimes(stale, twoDaysAgo, twoDaysAgo);
    // A newer entry of a key already packed: its lint, as the newest pack holds it.
    const relinted = new PageCache(dir, 'key-1');
    await parseThroughCache([pages[0]!], parser.parse, relinted);
    relinted.lint.put(pages[0]!.path, 'params-2', []);
    await relinted.flush();
    expect((await allFiles(dir)).filter((p) => strays.includes(p)).sort()).toEqual(strays.slice(2).sort());
    const packs = (await packFiles(dir)).filter((p) => !strays.includes(p));
    expect(packs).toHaveLength(2);
    expect(packs).toContain(largest);
    expect(entriesOf(largest!)).toHaveLength(30);
    expect(entriesOf(packs.find((p) => p !== largest)!)).toHaveLength(MAX_PACKS);
    const after = new PageCache(dir, 'key-1');
    expect(await parseAndStore(pages.slice(0, 37), parser.parse, after)).toEqual(pages.slice(0, 37).map((f) => ({ ...page, path: f.path })));
    expect(after.stats).toEqual({ hits: 37, misses: 0, rejected: 0 });
    expect(after.lint.get(pages[0]!.path, 'params-2')).toEqual([]);
    expect(parser.calls()).toBe(37);
  });
});

describe('a corrupt cache in a real generation', () => {
  it('is rebuilt, and the output is the same as without a cache', async () => {
    await writeBaseDocs(dir);
    expect((await runCli(['generate', '--out', 'a'], dir)).code).toBe(0);
    const cacheDir = join(dir, '.stackql-codegen-cache');
    for (const pack of await packFiles(cacheDir)) await writePack(pack, entriesOf(pack).map(({ key }) => ({ key, text: '{"format":"stackql-codegen-page-cache/3","key":"x"' })));
    const rebuilt = await runCli(['generate', '--out', 'b'], dir);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('1 rejected');
    const fresh = await runCli(['generate', '--out', 'c', '--no-cache'], dir);
    expect(fresh.stdout).not.toContain('cache');
    expect(await snapshotTree(join(dir, 'b'))).toEqual(await snapshotTree(join(dir, 'a')));
    expect(await snapshotTree(join(dir, 'c'))).toEqual(await snapshotTree(join(dir, 'a')));
    // Another out dir: its record does not vouch for it, so the pages are read through the cache.
    const again = await runCli(['generate', '--out', 'd'], dir);
    expect(again.stdout).toContain('cache: 1 hit(s), 0 miss(es)');
  });
});
