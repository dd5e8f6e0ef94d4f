// The labelled names of test/fixtures/corpus, through the real CLI: every `reject` gets an error from
// an event-name-* (or property-*) rule, every `accept` gets none. And the 478 real schemas
// converted from Snowplow's Iglu Central load without a yaml-syntax or schema error.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, registryProject, FIXTURES } from './helpers.js';

afterAll(cleanup);

const corpus = path.join(FIXTURES, 'corpus');
const readTsv = (f: string) => {
  const [head, ...rows] = fs.readFileSync(path.join(corpus, f), 'utf8').split('\n').filter(Boolean);
  const cols = head!.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v]))) as Array<{ name: string; expect: string; why?: string }>;
};

interface JsonOut { diagnostics: Array<{ file: string; ruleId: string; severity: string; message: string }> }
function errorsByFile(files: Record<string, string>, prefix: string): Map<string, string[]> {
  const dir = registryProject(files);
  const r = cli(['lint', '--format', 'json', '--no-cache'], dir);
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as JsonOut;
  const map = new Map<string, string[]>();
  for (const d of out.diagnostics) {
    if (d.severity !== 'error' || !d.ruleId.startsWith(prefix)) continue;
    const f = path.basename(d.file);
    map.set(f, [...(map.get(f) ?? []), `${d.ruleId}: ${d.message}`]);
  }
  return map;
}

describe('labelled event names', () => {
  const rows = readTsv('event-names.tsv');
  const errors = errorsByFile(Object.fromEntries(rows.map((e) => [`events/${e.name}.yaml`,
    `name: ${JSON.stringify(e.name)}\ndescription: Something happened.\nowner: test-team\nproperties: {}\n`])), 'event-name-');
  it.each(rows.map((r) => [r.name, r.expect, r.why ?? ''] as const))('%s: %s %s', (name, expected) => {
    const errs = errors.get(`${name}.yaml`) ?? [];
    if (expected === 'reject') expect(errs.length, 'expected an event-name-* error').toBeGreaterThan(0);
    else expect(errs).toEqual([]);
  });
});

describe('labelled property names', () => {
  const rows = readTsv('prop-names.tsv');
  const holder = (i: number) => `holder_${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}_viewed`;
  const errors = errorsByFile(Object.fromEntries(rows.map((p, i) => [`events/${holder(i)}.yaml`,
    `name: ${holder(i)}\ndescription: A page was viewed.\nowner: test-team\nproperties:\n  ${JSON.stringify(p.name)}:\n    type: string\n    description: Context of the view.\n`])), 'property-');
  it.each(rows.map((r, i) => [r.name, r.expect, i] as const))('%s: %s', (name, expected, i) => {
    const errs = errors.get(`${holder(i)}.yaml`) ?? [];
    if (expected === 'reject') expect(errs.length, 'expected a property-* error').toBeGreaterThan(0);
    else expect(errs).toEqual([]);
  });
});

describe('Iglu Central corpus', () => {
  const iglu = path.join(FIXTURES, 'iglu');
  it('all 478 real schemas load without yaml-syntax or schema errors', () => {
    const r = cli(['lint', '--format', 'json', '--no-cache'], iglu);
    const out = JSON.parse(r.stdout) as JsonOut & { errorCount: number };
    const loadErrors = out.diagnostics.filter((d) => d.severity === 'error' && (d.ruleId === 'schema' || d.ruleId === 'yaml-syntax'));
    expect(loadErrors.map((d) => `${d.file}: ${d.message}`)).toEqual([]);
    expect(fs.readdirSync(path.join(iglu, 'registry/events')).length).toBe(478);
  });
});
