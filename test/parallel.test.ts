// Lint and build on every core (parallel.ts: chunks taken from a shared counter, json-schema-to-
// typescript run ahead for a build) give byte for byte what one thread gives. The Iglu corpus
// (478 files) is past lint's threshold; for build it is copied five times (2,390 files, past
// build's 2,000) beside 120 events whose types jstt writes (past its 100); one thread is the
// same CLI pinned to one core (`taskset`), where it never starts a worker.
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
    const events = path.join(dir, 'registry', 'events');
    fs.mkdirSync(events, { recursive: true });
    const source = path.join(FIXTURES, 'iglu', 'registry', 'events');
    for (const f of fs.readdirSync(source)) {
      const text = fs.readFileSync(path.join(source, f), 'utf8');
      for (let k = 1; k <= 5; k++) {
        const name = `${f.replace(/\.yaml$/, '')}${k > 1 ? `_${k}` : ''}`;
        fs.writeFileSync(path.join(events, `${name}.yaml`), text.replace(/^name: .*$/m, `name: ${name}`));
      }
    }
    // An optional property named like what every object inherits is typed `T | Function`: not a simple shape.
    for (let k = 0; k < 120; k++) {
      fs.writeFileSync(path.join(events, `inherited_${k}.yaml`), `name: inherited_${k}\ndescription: Event ${k}.\nowner: qa\nproperties:\n  toString:\n    type: string\n    description: Named like an inherited member, ${k}.\n`);
    }
    fs.copyFileSync(path.join(FIXTURES, 'iglu', 'trackplan.config.yaml'), path.join(dir, 'trackplan.config.yaml'));
    const cache = path.join(dir, '.trackplan-build-cache');
    const many = run(['build', '--out', 'many'], dir, false);
    expect(many.code, many.stderr).toBe(0);
    const manyCache = fs.readFileSync(cache, 'utf8');
    fs.rmSync(cache);
    const one = run(['build', '--out', 'one'], dir, true);
    expect(one.code, one.stderr).toBe(0);
    const a = files(path.join(dir, 'many')), b = files(path.join(dir, 'one'));
    expect(Object.keys(a).length).toBeGreaterThan(2 * 2510);
    expect(a['types/index.ts']).toContain('toString?: (string | Function)');
    expect(a).toEqual(b);
    expect(manyCache).toBe(fs.readFileSync(cache, 'utf8'));
  }, 300_000);
});
