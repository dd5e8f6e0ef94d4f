// A worker thread of runParallel: takes chunks of items from the shared counter until none is
// left, and sends each chunk's results back as it is done.
import { parentPort, workerData } from 'node:worker_threads';

const { module, task, items, context, next, chunk } = workerData as { module: string; task: string; items: unknown[]; context: unknown; next: Int32Array; chunk: number };
const { tasks } = await import(module) as { tasks: Record<string, (item: unknown, context: unknown) => unknown> };
const run = tasks[task]!;
const chunks = Math.ceil(items.length / chunk);
for (let c = Atomics.add(next, 0, 1); c < chunks; c = Atomics.add(next, 0, 1)) {
  const results: unknown[] = [];
  for (const item of items.slice(c * chunk, (c + 1) * chunk)) results.push(await run(item, context));
  parentPort!.postMessage({ chunk: c, results });
}
