// The types cache only saves time: with it, without it, warm or corrupted, the output is the same.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/write.js';
import { cleanup, cli, ROOT, tempDir } from '../helpers.js';

afterAll(cleanup);

describe('.trackplan-types-cache', () => {
  it('gives byte-identical output cold, warm, after an edit, and from a broken cache', () => {
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'registry'), path.join(dir, 'registry'), { recursive: true });
    const build = (...args: string[]) => {
      const r = cli(['build', '--out', 'out', ...args], dir);
      expect(r.code, r.stderr).toBe(0);
      const out = path.join(dir, 'out');
      return Object.fromEntries(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
    };
    const cacheFile = path.join(dir, '.trackplan-types-cache');
    const cold = build();
    expect(Object.keys(JSON.parse(fs.readFileSync(cacheFile, 'utf8')))).toHaveLength(19); // one per event with properties
    expect(build()).toEqual(cold);
    const event = path.join(dir, 'registry/events/project_created.yaml');
    fs.writeFileSync(event, fs.readFileSync(event, 'utf8').replace('Template the project started from.', 'Template chosen.'));
    const edited = build();
    expect(edited['types/index.ts']).toContain('Template chosen.');
    expect(build('--no-cache')).toEqual(edited);
    fs.writeFileSync(cacheFile, '{ broken');
    expect(build()).toEqual(edited);
  });
});
