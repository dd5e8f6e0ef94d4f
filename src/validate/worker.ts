// A worker thread of `validate`: compiles the plan's validators (each on first use) and checks
// the batches the main thread sends, in the order they come.
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker, type Batch } from './check.js';
import type { Plan } from './plan.js';

const check = createChecker(workerData as Plan);
parentPort!.on('message', ({ id, batch }: { id: number; batch: Batch }) => {
  const result = check(batch);
  const buffer = batch.bytes.buffer as ArrayBuffer;
  const transfer = result.ids.buffer === buffer ? [buffer] : [buffer, result.ids.buffer as ArrayBuffer];
  parentPort!.postMessage({ id, result, buffer }, transfer);
});
