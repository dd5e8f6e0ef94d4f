// The stream around the checker: worker threads give the same answer as one thread, repeated ids
// are found across batches and files, the id table's bound holds, and a 1 GB stream through
// standard input keeps memory flat. These run the built code (dist/): worker threads load
// compiled scripts. (`npm test` builds first.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../dist/load/registry.js';
import { validationPlan } from '../../dist/validate/plan.js';
import { validateStream, type Input, type Reported } from '../../dist/validate/run.js';
import { IdSet } from '../../dist/validate/ids.js';
import { BIN, cleanup, ROOT, tempDir } from '../helpers.js';

afterAll(cleanup);

const plan = validationPlan(await loadRegistry(path.join(ROOT, 'registry'), { parallelThreshold: Infinity }));

/** Line n of a synthetic stream: valid, except every 97th (a wrong enum) and every 1,000th from 2,000 on (repeating line n - 1,500's id). */
function line(n: number): string {
  const id = (k: number): string => `00000000-0000-4000-8000-${k.toString(16).padStart(12, '0')}`;
  return JSON.stringify({
    event_id: id(n % 1000 === 0 && n > 1500 ? n - 1500 : n), event_name: 'project_created', event_time: '2026-05-01T12:00:00Z', user_id: `user-${n % 50}`,
    properties: { project_id: id(n + 1e9), plan_type: n % 97 === 0 ? 'gold' : 'pro', template: 'blank', is_private: n % 2 === 0 },
  });
}
const input = (name: string, from: number, to: number, size?: number): Input => ({
  name,
  ...(size !== undefined ? { size } : {}),
  open: () => Readable.from((function* () { for (let n = from; n < to; n += 1000) yield Buffer.from(Array.from({ length: Math.min(1000, to - n) }, (_, k) => `${line(n + k)}\n`).join('')); })()),
});

/** With `jobs` worker threads from the first byte (1: every line checked in this thread). */
async function run(jobs: number, inputs: Input[], idSlots?: number) {
  const found: Reported[] = [];
  const summary = await validateStream(plan, inputs, { jobs, parallelAfter: 0, ...(idSlots ? { idSlots } : {}) }, (f) => found.push(f));
  return { found, summary };
}

const text = (from: number, to: number): string => Array.from({ length: to - from }, (_, k) => `${line(from + k)}\n`).join('');

describe('validateStream', () => {
  it('gives the same findings, in line order, with worker threads as in one thread', async () => {
    const inputs = () => [input('a.ndjson', 1, 30_001), input('b.ndjson', 30_001, 45_001)];
    const one = await run(1, inputs());
    const two = await run(2, inputs()); // sizes unknown (standard input): workers once past the threshold
    expect(two).toEqual(one);
    const sized = await run(2, [input('a.ndjson', 1, 30_001, 1), input('b.ndjson', 30_001, 45_001, 1)]); // files: workers from the start
    expect(sized).toEqual(one);
    const lines = one.found.map((f) => f.file + String(f.line).padStart(8));
    expect(lines).toEqual([...lines].sort());
    expect(one.summary).toMatchObject({ lines: 45_000, invalid: 45_000 - one.summary.valid });
    // every 97th line has a bad enum; every 1,000th repeats an id, across the files too
    const repeats = one.found.filter((f) => f.path === 'event_id');
    expect(repeats).toHaveLength(44);
    expect(repeats[0]).toMatchObject({ file: 'a.ndjson', line: 2000, message: expect.stringContaining('repeats line 500:') });
    expect(repeats.find((f) => f.file === 'b.ndjson' && f.line === 1000)?.message).toContain('repeats line 29500 of a.ndjson');
    expect(one.found.filter((f) => f.path === 'properties.plan_type')).toHaveLength(Math.floor(45_000 / 97));
  }, 60_000);

  it('past the id table\'s bound, still finds repeats of the ids it holds, and says so', async () => {
    const { found, summary } = await run(1, [input('a.ndjson', 1, 20_001)], 1 << 13);
    expect(summary.idLimit).toBeGreaterThan(5000);
    expect(summary.idLimit).toBeLessThan(1 << 13);
    const repeats = found.filter((f) => f.path === 'event_id').map((f) => f.line);
    expect(repeats).toContain(2000); // repeats line 500, which was recorded
  });
});

describe('reading', () => {
  // Files are read straight into reused buffers; other input comes as a stream of chunks of any
  // size. Both must cut the same lines, whatever the buffer boundaries fall on.
  const dir = tempDir();
  const fileOf = (name: string, body: string | Buffer): Input => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    return { name, path: file, size: fs.statSync(file).size, open: () => fs.createReadStream(file) };
  };
  const chunked = (name: string, body: Buffer, size: number): Input =>
    ({ name, open: () => Readable.from((function* () { for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size); })()) });

  it('a file read directly, or the same bytes in chunks of any size, give the same findings', async () => {
    // ~6 MB: several buffers, a BOM, CRLF line ends and no final newline.
    const body = Buffer.from(`\ufeff${text(1, 12_000).replace(/\n/g, '\r\n').slice(0, -2)}`);
    const direct = await run(1, [fileOf('a.ndjson', body)]);
    expect(direct.summary).toMatchObject({ lines: 11_999 });
    expect(direct.found.filter((f) => f.path === 'properties.plan_type')).toHaveLength(Math.floor(11_999 / 97));
    for (const size of [1, 4093, 1 << 20, (1 << 20) + 1]) {
      const input = chunked('a.ndjson', body, size);
      expect(await run(1, [input]), `chunks of ${size} bytes`).toEqual(direct);
    }
    expect(await run(2, [fileOf('a.ndjson', body)])).toEqual(direct);
  }, 120_000);

  it('gathers lines longer than a buffer whole, in files and streams, last line cut or not', async () => {
    // A valid 3 MB line between valid lines, then one more long line
    // that the input cuts off.
    const long = JSON.stringify({ ...JSON.parse(line(2)), user_id: 'u'.repeat(3 << 20) });
    const body = Buffer.from(`${line(1)}\n${long}\n${line(3)}\n${long.slice(0, 2 << 20)}`);
    for (const input of [fileOf('long.ndjson', body), chunked('long.ndjson', body, 65_536)]) {
      const { found, summary } = await run(1, [input]);
      expect(summary).toMatchObject({ lines: 4, valid: 3, invalid: 1 });
      expect(found).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('The input ends in the middle of this line') })]);
    }
  });
});

describe('IdSet', () => {
  it('grows, finds every repeat with its first line, and never confuses two ids', () => {
    const s = new IdSet(1 << 20, 16);
    for (let i = 1; i <= 100_000; i++) expect(s.seen(i, i ^ 0x5bd1e995, i)).toBe(0);
    for (let i = 1; i <= 100_000; i += 997) expect(s.seen(i, i ^ 0x5bd1e995, 1e6)).toBe(i);
    expect(s.seen(1, 2, 7)).toBe(0);
    expect(s.full).toBe(false);
  });

  it('reserves room at once, and keeps what it holds', () => {
    const s = new IdSet(1 << 20, 16);
    for (let i = 1; i <= 10; i++) s.seen(i, -i, i);
    s.reserve(100_000);
    for (let i = 1; i <= 10; i++) expect(s.seen(i, -i, 99)).toBe(i);
    s.reserve(1 << 30); // past the bound: as large as it may be, no larger
    for (let i = 11; i <= Math.floor((1 << 20) * 0.8); i++) expect(s.seen(i, -i, i)).toBe(0);
    expect(s.full).toBe(false);
    expect(s.seen(-1, 1, 1)).toBe(0);
    expect(s.full).toBe(true);
  });

  it('once full, takes no new id but still finds the ones it holds', () => {
    const s = new IdSet(64, 16);
    for (let i = 1; i <= 51; i++) expect(s.seen(i, -i, i)).toBe(0); // 80% of 64 slots
    expect(s.full).toBe(false);
    expect(s.seen(52, -52, 52)).toBe(0);
    expect(s.full).toBe(true);
    expect(s.count).toBe(51);
    expect(s.seen(52, -52, 60)).toBe(0); // not recorded
    for (let i = 1; i <= 51; i++) expect(s.seen(i, -i, 100)).toBe(i);
  });
});

describe('a 1 GB stream through standard input', () => {
  it('keeps memory flat', async () => {
    const target = 1 << 30;
    const child = spawn(process.execPath, [BIN, 'validate', '--format', 'json', '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    let peak = 0;
    const samples: number[] = [];
    const poll = setInterval(() => {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);
        peak = Math.max(peak, kb);
        samples.push(kb);
      } catch { /* ended */ }
    }, 200);
    let sent = 0;
    for (let n = 1; sent < target; n += 2000) {
      const chunk = Buffer.from(Array.from({ length: 2000 }, (_, k) => `${line(n + k)}\n`).join(''));
      sent += chunk.length;
      if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once('drain', r));
    }
    child.stdin.end();
    const code = await new Promise((r) => child.on('close', r));
    clearInterval(poll);
    const result = JSON.parse(out) as { lines: number; invalid: number };
    expect(code).toBe(1);
    expect(result.lines).toBeGreaterThan(2_000_000);
    // Flat: the second half of the run needs no more memory than the first, and stays bounded;
    // except for the id table, which grows with the distinct ids (2,200,000 here) up to its own
    // bound, 48 MB.
    const half = samples.slice(0, samples.length >> 1);
    process.stdout.write(`1 GB through standard input: ${result.lines} lines, peak RSS ${Math.round(peak / 1024)} MB, ${Math.round(Math.max(...half) / 1024)} MB in the first half\n`);
    expect(peak / 1024).toBeLessThan(400);
    expect(peak / 1024).toBeLessThan((Math.max(...half) / 1024) * 1.25 + 48);
  }, 300_000);
});

describe('a line too long to hold', () => {
  it('is reported and skipped, and the lines after it keep their numbers', async () => {
    const huge = (function* () {
      yield Buffer.from(`${line(1)}\n{"event_id": "`);
      const mb = Buffer.alloc(1 << 20, 'a');
      for (let i = 0; i < 65; i++) yield mb;
      yield Buffer.from(`"}\n${line(3)}\n`);
    })();
    const found: Reported[] = [];
    const summary = await validateStream(plan, [{ name: 'big.ndjson', open: () => Readable.from(huge) }], { jobs: 1 }, (f) => found.push(f));
    expect(found).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('longer than 64 MB') })]);
    expect(summary).toMatchObject({ lines: 3, valid: 2, invalid: 1 });
  });
});
