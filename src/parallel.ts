// Runs a task over a list on every core: the per-file work of lint and build, and compiling
// events. Every thread, this one included, takes the next chunk of items from a shared counter
// until none is left; results come back in the list's order. This thread starts at once rather
// than wait for the workers to start, and a thread slowed by other work on the machine simply
// takes fewer chunks (fixed shares made the slowest thread's share the run's time: up to twice
// as long on a loaded machine).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A module of tasks: plain functions of an item (and a context every thread gets a copy of) to serialisable data. */
export type Tasks = Record<string, (item: never, context: never) => unknown>;

/** Items a thread takes at a time: few enough that no thread is left with much to do at the end. */
const CHUNK = 32;

/**
 * `tasks[task]` over `items`, in order, with `module` the URL of the module that exports
 * `tasks` (workers import it). Below `threshold` items, or on one core, all here.
 */
export async function runParallel<T>(module: string, task: string, items: readonly unknown[], context: unknown, threshold: number): Promise<T[]> {
  const { tasks } = await import(module) as { tasks: Record<string, (item: unknown, context: unknown) => T | Promise<T>> };
  const run = tasks[task]!;
  const cores = Math.min(os.availableParallelism(), 8);
  const out = new Array<T>(items.length);
  if (items.length < threshold || cores < 2) {
    for (let i = 0; i < items.length; i++) out[i] = await run(items[i], context);
    return out;
  }
  const chunks = Math.ceil(items.length / CHUNK);
  const next = new Int32Array(new SharedArrayBuffer(4));
  let filled = 0;
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'parallel-worker.js');
  const workers: Worker[] = [];
  const remote = new Promise<void>((resolve, reject) => {
    for (let w = 1; w < cores; w++) {
      const worker = new Worker(script, { workerData: { module, task, items, context, next, chunk: CHUNK } });
      worker.on('message', ({ chunk, results }: { chunk: number; results: T[] }) => {
        for (let k = 0; k < results.length; k++) out[chunk * CHUNK + k] = results[k]!;
        if ((filled += results.length) === items.length) resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => { if (code !== 0 && filled < items.length) reject(new Error(`a worker thread stopped (exit code ${code}) before its work was done`)); });
      workers.push(worker);
    }
  });
  remote.catch(() => {}); // awaited below only while chunks are missing
  try {
    for (let c = Atomics.add(next, 0, 1); c < chunks; c = Atomics.add(next, 0, 1)) {
      const end = Math.min(items.length, (c + 1) * CHUNK);
      for (let i = c * CHUNK; i < end; i++) out[i] = await run(items[i], context);
      filled += end - c * CHUNK;
    }
    if (filled < items.length) await remote;
  } finally {
    for (const w of workers) void w.terminate();
  }
  return out;
}
