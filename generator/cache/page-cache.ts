/**
 * Per-page cache of `parsePage` results. `parsePage` is a pure function of
 * a file's path and bytes (see `ParsedPage`), so a result can be reused
 * whenever the path, the bytes and the parser are the same.
 *
 * Key: sha256 of the generator key (package version, IR version, a hash of
 * the parser's own code), the page path and its bytes. Entry: one header
 * line `{ format, key, checksum }`, then the payload `{ page, lint }` as JSON
 * text, whose sha256 is `checksum` (kept apart so the payload is parsed
 * once, not unescaped from a string first). `page` is the ParsedPage;
 * `lint` the lint findings of its resource (see {@link CachedLint}), or null
 * until they are known.
 *
 * Entries live in packs (`<dir>/packs/*.pack`, see `pack.ts`): each run
 * that writes entries writes one pack of its own, and where several packs
 * hold a key the newest is read. A pack's name starts with its generator
 * key's generation: a run reads only its own generator's packs, since no
 * other pack can hold one of its keys. When there are more than
 * {@link MAX_PACKS} of them, a run merges all but the largest into one, so
 * a provider's one large pack is not copied for every few edits. A run that
 * wrote a pack removes other generators' packs not written for a day (each
 * rebuilt or upgraded generator leaves a whole provider's entries behind),
 * and the entry files of the layout before packs.
 * An entry that does not parse, is of another format or key, or whose
 * checksum does not match is ignored (and written again with the fresh
 * result): the cache is never trusted, only verified.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { mkdir, readFile, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PACK_SUFFIX, PackWriter, readPackEntry, readPackIndex, type PackEntry } from './pack.js';
import { hashTree, packageVersion } from '../fingerprint.js';
import { IR_VERSION } from '../ir/types.js';
import { layout } from '../layout.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DocFile, ParsedPage } from '../parse/page.js';

const ENTRY_FORMAT = 'stackql-codegen-page-cache/3';

/**
 * A resource's lint findings depend on its page (the entry's key) and on
 * the provider's server params, which come from another page: they are
 * kept under the params they were found with (as JSON text), and count
 * only while those are the same.
 */
export interface CachedLint {
  params: string;
  findings: Diagnostic[];
}

/** Lint findings by page, for `buildDocument`: the page cache is where they are kept. */
export interface LintStore {
  get(path: string, params: string): Diagnostic[] | null;
  put(path: string, params: string, findings: Diagnostic[]): void;
}

/** A doc file as the cache knows it once its key is computed. */
export interface KeyedFile {
  path: string;
  key: string;
}

interface EntryPayload {
  page: ParsedPage;
  lint: CachedLint | null;
}

/** Entries serialized and in flight at once (see {@link PageCache.startWrites}). */
const ENTRY_WRITES = 16;
const PACKS_DIR = 'packs';
/** Packs kept before a run merges the smaller ones (see the module comment). */
export const MAX_PACKS = 8;

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
  /** This run's entries by page path, keyed already (so the page's bytes need not be kept): those read (for their lint) and those to write. */
  private readonly entries = new Map<string, { key: string; payload: EntryPayload; write: 'no' | 'pending' }>();
  /** Keys of the files `get` missed, so that {@link keyed} need not hash their bytes again (every missed page, on a cold run). */
  private readonly missedKeys = new WeakMap<DocFile, string>();
  /** Entries {@link startWrites} started that the writers have yet to take. */
  private readonly queue: { key: string; payload: EntryPayload }[] = [];
  private writers = 0;
  /** Where each key's newest entry is, from the packs there were when this run first asked; read once, on the first `get`. */
  private found: Map<string, { fd: number; entry: PackEntry }> | null = null;
  private readonly openPacks: number[] = [];
  /** This run's pack, opened on its first entry. */
  private pack: PackWriter | null = null;

  /**
   * Pack names are this tag and a count: unique across processes (pid and
   * tag) and within one (count). The time in front sorts them oldest first,
   * which is all "newest wins" needs.
   */
  private readonly tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  private packCount = 0;
  /** The first part of this generator's pack names. */
  private readonly generation: string;

  constructor(
    readonly dir: string,
    private readonly generatorKey: string,
  ) {
    this.generation = sha256(generatorKey).slice(0, 16);
  }

  keyOf(file: DocFile): string {
    return createHash('sha256').update(this.generatorKey).update('\0').update(file.path).update('\0').update(file.bytes).digest('hex');
  }

  get packsDir(): string {
    return join(this.dir, PACKS_DIR);
  }

  async get(file: DocFile): Promise<ParsedPage | null> {
    const key = this.keyOf(file);
    const at = this.packIndex().get(key);
    // Read synchronously: a run reads every entry before it parses anything, and the entries are small, so the thread pool's round trips cost more than they overlap.
    const bytes = at === undefined ? null : readPackEntry(at.fd, at.entry);
    if (bytes === null) {
      this.stats.misses++;
      this.missedKeys.set(file, key);
      return null;
    }
    const payload = verifyEntry(bytes, key, file.path);
    if (payload === null) {
      this.stats.rejected++;
      this.stats.misses++;
      this.missedKeys.set(file, key);
      return null;
    }
    this.stats.hits++;
    this.entries.set(file.path, { key, payload, write: 'no' });
    return payload.page;
  }

  /**
   * Queues the entry of `page`: {@link startWrites} starts the queued
   * writes (once the pages' lint findings are known, so each entry is
   * written once), and the entries of a cold run are written while the
   * package is emitted. {@link flush} waits for them. `file` is the page's
   * file as {@link keyed} gives it: its bytes need not be kept.
   */
  putLater(file: KeyedFile, page: ParsedPage): void {
    this.entries.set(file.path, { key: file.key, payload: { page, lint: null }, write: 'pending' });
  }

  /** A file's path and key, as `get` computed it when it missed: what {@link putLater} needs, without the bytes. */
  keyed(file: DocFile): KeyedFile {
    return { path: file.path, key: this.missedKeys.get(file) ?? this.keyOf(file) };
  }

  /**
   * Lint findings kept with this run's pages (read or queued): `get` gives
   * those found under the same params; `put` keeps new ones, and the
   * page's entry is written again with them.
   */
  readonly lint: LintStore = {
    get: (path, params) => {
      const lint = this.entries.get(path)?.payload.lint;
      return lint !== null && lint !== undefined && lint.params === params ? lint.findings : null;
    },
    put: (path, params, findings) => {
      const entry = this.entries.get(path);
      if (entry === undefined) return;
      entry.payload = { page: entry.payload.page, lint: { params, findings } };
      entry.write = 'pending';
    },
  };

  /**
   * Starts every queued write, without waiting for them. At most
   * {@link ENTRY_WRITES} are serialized and in flight at a time: started
   * all at once, a cold run of 10k pages held every entry's JSON text
   * until the disk caught up (~480 MB).
   */
  startWrites(): void {
    for (const entry of this.entries.values()) {
      if (entry.write !== 'pending') continue;
      entry.write = 'no';
      this.queue.push({ key: entry.key, payload: entry.payload });
    }
    while (this.writers < ENTRY_WRITES && this.queue.length > 0) {
      this.writers++;
      this.writes.push(this.writeQueued());
    }
  }

  private async writeQueued(): Promise<void> {
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) await this.write(next.key, next.payload);
    } finally {
      this.writers--;
    }
  }

  /**
   * Starts and waits for every queued write, makes this run's pack
   * visible, merges packs when there are too many and removes stale ones.
   * Never fails: a cache that cannot be written only costs time.
   */
  async flush(): Promise<void> {
    this.startWrites();
    await Promise.all(this.writes.splice(0));
    const pack = this.pack;
    this.pack = null;
    const wrote = pack !== null && (await pack.finish());
    this.closePacks();
    if (!wrote) return;
    // One listing for both: the merge only adds and removes this generation's packs, which the sweep leaves alone.
    const names = namesIn(this.packsDir);
    await this.mergeIfMany(ownPacks(names, this.generation)).catch(() => undefined);
    await removeStale(this.packsDir, names, this.generation);
    await removeFanOutEntries(this.dir);
  }

  private async write(key: string, entry: EntryPayload): Promise<void> {
    const payload = JSON.stringify(entry);
    const header: CacheEntryHeader = { format: ENTRY_FORMAT, key, checksum: sha256(payload) };
    await this.currentPack().append(key, Buffer.from(`${JSON.stringify(header)}\n${payload}`));
  }

  private currentPack(): PackWriter {
    if (this.pack === null) {
      const path = this.newPackPath();
      this.pack = new PackWriter(path, `${path}.tmp`, mkdir(this.packsDir, { recursive: true }));
    }
    return this.pack;
  }

  private newPackPath(): string {
    this.packCount += 1;
    return join(this.packsDir, `${this.generation}-${String(Date.now()).padStart(15, '0')}-${this.tag}.${this.packCount}${PACK_SUFFIX}`);
  }

  /** Key → newest entry, over every pack readable now (opened once; closed by {@link flush}). */
  private packIndex(): Map<string, { fd: number; entry: PackEntry }> {
    if (this.found !== null) return this.found;
    this.found = new Map();
    for (const name of ownPacks(namesIn(this.packsDir), this.generation)) {
      let fd: number;
      try {
        fd = openSync(join(this.packsDir, name), 'r');
      } catch {
        continue; // Merged away by another run since the listing.
      }
      this.openPacks.push(fd);
      const entries = readPackIndex(fd, fstatSync(fd).size);
      if (entries === null) continue;
      for (const entry of entries) this.found.set(entry.key, { fd, entry });
    }
    return this.found;
  }

  private closePacks(): void {
    for (const fd of this.openPacks.splice(0)) closeSync(fd);
    this.found = null;
  }

  /**
   * More than {@link MAX_PACKS}: all but the largest are copied, newest
   * entry per key, into one new pack, then removed. A pack another run is
   * reading stays readable to it (an open file outlives its name); one it
   * has listed but not opened yet only costs it misses.
   */
  private async mergeIfMany(names: string[]): Promise<void> {
    if (names.length <= MAX_PACKS) return;
    const sized = names.map((name) => ({ name, size: sizeOf(join(this.packsDir, name)) }));
    const largest = sized.reduce((a, b) => (b.size > a.size ? b : a));
    const merged = sized.filter((pack) => pack !== largest).map((pack) => pack.name);
    const path = this.newPackPath();
    const into = new PackWriter(path, `${path}.tmp`, Promise.resolve());
    const taken = new Set<string>();
    const fds: number[] = [];
    try {
      for (const name of [...merged].reverse()) {
        let fd: number;
        try {
          fd = openSync(join(this.packsDir, name), 'r');
        } catch {
          continue;
        }
        fds.push(fd);
        for (const entry of readPackIndex(fd, fstatSync(fd).size) ?? []) {
          if (taken.has(entry.key)) continue;
          const bytes = readPackEntry(fd, entry);
          if (bytes === null) continue;
          taken.add(entry.key);
          // One at a time: the packs merged may be large, and nothing waits for this.
          await into.append(entry.key, bytes);
        }
      }
      if (!(await into.finish())) return;
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    await Promise.all(merged.map((name) => unlink(join(this.packsDir, name)).catch(() => undefined)));
  }
}

/**
 * A day: a pack's temp file this old belongs to a run that died before
 * renaming it (no run takes a day to write its cache), and another
 * generator's pack this old most likely to a build no one runs any more
 * (where one still does, it costs that generator one cold run).
 */
const STALE_MS = 24 * 60 * 60 * 1000;

/** Of `names` (the listing of `dir`), removes temp files and other generations' packs older than {@link STALE_MS}. */
async function removeStale(dir: string, names: readonly string[], generation: string): Promise<void> {
  const now = Date.now();
  const strays = names.filter((name) => name.endsWith('.tmp') || (name.endsWith(PACK_SUFFIX) && !name.startsWith(`${generation}-`)));
  for (const name of strays) {
    try {
      if (now - statSync(join(dir, name)).mtimeMs > STALE_MS) await unlink(join(dir, name));
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
}

/**
 * Entries of the layout before packs, `<dir>/<key[0..2]>/<key>.json`, and
 * their temp files `<key>.json.<pid>.<hex>.<n>.tmp`: no run reads them any
 * more (a 10k-page provider left 149 MB of them). Only names of exactly
 * that form, in a directory named after their first two digits, are
 * removed, and the directory once nothing else is in it: a cache dir a user
 * chose may hold other things.
 */
const FAN_OUT_DIR = /^[0-9a-f]{2}$/;
const FAN_OUT_ENTRY = /^[0-9a-f]{64}\.json(?:\.[0-9]+\.[0-9a-f]{8}\.[0-9]+\.tmp)?$/;

async function removeFanOutEntries(dir: string): Promise<void> {
  let found: Dirent[];
  try {
    found = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const sub of found) {
    if (!sub.isDirectory() || !FAN_OUT_DIR.test(sub.name)) continue;
    const subDir = join(dir, sub.name);
    let names: string[];
    try {
      names = readdirSync(subDir);
    } catch {
      continue;
    }
    const entries = names.filter((name) => FAN_OUT_ENTRY.test(name) && name.startsWith(sub.name));
    await Promise.all(entries.map((name) => unlink(join(subDir, name)).catch(() => undefined)));
    if (entries.length === names.length) await rmdir(subDir).catch(() => undefined);
  }
}

/** The names in `dir`; none where it cannot be read (no cache written yet). */
function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Of `names`, the packs of `generation`, oldest first (after the generation, their names start with the time they were made). */
function ownPacks(names: readonly string[], generation: string): string[] {
  return names.filter((name) => name.startsWith(`${generation}-`) && name.endsWith(PACK_SUFFIX)).sort();
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The payload of an entry's bytes, when they are a whole entry of this
 * format for `key` and `path`. The checksum is taken over the payload's
 * bytes as read: they are the UTF-8 of the text it was computed from when
 * written (`JSON.stringify` gives no lone surrogates), and hashing them
 * spares encoding the decoded text back to UTF-8.
 */
function verifyEntry(bytes: Buffer, key: string, path: string): EntryPayload | null {
  try {
    const newline = bytes.indexOf(0x0a);
    if (newline < 0) return null;
    const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Partial<CacheEntryHeader>;
    if (header.format !== ENTRY_FORMAT || header.key !== key || header.checksum !== sha256(bytes.subarray(newline + 1))) return null;
    const entry = JSON.parse(bytes.toString('utf8', newline + 1)) as Partial<EntryPayload> | null;
    const page = entry?.page;
    if (typeof page !== 'object' || page === null || page.path !== path || !Array.isArray(page.diagnostics)) return null;
    if (!['resource', 'provider', 'service', 'skipped'].includes(page.kind)) return null;
    const lint = entry?.lint ?? null;
    if (lint !== null && (typeof lint !== 'object' || typeof lint.params !== 'string' || !Array.isArray(lint.findings))) return null;
    return { page, lint };
  } catch {
    return null;
  }
}

/**
 * Parses every file, through the cache when there is one. Results are in
 * the order of `files`. `parseMany`, when given, parses the misses as one
 * batch (the same results as `parse` on each, e.g. on several threads).
 * New entries are written in the background: `cache.flush()` waits for them.
 *
 * Takes `files`: it is emptied once the cache has been asked, and the
 * misses are handed to `parseMany` to empty as it reads them, so that no
 * file's bytes outlive the reading of its page here (see `parallelParse`).
 */
export async function parseThroughCache(
  files: DocFile[],
  parse: (file: DocFile) => ParsedPage,
  cache: PageCache | null,
  parseMany?: (files: DocFile[]) => Promise<ParsedPage[]>,
): Promise<ParsedPage[]> {
  const parseAll = parseMany ?? ((misses: readonly DocFile[]) => Promise.resolve(misses.map(parse)));
  if (cache === null) return parseAll(files.splice(0));
  const pages = await Promise.all(files.map((file) => cache.get(file)));
  const missing = files.filter((_, index) => pages[index] === null);
  const missingKeyed = missing.map((file) => cache.keyed(file));
  files.length = 0;
  const parsed = await parseAll(missing);
  let next = 0;
  const results = pages.map((page) => page ?? (parsed[next++] as ParsedPage));
  parsed.forEach((page, index) => cache.putLater(missingKeyed[index] as KeyedFile, page));
  return results;
}

let generatorKeyMemo: Promise<string> | null = null;

/** In `dist/`: the {@link parserCodeKey} of the sources the build was made from, written by `npm run build`. */
export const PARSER_KEY_FILE = 'parser-key.txt';

/**
 * What makes a cached result stale besides the page itself: the package
 * version, the IR version, and a hash of the parser's and the lint's code
 * (see {@link parserCodeKey}), so that a rebuilt parser never reads results
 * of the old one. A build reads the code's hash from {@link PARSER_KEY_FILE}
 * instead of hashing its hundred-odd files on every run (25-30 ms).
 */
export function generatorKey(): Promise<string> {
  generatorKeyMemo ??= computeGeneratorKey();
  return generatorKeyMemo;
}

async function computeGeneratorKey(): Promise<string> {
  const built = layout.distDir === null ? null : await readFile(join(layout.distDir, PARSER_KEY_FILE), 'utf8').catch(() => null);
  const hash = createHash('sha256');
  hash.update(`version ${(await packageVersion(layout.root, 'stackql-codegen')) ?? 'unknown'}\0ir ${IR_VERSION}\0`);
  // A build without its key (tsc run alone) hashes its code as it is.
  hash.update(`code ${built?.trim() ?? (await parserCodeKey(layout.codeDir))}`);
  return hash.digest('hex');
}

/** A hash of the modules under `parse/`, `ir/`, `sql/` and `lint/` of the generator's code in `codeDir` (sources or build). */
export async function parserCodeKey(codeDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['parse', 'ir', 'sql', 'lint']) {
    hash.update(`\0${dir}\0`);
    await hashTree(hash, join(codeDir, dir), (name) => !name.endsWith('.map'));
  }
  return hash.digest('hex');
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
