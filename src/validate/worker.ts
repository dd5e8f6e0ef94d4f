// A worker thread of `validate`: compiles the plan's validators (each on first use) and checks
// the batches the main thread sends, in the order they come.
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker, type Batch } from './check.js';
import type { Plan } from './plan.js';
import { setSmallYoungGeneration } from './young.js';

const { plan, smallYoungGeneration } = workerData as { plan: Plan; smallYoungGeneration: boolean };
// For the whole process, main thread included: V8 set the flag back when it made this thread's
// heap (see young.ts). This thread's own young generation is bounded by its resource limits
// (run.ts: workerLimits).
if (smallYoungGeneration) setSmallYoungGeneration(true);
const check = createChecker(plan);
parentPort!.on('message', ({ id, batch }: { id: number; batch: Batch }) => {
  const result = check(batch);
  const buffer = batch.bytes.buffer as ArrayBuffer;
  const transfer = result.ids.buffer === buffer ? [buffer] : [buffer, result.ids.buffer as ArrayBuffer];
  parentPort!.postMessage({ id, result, buffer }, transfer);
});
