// The fast path takes each event's schema apart (see src/validate/plan.ts) and reads each line's
// properties as flat pairs (src/validate/flat.ts). These tests hold it to the whole generated
// schema, compiled by Ajv as any consumer would, on what JSON.parse makes of each line: on valid
// events and on thousands of mutations of them, each written several ways (compact, spaced,
// `properties` first, keys escaped, keys written twice), the checker must accept exactly the
// lines the schema accepts, and say something about every line it refuses. Registries: the
// bundled one, the 478 Iglu schemas (nullable, nested, free-form), one of hostile names, and one
// of properties with aliases (either name satisfies `required`, both at once are refused).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/load/config.js';
import { loadRegistry } from '../../src/load/registry.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { createChecker } from '../../src/validate/check.js';
import { checkWhole } from './support.js';
import { validationPlan } from '../../src/validate/plan.js';
import { planCode } from '../../src/validate/code.js';
import { ROOT } from '../helpers.js';
import { aliasesProject, compileDir, eventSchemas, hostileProject, IGLU, sample, validators, type Json, type Schema } from '../compile/support.js';

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
    // Each alias in place of its property's name (see aliasRules in src/compile/json-schema.ts: `anyOf: [<alias absent>, <its other names absent>]`).
    const top = (schema.properties as Record<string, Schema>).properties!;
    for (const rule of (top.allOf ?? []) as Schema[]) {
      const [alias, others] = ((rule.anyOf ?? []) as Schema[]).map((b) => Object.entries(b).flatMap(([k, names]) => Object.keys(names as Schema).map((n) => (k === 'patternProperties' ? n.slice(1, -1) : n))));
      if (!alias || !others) continue;
      const props = event.properties as { [k: string]: Json };
      const v = Object.hasOwn(props, others[0]!) ? props[others[0]!] : sample(((top.properties as Record<string, Schema>)[alias[0]!] ?? (top.patternProperties as Record<string, Schema>)[`^${alias[0]}$`])!, schema);
      if (v === undefined) continue;
      out.push({ name, event: edit(event, ['properties', others[0]!], (parent, k) => { delete (parent as Record<string, Json>)[k as string]; (parent as Record<string, Json>)[alias[0]!] = v; }) });
      out.push({ name, event: edit(event, ['properties', alias[0]!], (parent, k) => { (parent as Record<string, Json>)[k as string] = v; (parent as Record<string, Json>)[others[0]!] = v; }) });
    }
    for (const [key, schemaOf] of Object.entries(((schema.properties as Record<string, Schema>).properties!.properties ?? {}) as Record<string, Schema>)) {
      const v = sample(schemaOf, schema); // optional properties too
      if (v !== undefined) out.push({ name, event: edit(event, ['properties', key], (parent, k) => { (parent as Record<string, Json>)[k as string] = v; }) });
    }
  }
  return out;
}

/** The same event as text, written in ways JSON.parse reads alike, or as a key written twice would leave it. */
function texts(event: Json, all: boolean): string[] {
  const compact = JSON.stringify(event);
  if (!all) return [compact];
  const { properties, ...envelope } = event as { [k: string]: Json };
  const spaced = JSON.stringify(event, null, 1).replace(/\n/g, ' '); // newlines in strings are escapes: only layout changes
  if (properties === undefined) return [compact, spaced];
  const fields = JSON.stringify(envelope).slice(1, -1);
  const object = (...members: string[]): string => `{${[fields, ...members].filter(Boolean).join(',')}}`;
  const props = JSON.stringify(properties);
  const first = properties && typeof properties === 'object' && !Array.isArray(properties) ? Object.keys(properties)[0] : undefined;
  const key = JSON.stringify(first ?? 'x');
  const entries = first === undefined ? [] : Object.entries(properties as { [k: string]: Json });
  const pairs = entries.flat();
  // One key left out and the next written twice: as many keys, fewer distinct.
  const twice = entries.map((_, j) => {
    const kept = entries.filter((__, k) => k !== j).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    const [k, v] = entries[(j + 1) % entries.length]!;
    return object(`"properties":{${[...kept, `${JSON.stringify(k)}:${JSON.stringify(v)}`].join(',')}}`);
  });
  return [
    compact,
    spaced,
    `{${[`"properties":${props}`, fields].filter(Boolean).join(',')}}`,
    object(`"propert\\u0069es":${props}`),
    // The last of equal keys is the one JSON.parse keeps.
    object(`"properties":${props}`, '"properties":[]'),
    object(`"properties":${props}`, `"propert\\u0069es":${JSON.stringify(pairs)}`),
    object('"properties":[]', `"properties":${props}`),
    ...(first === undefined ? [] : [object(`"properties":{${key}:{},${props.slice(1)}`), object(`"properties":${props.slice(0, -1)},${key}:[[]]}`)]),
    ...(entries.length > 1 ? twice : []),
  ];
}

async function expectEquivalent(dir: string, variants = true): Promise<number> {
  const config = loadConfig(dir, undefined, RULE_IDS);
  const registry = await loadRegistry(config.registry, { parallelThreshold: Infinity });
  const plan = validationPlan(registry);
  const check = createChecker(plan);
  const { byName } = validators(await compileDir(dir));
  const cases = lines(eventSchemas(await compileDir(dir))).flatMap((c) => texts(c.event, variants).map((text) => ({ name: c.name, text })));
  const text = cases.map((c) => c.text).join('\n');
  const result = checkWhole(check, Buffer.from(`${text}\n`));
  // With the validators written out as source by the plan's thread (code.ts), as the CLI runs
  // them: the same findings, word for word. (Without, the checker writes the fast ones itself.)
  expect(checkWhole(createChecker({ ...plan, code: planCode(plan) }), Buffer.from(`${text}\n`))).toEqual(result);
  const flagged = new Set(result.findings.filter((f) => f.severity === 'error').map((f) => f.line));
  let accepted = 0;
  const disagree: string[] = [];
  cases.forEach((c, i) => {
    const want = byName.get(c.name)!(JSON.parse(c.text));
    if (want) accepted++;
    if (want === flagged.has(i + 1)) disagree.push(`${want ? 'schema accepts, checker refuses' : 'schema refuses, checker accepts'}: ${c.text.slice(0, 300)}`);
  });
  expect(disagree.slice(0, 5)).toEqual([]);
  expect(result.lines).toBe(cases.length);
  expect(accepted).toBeGreaterThan(0);
  expect(cases.length - accepted).toBeGreaterThan(0);
  return cases.length;
}

describe('the fast path accepts exactly what the generated schema accepts', () => {
  it('the bundled registry', async () => { expect(await expectEquivalent(ROOT)).toBeGreaterThan(1000); });
  // Each event written one way: the other ways are the same for every registry.
  it('the 478 Iglu schemas', async () => { expect(await expectEquivalent(IGLU, false)).toBeGreaterThan(10000); }, 120_000);
  it('a registry of hostile names', async () => { expect(await expectEquivalent(hostileProject())).toBeGreaterThan(50); });
  it('a registry of properties sent under old names (aliases)', async () => { expect(await expectEquivalent(aliasesProject())).toBeGreaterThan(1000); });
});
