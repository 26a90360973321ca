import { parentPort, workerData } from 'node:worker_threads';
import type { DocFile } from '../page.js';
import { readPages } from './index.js';
import { WORKER_BATCH_PAGES, type WorkerMessage } from './parallel.js';

const EMPTY_FILE: DocFile = { path: '', bytes: new Uint8Array(0) };

// One share of `parallelParse`: read the pages handed over, post the results back in order, a batch at a time.
const files = workerData as DocFile[];
for (let start = 0; start < files.length; start += WORKER_BATCH_PAGES) {
  const batch = files.slice(start, start + WORKER_BATCH_PAGES);
  // Read pages' bytes are not needed again: let them go as the share is read, not when it is done.
  files.fill(EMPTY_FILE, start, start + batch.length);
  const message: WorkerMessage = { pages: await readPages(batch) };
  parentPort?.postMessage(message);
}
parentPort?.postMessage({ done: true } satisfies WorkerMessage);
