import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocFile, ParsedPage } from '../page.js';
import { readPages } from './index.js';
import { StringInterner } from './intern.js';

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
  /**
   * The files' bytes are the caller's to give away: each worker's share is
   * moved to it instead of copied (at 10k pages, 53 MB less held at once),
   * and those files' bytes are left empty here.
   */
  handOverBytes?: boolean;
}

/**
 * Reads pages with `readPage` on several threads and returns the results in
 * input order, exactly as `readPages(files)` would. The calling thread takes
 * one share; each other share goes to a worker. Shares are contiguous runs
 * of similar byte size, so results are reassembled without sorting.
 * The workers' results share one copy of each distinct string (see
 * `intern.ts`), as pages read on one thread would.
 */
export async function parallelParse(files: readonly DocFile[], options: ParallelOptions = {}): Promise<ParsedPage[]> {
  const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), files.length));
  if (threads === 1 || total < (options.minBytes ?? PARALLEL_MIN_BYTES)) return readPages(files);
  const shares = splitByBytes(files, threads, total);
  const [own, ...others] = shares;
  const interner = new StringInterner();
  const movable = options.handOverBytes === true ? buffersHeldByOneShare(shares) : new Set<ArrayBuffer>();
  const workers = others.map((share) => runWorker(share, interner, share.flatMap(({ bytes }) => (movable.has(bytes.buffer as ArrayBuffer) ? [bytes.buffer as ArrayBuffer] : []))));
  const ownPages = await readPages(own ?? []);
  for (const page of ownPages) interner.internAll(page);
  const results = [ownPages, ...(await Promise.all(workers))];
  return results.flat();
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

/**
 * The buffers that hold exactly one file's bytes, and no other share's: a
 * small file's bytes may sit in a pooled buffer with other files' (or
 * other data's), and moving that buffer would empty them too.
 */
function buffersHeldByOneShare(shares: readonly (readonly DocFile[])[]): Set<ArrayBuffer> {
  const holders = new Map<ArrayBufferLike, number>();
  for (const share of shares) for (const { bytes } of share) holders.set(bytes.buffer, (holders.get(bytes.buffer) ?? 0) + 1);
  const movable = new Set<ArrayBuffer>();
  for (const share of shares) {
    for (const { bytes } of share) {
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      if (whole && bytes.buffer instanceof ArrayBuffer && holders.get(bytes.buffer) === 1) movable.add(bytes.buffer);
    }
  }
  return movable;
}

/** What a worker posts: a batch of results, in order, then `done`. */
export type WorkerMessage = { pages: ParsedPage[] } | { done: true };

/** Pages a worker reads before handing their results over: it never holds more than a batch of results. */
export const WORKER_BATCH_PAGES = 64;

function runWorker(files: DocFile[], interner: StringInterner, transferList: ArrayBuffer[]): Promise<ParsedPage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: files, transferList });
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
