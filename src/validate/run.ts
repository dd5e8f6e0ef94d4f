// Streams NDJSON inputs through the checker and merges what it finds, in line order.
//
// The main thread only reads and cuts the input into batches of whole lines; parsing and
// validating happen in the checker, here or, once an input proves large, in worker threads.
// At most a few batches are in flight, so memory stays flat however large the input is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { createChecker, ID_WORDS, VALID, type Batch, type BatchResult, type Finding } from './check.js';
import { IdSet } from './ids.js';
import type { Plan } from './plan.js';

export interface Input {
  /** As the user named it; `-` is standard input. */
  name: string;
  open(): Readable;
  /** Bytes, when known (files): for the progress bar. */
  size?: number;
}

export interface Reported extends Finding { file: string }

export interface EventCount { name: string; valid: number; invalid: number; warnings: number }

export interface Summary {
  lines: number;
  valid: number;
  invalid: number;
  warnings: number;
  /** Every event of the plan seen at least once, then names that are no event (`null`: no name). */
  events: EventCount[];
  /** Where reading stopped because of --max-errors. */
  stopped?: { file: string; line: number };
  /** How many ids were held when the id table filled up (repeats were checked up to that many). */
  idLimit?: number;
}

export interface RunOptions {
  /** Worker threads to use once the input passes `parallelAfter` bytes; 1 checks in this thread. */
  jobs: number;
  parallelAfter?: number;
  maxErrors?: number;
  /** Bytes read so far, for a progress bar. */
  progress?: (bytes: number) => void;
  /** Table slots for event ids (3 words each); see IdSet. */
  idSlots?: number;
}

const BATCH_BYTES = 1 << 20;
/** A line longer than this is reported and skipped rather than held in memory. */
export const MAX_LINE_BYTES = 64 << 20;
/** Distinct names that are no event, counted one by one; the rest are counted together. */
const MAX_UNKNOWN_NAMES = 1000;

export class InputError extends Error {}

interface Pool { run(batch: Batch): Promise<BatchResult>; close(): Promise<void> }

function localPool(plan: Plan): Pool {
  const check = createChecker(plan);
  return { run: async (batch) => check(batch), close: async () => {} };
}

function workerPool(plan: Plan, n: number): Pool {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.js');
  const waiting = new Map<number, { resolve(r: BatchResult): void; reject(e: Error): void }>();
  let next = 0;
  const workers = Array.from({ length: n }, () => {
    // A small young generation: each worker's garbage is short-lived (a line's objects), and the
    // default (16 MB semi-spaces) raised the peak of two workers over 1 M lines from 349 to 512 MB.
    const w = new Worker(script, { workerData: plan, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    w.on('message', ({ id, result }: { id: number; result: BatchResult }) => {
      const p = waiting.get(id)!;
      waiting.delete(id);
      p.resolve(result);
    });
    w.on('error', (e) => { for (const p of waiting.values()) p.reject(e); waiting.clear(); });
    return w;
  });
  return {
    run(batch) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Batches go round: each worker's queue stays as long as the others'.
        workers[id % n]!.postMessage({ id, batch });
      });
    },
    async close() { await Promise.all(workers.map((w) => w.terminate())); },
  };
}

/**
 * The input's bytes, gunzipped when they start like gzip (files and standard input alike).
 * `onRead` counts the bytes as read, compressed or not, to compare with the file's size.
 */
async function* bytesOf(input: Input, onRead: (n: number) => void): AsyncGenerator<Buffer> {
  const source = input.open();
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const read = async (): Promise<IteratorResult<Buffer>> => {
    const r = await it.next();
    if (!r.done) onRead(r.value.length);
    return r;
  };
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const r = await read();
    if (r.done) break;
    head = Buffer.concat([head, r.value]);
  }
  const rest = async function* (): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    for (let r = await read(); !r.done; r = await read()) yield r.value;
  };
  if (head[0] === 0x1f && head[1] === 0x8b) yield* Readable.from(rest()).pipe(zlib.createGunzip()) as AsyncIterable<Buffer>;
  else yield* rest();
}

/** Batches of whole lines (about BATCH_BYTES each), and a `tooLong` mark for each line skipped. */
async function* batchesOf(input: Input, onRead: (n: number) => void): AsyncGenerator<Batch | 'tooLong'> {
  let parts: Buffer[] = [];
  let pending = 0;
  let first = true;
  let skipping = false;
  const take = (bytes: Buffer): Batch => {
    const b = { bytes, first, unterminated: false };
    first = false;
    return b;
  };
  for await (const chunk of bytesOf(input, onRead)) {
    let data = chunk;
    if (skipping) {
      const nl = data.indexOf(10);
      if (nl === -1) continue;
      skipping = false;
      data = data.subarray(nl + 1);
    }
    const nl = data.lastIndexOf(10);
    if (nl === -1) {
      parts.push(data);
      pending += data.length;
    } else {
      parts.push(data.subarray(0, nl + 1));
      pending += nl + 1;
      if (pending >= BATCH_BYTES) {
        yield take(Buffer.concat(parts, pending));
        parts = [];
        pending = 0;
      }
      parts.push(data.subarray(nl + 1));
      pending += data.length - nl - 1;
      continue;
    }
    // No newline in this chunk: one line is growing. Past the limit, it is reported and dropped.
    if (pending > MAX_LINE_BYTES) {
      const whole = Buffer.concat(parts, pending);
      const start = whole.lastIndexOf(10) + 1;
      if (start > 0) yield take(whole.subarray(0, start));
      first = false;
      yield 'tooLong';
      parts = [];
      pending = 0;
      skipping = true;
    }
  }
  if (pending) {
    const rest = Buffer.concat(parts, pending);
    const b = take(rest);
    b.unterminated = rest[rest.length - 1] !== 10;
    yield b;
  }
}

export async function validateStream(plan: Plan, inputs: Input[], opts: RunOptions, report: (f: Reported) => void): Promise<Summary> {
  const parallelAfter = opts.parallelAfter ?? 16 << 20;
  const local = localPool(plan);
  let pool = local;
  let remote: Pool | undefined;
  // Inputs known to be large go to the workers from the first line, so that this thread does not
  // compile validators the workers compile again; standard input switches once it proves large.
  const known = inputs.reduce((sum, i) => sum + (i.size ?? Infinity), 0);
  if (opts.jobs > 1 && Number.isFinite(known) && known > parallelAfter) pool = remote = workerPool(plan, opts.jobs);
  const ids = new IdSet(opts.idSlots);
  const counts = new Float64Array(plan.events.length * 3);
  const unknown = new Map<string, number>();
  const warned = new Set<number>();
  // Lines across all inputs are numbered on (ordinals) for the id table; `starts` maps them back.
  const starts: Array<{ file: string; ordinal: number }> = [];
  let ordinal = 0;
  let read = 0; // as read from the inputs, for the progress bar
  let bytes = 0; // as checked (after gunzip), to decide when to start workers
  let errors = 0;
  let warnings = 0;
  let stopped: Summary['stopped'];
  const lineOf = (n: number): { file: string; line: number } => {
    let k = starts.length - 1;
    while (starts[k]!.ordinal >= n) k--;
    return { file: starts[k]!.file, line: n - starts[k]!.ordinal };
  };

  const emit = (f: Reported): void => {
    if (stopped) return;
    if (f.severity === 'error') errors++;
    else warnings++;
    report(f);
    if (f.severity === 'error' && opts.maxErrors !== undefined && errors >= opts.maxErrors) stopped = { file: f.file, line: f.line };
  };

  const merge = (r: BatchResult, file: string): void => {
    const base = ordinal - starts[starts.length - 1]!.ordinal;
    const found: Reported[] = r.findings.map((f) => ({ ...f, line: base + f.line, file }));
    for (const [i, line] of r.deprecated) {
      if (warned.has(i)) continue;
      warned.add(i);
      const e = plan.events[i]!;
      found.push({ line: base + line, file, event_name: e.name, path: 'event_name', severity: 'warning',
        message: `\`${e.name}\` is deprecated${e.replacedBy ? `: send \`${e.replacedBy}\` instead` : ''}. Its other lines are counted in the summary.` });
    }
    for (let at = 0; at < r.ids.length; at += ID_WORDS) {
      const line = r.ids[at + 2]!;
      const first = ids.seen(r.ids[at]!, r.ids[at + 1]!, ordinal + line);
      if (!first) continue;
      const flags = r.ids[at + 3]!;
      const event = (flags & ~VALID) - 1;
      if (flags & VALID) { counts[event * 3]!--; counts[event * 3 + 1]!++; }
      const where = lineOf(first);
      found.push({ line: base + line, file, event_name: event >= 0 ? plan.events[event]!.name : null, path: 'event_id', severity: 'error',
        message: `The event_id repeats line ${where.line}${where.file === file ? '' : ` of ${where.file}`}: events are recorded once, each with its own id.` });
    }
    if (found.length > r.findings.length) found.sort((a, b) => a.line - b.line); // stable: a line's findings keep their order
    for (const f of found) emit(f);
    for (let k = 0; k < r.counts.length; k++) counts[k]! += r.counts[k]!;
    for (const [name, n] of Object.entries(r.unknown)) {
      const key = unknown.has(name) || unknown.size < MAX_UNKNOWN_NAMES ? name : '(other names)';
      unknown.set(key, (unknown.get(key) ?? 0) + n);
    }
    ordinal += r.lines;
  };

  const inFlight: Array<{ result: Promise<BatchResult>; file: string }> = [];
  const settle = async (): Promise<void> => {
    const next = inFlight.shift()!;
    merge(await next.result, next.file);
  };
  try {
    for (const input of inputs) {
      starts.push({ file: input.name, ordinal });
      let stream: AsyncGenerator<Batch | 'tooLong'>;
      try {
        stream = batchesOf(input, (n) => { read += n; opts.progress?.(read); });
        for await (const batch of stream) {
          if (stopped) break;
          if (batch === 'tooLong') {
            inFlight.push({ file: input.name, result: Promise.resolve({ lines: 1, findings: [{ line: 1, event_name: null, path: '', severity: 'error', message: `The line is longer than ${MAX_LINE_BYTES >> 20} MB; it was skipped.` }], ids: new Uint32Array(0), counts: new Uint32Array(0), unknown: {}, deprecated: [] }) });
          } else {
            if (!remote && opts.jobs > 1 && (bytes += batch.bytes.length) > parallelAfter) pool = remote = workerPool(plan, opts.jobs);
            inFlight.push({ file: input.name, result: pool.run(batch) });
          }
          while (inFlight.length > Math.max(2, opts.jobs * 2)) await settle();
        }
        while (inFlight.length && !stopped) await settle();
      } catch (e) {
        // File system and gzip errors carry a code; anything else is a bug, not the input's fault.
        const err = e as NodeJS.ErrnoException;
        if (typeof err.code !== 'string') throw e;
        const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.code === 'EACCES' ? 'permission denied'
          : err.code.startsWith('Z_') ? `it is not valid gzip data (${err.message})` : err.message;
        throw new InputError(`cannot read ${input.name}: ${why}.`);
      }
      if (stopped) break;
    }
  } finally {
    inFlight.length = 0;
    await remote?.close();
    await local.close();
  }
  const events: EventCount[] = [];
  plan.events.forEach((e, i) => {
    const [valid, invalid, warn] = [counts[i * 3]!, counts[i * 3 + 1]!, counts[i * 3 + 2]!];
    if (valid + invalid) events.push({ name: e.name, valid, invalid, warnings: warn });
  });
  for (const [name, n] of [...unknown].sort(([a], [b]) => (a < b ? -1 : 1))) events.push({ name, valid: 0, invalid: n, warnings: 0 });
  const valid = events.reduce((s, e) => s + e.valid, 0);
  const deprecatedLines = events.reduce((s, e) => s + e.warnings, 0);
  return {
    lines: ordinal,
    valid,
    invalid: ordinal - valid,
    warnings: deprecatedLines + (ids.full ? 1 : 0),
    events,
    ...(stopped ? { stopped } : {}),
    ...(ids.full ? { idLimit: ids.count } : {}),
  };
}

export function fileInput(file: string, cwd: string): Input {
  if (file === '-') return { name: '-', open: () => process.stdin };
  const abs = path.resolve(cwd, file);
  let size: number | undefined;
  try { size = fs.statSync(abs).size; } catch { /* reported when opened */ }
  return { name: file, open: () => fs.createReadStream(abs, { highWaterMark: BATCH_BYTES }), ...(size !== undefined ? { size } : {}) };
}

export const defaultJobs = (): number => Math.min(os.availableParallelism(), 8);
