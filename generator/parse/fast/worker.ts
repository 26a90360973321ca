import { parentPort, workerData } from 'node:worker_threads';
import type { DocFile } from '../page.js';
import { readPages } from './index.js';
import { WORKER_BATCH_PAGES, type WorkerMessage } from './parallel.js';

// One share of `parallelParse`: read the pages handed over, post the results back in order, a batch at a time.
// Each batch is taken out of the list before it is read, so that this thread holds no file whose page it has read.
const files = workerData as DocFile[];
while (files.length > 0) {
  const message: WorkerMessage = { pages: await readPages(files.splice(0, WORKER_BATCH_PAGES)) };
  parentPort?.postMessage(message);
}
parentPort?.postMessage({ done: true } satisfies WorkerMessage);
