import { availableParallelism } from 'node:os';
import type { DocFile, ParsedPage } from '../page.js';
import { readPage } from './index.js';
import { StringInterner } from './intern.js';
import { layout } from '../../layout.js';

/**
 * Below this many bytes a worker costs more than it saves: starting one and
 * loading the reader takes ~40 ms, the fast reader does ~40 MB in that time.
 */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

export interface ParallelOptions {
  /** Threads to use, the calling one included; default: the machine's parallelism. */
  threads?: number;
  /** Inputs smaller than this are read on the calling thread; default {@link PARALLEL_MIN_BYTES}. */
  minBytes?: number;
}

/**
 * Reads pages with `readPage` on several threads and returns the results in
 * input order, exactly as `readPages(files)` would. The calling thread takes
 * one share; each other share goes to a worker. Shares are contiguous runs
 * of similar byte size, so results are reassembled without sorting.
 * From {@link PARALLEL_MIN_BYTES} on, on any number of threads, the results
 * share one copy of each distinct string (see `intern.ts`) and keep no page
 * text alive; smaller inputs are left as read, their texts bounded by that size.
 *
 * Takes `files`: it is emptied, and every thread lets go of each file once
 * its page is read, so that a docs slab (see `read/index.ts`) is freed as
 * soon as all of its pages are read, not when the last page of the docs is.
 */
export async function parallelParse(files: DocFile[], options: ParallelOptions = {}): Promise<ParsedPage[]> {
  const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), files.length));
  if (total < (options.minBytes ?? PARALLEL_MIN_BYTES)) return readTaking(files, null);
  const interner = new StringInterner();
  // One thread (a one-core container) still interns a large input: left as views of their pages, the IR's strings would keep every page's text alive.
  if (threads === 1) return readTaking(files, interner);
  const [own = [], ...others] = splitByBytes(files, threads, total);
  files.length = 0;
  // Loaded here, not with the module: most runs (okta, a page or two changed) never start a worker.
  const { Worker } = await import('node:worker_threads');
  const workers = others.map((share) => runWorker(Worker, share, interner));
  const ownPages = await readTaking(own, interner);
  const results = [ownPages, ...(await Promise.all(workers))];
  return results.flat();
}

/** Pages the calling thread reads between two looks at the workers' messages. */
const OWN_BATCH_PAGES = 64;

/**
 * `readPages`, taking each file out of `files` as its page is read. Given
 * the workers' `interner`, each page's strings are interned as soon as it
 * is read: a string the reader cuts is a view of the page's whole text, so
 * interning the share only once it was done kept every text of the calling
 * thread's share alive until the parse ended (at 10k pages, half the
 * calling thread's heap then). And every {@link OWN_BATCH_PAGES} pages it
 * lets the event loop take the workers' results as they come, rather than
 * holding them all, as posted, until the calling thread's share is done.
 */
async function readTaking(files: DocFile[], interner: StringInterner | null): Promise<ParsedPage[]> {
  const pages: ParsedPage[] = [];
  for (let file = files.shift(); file !== undefined; file = files.shift()) {
    const page = await readPage(file);
    if (interner === null) {
      pages.push(page);
      continue;
    }
    // Lists built here, item by item, keep room to grow: copied to their length, as a worker's come.
    pages.push(interner.internAll(page, true));
    if (pages.length % OWN_BATCH_PAGES === 0) await new Promise(setImmediate);
  }
  return pages;
}

/** Contiguous shares of roughly `total / count` bytes each. */
export function splitByBytes(files: readonly DocFile[], count: number, total: number): DocFile[][] {
  const shares: DocFile[][] = [];
  let current: DocFile[] = [];
  let bytes = 0;
  for (const file of files) {
    current.push(file);
    bytes += file.bytes.length;
    if (bytes >= (total * (shares.length + 1)) / count && shares.length < count - 1) {
      shares.push(current);
      current = [];
    }
  }
  shares.push(current);
  return shares;
}

/** What a worker posts: a batch of results, in order, then `done`. */
export type WorkerMessage = { pages: ParsedPage[] } | { done: true };

/** Pages a worker reads before handing their results over: it never holds more than a batch of results. */
export const WORKER_BATCH_PAGES = 64;

/**
 * The worker's young generation, smaller than V8's default: the worker's
 * heap is part of the peak at the end of a large parse, when the IR is
 * nearly built. 10k pages, three interleaved pairs: 400-404 MiB against
 * 411-417 MiB, same wall and CPU time within noise.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

/** Hands `files` to a worker (emptying it: the worker has its own copy of the list, and lets go of each file as it reads it). */
function runWorker(Worker: typeof import('node:worker_threads').Worker, files: DocFile[], interner: StringInterner): Promise<ParsedPage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(layout.workerScript, { workerData: files, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    files.length = 0;
    const pages: ParsedPage[] = [];
    worker.on('message', (message: WorkerMessage) => {
      if ('pages' in message) for (const page of message.pages) pages.push(interner.internAll(page));
      else resolve(pages);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`page reader worker exited with code ${code}`));
    });
  });
}
