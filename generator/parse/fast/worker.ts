import { parentPort, workerData } from 'node:worker_threads';
import type { DocFile } from '../page.js';
import { readPages } from './index.js';
import { WORKER_BATCH_PAGES, type WorkerMessage } from './parallel.js';

// One share of `parallelParse`: read the pages handed over, post the results back in order, a batch at a time.
const files = workerData as DocFile[];
for (let start = 0; start < files.length; start += WORKER_BATCH_PAGES) {
  const message: WorkerMessage = { pages: await readPages(files.slice(start, start + WORKER_BATCH_PAGES)) };
  parentPort?.postMessage(message);
}
parentPort?.postMessage({ done: true } satisfies WorkerMessage);
