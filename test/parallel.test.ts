// Lint and build on every core (parallel.ts: chunks taken from a shared counter, json-schema-to-
// typescript run ahead for a build) give byte for byte what one thread gives. The Iglu corpus
// (478 files, several hundred distinct property schemas) is past both thresholds; one thread is
// the same CLI pinned to one core (`taskset`), where it never starts a worker.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../src/write.js';
import { BIN, cleanup, FIXTURES, tempDir } from './helpers.js';

afterAll(cleanup);

const TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

function run(args: string[], cwd: string, oneCore: boolean): { code: number | null; stdout: string; stderr: string } {
  const [cmd, argv] = oneCore ? ['taskset', ['-c', '0', process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function igluProject(): string {
  const dir = tempDir();
  fs.cpSync(path.join(FIXTURES, 'iglu', 'registry'), path.join(dir, 'registry'), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, 'iglu', 'trackplan.config.yaml'), path.join(dir, 'trackplan.config.yaml'));
  // A finding in a file of every chunk: their order shows the results came back in place.
  const events = path.join(dir, 'registry', 'events');
  for (const [k, f] of fs.readdirSync(events).sort().entries()) {
    if (k % 37 === 0) fs.appendFileSync(path.join(events, f), 'owner_team: nobody\n');
  }
  return dir;
}

const files = (dir: string): Record<string, string> => Object.fromEntries(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

describe.skipIf(!TASKSET)('every core gives what one thread gives', () => {
  it('lint: the same findings, in the same order', () => {
    const dir = igluProject();
    const many = run(['lint', '--no-cache', '--format', 'json'], dir, false);
    const one = run(['lint', '--no-cache', '--format', 'json'], dir, true);
    expect(one.code, one.stderr).toBe(1);
    expect(JSON.parse(one.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'schema').length).toBeGreaterThan(10);
    expect(many.stdout).toBe(one.stdout);
    expect(many.code).toBe(one.code);
  }, 300_000);

  it('build: the same files, and the same cache file', () => {
    const dir = tempDir();
    fs.cpSync(path.join(FIXTURES, 'iglu', 'registry'), path.join(dir, 'registry'), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'iglu', 'trackplan.config.yaml'), path.join(dir, 'trackplan.config.yaml'));
    const cache = path.join(dir, '.trackplan-build-cache');
    const many = run(['build', '--out', 'many'], dir, false);
    expect(many.code, many.stderr).toBe(0);
    const manyCache = fs.readFileSync(cache, 'utf8');
    fs.rmSync(cache);
    const one = run(['build', '--out', 'one'], dir, true);
    expect(one.code, one.stderr).toBe(0);
    const a = files(path.join(dir, 'many')), b = files(path.join(dir, 'one'));
    expect(Object.keys(a).length).toBeGreaterThan(478);
    expect(a).toEqual(b);
    expect(manyCache).toBe(fs.readFileSync(cache, 'utf8'));
  }, 300_000);
});
