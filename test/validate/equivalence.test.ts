// The fast path takes each event's schema apart (see src/validate/plan.ts). These tests hold it to
// the whole generated schema, compiled by Ajv as any consumer would: on valid events and on
// thousands of mutations of them, the checker must accept exactly the lines the schema accepts,
// and say something about every line it refuses. Registries: the bundled one, the 478 Iglu
// schemas (nullable, nested, free-form), and one of hostile names.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/load/config.js';
import { loadRegistry } from '../../src/load/registry.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { createChecker } from '../../src/validate/check.js';
import { validationPlan } from '../../src/validate/plan.js';
import { ROOT } from '../helpers.js';
import { compileDir, eventSchemas, hostileProject, IGLU, sample, validators, type Json, type Schema } from '../compile/support.js';

const VALUES: Json[] = [null, 0, 1.5, -1, 1e12, '', 'x', 'x'.repeat(300), '0f8fad5b-d9cb-469f-a165-70867728950e', '2024-05-01T12:00:00Z', true, [], ['x'], [1, null], {}, { a: 1 }];

/** Every path to a value inside `v`, as a list of keys. */
function paths(v: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.keys(v).flatMap((k) => paths(v[k]!, [...at, k]))];
  return [at];
}

function edit(root: Json, at: Array<string | number>, change: (parent: { [k: string]: Json } | Json[], key: string | number) => void): Json {
  const copy = structuredClone(root);
  let parent = copy as { [k: string]: Json };
  for (const k of at.slice(0, -1)) parent = parent[k as string] as { [k: string]: Json };
  change(parent, at[at.length - 1]!);
  return copy;
}

/** A valid event of each schema, and mutations of every value in it. */
function lines(schemas: Schema[]): Array<{ name: string; event: Json }> {
  const out: Array<{ name: string; event: Json }> = [];
  for (const schema of schemas) {
    const props = sample((schema.properties as Record<string, Schema>).properties!, schema);
    if (props === undefined) continue;
    const name = schema.title as string;
    const event: Json = { event_id: '0f8fad5b-d9cb-469f-a165-70867728950e', event_name: name, event_time: '2024-05-01T12:00:00Z', user_id: 'u', properties: props };
    out.push({ name, event });
    for (const at of paths(event).filter((p) => p.length && p[0] !== 'event_name')) {
      for (const v of VALUES) out.push({ name, event: edit(event, at, (parent, key) => { (parent as Record<string, Json>)[key as string] = v; }) });
      out.push({ name, event: edit(event, at, (parent, key) => { if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key as string]; }) });
      out.push({ name, event: edit(event, at, (parent, key) => { const v = (parent as Record<string, Json>)[key as string]; if (v && typeof v === 'object' && !Array.isArray(v)) v.unknown_key = 1; }) });
    }
    for (const [key, schemaOf] of Object.entries(((schema.properties as Record<string, Schema>).properties!.properties ?? {}) as Record<string, Schema>)) {
      const v = sample(schemaOf, schema); // optional properties too
      if (v !== undefined) out.push({ name, event: edit(event, ['properties', key], (parent, k) => { (parent as Record<string, Json>)[k as string] = v; }) });
    }
  }
  return out;
}

async function expectEquivalent(dir: string): Promise<number> {
  const config = loadConfig(dir, undefined, RULE_IDS);
  const registry = await loadRegistry(config.registry, { parallelThreshold: Infinity });
  const check = createChecker(validationPlan(registry));
  const { byName } = validators(await compileDir(dir));
  const cases = lines(eventSchemas(await compileDir(dir)));
  const text = cases.map((c) => JSON.stringify(c.event)).join('\n');
  const result = check({ bytes: Buffer.from(`${text}\n`), first: true, unterminated: false });
  const flagged = new Set(result.findings.filter((f) => f.severity === 'error').map((f) => f.line));
  let accepted = 0;
  const disagree: string[] = [];
  cases.forEach((c, i) => {
    const want = byName.get(c.name)!(c.event);
    if (want) accepted++;
    if (want === flagged.has(i + 1)) disagree.push(`${want ? 'schema accepts, checker refuses' : 'schema refuses, checker accepts'}: ${JSON.stringify(c.event).slice(0, 300)}`);
  });
  expect(disagree.slice(0, 5)).toEqual([]);
  expect(result.lines).toBe(cases.length);
  expect(accepted).toBeGreaterThan(0);
  expect(cases.length - accepted).toBeGreaterThan(0);
  return cases.length;
}

describe('the fast path accepts exactly what the generated schema accepts', () => {
  it('the bundled registry', async () => { expect(await expectEquivalent(ROOT)).toBeGreaterThan(1000); });
  it('the 478 Iglu schemas', async () => { expect(await expectEquivalent(IGLU)).toBeGreaterThan(10000); }, 120_000);
  it('a registry of hostile names', async () => { expect(await expectEquivalent(hostileProject())).toBeGreaterThan(50); });
});
