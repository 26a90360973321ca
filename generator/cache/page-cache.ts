/**
 * Per-page cache of `parsePage` results. `parsePage` is a pure function of
 * a file's path and bytes (see `ParsedPage`), so a result can be reused
 * whenever the path, the bytes and the parser are the same.
 *
 * Key: sha256 of the generator key (package version, IR version, a hash of
 * the parser's own code), the page path and its bytes. Entry:
 * `<dir>/<key[0..2]>/<key>.json`: one header line `{ format, key, checksum }`,
 * then the ParsedPage as JSON text, whose sha256 is `checksum` (kept
 * apart so the payload is parsed once, not unescaped from a string first).
 * An entry that does not parse, is of
 * another format or key, or whose checksum does not match is ignored (and
 * overwritten by the fresh result): the cache is never trusted, only
 * verified. Entries are written to a temp file and renamed, so a reader
 * sees a whole entry or none.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashTree, packageVersion } from '../fingerprint.js';
import { IR_VERSION } from '../ir/types.js';
import type { DocFile, ParsedPage } from '../parse/page.js';

const ENTRY_FORMAT = 'stackql-codegen-page-cache/2';

/** Entries written at once by {@link PageCache.putLater} (each a mkdir, a write and a rename). */
const ENTRY_WRITES = 16;

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries found but refused: corrupt, truncated, foreign. */
  rejected: number;
}

interface CacheEntryHeader {
  format: string;
  key: string;
  checksum: string;
}

export class PageCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, rejected: 0 };
  private readonly writes: Promise<void>[] = [];
  /** Entries {@link putLater} has yet to write, keyed already (so the page's bytes need not be kept). */
  private readonly pending: { key: string; page: ParsedPage }[] = [];
  private writers = 0;
  /** Entry directories made (or found) by this instance: a cold run would otherwise ask for each one once per entry. */
  private readonly dirs = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    private readonly generatorKey: string,
  ) {}

  keyOf(file: DocFile): string {
    return createHash('sha256').update(this.generatorKey).update('\0').update(file.path).update('\0').update(file.bytes).digest('hex');
  }

  entryPath(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(file: DocFile): Promise<ParsedPage | null> {
    const key = this.keyOf(file);
    let text: string;
    try {
      text = await readFile(this.entryPath(key), 'utf8');
    } catch {
      this.stats.misses++;
      return null;
    }
    const page = verifyEntry(text, key, file.path);
    if (page === null) {
      this.stats.rejected++;
      this.stats.misses++;
      return null;
    }
    this.stats.hits++;
    return page;
  }

  /**
   * Writes the entry without waiting for it: the entries of a cold run are
   * written while the package is emitted. {@link flush} waits for them.
   * At most {@link ENTRY_WRITES} are serialized and in flight at a time:
   * started all at once, a cold run of 10k pages held every entry's JSON
   * text until the disk caught up (~480 MB).
   */
  putLater(file: DocFile, page: ParsedPage): void {
    this.pending.push({ key: this.keyOf(file), page });
    if (this.writers < ENTRY_WRITES) {
      this.writers++;
      this.writes.push(this.writePending());
    }
  }

  private async writePending(): Promise<void> {
    try {
      for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) await this.putEntry(next.key, next.page);
    } finally {
      this.writers--;
    }
  }

  /** Waits for every {@link putLater} so far (they never fail: a cache that cannot be written only costs time). */
  async flush(): Promise<void> {
    await Promise.all(this.writes.splice(0));
  }

  put(file: DocFile, page: ParsedPage): Promise<void> {
    return this.putEntry(this.keyOf(file), page);
  }

  private async putEntry(key: string, page: ParsedPage): Promise<void> {
    const payload = JSON.stringify(page);
    const header: CacheEntryHeader = { format: ENTRY_FORMAT, key, checksum: sha256(payload) };
    const target = this.entryPath(key);
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const dir = dirname(target);
      let made = this.dirs.get(dir);
      if (made === undefined) {
        made = mkdir(dir, { recursive: true });
        this.dirs.set(dir, made);
      }
      await made;
      await writeFile(temp, `${JSON.stringify(header)}\n${payload}`);
      await rename(temp, target);
    } catch {
      // A cache that cannot be written only costs time; the result is still correct.
      await unlink(temp).catch(() => undefined);
    }
  }
}

function verifyEntry(text: string, key: string, path: string): ParsedPage | null {
  try {
    const newline = text.indexOf('\n');
    if (newline < 0) return null;
    const header = JSON.parse(text.slice(0, newline)) as Partial<CacheEntryHeader>;
    const payload = text.slice(newline + 1);
    if (header.format !== ENTRY_FORMAT || header.key !== key || header.checksum !== sha256(payload)) return null;
    const page = JSON.parse(payload) as ParsedPage;
    if (typeof page !== 'object' || page === null || page.path !== path || !Array.isArray(page.diagnostics)) return null;
    if (!['resource', 'provider', 'service', 'skipped'].includes(page.kind)) return null;
    return page;
  } catch {
    return null;
  }
}

/**
 * Parses every file, through the cache when there is one. Results are in
 * the order of `files`. `parseMany`, when given, parses the misses as one
 * batch (the same results as `parse` on each, e.g. on several threads).
 * New entries are written in the background: `cache.flush()` waits for them.
 */
export async function parseThroughCache(
  files: readonly DocFile[],
  parse: (file: DocFile) => ParsedPage,
  cache: PageCache | null,
  parseMany?: (files: readonly DocFile[]) => Promise<ParsedPage[]>,
): Promise<ParsedPage[]> {
  const parseAll = parseMany ?? ((misses: readonly DocFile[]) => Promise.resolve(misses.map(parse)));
  if (cache === null) return parseAll(files);
  const pages = await Promise.all(files.map((file) => cache.get(file)));
  const missing = files.filter((_, index) => pages[index] === null);
  const parsed = await parseAll(missing);
  let next = 0;
  const results = pages.map((page) => page ?? (parsed[next++] as ParsedPage));
  missing.forEach((file, index) => cache.putLater(file, parsed[index] as ParsedPage));
  return results;
}

let generatorKeyMemo: Promise<string> | null = null;

/**
 * What makes a cached result stale besides the page itself: the package
 * version, the IR version, and a hash of the parser's code (the modules
 * under `parse/`, `ir/` and `sql/` beside this one, as built), so that a
 * rebuilt parser never reads results of the old one.
 */
export function generatorKey(): Promise<string> {
  generatorKeyMemo ??= computeGeneratorKey();
  return generatorKeyMemo;
}

async function computeGeneratorKey(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  hash.update(`version ${(await packageVersion(here, 'stackql-codegen')) ?? 'unknown'}\0ir ${IR_VERSION}\0`);
  for (const dir of ['parse', 'ir', 'sql']) {
    hash.update(`\0${dir}\0`);
    await hashTree(hash, join(here, '..', dir), (name) => !name.endsWith('.map'));
  }
  return hash.digest('hex');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
