// The cache file of lint, build and validate (src/load/cache.ts): written whole or not at all, at
// any size, and never failing in silence (issue 14, item 11).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCache, writeCache } from '../src/load/cache.js';
import { cleanup, cli, event, registryProject, tempDir } from './helpers.js';

afterAll(cleanup);

describe('the cache file', () => {
  it('gives back what was written, keys named like Object.prototype members too', () => {
    const file = path.join(tempDir(), 'cache');
    const text = '{"files":{"a.yaml":{"hash":"x","problems":[]},"constructor":1,"__proto__":{"a":[1,"\\n\\u2028"]}},"events":{}}';
    const warnings: string[] = [];
    writeCache(file, JSON.parse(text), (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    const read = readCache(file);
    expect(JSON.stringify(read)).toBe(JSON.stringify(JSON.parse(text.replace(',"events":{}', '')))); // an empty section has no line
    expect(Object.hasOwn(read.files!, '__proto__')).toBe(true);
    // Cut short anywhere (a full disk): nothing of it is used.
    const bytes = fs.readFileSync(file);
    for (const cut of [1, bytes.indexOf(10) + 1, bytes.length - 1]) {
      fs.writeFileSync(file, bytes.subarray(0, cut));
      expect(readCache(file), `cut at ${cut}`).toEqual({});
    }
  });

  it('writes an entry read and kept as the line it was read from, and a new entry afresh', () => {
    const file = path.join(tempDir(), 'cache');
    writeCache(file, { files: { 'a.yaml': { hash: 'x', n: 0.1 + 0.2, s: '\u2028"é' }, 'b.yaml': { hash: 'y' } } });
    const first = fs.readFileSync(file, 'utf8');
    const read = readCache(file);
    writeCache(file, { files: { ...read.files } });
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
    // Another object (a file read again) is serialised, and so is an entry under another key.
    writeCache(file, { files: { 'a.yaml': { ...(read.files!['a.yaml'] as object), hash: 'z' }, 'c.yaml': read.files!['b.yaml'] } });
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).map((l) => JSON.parse(l));
    expect(lines).toEqual([['files', 'a.yaml', { hash: 'z', n: 0.1 + 0.2, s: '\u2028"é' }], ['files', 'c.yaml', { hash: 'y' }]]);
  });

  it('is written and read past the longest string V8 can make (the build cache of 50,000 events)', () => {
    // 560 entries of 1 MB: as one JSON text, 560 MB, past V8's limit of 2^29 - 24 characters.
    const mb = 'x'.repeat(2 ** 20);
    const events = Object.fromEntries(Array.from({ length: 560 }, (_, i) => [`e${i}`, { output: mb, types: [] }]));
    expect(() => JSON.stringify(events)).toThrow(/Invalid string length/);
    const file = path.join(tempDir(), 'cache');
    const warnings: string[] = [];
    writeCache(file, { events }, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(fs.statSync(file).size).toBeGreaterThan(2 ** 29);
    const read = readCache(file).events!;
    expect(Object.keys(read).length).toBe(560);
    expect((read.e559 as { output: string }).output).toBe(mb);
    fs.rmSync(file);
  });

  it('says when it cannot be saved, and the command still succeeds', () => {
    const dir = registryProject({ 'events/a_created.yaml': event('a_created') });
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
    const warnings: string[] = [];
    writeCache(path.join(dir, 'not-a-folder', 'cache'), { files: {} }, (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringMatching(/^could not save the cache .*not-a-folder.cache: .*ENOTDIR/)]);
    expect(fs.readdirSync(path.join(dir, 'not-a-folder', '..')).filter((f) => f.includes('.tmp'))).toEqual([]);
    const r = cli(['lint', '--cache-location', 'not-a-folder/cache'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^trackplan: warning: could not save the cache .*not-a-folder.cache: .*\. The result is right; the next run only takes longer/);
  });

  it('holds the findings of the rules that ran: a rule turned off is not run, and turned on again it judges every file', () => {
    const dir = registryProject({ 'events/create_project.yaml': event('create_project'), 'events/project_archived.yaml': event('project_archived') });
    const config = (verb: string) => fs.writeFileSync(path.join(dir, 'trackplan.config.yaml'), `rules:\n  event-name-verb: ${verb}\n`);
    const lint = (...args: string[]) => cli(['lint', '--format', 'json', ...args], dir);
    config('off');
    const off = lint();
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toBe(lint('--no-cache').stdout);
    expect(fs.readFileSync(path.join(dir, '.trackplan-cache'), 'utf8')).not.toContain('event-name-verb');
    for (const setting of ['warn', 'error']) {
      config(setting);
      const on = lint();
      expect(on.stdout).toContain('event-name-verb');
      expect(on.stdout).toBe(lint('--no-cache').stdout);
    }
    // Off again: the cached findings of the rule are there and dropped, as with no cache.
    config('off');
    expect(lint().stdout).toBe(off.stdout);
    // The build cache the same way.
    const build = (...args: string[]) => cli(['build', '--out', 'out', ...args], dir);
    config('off');
    expect(build().code).toBe(0);
    config('error');
    const refused = build();
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toBe(build('--no-cache').stdout + build('--no-cache').stderr);
  });
});
