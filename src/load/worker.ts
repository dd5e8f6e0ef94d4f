// A worker thread of inParallel: runs one task over its share of files and sends the results back.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileRef } from './registry.js';
import { tasks } from './tasks.js';

const { task, refs } = workerData as { task: keyof typeof tasks; refs: FileRef[] };
parentPort!.postMessage(refs.map((r) => tasks[task](r)));
