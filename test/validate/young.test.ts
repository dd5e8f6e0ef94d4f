// `smallYoungGeneration` keeps V8's young generation at its initial size in the whole process
// when worker threads may check the lines (V8 sets the flag back whenever a worker's heap is
// made: young.ts), and lets it grow when this thread checks every line itself.
// Run in a child process: the flag is the process's, and must not leak into the test runner.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, ROOT, tempDir } from '../helpers.js';

afterAll(cleanup);
const dist = (file: string): string => pathToFileURL(path.join(ROOT, 'dist', file)).href;

// Validates a small stream (with `jobs` workers from the first line), then allocates objects that survive a while (what
// makes V8 grow its young generation) and prints how many times larger that grew.
const script = (small: boolean, jobs: number): string => `
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { loadRegistry } from '${dist('load/registry.js')}';
import { validationPlan } from '${dist('validate/plan.js')}';
import { validateStream } from '${dist('validate/run.js')}';
const plan = validationPlan(await loadRegistry(${JSON.stringify(path.join(ROOT, 'registry'))}, { parallelThreshold: Infinity }));
const line = JSON.stringify({ event_id: '00000000-0000-4000-8000-000000000001', event_name: 'x', event_time: '2026-05-01T12:00:00Z', user_id: 'u', properties: {} }) + '\\n';
await validateStream(plan, [{ name: '-', open: () => Readable.from([Buffer.from(line.repeat(2000))]) }], { jobs: ${jobs}, parallelAfter: 0, smallYoungGeneration: ${small} }, () => {});
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const before = young();
let keep = [];
for (let i = 0; i < 3e6; i++) { keep.push({ i }); if (keep.length > 200000) keep = []; }
console.log(young() / before);
`;

const growth = (small: boolean, jobs = 2): number => {
  // A file, not -e: worker threads inherit the process's options, and -e is not one they take.
  const file = path.join(tempDir(), 'young.mjs');
  fs.writeFileSync(file, script(small, jobs));
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return Number(r.stdout.trim());
};

describe('smallYoungGeneration', () => {
  it('keeps the young generation from growing where worker threads may check the lines', () => {
    expect(growth(true)).toBe(1);
    // and without it V8 grows it: the check above can fail
    expect(growth(false)).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('lets it grow where this thread checks every line (faster there)', () => {
    expect(growth(true, 1)).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
