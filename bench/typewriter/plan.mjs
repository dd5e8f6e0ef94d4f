#!/usr/bin/env node
// Converts a trackplan registry into a local Segment Protocols tracking plan that Segment's
// typewriter (v8/v9) builds offline, for bench/build.mjs.
//
//   node bench/typewriter/plan.mjs REGISTRY_DIR OUT_DIR [--sdk analytics-node|analytics-js|none]
//
// writes OUT_DIR/typewriter.yml and OUT_DIR/plan.json; then
//   bench/node_modules/.bin/typewriter build --config OUT_DIR
// writes OUT_DIR/segment.ts (plus an index.ts for analytics-node) without touching the network:
//
// - typewriter reads `typewriter.yml` from --config; its `trackingPlans: [{ id, path }]` entry
//   points at the folder that holds the plan's local copy, `<path>/plan.json`, and receives the
//   generated files. `build` without --update uses that copy and only calls Segment's API when
//   it is missing (api/trackingplans.js, loadTrackingPlans), and it needs an API token only for
//   that: with none (no ~/.typewriter, no token script), it warns "Using local copy of tracking
//   plans instead." and builds.
// - plan.json is written the way `typewriter update` writes it (api/trackingplans.js,
//   sanitizeTrackingPlan): one rule per event, `type: "TRACK"`, `key` = event name,
//   `version`, and a draft-07 `jsonSchema` whose `properties` / `required` are the event's own
//   properties, with `eventMetadata: { name, type }` (which tells typewriter the unwrapping of the
//   API's `properties.properties` envelope is already done) and Segment-style `id`s.
//
// The mapping from trackplan: `$ref: <shared>` is inlined from registry/properties/<shared>.yaml
// (the use site's `required`, `nullable` and `description` win); `required: true` goes to the
// parent's `required` list; `nullable: true` becomes `type: [T, "null"]` as Segment writes it;
// enum/format/pattern/min*/max*/items/properties are JSON Schema already. Objects are closed
// (`additionalProperties: false`), as in trackplan's own schemas, so both tools type the same
// thing. Deprecated events keep their rule (Segment has no status) with "(deprecated)" in the
// description.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const SCHEMA_KEYS = ['type', 'description', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'];
const STAMP = '2024-01-01T00:00:00.000Z'; // fixed, so the same registry gives the same plan.json

const readYamlDir = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [])
  .map((f) => ({ file: f, def: parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));

const pointer = (name) => encodeURIComponent(name);

/** One trackplan property definition (inline or `$ref`) as Segment JSON Schema; returns [schema, required]. */
function property(def, shared, id) {
  let d = def ?? {};
  if (d.$ref !== undefined) {
    const target = shared.get(d.$ref);
    if (!target) throw new Error(`$ref to an unknown shared property: ${d.$ref}`);
    const { $ref, ...use } = d;
    const { name, ...base } = target;
    d = { ...base, ...use };
  }
  const s = { id };
  for (const k of SCHEMA_KEYS) if (d[k] !== undefined && d[k] !== null) s[k] = d[k];
  if (s.description === undefined) s.description = '';
  if (d.type === 'object') Object.assign(s, object(d.properties, shared, id));
  if (d.type === 'array' && d.items) {
    const [items] = property(d.items, shared, `${id}/items`);
    s.items = items;
  }
  if (d.nullable && s.type) s.type = [s.type, 'null'];
  return [s, d.required === true];
}

function object(props, shared, id) {
  const properties = {};
  const required = [];
  for (const [name, def] of Object.entries(props ?? {})) {
    const [s, req] = property(def, shared, `${id}/properties/${pointer(name)}`);
    properties[name] = s;
    if (req) required.push(name);
  }
  return { properties, required, additionalProperties: false };
}

/** Reads REGISTRY_DIR/{events,properties}/*.yaml; returns the plan.json object. */
export function registryToPlan(registryDir, { id = 'tp_trackplan_bench', name = 'trackplan bench' } = {}) {
  const shared = new Map(readYamlDir(path.join(registryDir, 'properties')).map(({ def }) => [def.name, def]));
  const rules = readYamlDir(path.join(registryDir, 'events')).map(({ file, def }) => {
    const { properties, required, additionalProperties } = object(def.properties, shared, '');
    // Segment's ids for top-level properties are `/properties/<name>` (the envelope is unwrapped).
    const description = `${def.description ?? ''}${def.status === 'deprecated' ? ' (deprecated)' : ''}`;
    if (!def.name) throw new Error(`${file}: no name`);
    return {
      createdAt: STAMP,
      deprecatedAt: '0001-01-01T00:00:00.000Z',
      key: def.name,
      type: 'TRACK',
      updatedAt: STAMP,
      version: def.version ?? 1,
      jsonSchema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        description,
        eventMetadata: { name: def.name, type: 'TRACK' },
        labels: {},
        properties,
        required,
        additionalProperties,
        type: 'object',
      },
    };
  });
  return { createdAt: STAMP, description: '', id, name, rules, slug: 'trackplan-bench', updatedAt: STAMP };
}

/** typewriter.yml for a plan whose plan.json and output both live in the config's folder. */
export function typewriterConfig({ id = 'tp_trackplan_bench', sdk = 'analytics-node', language = 'typescript' } = {}) {
  return [
    '# Segment Typewriter configuration, written by bench/typewriter/plan.mjs.',
    '# `typewriter build --config <this folder>` reads ./plan.json (no --update: nothing is fetched).',
    'client:',
    `  language: ${language}`,
    `  sdk: ${sdk}`,
    'trackingPlans:',
    `  - id: ${id}`,
    '    path: ./',
    '',
  ].join('\n');
}

/** Writes OUT_DIR/typewriter.yml and OUT_DIR/plan.json; returns the number of rules. */
export function writeTypewriterProject(registryDir, outDir, { sdk = 'analytics-node' } = {}) {
  const plan = registryToPlan(registryDir);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'plan.json'), `${JSON.stringify(plan, null, '\t')}\n`);
  fs.writeFileSync(path.join(outDir, 'typewriter.yml'), typewriterConfig({ sdk }));
  return plan.rules.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--sdk');
  const sdk = i >= 0 ? args.splice(i, 2)[1] : 'analytics-node';
  const [registryDir, outDir] = args;
  if (!registryDir || !outDir) {
    process.stderr.write('usage: node bench/typewriter/plan.mjs REGISTRY_DIR OUT_DIR [--sdk analytics-node|analytics-js|none]\n');
    process.exit(2);
  }
  const n = writeTypewriterProject(registryDir, outDir, { sdk });
  process.stdout.write(`wrote ${n} rules to ${path.join(outDir, 'plan.json')} and ${path.join(outDir, 'typewriter.yml')}\n`);
}
