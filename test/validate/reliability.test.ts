// The defects a fuzzing and fault-injection campaign found in validate (issue 14, and two of
// issue 13), each reproduced: names that Object.prototype has, data nested thousands deep,
// lines of thousands of errors, lines of tens of megabytes in worker threads, enums of
// thousands of values, output that cannot be written, and a summary that counts exactly the
// lines checked. The stream tests run the built code (dist/): worker threads load compiled scripts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../dist/load/registry.js';
import { createChecker } from '../../dist/validate/check.js';
import { validationPlan, type Plan } from '../../dist/validate/plan.js';
import { validateStream, type Input, type Reported } from '../../dist/validate/run.js';
import { BIN, cleanup, cli, project } from '../helpers.js';
import { compileDir, validators } from '../compile/support.js';
import { checkWhole } from './support.js';

afterAll(cleanup);

const ID = (n: number): string => `0f8fad5b-d9cb-469f-a165-${String(n).padStart(12, '0')}`;
/** An event of page_viewed, or of `name` (NONE: without one). */
const NONE = Symbol('no name');
const envelope = (n: number, properties: unknown, name: unknown = 'page_viewed'): Record<string, unknown> =>
  ({ event_id: ID(n), ...(name === NONE ? {} : { event_name: name }), event_time: '2026-05-01T12:00:00Z', user_id: 'u', properties });
const line = (n: number, properties: unknown, name?: unknown): string => JSON.stringify(envelope(n, properties, name));

const PAGE_VIEWED = `name: page_viewed
description: A page was viewed.
owner: t
properties:
  page: { type: string, description: The page., required: true }
  constructor: { type: string, description: x. }
  valueOf: { type: integer, description: x. }
  toString: { type: boolean, description: x. }
  hasOwnProperty: { type: string, description: x. }
  tags: { type: array, items: { type: string }, description: x. }
  blob: { type: object, description: x. }
  color: { type: string, enum: [red, green, blue, cyan, magenta, yellow, black, white, grey], description: x. }
  nested:
    type: object
    description: x.
    properties:
      isPrototypeOf: { type: string, description: x. }
      size: { type: integer, description: x. }
`;
const DIR = project({ 'registry/events/page_viewed.yaml': PAGE_VIEWED });
const plan: Plan = validationPlan(await loadRegistry(path.join(DIR, 'registry'), { parallelThreshold: Infinity }));

/** Each text as a file, through validateStream: with worker threads from the first byte, or none. */
async function run(jobs: number, text: string, opts: { maxErrors?: number } = {}) {
  const file = path.join(DIR, `in-${jobs}-${Math.random().toString(36).slice(2)}.ndjson`);
  fs.writeFileSync(file, text);
  const input: Input = { name: 'in.ndjson', path: file, size: fs.statSync(file).size, open: () => fs.createReadStream(file) };
  const found: Reported[] = [];
  const summary = await validateStream(plan, [input], { jobs, parallelAfter: 0, ...opts }, (f) => found.push(f));
  fs.rmSync(file);
  return { found, summary };
}

describe('properties named like members of Object.prototype', () => {
  it('are accepted and checked as the generated schema says (Ajv decides)', async () => {
    const { byName } = validators(await compileDir(DIR));
    const schema = byName.get('page_viewed')!;
    const cases: unknown[] = [
      { page: 'a', constructor: 'x' }, { page: 'a', valueOf: 3 }, { page: 'a', toString: true }, { page: 'a', hasOwnProperty: 'y' },
      { page: 'a', constructor: 'x', valueOf: 1, toString: false, hasOwnProperty: '' }, { page: 'a', nested: { isPrototypeOf: 'p' } },
      { page: 'a', constructor: 1 }, { page: 'a', valueOf: 'x' }, { page: 'a', toString: 'no' }, { page: 'a', nested: { isPrototypeOf: 1 } },
      { page: 'a', propertyIsEnumerable: 1 }, { page: 'a', nested: { toString: 'x' } },
    ];
    const text = `${[...cases.map((p, n) => line(n + 1, p)), `{"event_id":"${ID(90)}","event_name":"page_viewed","event_time":"2026-05-01T12:00:00Z","user_id":"u","properties":{"page":"a","__proto__":"x"}}`].join('\n')}\n`;
    const check = createChecker(plan);
    const result = check({ bytes: Buffer.from(text), first: true, unterminated: false });
    const flagged = new Set(result.findings.map((f) => f.line));
    text.trimEnd().split('\n').forEach((l, k) => expect(flagged.has(k + 1), l).toBe(!schema(JSON.parse(l))));
    expect(flagged.has(1)).toBe(false);
    expect(result.findings.find((f) => f.line === 11)?.message).toMatch(/`propertyIsEnumerable` is not a property of `page_viewed`/);
    expect(result.findings.find((f) => f.line === 12)?.message).toMatch(/`toString` is not a property of `properties.nested`/);
    expect(result.findings.find((f) => f.line === 13)?.message).toMatch(/`__proto__` is not a property of `page_viewed`/);
  });

  it('and event names like them are counted as the names they are, in worker threads too', async () => {
    const text = ['constructor', '__proto__', 'toString', 'constructor'].map((name, n) => line(n + 1, {}, name)).join('\n');
    for (const jobs of [1, 2]) {
      const { summary } = await run(jobs, `${text}\n`);
      expect(summary.events, `jobs ${jobs}`).toEqual([
        { name: '__proto__', valid: 0, invalid: 1, warnings: 0 }, { name: 'constructor', valid: 0, invalid: 2, warnings: 0 }, { name: 'toString', valid: 0, invalid: 1, warnings: 0 },
      ]);
    }
  });
});

describe('data nested thousands deep', () => {
  it('is reported, not a stack overflow, in this thread and in workers', async () => {
    for (const depth of [5_000, 100_000, 1_000_000]) {
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const text = `${line(1, { page: 'a' })}\n${line(2, { page: 'a', blob: { x: 'DEEP' } }).replace('"DEEP"', deep)}\n${line(3, { page: 'DEEP' }).replace('"DEEP"', deep)}\n${deep}\n`;
      for (const jobs of [1, 2]) {
        const { found, summary } = await run(jobs, text);
        expect(summary, `${depth} deep, jobs ${jobs}`).toMatchObject({ lines: 4, valid: 2, invalid: 2 });
        expect(found.map((f) => [f.line, f.path, f.message])).toEqual([
          [3, 'properties.page', `must be a string, not an array (${'['.repeat(57)}...).`],
          [4, '', `The line must be a JSON object (an event), not ${'['.repeat(57)}....`],
        ]);
      }
    }
  }, 120_000);
});

describe('a line of thousands of errors', () => {
  it('tells the first 20 and how many more there were', async () => {
    for (const jobs of [1, 2]) {
      const { found } = await run(jobs, `${line(1, { page: 'a', tags: Array(130_000).fill(1) })}\n${line(2, { page: 'a', blob: Object.fromEntries(Array.from({ length: 20_000 }, (_, k) => [`k${k}`, k])), tags: [Array(20_000).fill(1)], nested: Object.fromEntries(Array.from({ length: 20_000 }, (_, k) => [`k${k}`, k])) })}\n`);
      const first = found.filter((f) => f.line === 1);
      expect(first).toHaveLength(21);
      expect(first[19]).toMatchObject({ path: 'properties.tags[19]', message: 'must be a string, not an integer (1).' });
      expect(first[20]!.message).toBe('... and 129,980 more problems on this line (the first 20 are shown).');
      // An item too large to list every error of is told by its first.
      expect(found.filter((f) => f.line === 2).map((f) => [f.path, f.message])).toEqual([
        ['properties.tags[0]', expect.stringMatching(/^must be a string, not an array/)],
        ['properties.nested.k0', expect.stringMatching(/^`k0` is not a property of `properties.nested`/)],
        ['properties.nested', 'holds more than 10,000 values: only its first problem is told.'],
      ]);
    }
  });

  it('an envelope of thousands of wrong keys is told by its first, and the line counted invalid', async () => {
    const wide = { ...envelope(1, { page: 'a' }), ...Object.fromEntries(Array.from({ length: 20_000 }, (_, k) => [`x${k}`, k])) };
    const { found, summary } = await run(1, `${JSON.stringify(wide)}\n`);
    expect(summary).toMatchObject({ lines: 1, invalid: 1 });
    expect(found.length).toBeLessThanOrEqual(21);
    expect(found[0]!.message).toMatch(/`x0` is not a property of the event envelope/);
  });
});

describe('lines of tens of megabytes', () => {
  it('are checked whole, with worker threads or without', async () => {
    // 36 MB valid, then one of 200 KB of errors, between valid lines.
    const big = line(2, { page: 'a', tags: Array(3_300_000).fill('abcdefghij') });
    const text = `${line(1, { page: 'a' })}\n${big}\n${line(3, { page: 'a', tags: Array(70_000).fill(true) })}\n${line(4, { page: 'a' })}\n`;
    expect(big.length).toBeGreaterThan(36 << 20);
    for (const jobs of [1, 2]) {
      const { found, summary } = await run(jobs, text);
      expect(summary, `jobs ${jobs}`).toMatchObject({ lines: 4, valid: 3, invalid: 1 });
      expect(found.at(-1)!.message).toBe('... and 69,980 more problems on this line (the first 20 are shown).');
    }
  }, 120_000);
});

describe('an enum of thousands of values', () => {
  it('is named by its size and first values, with a did-you-mean, in no time', async () => {
    const values = Array.from({ length: 5000 }, (_, k) => `value_${k}`);
    const dir = project({ 'registry/events/page_viewed.yaml': `name: page_viewed\ndescription: x\nowner: t\nproperties:\n  v: { type: string, description: x., enum: [${values.join(', ')}] }\n` });
    const big = createChecker(validationPlan(await loadRegistry(path.join(dir, 'registry'), { parallelThreshold: Infinity })));
    const lines = Array.from({ length: 20_000 }, (_, k) => line(k + 1, { v: k % 2 ? `Value-${k}` : `nothing${k}` })).join('\n');
    const t0 = performance.now();
    const { findings } = checkWhole(big, Buffer.from(lines));
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(findings.filter((f) => f.path === 'properties.v')).toHaveLength(20_000);
    expect(findings[0]!.message).toBe('must be one of 5,000 values (e.g. "value_0", "value_1", "value_2"), not "nothing0".');
    expect(findings[1]!.message).toBe('must be one of 5,000 values (e.g. "value_0", "value_1", "value_2"), not "Value-1": did you mean "value_1"?');
    // A few values are all listed, with a did-you-mean by edit distance.
    const { findings: few } = createChecker(plan)({ bytes: Buffer.from(line(1, { page: 'a', color: 'gren' })), first: true, unterminated: false });
    expect(few[0]!.message).toBe('must be one of "red", "green", "blue", "cyan", "magenta", "yellow", "black", "white" or "grey", not "gren": did you mean "green"?');
  });
});

describe('--max-errors', () => {
  it('summarises exactly the lines up to the stop, with worker threads reading ahead or not', async () => {
    const text = Array.from({ length: 120_000 }, (_, k) => line(k + 1, k % 800 === 799 ? { page: 1 } : { page: 'a' }, k % 3000 === 2999 ? 'page_viewd' : 'page_viewed')).join('\n');
    for (const jobs of [1, 2]) {
      const { found, summary } = await run(jobs, `${text}\n`, { maxErrors: 5 });
      expect(found).toHaveLength(5);
      expect(summary.stopped!.line).toBe(found[4]!.line);
      expect(summary.lines).toBe(summary.stopped!.line);
      expect(summary.valid + summary.invalid).toBe(summary.lines);
      expect(summary.events.reduce((s, e) => s + e.valid + e.invalid, 0)).toBe(summary.lines);
      expect(summary.invalid).toBe(5);
    }
  }, 60_000);
});

describe('lines with no event name', () => {
  it('are counted as such, not under an event called null', async () => {
    const text = `${line(1, { page: 'a' }, NONE)}\n${line(2, { page: 'a' }, 'null')}\n${line(3, { page: 'a' }, 7)}\n`;
    const { summary } = await run(1, text);
    expect(summary.events).toEqual([{ name: 'null', valid: 0, invalid: 1, warnings: 0 }, { name: null, valid: 0, invalid: 2, warnings: 0 }]);
    fs.writeFileSync(path.join(DIR, 'e.ndjson'), text);
    const r = cli(['validate', 'e.ndjson'], DIR);
    expect(r.stdout).toMatch(/\(no event_name\)\s+0\s+2\s+0/);
    expect(JSON.parse(cli(['validate', '--format', 'json', 'e.ndjson'], DIR).stdout).events).toContainEqual({ name: null, valid: 0, invalid: 2, warnings: 0 });
  });
});

describe('output that cannot be written', () => {
  const many = `${Array.from({ length: 200_000 }, (_, k) => line(k + 1, { page: k })).join('\n')}\n`;
  fs.writeFileSync(path.join(DIR, 'many.ndjson'), many);

  it.skipIf(!fs.existsSync('/dev/full'))('a full device: exit 2, a plain message, no stack trace', async () => {
    for (const [format, file] of [['stylish', 'many.ndjson'], ['json', 'many.ndjson'], ['stylish', 'e.ndjson']]) {
      fs.writeFileSync(path.join(DIR, 'e.ndjson'), `${line(1, { page: 'a' })}\n`);
      const full = fs.openSync('/dev/full', 'w');
      const r = spawn(process.execPath, [BIN, 'validate', '--format', format!, file!], { cwd: DIR, stdio: ['ignore', full, 'pipe'] });
      fs.closeSync(full);
      let stderr = '';
      r.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
      const code = await new Promise((resolve) => r.on('close', resolve));
      expect(code, `${format} ${file}`).toBe(2);
      expect(stderr).toBe('trackplan: no space is left on the device standard output writes to (ENOSPC). Validation stopped: the results are incomplete, and lines may not have been checked.\n');
    }
  }, 60_000);

  it('a reader that goes away (| head): exit 2, never a success for lines it did not check', async () => {
    const r = spawn(process.execPath, [BIN, 'validate', 'many.ndjson'], { cwd: DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    r.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    r.stdout.once('data', () => r.stdout.destroy());
    const code = await new Promise((resolve) => r.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^trackplan: standard output was closed before everything was written \(EPIPE\)\. Validation stopped/);
  }, 60_000);
});
