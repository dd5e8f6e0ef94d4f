// The guard of test/setup/isolation.ts, and the sources: no test names a folder beside the repository.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

describe('tests read only the repository', () => {
  it('refuses a read beside the repository', () => {
    const beside = path.join(path.dirname(ROOT), 'shared', 'any-file.txt');
    expect(() => fs.readFileSync(beside)).toThrow(/outside the repository: copy what it needs into test\/fixtures/);
    expect(() => fs.readdirSync(path.dirname(ROOT))).toThrow(/outside the repository/);
    expect(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toContain('"name": "trackplan"');
  });

  it('no test, script or benchmark the suite runs points at the corpus folder beside the repository', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name === 'fixtures' || e.name.startsWith('.')) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|mjs|js)$/.test(e.name)) files.push(p);
      }
    };
    for (const dir of ['test', 'src', 'scripts', 'eslint-plugin/src']) walk(path.join(ROOT, dir));
    const offenders = files.filter((f) => /\.\.\/shared|'\.\.', 'shared'|"\.\.", "shared"/.test(fs.readFileSync(f, 'utf8')) && !/isolation(\.test)?\.ts$/.test(f));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
