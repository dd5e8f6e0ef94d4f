// Issue 14's validate defects (items 1-5, 10 and 14), each reproduced through the CLI as a user
// runs it: `trackplan validate` as a process, with `--jobs 1` and with worker threads (inputs
// past 16 MB go to the workers from their first line), its verdicts held to Ajv on the schemas
// `trackplan build` wrote.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, project } from '../helpers.js';

afterAll(cleanup);
const addFormats = addFormatsModule.default;

const ID = (n: number): string => `0f8fad5b-d9cb-469f-a165-${String(n).padStart(12, '0')}`;
const envelope = (n: number, properties: unknown, name = 'page_viewed'): Record<string, unknown> =>
  ({ event_id: ID(n), event_name: name, event_time: '2026-05-01T12:00:00Z', user_id: 'u', properties });
const line = (n: number, properties: unknown, name?: string): string => JSON.stringify(envelope(n, properties, name));

const CONFIG = 'rules:\n  property-name-case: off\n';
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
  nested:
    type: object
    description: x.
    properties:
      isPrototypeOf: { type: string, description: x. }
      size: { type: integer, description: x. }
`;

interface Out { code: number | null; stdout: string; stderr: string }
function validate(dir: string, args: string[]): Out {
  const r = spawnSync(process.execPath, [BIN, 'validate', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 30, timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report { findings: Array<{ line: number; path: string; severity: string; message: string }>; lines: number; valid: number; invalid: number }
/** `validate --format json` of `text`, once with `--jobs 1` and once with two workers. */
function bothModes(dir: string, text: string): Array<{ jobs: number; out: Out; report: Report | undefined }> {
  const file = path.join(dir, `in-${Math.random().toString(36).slice(2)}.ndjson`);
  fs.writeFileSync(file, text);
  const runs = [1, 2].map((jobs) => {
    const out = validate(dir, ['--format', 'json', '--jobs', String(jobs), '--no-cache', path.basename(file)]);
    let report: Report | undefined;
    try { report = JSON.parse(out.stdout) as Report; } catch { /* asserted by the caller */ }
    return { jobs, out, report };
  });
  fs.rmSync(file);
  return runs;
}

/** Valid lines after `lines` until the text passes 16 MB: validate then checks it in worker threads from the first line. */
function pastWorkerThreshold(lines: string[], filler: unknown = { page: 'filler' }): string {
  const out = [...lines];
  for (let n = 1_000_000, size = out.reduce((s, l) => s + l.length + 1, 0); size < 17 << 20; n++) {
    out.push(line(n, filler));
    size += out[out.length - 1]!.length + 1;
  }
  return `${out.join('\n')}\n`;
}

const ajvOn = (dir: string): Map<string, (data: unknown) => boolean> => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const out = new Map<string, (data: unknown) => boolean>();
  const schemas = path.join(dir, 'generated', 'schemas');
  for (const f of fs.readdirSync(schemas).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemas, f), 'utf8')) as { title: string };
    out.set(schema.title, ajv.compile(schema) as (data: unknown) => boolean);
  }
  return out;
};

const build = (dir: string): void => {
  const r = spawnSync(process.execPath, [BIN, 'build'], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr + r.stdout).toBe(0);
};

const noCrash = (out: Out): void => {
  expect(out.stderr, 'no stack trace').not.toMatch(/\n\s+at |RangeError|FATAL ERROR|internal error/);
  expect([0, 1], `exit code ${out.code}: ${out.stderr.slice(0, 500)}`).toContain(out.code);
};

describe('item 1: properties named like Object.prototype members', () => {
  it('valid and invalid lines are told exactly as Ajv tells them on the built schemas, in both modes', () => {
    const dir = project({ 'trackplan.config.yaml': CONFIG, 'registry/events/page_viewed.yaml': PAGE_VIEWED });
    build(dir);
    const schema = ajvOn(dir).get('page_viewed')!;
    const cases: unknown[] = [
      { page: 'a', constructor: 'x' }, { page: 'a', valueOf: 3 }, { page: 'a', toString: true }, { page: 'a', hasOwnProperty: 'y' },
      { page: 'a', constructor: 'x', valueOf: 1, toString: false, hasOwnProperty: '' }, { page: 'a', nested: { isPrototypeOf: 'p', size: 1 } },
      { page: 'a' }, { page: 'a', nested: {} }, { page: 'a', constructor: 1 }, { page: 'a', valueOf: 'x' }, { page: 'a', toString: 'no' },
      { page: 'a', nested: { isPrototypeOf: 1 } }, { page: 'a', propertyIsEnumerable: 1 }, { page: 'a', nested: { toString: 'x' } },
      { constructor: 'x' }, { page: 'a', nested: { constructor: 'x' } }, { page: 'a', blob: { constructor: 1, toString: 2 } },
    ];
    const lines = [...cases.map((p, n) => line(n + 1, p)),
      `{"event_id":"${ID(90)}","event_name":"page_viewed","event_time":"2026-05-01T12:00:00Z","user_id":"u","properties":{"page":"a","__proto__":"x"}}`,
      line(91, { page: 'a' }, 'constructor'), line(92, { page: 'a' }, 'toString')];
    const expected = lines.map((l) => { const e = JSON.parse(l) as { event_name: string }; return e.event_name === 'page_viewed' && schema(e); });
    expect(expected.filter(Boolean).length).toBe(9); // a test that can fail both ways
    for (const text of [`${lines.join('\n')}\n`, pastWorkerThreshold(lines)]) {
      for (const { jobs, out, report } of bothModes(dir, text)) {
        noCrash(out);
        const refused = new Set(report!.findings.filter((f) => f.severity === 'error').map((f) => f.line));
        lines.forEach((l, k) => expect(refused.has(k + 1), `jobs ${jobs}: ${l}`).toBe(!expected[k]));
      }
    }
  }, 120_000);
});

describe('items 2 and 3: deep nesting and thousands of errors on a line', () => {
  const dir = project({ 'trackplan.config.yaml': CONFIG, 'registry/events/page_viewed.yaml': PAGE_VIEWED });

  it('data nested 5,000 and 100,000 deep is reported, not a stack overflow, in both modes', () => {
    for (const depth of [5_000, 100_000]) {
      const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const lines = [line(1, { page: 'a', blob: { x: 'DEEP' } }).replace('"DEEP"', deep), line(2, { page: 'DEEP' }).replace('"DEEP"', deep), deep];
      for (const text of [`${lines.join('\n')}\n`, pastWorkerThreshold(lines)]) {
        for (const { jobs, out, report } of bothModes(dir, text)) {
          noCrash(out);
          expect(out.code, `${depth} deep, jobs ${jobs}`).toBe(1);
          expect(report!.invalid).toBe(2);
          expect(report!.findings.map((f) => [f.line, f.path, f.message])).toEqual([
            [2, 'properties.page', `must be a string, not an array (${'['.repeat(57)}...).`],
            [3, '', `The line must be a JSON object (an event), not ${'['.repeat(57)}....`],
          ]);
        }
      }
    }
  }, 120_000);

  it('a line of 130,000 wrong items tells 20 and how many more, in both modes', () => {
    const lines = [line(1, { page: 'a', tags: Array(130_000).fill(1) }), line(2, { page: 'a' })];
    expect(lines[0]!.length).toBeGreaterThan(260_000);
    for (const text of [`${lines.join('\n')}\n`, pastWorkerThreshold(lines)]) {
      for (const { jobs, out, report } of bothModes(dir, text)) {
        noCrash(out);
        expect(out.code, `jobs ${jobs}`).toBe(1);
        const first = report!.findings.filter((f) => f.line === 1);
        expect(first).toHaveLength(21);
        expect(first[19]).toMatchObject({ path: 'properties.tags[19]', message: 'must be a string, not an integer (1).' });
        expect(first[20]!.message).toBe('... and 129,980 more problems on this line (the first 20 are shown).');
      }
    }
  }, 120_000);
});

/** `validate` with its standard output in a file (reports of hundreds of megabytes stay out of this process). */
function validateToFile(dir: string, args: string[]): { code: number | null; stderr: string; size: number; head: string; tail: string } {
  const outFile = path.join(dir, `out-${Math.random().toString(36).slice(2)}.txt`);
  const fd = fs.openSync(outFile, 'w');
  const r = spawnSync(process.execPath, [BIN, 'validate', '--no-cache', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', fd, 'pipe'], timeout: 300_000 });
  fs.closeSync(fd);
  const size = fs.statSync(outFile).size;
  const h = fs.openSync(outFile, 'r');
  const head = Buffer.alloc(Math.min(size, 4096)), tail = Buffer.alloc(Math.min(size, 4096));
  fs.readSync(h, head, 0, head.length, 0);
  fs.readSync(h, tail, 0, tail.length, size - tail.length);
  fs.closeSync(h);
  fs.rmSync(outFile);
  return { code: r.status, stderr: r.stderr, size, head: head.toString(), tail: tail.toString() };
}

const summaryOf = (tail: string): string => /✖ [\d,]+ lines?: [\d,]+ valid, [\d,]+ invalid/.exec(tail)?.[0] ?? `no summary in ${JSON.stringify(tail.slice(-300))}`;

describe('item 4: lines the format allows, in worker threads and in this thread', () => {
  const dir = project({ 'trackplan.config.yaml': CONFIG, 'registry/events/page_viewed.yaml': PAGE_VIEWED });

  it('a 36 MB line and a 200 KB line of errors are checked with every other line, in both modes', () => {
    const big = line(2, { page: 'a', tags: Array(3_300_000).fill('abcdefghij') });
    expect(big.length).toBeGreaterThan(36 << 20);
    const lines = [line(1, { page: 'a' }), big, line(3, { page: 'a', tags: Array(70_000).fill(true) }), line(4, { page: 'a' })];
    fs.writeFileSync(path.join(dir, 'big.ndjson'), pastWorkerThreshold(lines));
    const total = fs.readFileSync(path.join(dir, 'big.ndjson'), 'utf8').split('\n').length - 1;
    for (const jobs of ['1', '2']) {
      const r = validateToFile(dir, ['--jobs', jobs, 'big.ndjson']);
      noCrash({ code: r.code, stdout: '', stderr: r.stderr });
      expect(r.code, `jobs ${jobs}: ${r.stderr}`).toBe(1);
      expect(summaryOf(r.tail)).toBe(`✖ ${total.toLocaleString('en-US')} lines: ${(total - 1).toLocaleString('en-US')} valid, 1 invalid`);
      expect(r.head).toMatch(/\n\s+3 +error +page_viewed: \.\.\. and 69,980 more problems on this line/);
    }
  }, 300_000);

  it('4 MB of lines that each have 20 problems in a 17 MB input: every line checked in both modes, no worker out of memory', () => {
    const values = Array.from({ length: 1000 }, (_, k) => `value_${k}`);
    const d = project({ 'registry/events/page_viewed.yaml': `name: page_viewed\ndescription: A page was viewed.\nowner: t\nproperties:\n  v: { type: string, description: x., enum: [${values.join(', ')}] }\n  tags: { type: array, description: x., items: { type: string, enum: [${values.join(', ')}] } }\n` });
    const lines: string[] = [];
    for (let n = 1, size = 0; size < 4 << 20; n++) {
      lines.push(line(n, { v: `Value-${n % 1000}`, tags: Array(25).fill('x') }));
      size += lines[lines.length - 1]!.length + 1;
    }
    const text = pastWorkerThreshold(lines, { v: 'value_1' });
    fs.writeFileSync(path.join(d, 'wrong.ndjson'), text);
    const total = text.split('\n').length - 1;
    const [n, all] = [lines.length, total].map((k) => k.toLocaleString('en-US'));
    for (const jobs of ['2', '1']) {
      const r = validateToFile(d, ['--jobs', jobs, 'wrong.ndjson']);
      noCrash({ code: r.code, stdout: '', stderr: r.stderr });
      expect(r.stderr, `jobs ${jobs}`).toBe('');
      expect(r.code).toBe(1);
      expect(summaryOf(r.tail)).toBe(`✖ ${all} lines: ${(total - lines.length).toLocaleString('en-US')} valid, ${n} invalid`);
      // Item 5: an enum of 1,000 values is named by its size and first values, with a did-you-mean.
      expect(r.head).toContain('1  error    page_viewed properties.v: must be one of 1,000 values (e.g. "value_0", "value_1", "value_2"), not "Value-1": did you mean "value_1"?\n');
      expect(r.head).toContain('page_viewed properties.tags[0]: must be one of 1,000 values (e.g. "value_0", "value_1", "value_2"), not "x".\n');
      expect(r.size / lines.length).toBeLessThan(4000); // 21 findings a line, each a line of text
    }
  }, 300_000);

  it('a checker that fails (a plan cache written over with a schema Ajv refuses) is a clear error, exit 2, in both modes, every time', () => {
    const d = project({ 'trackplan.config.yaml': CONFIG, 'registry/events/page_viewed.yaml': PAGE_VIEWED });
    const lines = Array.from({ length: 50 }, (_, k) => line(k + 1, { page: 'a', tags: ['x'] }));
    fs.writeFileSync(path.join(d, 'small.ndjson'), `${lines.join('\n')}\n`);
    fs.writeFileSync(path.join(d, 'large.ndjson'), pastWorkerThreshold(lines));
    expect(spawnSync(process.execPath, [BIN, 'validate', 'small.ndjson'], { cwd: d }).status).toBe(0); // writes the plan cache
    const cache = path.join(d, '.trackplan-validate-cache');
    const text = fs.readFileSync(cache, 'utf8');
    expect(text).toContain('"type":"string"');
    // Without its validators' source, which the checker then writes from the forged schemas.
    const forged = text.replaceAll('"type":"string"', '"type":"strin"').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown[]);
    for (const entry of forged.slice(1)) if (entry[1] === 'plan') delete (entry[2] as { code?: unknown }).code;
    fs.writeFileSync(cache, forged.map((l) => `${JSON.stringify(l)}\n`).join(''));
    for (let round = 0; round < 3; round++) {
      for (const [jobs, file] of [['1', 'small.ndjson'], ['2', 'large.ndjson']]) {
        const r = spawnSync(process.execPath, [BIN, 'validate', '--jobs', jobs!, file!], { cwd: d, encoding: 'utf8', maxBuffer: 1 << 28 });
        expect(r.status, `jobs ${jobs}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/^trackplan: internal error: .*\nPlease report it with the command you ran\.\n$/);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }
  }, 300_000);
});

describe('item 10: output that cannot be written', () => {
  const dir = project({ 'trackplan.config.yaml': CONFIG, 'registry/events/page_viewed.yaml': PAGE_VIEWED, 'registry/events/Bad_Name.yaml': 'name: Bad_Name\ndescription: x\nowner: t\n' });
  const many = Array.from({ length: 200_000 }, (_, k) => line(k + 1, { page: k }));
  fs.writeFileSync(path.join(dir, 'many.ndjson'), `${many.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'one.ndjson'), `${line(1, { page: 'a' })}\n`);

  it.skipIf(!fs.existsSync('/dev/full'))('lint and validate > /dev/full: exit 2 and a plain message', () => {
    const run = (args: string[]) => spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} > /dev/full`], { cwd: dir, encoding: 'utf8' });
    for (const args of [['lint'], ['lint', '--format', 'json']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('trackplan: could not write the output to standard output: no space is left on the device. Nothing after that point was written; free space, or send the output elsewhere.\n');
    }
    for (const args of [['validate', 'one.ndjson'], ['validate', 'many.ndjson'], ['validate', '--format', 'json', 'many.ndjson']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('trackplan: no space is left on the device standard output writes to (ENOSPC). Validation stopped: the results are incomplete, and lines may not have been checked.\n');
    }
  });

  it('validate big.ndjson | head -1: exit 2 with a message (never a success for lines it did not check); all of it written before head left: its own code', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" validate many.ndjson | head -1`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('\n'); // stylish starts with a blank line
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('trackplan: standard output was closed before everything was written (EPIPE). Validation stopped: the results are incomplete, and lines may not have been checked.\n');
    const small = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" validate one.ndjson | (sleep 1; head -1)`], { cwd: dir, encoding: 'utf8' });
    expect(small.status).toBe(0);
    expect(small.stderr).toBe('');
  });

  it('lint | head -1: the exit code of the lint (its report is complete before it is written), nothing on stderr', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" lint --format json | head -c 1`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('{');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
  });
});

describe('item 14: events of thousands of properties', () => {
  const N = 2_500, NESTED = 3_000;
  const kinds = (k: number): string => ['{ type: string }', '{ type: integer, minimum: 0 }', '{ type: string, enum: [a, b] }', '{ type: string, format: date }', '{ type: boolean }'][k % 5]!;
  const props = [
    ...Array.from({ length: N }, (_, k) => `  p_${k}: { description: x., ${kinds(k).slice(2, -2)}${k % 500 === 7 ? ', required: true' : ''} }`),
    '  constructor: { type: string, description: x. }',
    '  context:\n    type: object\n    description: x.\n    properties:',
    ...Array.from({ length: NESTED }, (_, k) => `      c_${k}: { description: x., ${kinds(k).slice(2, -2)}${k === NESTED - 1 ? ', required: true' : ''} }`),
  ];
  const dir = project({ 'registry/events/page_viewed.yaml': `name: page_viewed\ndescription: A page was viewed.\nowner: t\nproperties:\n${props.join('\n')}\n` });
  const required = Object.fromEntries(Array.from({ length: N / 500 }, (_, g) => [`p_${g * 500 + 7}`, 'a']));

  it('lint accepts them, build writes schemas Ajv compiles (with and without allErrors), validate agrees with Ajv in both modes', () => {
    const lint = spawnSync(process.execPath, [BIN, 'lint'], { cwd: dir, encoding: 'utf8' });
    expect(lint.status, lint.stdout).toBe(0);
    build(dir);
    const file = path.join(dir, 'generated', 'schemas', 'page_viewed.schema.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as object;
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'generated', 'schemas', 'index.json'), 'utf8')) as { schema: object };
    const checks = [true, false].map((allErrors) => {
      const ajv = new Ajv2020({ strict: true, allErrors });
      addFormats(ajv);
      ajv.addSchema(schema);
      return { event: ajv.getSchema('trackplan:events/page_viewed/v1')!, any: ajv.compile(index.schema) };
    });
    const cases: unknown[] = [
      { ...required }, { ...required, p_0: 'x', p_1: 3, p_2: 'b', p_3: '2026-01-31', p_4: true, p_2499: true, constructor: 'c' },
      { ...required, context: { c_2999: true, c_0: 'a', c_1: 2 } }, { ...required, p_1: -1 }, { ...required, p_2: 'zzz' }, { ...required, p_3: 'not a date' },
      { ...required, p_2500: 1 }, { ...required, context: { c_2999: true, c_3000: 1 } }, { ...required, context: { c_0: 'a' } },
      { ...required, context: { c_2999: 1 } }, Object.fromEntries(Object.entries(required).slice(1)), { ...required, constructor: 1 },
      { ...required, toString: 'x' }, { ...required, p_1499: true, p_1997: 'b', p_2498: '2026-02-01' }, { ...required, p_1998: 'a' },
    ];
    const lines = cases.map((p, k) => line(k + 1, p));
    const expected = lines.map((l) => {
      const verdicts = checks.flatMap(({ event, any }) => [event(JSON.parse(l)), any(JSON.parse(l))]);
      expect(new Set(verdicts).size, l).toBe(1);
      return verdicts[0]!;
    });
    expect(expected.filter(Boolean)).toHaveLength(4);
    for (const text of [`${lines.join('\n')}\n`, pastWorkerThreshold(lines, required)]) {
      for (const { jobs, out, report } of bothModes(dir, text)) {
        noCrash(out);
        const refused = new Set(report!.findings.filter((f) => f.severity === 'error').map((f) => f.line));
        lines.forEach((l, k) => expect(refused.has(k + 1), `jobs ${jobs}: line ${k + 1}`).toBe(!expected[k]));
        expect(report!.findings.find((f) => f.line === 8)).toMatchObject({ path: 'properties.context.c_3000', message: expect.stringMatching(/^`c_3000` is not a property of `properties.context`: did you mean `c_\d+`\?$/) });
        expect(report!.findings.find((f) => f.line === 5)).toMatchObject({ path: 'properties.p_2', message: 'must be one of "a" or "b", not "zzz".' });
      }
    }
  }, 300_000);
});
