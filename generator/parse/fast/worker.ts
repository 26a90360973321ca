import { parentPort, workerData } from 'node:worker_threads';
import type { DocFile } from '../page.js';
import { readPages } from './index.js';

// One share of `parallelParse`: read the pages handed over, post the results back in order.
const pages = await readPages(workerData as DocFile[]);
parentPort?.postMessage(pages);
