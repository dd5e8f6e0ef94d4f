// simpleTypes (compile/simple-types.ts) must write json-schema-to-typescript's output to the byte
// whenever it writes anything: it is compared with jstt itself on every event of the fixtures
// (the bundled registry, the hostile and alias registries, the Iglu corpus, the ESLint plugin's
// registries, generated registries in every style), and on random schemas near those shapes.
// Where it gives nothing, jstt runs, so only its coverage of the fixtures is held too.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error the bench's generator is plain JavaScript without declarations
import { createRandom, writeRegistry } from '../../bench/generate.mjs';
import type { Schema } from '../../src/compile/json-schema.js';
import { simpleTypes } from '../../src/compile/simple-types.js';
import { jstt, typesInput } from '../../src/compile/types.js';
import { loadConfig } from '../../src/load/config.js';
import { loadRegistry } from '../../src/load/registry.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { cleanup, ROOT, tempDir } from '../helpers.js';
import { aliasesProject, hostileProject, IGLU } from './support.js';

afterAll(cleanup);

/** The distinct jstt inputs of a project's events. */
async function inputs(dir: string): Promise<Schema[]> {
  const registry = await loadRegistry(loadConfig(dir, undefined, RULE_IDS).registry, { parallelThreshold: Infinity });
  const shared = new Map(registry.properties.map((p) => [p.name, p]));
  const out = new Map<string, Schema>();
  for (const e of registry.events) {
    const input = typesInput(e, shared, path.relative(registry.root, e.file));
    if (input) out.set(input.key, input.schema);
  }
  return [...out.values()];
}

/** How many of `schemas` simpleTypes writes, each checked against jstt. */
async function compare(schemas: Schema[]): Promise<{ written: number; jsttFails: number }> {
  let written = 0, jsttFails = 0;
  for (const schema of schemas) {
    const ours = simpleTypes(structuredClone(schema));
    let theirs: string | undefined;
    try { theirs = await jstt(schema); } catch { jsttFails++; }
    if (ours === undefined) continue;
    written++;
    expect({ schema, out: ours }).toEqual({ schema, out: theirs });
  }
  return { written, jsttFails };
}

const generated = (opts: Record<string, unknown>): string => {
  const dir = tempDir();
  writeRegistry(dir, opts);
  return dir;
};

describe('simpleTypes against json-schema-to-typescript', () => {
  it.each([
    ['the bundled registry', () => ROOT, 1],
    ['the Iglu corpus', () => IGLU, 1],
    ['the ESLint plugin fixtures', () => path.join(ROOT, 'test/eslint-plugin/fixtures'), 1],
    ['the ESLint plugin alias fixtures', () => path.join(ROOT, 'test/eslint-plugin/fixtures/aliases'), 1],
    ['a generated registry, mixed style, 3-15 properties', () => generated({ events: 300, properties: '3-15', style: 'mixed', comments: true, multiline: true, seed: 'simple-types' }), 1],
    ['a generated registry, flow style, 12 properties', () => generated({ events: 100, properties: 12, seed: 'simple-types-flow' }), 1],
    // Inherited member names (typed `T | Function`) and nullable shared properties go to jstt.
    ['the hostile registry', hostileProject, 0],
    ['the alias registry', aliasesProject, 0],
  ])('%s: identical output, and written for at least that share', async (_, dir, share) => {
    const schemas = await inputs(dir());
    expect(schemas.length).toBeGreaterThan(0);
    const { written } = await compare(schemas);
    expect(written).toBeGreaterThanOrEqual(Math.floor(schemas.length * share));
  }, 60_000);

  it('random schemas near the simple shapes: identical output whenever it writes one, nothing where jstt fails', async () => {
    const r = createRandom('simple-types') as { int(lo: number, hi: number): number; chance(p: number): boolean; pick<T>(xs: readonly T[]): T };
    let n = 0;
    const name = (): string => `p${n++}`;
    const description = (): string | undefined => (r.chance(0.3) ? undefined : r.pick(['A thing.', '', 'Ends */ early.', 'Two\nlines\n\nand a gap.', 'Has a @tag in it.', 'Trailing space ', '@minItems 3', ' *', 'back\\slash "quoted" `tick` ${x}']));
    const scalarEnum = (type: string): unknown[] => {
      const pool = type === 'string' ? ['a', 'b', 'it"s', '', 'é\u2028'] : type === 'boolean' ? [true, false] : [1, 2.5, -3, 0];
      // Mostly distinct values, as lint requires; now and then one twice or none at all.
      const values = Array.from({ length: r.int(1, 4) }, () => r.pick(pool as unknown[]));
      return r.chance(0.9) ? [...new Set(values)] : r.chance(0.5) ? values : [];
    };
    const node = (depth: number): Schema => {
      const s: Schema = {};
      const d = description();
      if (d !== undefined) s.description = d;
      const kind = r.chance(0.03) ? r.pick(['none', 'null']) : r.pick(['string', 'integer', 'number', 'boolean', 'array', 'object', 'object']);
      if (kind === 'none') return s;
      const nullable = r.chance(0.25);
      s.type = nullable ? (r.chance(0.8) ? [kind, 'null'] : ['null', kind]) : kind;
      if (['string', 'integer', 'number', 'boolean'].includes(kind)) {
        if (r.chance(0.3)) s.enum = [...scalarEnum(kind), ...(nullable && r.chance(0.8) ? [null] : [])];
        if (r.chance(0.3)) Object.assign(s, kind === 'string' ? { maxLength: 10, format: 'uuid' } : { minimum: 0, maximum: 9 });
      }
      if (kind === 'array') {
        if (r.chance(0.8) && depth < 3) s.items = node(depth + 1);
        if (r.chance(0.35)) s.minItems = r.pick([0, 1, 2, 3]);
        if (r.chance(0.35)) s.maxItems = r.pick([0, 1, 2, 5, 20]);
      }
      if (kind === 'object' && depth < 3 && r.chance(0.8)) {
        const props = Array.from({ length: r.int(0, 4) }, () => [name(), node(depth + 1)] as const);
        s.properties = Object.fromEntries(props);
        const required = props.filter(() => r.chance(0.5)).map(([k]) => k);
        if (required.length || r.chance(0.2)) s.required = required;
        s.additionalProperties = r.chance(0.9) ? false : true;
      }
      // Now and then a keyword outside the simple shapes.
      if (r.chance(0.03)) Object.assign(s, r.pick([{ deprecated: true }, { tsType: 'Function' }, { anyOf: [{ type: 'string' }, { tsType: 'Function' }] }, { const: 'x' }, { title: 'Named' }]));
      return s;
    };
    const schemas = Array.from({ length: 1500 }, () => {
      n = 0;
      const props = Array.from({ length: r.int(1, 6) }, () => [name(), node(0)] as const);
      return { type: 'object', properties: Object.fromEntries(props), required: props.filter(() => r.chance(0.5)).map(([k]) => k), additionalProperties: false };
    });
    const { written, jsttFails } = await compare(schemas);
    // The sample reaches both paths: most schemas written here, some left to jstt, some jstt refuses.
    expect(written).toBeGreaterThan(schemas.length * 0.25);
    expect(written).toBeLessThan(schemas.length);
    expect(jsttFails).toBeGreaterThan(0);
  }, 120_000);
});
