// The build cache only saves time: after any edit, a warm build writes byte for byte what a cold
// build writes, and a stale, forged or broken cache changes nothing but the time taken.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/write.js';
import { cleanup, cli, ROOT, tempDir } from '../helpers.js';

afterAll(cleanup);

const CACHE = '.trackplan-build-cache';

/** The cache file's lines: its header, then `[section, key, entry]` each (load/cache.ts). */
type Lines = [{ fingerprint: string }, ...Array<[string, string, any]>];
const readLines = (file: string): Lines => fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l)) as Lines;
const writeLines = (file: string, lines: unknown[]): void => fs.writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));

function bundled(): { dir: string; build(...args: string[]): Record<string, string>; edit(file: string, from: string, to: string): void } {
  const dir = tempDir();
  fs.cpSync(path.join(ROOT, 'registry'), path.join(dir, 'registry'), { recursive: true });
  return {
    dir,
    build(...args) {
      const r = cli(['build', '--out', 'out', ...args], dir);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const out = path.join(dir, 'out');
      return Object.fromEntries(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
    },
    edit(file, from, to) {
      const p = path.join(dir, 'registry', file);
      const text = fs.readFileSync(p, 'utf8');
      expect(text).toContain(from);
      fs.writeFileSync(p, text.replace(from, to));
    },
  };
}

/** Builds without reading or writing the cache, into another folder: what a cold build writes. */
function cold(dir: string): Record<string, string> {
  const r = cli(['build', '--out', 'cold', '--no-cache'], dir);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const out = path.join(dir, 'cold');
  const files = Object.fromEntries(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
  fs.rmSync(out, { recursive: true });
  return files;
}

describe('.trackplan-build-cache', () => {
  it('gives a cold build\'s output after every kind of edit', () => {
    const p = bundled();
    const first = p.build();
    expect(fs.existsSync(path.join(p.dir, CACHE))).toBe(true);
    expect(p.build()).toEqual(first);
    expect(first).toEqual(cold(p.dir));
    const edits: Array<[string, string, string]> = [
      ['events/project_created.yaml', 'A user created a project.', 'A user created a project from the app.'], // outside the types' schema
      ['events/project_created.yaml', 'Template the project started from.', 'Template chosen.'], // a property's description
      ['events/project_created.yaml', 'maxItems: 20', 'maxItems: 10'],
      ['properties/plan_type.yaml', 'description: ', 'description: Changed. '], // every event that uses it changes
      ['events/project_deleted.yaml', 'status: active', 'status: deprecated'],
    ];
    for (const [file, from, to] of edits) {
      p.edit(file, from, to);
      const warm = p.build();
      expect(warm, `${file}: ${to}`).toEqual(cold(p.dir));
      expect(warm, `${file}: ${to}`).not.toEqual(first);
    }
    fs.copyFileSync(path.join(p.dir, 'registry/events/project_created.yaml'), path.join(p.dir, 'registry/events/project_copied.yaml'));
    p.edit('events/project_copied.yaml', 'name: project_created', 'name: project_copied');
    fs.rmSync(path.join(p.dir, 'registry/events/project_archived.yaml'));
    const warm = p.build();
    expect(warm).toEqual(cold(p.dir));
    expect(Object.keys(warm)).toContain('schemas/project_copied.schema.json');
    expect(Object.keys(warm)).not.toContain('schemas/project_archived.schema.json');
  });

  it('serves nothing from the cache of other contents, of other code, or a broken one', () => {
    const p = bundled();
    p.build();
    const before = fs.readFileSync(path.join(p.dir, CACHE), 'utf8');
    p.edit('events/project_created.yaml', 'Template the project started from.', 'Template chosen.');
    p.edit('properties/currency.yaml', 'ISO 4217 code', 'ISO 4217 code (three letters)');
    const expected = cold(p.dir);
    // The cache of the registry before the edits: its entries are for other bytes.
    fs.writeFileSync(path.join(p.dir, CACHE), before);
    expect(p.build()).toEqual(expected);
    // Made by other code (another fingerprint), with every output forged: all of it is dropped.
    const [header, ...entries] = readLines(path.join(p.dir, CACHE));
    for (const [section, , part] of entries) if (section === 'events') { part.output.schema = '{}\n'; part.output.types = 'FORGED'; }
    writeLines(path.join(p.dir, CACHE), [{ ...header, fingerprint: 'other code' }, ...entries]);
    expect(p.build()).toEqual(expected);
    fs.writeFileSync(path.join(p.dir, CACHE), '{ broken');
    expect(p.build()).toEqual(expected);
    // Written by lint (`--cache-location .trackplan-build-cache`): verdicts without definitions.
    fs.rmSync(path.join(p.dir, CACHE));
    expect(cli(['lint', '--cache-location', CACHE], p.dir).code).toBe(0);
    expect(new Set(readLines(path.join(p.dir, CACHE)).slice(1).map((entry) => (entry as [string, string, unknown])[0]))).toEqual(new Set(['files', 'rules']));
    expect(p.build()).toEqual(expected);
  });

  it('cannot hide a lint error behind the verdict of a file\'s earlier bytes', () => {
    const p = bundled();
    p.build();
    p.edit('events/project_created.yaml', 'type: boolean', 'type: bool');
    const cacheFile = path.join(p.dir, CACHE);
    const lines = readLines(cacheFile);
    for (const [section, , entry] of lines.slice(1) as Array<[string, string, any]>) if (section === 'files') entry.problems = [];
    writeLines(cacheFile, lines);
    const r = cli(['build', '--out', 'out'], p.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bool');
  });

  it('does not make check trust the output folder', () => {
    const p = bundled();
    p.build();
    const file = path.join(p.dir, 'out/schemas/project_created.schema.json');
    fs.appendFileSync(file, ' ');
    const r = cli(['check', '--out', 'out'], p.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('changed  schemas/project_created.schema.json');
    expect(p.build()).toEqual(cold(p.dir)); // and build puts the file right
  });
});
