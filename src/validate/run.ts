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
import { createChecker, ID_WORDS, OUTCOME_VALID, OUTCOME_WARNED, VALID, type Batch, type BatchResult, type CheckBatch, type Finding } from './check.js';
import { IdSet } from './ids.js';
import type { Plan } from './plan.js';
import { setSmallYoungGeneration } from './young.js';

export interface Input {
  /** As the user named it; `-` is standard input. */
  name: string;
  /** A file to read directly into the batch buffers (`open` is then used only for gzip). */
  path?: string;
  open(): Readable;
  /** Bytes, when known (files): for the progress bar. */
  size?: number;
}

export interface Reported extends Finding { file: string }

/** `name` null: the lines with no (string) event_name. */
export interface EventCount { name: string | null; valid: number; invalid: number; warnings: number }

export interface Summary {
  lines: number;
  valid: number;
  invalid: number;
  warnings: number;
  /** Every event of the plan seen at least once, then names that are no event, then (`null`) lines with no name. */
  events: EventCount[];
  /** Where reading stopped because of --max-errors. */
  stopped?: { file: string; line: number };
  /** How many ids were held when the id table filled up (repeats were checked up to that many). */
  idLimit?: number;
}

export interface RunOptions {
  /** Worker threads that check lines once the input passes `parallelAfter` bytes (before that, this thread does); 1: none. */
  jobs: number;
  parallelAfter?: number;
  maxErrors?: number;
  /** Bytes read so far, for a progress bar. */
  progress?: (bytes: number) => void;
  /** Table slots for event ids (3 words each); see IdSet. */
  idSlots?: number;
  /**
   * Keep V8's young generations at their initial size, in this thread and the workers, unless
   * this thread checks every line itself (see young.ts). The flag is the whole process's: the
   * CLI sets this; a program that embeds validate decides for itself.
   */
  smallYoungGeneration?: boolean;
  /** Stops reading when aborted (the output went away): validateStream then throws the signal's reason. */
  signal?: AbortSignal;
}

/** A batch is a buffer's worth of whole lines; the part line at its end moves to the next buffer. */
const BUFFER_BYTES = 1 << 20;
/** A line longer than this is reported and skipped rather than held in memory. */
export const MAX_LINE_BYTES = 64 << 20;
/** Distinct names that are no event, counted one by one; the rest are counted together. */
const MAX_UNKNOWN_NAMES = 1000;

export class InputError extends Error {}

/** Checks a batch; the batch's buffer comes back with the result, to be filled again. */
interface Pool { run(batch: Batch): Promise<{ result: BatchResult; buffer: ArrayBuffer }>; close(): Promise<void> }

function localPool(plan: Plan): Pool {
  // Made on first use: an input known to be large goes to the workers from its first line.
  let check: CheckBatch | undefined;
  // The check runs a turn later: by then the caller has asked for the next batch, so the file is
  // read (by libuv's threads) while this one is checked, rather than before.
  return {
    run: (batch) => Promise.resolve().then(() => ({ result: (check ??= createChecker(plan))(batch), buffer: batch.bytes.buffer as ArrayBuffer })),
    close: async () => {},
  };
}

/**
 * How big each worker's heap may grow. Parsing JSON leaves V8 short-lived hidden classes in its
 * old generation (objects nested in properties; lines decided on their original text); left to
 * its own heuristics a heap lets them pile up to several times what is alive before collecting
 * (before properties were read as arrays, a run over 1,000,000 lines peaked at 250-340 MB in one
 * thread). A worker's old generation is capped at what the plan needs with room to spare, and
 * its young generation is 3 MB (1 MB halves, as young.ts keeps the main thread's): each line's
 * objects die young. (A worker starts with its young generation at this bound.)
 */
export function workerLimits(plan: Plan): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  // The validators' source (Plan.code) is left out: what it compiles to is less than the Ajv
  // structures the bound was measured with.
  const planMb = JSON.stringify({ ...plan, code: undefined }).length / 2 ** 20;
  return { maxOldGenerationSizeMb: Math.ceil(48 + 16 * planMb), maxYoungGenerationSizeMb: 3 };
}

function workerPool(plan: Plan, n: number, smallYoungGeneration: boolean): Pool {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.js');
  const waiting = new Map<number, { resolve(r: { result: BatchResult; buffer: ArrayBuffer }): void; reject(e: Error): void }>();
  let next = 0;
  const resourceLimits = workerLimits(plan);
  const workers = Array.from({ length: n }, () => {
    const w = new Worker(script, { workerData: { plan, smallYoungGeneration }, resourceLimits });
    w.on('message', ({ id, result, buffer }: { id: number; result: BatchResult; buffer: ArrayBuffer }) => {
      const p = waiting.get(id);
      waiting.delete(id);
      p?.resolve({ result, buffer }); // none: rejected already, when another worker failed
    });
    const fail = (e: Error): void => { for (const p of waiting.values()) p.reject(e); waiting.clear(); };
    w.on('error', fail);
    w.on('exit', () => fail(new Error('a worker thread stopped before it checked every batch it was given')));
    return w;
  });
  return {
    run(batch) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Batches go round: each worker's queue stays as long as the others'. The buffer is
        // handed over, not copied, and comes back with the result.
        workers[id % n]!.postMessage({ id, batch }, [batch.bytes.buffer as ArrayBuffer]);
      });
    },
    async close() { await Promise.all(workers.map((w) => w.terminate())); },
  };
}

/**
 * Worker threads, and this thread once one of them runs out of its bounded heap (workerLimits
 * guesses what a plan needs; the validators of an object of thousands of properties take more):
 * the batches the workers held are checked here from copies, and so is every later one. The
 * copies are what that costs: a megabyte copied per batch, a few in flight.
 */
function withFallback(remote: Pool, local: Pool, buffers: Buffers): Pool {
  let failed = false;
  return {
    run(batch) {
      if (failed) return local.run(batch);
      const copy = new Uint8Array(buffers.take(), 0, batch.bytes.length);
      copy.set(batch.bytes);
      return remote.run(batch).then((r) => { buffers.give(copy.buffer as ArrayBuffer); return r; }, (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') throw e;
        if (!failed) { failed = true; void remote.close(); }
        return local.run({ ...batch, bytes: copy });
      });
    },
    close: () => remote.close(),
  };
}

/**
 * The input's bytes, gunzipped when they start like gzip (files and standard input alike).
 * `onRead` counts the bytes as read, compressed or not, to compare with the file's size.
 */
export async function* bytesOf(input: Input, onRead: (n: number) => void = () => {}): AsyncGenerator<Buffer> {
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
  if (isGzip(head)) yield* Readable.from(rest()).pipe(zlib.createGunzip()) as AsyncIterable<Buffer>;
  else yield* rest();
}

/** Whether bytes that start a file are gzip's magic number. */
export const isGzip = (head: Uint8Array): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** Where batches come from: reads up to `into.length` bytes into `into`; 0 at the end. */
type Source = (into: Uint8Array) => Promise<number>;

/** A plain file is read straight into the batch buffers; gzip and standard input come as a stream. */
async function sourceOf(input: Input, onRead: (n: number) => void): Promise<{ read: Source; close(): Promise<void> }> {
  if (input.path !== undefined) {
    const file = await fs.promises.open(input.path);
    const head = Buffer.alloc(2);
    const gzip = isGzip(head.subarray(0, (await file.read(head, 0, 2, 0)).bytesRead));
    if (!gzip) {
      return {
        read: async (into) => {
          const { bytesRead } = await file.read(into, 0, into.length, null);
          onRead(bytesRead);
          return bytesRead;
        },
        close: () => file.close(),
      };
    }
    await file.close();
  }
  const it = bytesOf(input, onRead)[Symbol.asyncIterator]();
  let chunk: Buffer | undefined;
  return {
    async read(into) {
      while (!chunk?.length) {
        const r = await it.next();
        if (r.done) return 0;
        chunk = r.value;
      }
      const n = Math.min(into.length, chunk.length);
      into.set(chunk.subarray(0, n));
      chunk = chunk.subarray(n);
      return n;
    },
    close: async () => { await it.return?.(undefined); },
  };
}

/**
 * Fixed-size buffers that batches are read into and that come back once checked, so reading
 * allocates nothing per batch (each new buffer would be a megabyte V8 frees only when it gets to
 * collecting its wrapper). At most `in flight + 2` exist: one being filled, one for its tail.
 */
class Buffers {
  private free: ArrayBuffer[] = [];
  take(): ArrayBuffer { return this.free.pop() ?? new ArrayBuffer(BUFFER_BYTES); }
  give(b: ArrayBuffer): void { if (b.byteLength === BUFFER_BYTES) this.free.push(b); }
}

/** Batches of whole lines (a buffer's worth each), and a `tooLong` mark for each line skipped. */
/** A batch, `alone` when it is one line longer than a buffer (checked in this thread: see validateStream). */
type Read = Batch & { alone?: true };

async function* batchesOf(input: Input, buffers: Buffers, onRead: (n: number) => void, outcomes: boolean): AsyncGenerator<Read | 'tooLong'> {
  const source = await sourceOf(input, onRead);
  let buf = new Uint8Array(buffers.take());
  let filled = 0;
  let first = true;
  let done = false;
  const batch = (bytes: Uint8Array, unterminated = false): Batch => {
    const b = { bytes, first, unterminated, reusable: true, outcomes };
    first = false;
    return b;
  };
  try {
    while (!done) {
      while (filled < buf.length) {
        const n = await source.read(buf.subarray(filled));
        if (n === 0) { done = true; break; }
        filled += n;
      }
      const end = done ? filled : buf.subarray(0, filled).lastIndexOf(10) + 1;
      if (end > 0 || done) {
        const next = new Uint8Array(buffers.take());
        next.set(buf.subarray(end, filled));
        if (end > 0) yield batch(buf.subarray(0, end), buf[end - 1] !== 10);
        else buffers.give(buf.buffer as ArrayBuffer);
        [buf, filled] = [next, filled - end];
        continue;
      }
      // A line longer than a buffer: gathered apart, or skipped once past MAX_LINE_BYTES.
      const parts = [buf.slice()];
      let length = filled;
      filled = 0;
      for (;;) {
        const n = await source.read(buf);
        if (n === 0) { done = true; break; }
        const nl = buf.subarray(0, n).indexOf(10);
        const take = nl < 0 ? n : nl + 1;
        length += take;
        if (length <= MAX_LINE_BYTES) parts.push(buf.slice(0, take));
        else parts.length = 0;
        if (nl >= 0) { buf.copyWithin(0, take, n); filled = n - take; break; }
      }
      if (length > MAX_LINE_BYTES) {
        first = false;
        yield 'tooLong';
        continue;
      }
      const line = new Uint8Array(length);
      let at = 0;
      for (const p of parts) { line.set(p, at); at += p.length; }
      yield { ...batch(line, line[length - 1] !== 10), alone: true };
    }
    buffers.give(buf.buffer as ArrayBuffer);
  } finally {
    await source.close();
  }
}

export async function validateStream(plan: Plan, inputs: Input[], opts: RunOptions, report: (f: Reported) => void): Promise<Summary> {
  const parallelAfter = opts.parallelAfter ?? 16 << 20;
  const local = localPool(plan);
  let pool = local;
  let remote: Pool | undefined;
  const buffers = new Buffers();
  const workers = (): Pool => withFallback((remote = workerPool(plan, opts.jobs, opts.smallYoungGeneration ?? false)), local, buffers);
  // Inputs known to be large go to the workers from the first line, so that this thread does not
  // compile validators the workers compile again; standard input switches once it proves large.
  const known = inputs.reduce((sum, i) => sum + (i.size ?? Infinity), 0);
  if (opts.smallYoungGeneration) setSmallYoungGeneration(opts.jobs > 1 && known > parallelAfter);
  if (opts.jobs > 1 && Number.isFinite(known) && known > parallelAfter) pool = workers();
  const ids = new IdSet(opts.idSlots);
  let firstBytes: number | undefined; // of the first batch, to size the id table (see merge)
  const counts = new Float64Array(plan.events.length * 3);
  const unknown = new Map<string, number>();
  let nameless = 0;
  const warned = new Set<number>();
  const warnedAliases = new Set<number>(); // event index * aliases + alias id
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
        message: e.aliasOf !== undefined
          ? `\`${e.name}\` is an old name (alias) of \`${e.aliasOf}\`: the line was checked as \`${e.aliasOf}\`; send \`${e.aliasOf}\` in new code. Its other lines are counted in the summary.`
          : `\`${e.name}\` is deprecated${e.replacedBy ? `: send \`${e.replacedBy}\` instead` : ''}. Its other lines are counted in the summary.` });
    }
    for (const [i, id, line, at] of r.aliased) {
      const key = i * plan.aliases.length + id;
      if (warnedAliases.has(key)) continue;
      warnedAliases.add(key);
      const [alias, property] = plan.aliases[id]!;
      found.push({ line: base + line, file, event_name: plan.events[i]!.name, path: at, severity: 'warning',
        message: `\`${alias}\` is an old name (alias) of the property \`${property}\`: it was checked as \`${property}\`; send \`${property}\` in new code. Other lines that send it are counted in the summary.` });
    }
    // Valid lines whose id repeats: invalid after all (counted once it is known how many lines count).
    const repeated: Array<[line: number, event: number]> = [];
    for (let at = 0; at < r.ids.length; at += ID_WORDS) {
      const line = r.ids[at + 2]!;
      const first = ids.seen(r.ids[at]! | 0, r.ids[at + 1]! | 0, ordinal + line);
      if (!first) continue;
      const flags = r.ids[at + 3]!;
      const event = (flags & ~VALID) - 1;
      if (flags & VALID) repeated.push([line, event]);
      const where = lineOf(first);
      found.push({ line: base + line, file, event_name: event >= 0 ? plan.events[event]!.name : null, path: 'event_id', severity: 'error',
        message: `The event_id repeats line ${where.line}${where.file === file ? '' : ` of ${where.file}`}: events are recorded once, each with its own id.` });
    }
    if (found.length > r.findings.length) found.sort((a, b) => a.line - b.line); // stable: a line's findings keep their order
    for (const f of found) { emit(f); if (stopped) break; }
    // Stopped in this batch (--max-errors): only its lines up to the stop were checked, as far as the summary goes.
    const lines = stopped ? stopped.line - base : r.lines;
    if (lines === r.lines) {
      for (let k = 0; k < r.counts.length; k += 4) {
        const e = r.counts[k]! * 3;
        counts[e]! += r.counts[k + 1]!; counts[e + 1]! += r.counts[k + 2]!; counts[e + 2]! += r.counts[k + 3]!;
      }
      for (const [name, n] of Object.entries(r.unknown)) countUnknown(name, n);
      nameless += r.nameless;
    } else {
      const { lines: outcome, unknown: names } = r.outcomes!;
      for (let k = 0; k < lines; k++) {
        const o = outcome[k]!;
        if (o === 0) continue;
        const e = (o & ~OUTCOME_VALID & ~OUTCOME_WARNED) - 1;
        counts[e * 3 + (o & OUTCOME_VALID ? 0 : 1)]!++;
        if (o & OUTCOME_WARNED) counts[e * 3 + 2]!++;
      }
      for (const [line, name] of names) {
        if (line > lines) break;
        if (name === null) nameless++;
        else countUnknown(name, 1);
      }
    }
    for (const [line, e] of repeated) if (line <= lines) { counts[e * 3]!--; counts[e * 3 + 1]!++; }
    ordinal += lines;
    // Once the first batch says how long lines are, a table for the whole input (when its size
    // is known): growing step by step would hold the old table and the new at once, the run's
    // peak (28 MB at 750,000 ids).
    if (firstBytes !== undefined && Number.isFinite(known) && r.lines > 0) ids.reserve(Math.ceil((known / firstBytes) * r.lines));
    firstBytes = undefined;
  };
  const countUnknown = (name: string, n: number): void => {
    const key = unknown.has(name) || unknown.size < MAX_UNKNOWN_NAMES ? name : '(other names)';
    unknown.set(key, (unknown.get(key) ?? 0) + n);
  };

  /** Checks in flight, in line order; `length` and `unterminated` of a batch whose lines may come back unchecked (BatchResult.rest). */
  const inFlight: Array<{ result: Promise<{ result: BatchResult; buffer?: ArrayBuffer }>; file: string; length?: number; unterminated?: boolean }> = [];
  const send = (batch: Batch, file: string, to: Pool): (typeof inFlight)[number] => {
    const length = batch.bytes.length; // before a worker takes the buffer
    const result = to.run(batch);
    // Awaited in turn by settle; until then a failure must not go unhandled (a crash, whichever comes first).
    result.catch(() => {});
    return { file, result, length, unterminated: batch.unterminated };
  };
  const settle = async (): Promise<void> => {
    const next = inFlight.shift()!;
    const { result, buffer } = await next.result;
    // Past a stop (--max-errors), batches read ahead are dropped: the summary counts the lines checked up to it.
    if (!stopped) merge(result, next.file);
    if (result.rest !== undefined && !stopped && buffer && next.length !== undefined) {
      // The batch's findings filled their budget: its other lines, moved to the front of its
      // buffer once the merge has read the ids there, are checked next, before any later batch.
      const bytes = new Uint8Array(buffer, 0, next.length);
      bytes.copyWithin(0, result.rest);
      const rest = { bytes: bytes.subarray(0, next.length - result.rest), first: false, unterminated: next.unterminated ?? false, reusable: true, outcomes: opts.maxErrors !== undefined };
      inFlight.unshift(send(rest, next.file, pool));
      return;
    }
    if (buffer) buffers.give(buffer); // after the merge: the result's ids are in it
  };
  try {
    for (const input of inputs) {
      starts.push({ file: input.name, ordinal });
      let stream: AsyncGenerator<Read | 'tooLong'>;
      try {
        stream = batchesOf(input, buffers, (n) => { read += n; opts.progress?.(read); }, opts.maxErrors !== undefined);
        for await (const batch of stream) {
          opts.signal?.throwIfAborted();
          if (stopped) break;
          if (batch === 'tooLong') {
            const result: BatchResult = { lines: 1, findings: [{ line: 1, event_name: null, path: '', severity: 'error' as const, message: `The line is longer than ${MAX_LINE_BYTES >> 20} MB; it was skipped.` }], ids: new Uint32Array(0), counts: [], unknown: {}, nameless: 0, deprecated: [], aliased: [], outcomes: { lines: new Int32Array(1), unknown: [] } };
            inFlight.push({ file: input.name, result: Promise.resolve({ result }) });
          } else {
            if (!remote && opts.jobs > 1 && (bytes += batch.bytes.length) > parallelAfter) pool = workers();
            if (ordinal === 0 && !inFlight.length) firstBytes = batch.bytes.length;
            // A line longer than a buffer is checked here: a worker's heap is bounded (see
            // workerLimits) and a line may take tens of times its size once parsed.
            inFlight.push(send(batch, input.name, batch.alone ? local : pool));
          }
          while (inFlight.length > Math.max(2, opts.jobs * 2)) await settle();
        }
        while (inFlight.length && !stopped) await settle();
        opts.signal?.throwIfAborted();
      } catch (e) {
        if (opts.signal?.aborted) throw e;
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
  if (nameless) events.push({ name: null, valid: 0, invalid: nameless, warnings: 0 });
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
  const open = (): Readable => fs.createReadStream(abs, { highWaterMark: 1 << 16 });
  // Only a regular file has a size and can be read at an offset; a named pipe (`<(zcat x.gz)`)
  // is read as a stream, like standard input. A missing file is reported when opened.
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  return stat?.isFile() ? { name: file, path: abs, size: stat.size, open } : { name: file, open };
}

export const defaultJobs = (): number => Math.min(os.availableParallelism(), 8);
