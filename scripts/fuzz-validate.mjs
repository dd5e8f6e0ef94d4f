#!/usr/bin/env node
// Differential fuzzing of `trackplan validate` against Ajv on the schemas `trackplan build`
// writes. Events of each registry (the bundled one, the Iglu fixtures, and one of hostile names:
// members of Object.prototype, enums of hundreds and thousands of values, nullable and nested
// objects, an event of 1,200 properties in allOf groups, aliases, deprecation; and events the
// seed shapes, of 501 to 1,500 properties in allOf groups beside every name of Object.prototype's
// members, optional (patternProperties), required and as aliases, with enums of 257 to 3,000
// strings or integers) are made from their schemas, mutated (values of every type and edge, keys
// dropped, added, misspelt, written twice, escaped, reordered, bytes inserted, deleted or
// replaced, invalid UTF-8, CR, deep nesting) and
// checked both ways: validate must refuse exactly the lines that the schema of index.json (any
// known event, dispatched on event_name, compiled by Ajv in strict mode with ajv-formats) refuses
// in what JSON.parse makes of the line, and must say something about every line it refuses. A
// share of the batches also goes through worker threads, which must find exactly the same.
// Bounded: `--cases` lines (default 100,000) or `--seconds`.
//
//   npm run build && node scripts/fuzz-validate.mjs [--cases 100000] [--seconds 600] [--seed 1]
//
// Exit 0 when nothing disagrees, 1 with the first disagreements printed (as JSON strings).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => path.join(ROOT, 'dist', p);

// ---------------------------------------------------------------------------------------------
// Registries.

const HOSTILE_RULES = ['event-name-verb', 'event-name-state', 'event-name-derived', 'property-name-case', 'property-derived', 'property-type-consistency', 'description-required'];

/** The members of Object.prototype a property may be named like (`__proto__` is refused by build: it comes in data only). */
const INHERITED = ['constructor', 'valueOf', 'hasOwnProperty', 'toString', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

/** A property definition in flow style: of every type, now and then an enum of 257 to 3,000 values (checked with a Set past 256), required, nullable. */
function propertyText(r, name, depth = 0) {
  const extra = [...(r.chance(0.03) ? ['required: true'] : []), ...(r.chance(0.1) ? ['nullable: true'] : [])];
  const big = () => 257 + r.int(r.chance(0.5) ? 50 : 2744);
  switch (r.int(depth ? 5 : 6)) {
    case 0: {
      if (!r.chance(0.01)) return `{ type: string${r.chance(0.1) ? ', maxLength: 3' : ''}${extra.map((x) => `, ${x}`).join('')} }`;
      // String values that look like keys of Object.prototype too: a Set must not see inherited members.
      const values = Array.from({ length: big() }, (_, k) => (k < INHERITED.length ? INHERITED[k] : `${name}_${k}`));
      return `{ type: string, enum: [${[...values, '__proto__'].join(', ')}]${extra.map((x) => `, ${x}`).join('')} }`;
    }
    case 1: return r.chance(0.01)
      ? `{ type: integer, enum: [${Array.from({ length: big() }, (_, k) => k * 3 - 100).join(', ')}]${extra.map((x) => `, ${x}`).join('')} }`
      : `{ type: integer${r.chance(0.2) ? ', minimum: 0, maximum: 5' : ''}${extra.map((x) => `, ${x}`).join('')} }`;
    case 2: return `{ type: boolean${extra.map((x) => `, ${x}`).join('')} }`;
    case 3: return `{ type: number${r.chance(0.2) ? ', maximum: 10' : ''}${extra.map((x) => `, ${x}`).join('')} }`;
    case 4: return r.chance(0.02)
      ? `{ type: array, items: { type: integer, enum: [${Array.from({ length: big() }, (_, k) => k).join(', ')}] }${extra.map((x) => `, ${x}`).join('')} }`
      : `{ type: array, items: { type: string }${extra.map((x) => `, ${x}`).join('')} }`;
    default: return `{ type: object, properties: { a: { type: string, required: true }, valueOf: { type: integer } }${extra.map((x) => `, ${x}`).join('')} }`;
  }
}

/**
 * Events of 501 to 1,500 properties besides those named like Object.prototype's (objects past
 * 500 are written as allOf groups: the first is just past it); each with those names (optional
 * ones under patternProperties, required ones in the groups, some with aliases, some aliases
 * named like them), a nested object of the same kind, and enums past 256 values; from `seed`.
 */
function wideFiles(seed, count) {
  const r = random(seed * 7919 + 17);
  const files = {};
  for (let e = 0; e < count; e++) {
    const n = e === 0 ? 501 : 501 + r.int(1000);
    const names = new Set();
    const object = (prefix, size, indent, depth) => {
      const lines = [];
      const spareAliases = INHERITED.filter((x) => r.chance(0.3));
      const members = [...Array.from({ length: size }, (_, k) => `${prefix}${k}`), ...INHERITED.filter((x) => !spareAliases.includes(x) && (e === 0 || r.chance(0.7)))];
      for (const m of members) {
        let def = propertyText(r, m.replace(/^_+/, ''), depth);
        if (r.chance(INHERITED.includes(m) ? 0.2 : 0.005)) {
          const alias = spareAliases.length && r.chance(0.5) ? spareAliases.pop() : `${m}_was`;
          if (!names.has(alias)) { names.add(alias); def = def.replace(/ }$/, `, aliases: [${alias}] }`); }
        }
        names.add(m);
        lines.push(`${indent}${m}: ${def}`);
      }
      return lines;
    };
    const nested = object('n_', 501 + r.int(200), '      ', 1);
    files[`registry/events/wide${e}_recorded.yaml`] = [`name: wide${e}_recorded`, 'description: x', 'owner: t', 'properties:', ...object(`w${e}_`, n, '  ', 0),
      `  nested_${e}:`, '    type: object', `    nullable: ${r.chance(0.5)}`, '    properties:', ...nested, ''].join('\n');
  }
  return files;
}

/** Files of a registry written to break validate: names, sizes and shapes the bundled one lacks (the wide events vary with `seed`). */
export function hostileFiles(seed = 1) {
  const many = Array.from({ length: 300 }, (_, k) => `v${k}`);
  const huge = Array.from({ length: 3000 }, (_, k) => `opt_${k}`);
  const wide = Array.from({ length: 1200 }, (_, k) => `  w_${k}: { type: ${['string', 'integer', 'boolean', 'number'][k % 4]}${k % 97 === 0 ? ', required: true' : ''} }`);
  return {
    'trackplan.config.yaml': `rules:\n${HOSTILE_RULES.map((r) => `  ${r}: off\n`).join('')}`,
    'registry/events/class_created.yaml': [
      'name: class_created', 'description: x', 'owner: t', 'aliases: [klass_created]', 'properties:',
      '  constructor: { type: string }', '  toString: { type: integer, minimum: 0 }', '  valueOf: { type: boolean, required: true }',
      '  hasOwnProperty: { type: string, nullable: true }', '  isPrototypeOf: { type: array, items: { type: string } }',
      '  propertyIsEnumerable: { type: number, maximum: 10 }', '  __proto_x__: { type: string }',
      '  prototype: { type: object, properties: { constructor: { type: number, required: true }, "kebab-key": { type: string }, "with space": { type: array, items: { type: integer } }, toString: { type: string } } }',
      '  "a.b": { type: string }', '  "é": { type: string, maxLength: 2 }', '  "~1/": { type: string }', '  "": { type: string }',
      `  level: { type: string, enum: [${many.join(', ')}] }`,
      `  choice: { type: string, nullable: true, enum: [${huge.join(', ')}] }`,
      '  codes: { type: array, minItems: 1, maxItems: 3, items: { type: integer, enum: [1, 2, 3, 5, 8] } }',
      '  when: { type: string, format: date-time }', '  day: { type: string, format: date }', '  id: { type: string, format: uuid }',
      '  mail: { type: string, format: email }', '  code: { type: string, pattern: "^[A-Z]{3}$" }',
      '  count: { type: integer, minimum: -5, maximum: 5 }', '  ratio: { type: number, minimum: 0, maximum: 1 }',
      '  blob: { type: object }', '  list: { type: array }', '  plan: { $ref: plan_type, nullable: true }',
      '  deep: { type: object, properties: { a: { type: object, required: true, properties: { b: { type: array, items: { type: object, properties: { c: { type: string, enum: [x, y], required: true } } } } } } } }',
      '',
    ].join('\n'),
    'registry/events/wide_recorded.yaml': ['name: wide_recorded', 'description: x', 'owner: t', 'properties:', ...wide, '  constructor: { type: string }', '  toString: { type: integer }',
      '  nested: { type: object, nullable: true, properties: { ' + Array.from({ length: 600 }, (_, k) => `n_${k}: { type: ${k % 2 ? 'string' : 'integer'} }`).join(', ') + ' } }', ''].join('\n'),
    ...wideFiles(seed, 3),
    'registry/events/old_thing_done.yaml': 'name: old_thing_done\ndescription: x\nowner: t\nstatus: deprecated\nreplaced_by: class_created\nproperties:\n  plan: { $ref: plan_type, required: true }\n',
    'registry/events/empty_seen.yaml': 'name: empty_seen\ndescription: x\nowner: t\n',
    'registry/properties/plan_type.yaml': 'name: plan_type\ntype: string\nenum: [free, pro, "p*/"]\ndescription: x\n',
  };
}

function writeProject(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackplan-fuzz-validate-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Each registry: its checker, the Ajv validator of index.json, its event schemas and names. */
export async function registries(seed = 1) {
  const [{ loadConfig }, { loadRegistry }, { RULE_IDS }, { compile }, { validationPlan }, { createChecker }, { Ajv2020 }, formats] = await Promise.all([
    import(dist('load/config.js')), import(dist('load/registry.js')), import(dist('rules/index.js')), import(dist('compile/index.js')),
    import(dist('validate/plan.js')), import(dist('validate/check.js')), import('ajv/dist/2020.js'), import('ajv-formats')]);
  const hostile = writeProject(hostileFiles(seed));
  const out = [];
  for (const [name, dir] of [['bundled', ROOT], ['iglu', path.join(ROOT, 'test', 'fixtures', 'iglu')], ['hostile', hostile]]) {
    const config = loadConfig(dir, undefined, RULE_IDS);
    const registry = await loadRegistry(config.registry, { parallelThreshold: Infinity });
    const artifacts = await compile(registry);
    const ajv = new Ajv2020({ strict: true });
    formats.default(ajv);
    const schemas = [...artifacts].filter(([f]) => /^schemas\/.*\.schema\.json$/.test(f)).map(([, t]) => JSON.parse(t));
    for (const s of schemas) ajv.addSchema(s);
    const any = ajv.compile(JSON.parse(artifacts.get('schemas/index.json')).schema);
    const plan = validationPlan(registry);
    // The events whose properties are in allOf groups (past GROUP properties).
    const grouped = new Set(schemas.filter((s) => s.properties.properties.allOf?.some((g) => g.properties)).map((s) => s.title));
    out.push({ name, plan, check: createChecker(plan), any, schemas, grouped, names: plan.events.map((e) => e.name) });
  }
  fs.rmSync(hostile, { recursive: true, force: true });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Events.

function random(seed) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)], chance: (p) => next() < p };
}

const FORMAT_EXAMPLES = {
  uuid: ['0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5B-D9CB-469F-A165-70867728950E', 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b-d9cb-469f-a165-7086772895', '0f8fad5bd9cb469fa16570867728950e'],
  'date-time': ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.123+02:00', '2024-02-29T23:59:60Z', '2023-02-29T12:00:00Z', '2024-05-01 12:00:00Z', '2024-05-01T12:00:00', '2024-13-01T00:00:00Z', '2024-05-01t12:00:00z'],
  date: ['2024-05-01', '2024-02-29', '2023-02-29', '2024-5-1', '20240501'],
  time: ['12:00:00Z', '25:00:00Z'], email: ['ada@example.com', 'ada@', 'a b@c.d'], uri: ['https://example.com/a', 'example.com', '/a'],
  'uri-reference': ['/a', ':'], url: ['https://example.com/a'], hostname: ['example.com', '-x-'], ipv4: ['192.0.2.1', '256.0.0.1'], ipv6: ['2001:db8::1', '::g'],
};
const STRINGS = ['', 'x', 'a b', 'ABC', 'abc', 'é', '😀', '\u0000', '\u2028', '"', '\\', '\t', 'x'.repeat(70), 'constructor', '__proto__', 'toString', 'null', 'true', '1', 'free', 'pro', 'v1', 'opt_2999', 'Opt-2999', 'x', 'y'];
const NUMBERS = [0, -0, 1, -1, 1.5, 5, 6, -5, -6, 10, 10.0000001, 1e21, -1e21, 2 ** 53, 0.1, 1e-7, 3];
const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', 'unknown_key', '', 'a.b', 'é', 'e\u0301'];

/** The schema `$ref` names in the event's own `$defs`. */
const deref = (s, root) => (typeof s?.$ref === 'string' ? { ...root.$defs[decodeURIComponent(s.$ref.slice('#/$defs/'.length)).replace(/~1/g, '/').replace(/~0/g, '~')], ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) } : s);

/** Each property of an object schema with its schema, groups (allOf) and patternProperties (`^name$`) read. */
function members(s) {
  const own = Object.entries(s.properties ?? {});
  const groups = new Map((s.allOf ?? []).flatMap((g) => Object.entries(g.properties ?? {})));
  const patterns = Object.entries(s.patternProperties ?? {}).map(([p, v]) => [p.replace(/^\^|\$$/g, ''), v]);
  return [...own.map(([k, v]) => [k, v === true ? groups.get(k) ?? true : v]), ...patterns];
}

/** A value for `schema`: valid most of the time, anything when the dice say so. */
function value(r, schema, root, depth = 0) {
  const s = deref(schema, root);
  if (s === true || s === undefined) return anything(r, depth);
  if (r.chance(0.03)) return anything(r, depth);
  if (Array.isArray(s.anyOf)) return r.chance(0.2) ? null : value(r, s.anyOf[0], root, depth);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) {
    const v = r.pick(s.enum);
    if (typeof v === 'string' && r.chance(0.1)) return r.pick([v.toUpperCase(), `${v} `, v.slice(1), `${v}x`, v.replace(/_/g, '-')]);
    return v;
  }
  const types = [s.type].flat().filter(Boolean);
  const type = r.chance(0.05) && types.includes('null') ? 'null' : types.find((t) => t !== 'null') ?? r.pick(['string', 'integer', 'object', 'array']);
  switch (type) {
    case 'null': return null;
    case 'string': {
      if (s.format && FORMAT_EXAMPLES[s.format]) return r.chance(0.7) ? FORMAT_EXAMPLES[s.format][0] : r.pick(FORMAT_EXAMPLES[s.format]);
      if (s.pattern === '^[A-Z]{3}$') return r.pick(['ABC', 'XYZ', 'AB', 'abc', 'ABCD']);
      const min = s.minLength ?? 0, max = s.maxLength ?? 40;
      if (r.chance(0.2)) return r.pick(STRINGS);
      const n = Math.max(min, Math.min(max, r.int(12))) + (r.chance(0.05) ? 1 : 0);
      return Array.from({ length: n }, () => r.pick(['a', 'b', 'z', '_', '1', 'é', ' '])).join('');
    }
    case 'integer': case 'number': {
      if (r.chance(0.3)) return r.pick(NUMBERS);
      const lo = s.minimum ?? -100, hi = s.maximum ?? 100;
      const v = lo + r.next() * (hi - lo);
      return type === 'integer' ? Math.round(v) : v;
    }
    case 'boolean': return r.chance(0.5);
    case 'array': {
      const min = s.minItems ?? 0, max = s.maxItems ?? 4;
      const n = Math.max(0, Math.min(max, min + r.int(3)) + (r.chance(0.05) ? 1 : 0) - (r.chance(0.05) ? 1 : 0));
      return Array.from({ length: n }, () => (s.items ? value(r, s.items, root, depth + 1) : anything(r, depth + 1)));
    }
    case 'object': {
      const out = {};
      const required = new Set(s.required ?? []);
      const all = members(s);
      // Wide objects: their required members, those named like Object.prototype's, and a few others.
      const some = all.length > 40 ? all.filter(([k]) => required.has(k) || INHERITED.includes(k) || r.chance(8 / all.length)) : all;
      for (const [k, v] of some) {
        if (required.has(k) ? r.chance(0.02) : r.chance(0.5)) continue;
        Object.defineProperty(out, k, { value: value(r, v, root, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      if (!all.length && r.chance(0.5)) out[r.pick(['a', 'constructor', 'k'])] = anything(r, depth + 1);
      return out;
    }
    default: return anything(r, depth);
  }
}

function anything(r, depth) {
  switch (r.int(depth > 3 ? 4 : 6)) {
    case 0: return null;
    case 1: return r.pick(STRINGS);
    case 2: return r.pick(NUMBERS);
    case 3: return r.chance(0.5);
    case 4: return Array.from({ length: r.int(3) }, () => anything(r, depth + 1));
    default: return Object.fromEntries(Array.from({ length: r.int(3) }, () => [r.pick(NAMES), anything(r, depth + 1)]));
  }
}

/** Every path to a value inside `v`, to 20 levels. */
function paths(v, at = []) {
  if (at.length >= 20) return [at];
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.keys(v).flatMap((k) => paths(v[k], [...at, k]))];
  return [at];
}

/** A change to the event as data. */
function mutate(r, event, schema, root) {
  const all = paths(event).filter((p) => p.length);
  const at = r.pick(all);
  let parent = event;
  for (const k of at.slice(0, -1)) parent = parent[k];
  const key = at[at.length - 1];
  const set = (v) => Object.defineProperty(parent, key, { value: v, enumerable: true, writable: true, configurable: true });
  switch (r.int(7)) {
    case 0: set(anything(r, 0)); break;
    case 1: if (Array.isArray(parent)) parent.splice(key, 1); else delete parent[key]; break;
    case 2: { // a key added, named like a member, a near miss, or nothing special
      const target = parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key]) ? parent[key] : parent;
      if (Array.isArray(target)) break;
      const near = Object.keys(target);
      const name = r.chance(0.5) || !near.length ? r.pick(NAMES) : `${r.pick(near)}${r.pick(['s', '_', ''])}`.replace(/^(.)/, (c) => (r.chance(0.3) ? c.toUpperCase() : c));
      Object.defineProperty(target, name, { value: anything(r, 1), enumerable: true, writable: true, configurable: true });
      break;
    }
    case 3: { // deep nesting
      const d = r.pick([3, 50, 2000]);
      let v = r.pick([[], {}, 'x']);
      for (let k = 0; k < d; k++) v = r.chance(0.5) ? [v] : { a: v };
      set(v);
      break;
    }
    case 4: set(typeof parent[key] === 'string' ? r.pick([`${parent[key]}x`, parent[key].toUpperCase(), '', ' ']) : r.pick(NUMBERS)); break;
    case 5: if (key === 'properties' || key === 'event_name') set(r.pick([...NAMES, 'old_thing_done', 'klass_created', 'class_created', 'wide_recorded'])); else set(value(r, schema, root)); break;
    default: if (at[0] === 'properties' && at.length === 2) set(value(r, schema.properties.properties.properties?.[key] ?? true, root)); else set(anything(r, 0));
  }
}

let nextId = 0;
/** An event of a random schema of the registry, as data. */
function event(r, schemas) {
  const schema = r.pick(schemas);
  const id = `0f8fad5b-d9cb-469f-a165-${String(nextId++).padStart(12, '0')}`;
  const ev = { event_id: id, event_name: schema.title, event_time: r.chance(0.9) ? '2024-05-01T12:00:00Z' : r.pick(FORMAT_EXAMPLES['date-time']), user_id: r.chance(0.95) ? 'u' : r.pick(['', 1, null]),
    properties: value(r, schema.properties.properties, schema) };
  if (r.chance(0.02)) ev.event_name = r.pick(['klass_created', 'old_thing_done', 'class_createdd', 'Class_Created']);
  for (let m = r.chance(0.4) ? 1 + r.int(3) : 0; m > 0; m--) mutate(r, ev, schema, schema);
  return ev;
}

/** The event as the bytes of a line: written one of several ways JSON.parse reads alike, then perhaps mutated as bytes. */
function bytesOf(r, ev) {
  let text;
  switch (r.int(8)) {
    case 0: text = JSON.stringify(ev, null, r.pick([1, '\t'])).replace(/\n/g, r.pick([' ', '', '\t'])); break;
    case 1: { // properties first
      if (!ev || typeof ev !== 'object' || !('properties' in ev)) { text = JSON.stringify(ev); break; }
      const { properties, ...rest } = ev;
      text = `{"properties":${JSON.stringify(properties)}${Object.keys(rest).length ? ',' : ''}${JSON.stringify(rest).slice(1)}`;
      break;
    }
    case 2: text = JSON.stringify(ev).replace(/"([a-z])([a-z_]*)":/g, (m, a, b) => (r.chance(0.3) ? `"\\u00${a.charCodeAt(0).toString(16)}${b}":` : m)); break;
    case 3: { // a key written twice
      const t = JSON.stringify(ev);
      const m = [...t.matchAll(/"([^"\\]+)":("[^"\\]*"|-?\d+|true|false|null)/g)];
      const pick = m.length ? r.pick(m) : undefined;
      text = pick ? t.replace(pick[0], `${pick[0]},${pick[0].replace(/:.*/, `:${r.pick(['1', '"x"', pick[2]])}`)}`) : t;
      break;
    }
    default: text = JSON.stringify(ev);
  }
  let bytes = Buffer.from(text);
  for (let m = r.chance(0.15) ? 1 + r.int(3) : 0; m > 0; m--) {
    const at = r.int(bytes.length + 1);
    const piece = Buffer.from(r.pick(['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\t', '\r', '0', '-', 'e', '.', 'é', '\u2028', 'null', '\\u0000', '\\ud800']));
    switch (r.int(4)) {
      case 0: bytes = Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]); break;
      case 1: bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + r.int(3))]); break;
      case 2: bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x80 + r.int(128)]), bytes.subarray(at + 1)]); break;
      default: bytes = Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at + 1)]);
    }
  }
  if (r.chance(0.03)) bytes = Buffer.concat([bytes, Buffer.from('\r')]);
  if (bytes.includes(10)) throw new Error('a line with a line break in it'); // nothing above writes one
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// The comparison.

/** Ajv's verdict on a line, as validate reads it (a CR before the line end dropped, UTF-8 decoded). */
function ajvValid(any, bytes) {
  const end = bytes.length && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  let v;
  try { v = JSON.parse(bytes.toString('utf8', 0, end)); } catch { return false; }
  return v !== null && typeof v === 'object' && !Array.isArray(v) && any(v);
}

/** Every line checked in this thread (a batch stops when its findings fill their budget: BatchResult.rest). */
function checkAll(check, bytes) {
  const findings = [];
  let lines = 0;
  for (let rest = bytes, first = true; ; first = false) {
    const r = check({ bytes: rest, first, unterminated: false });
    for (const f of r.findings) findings.push({ ...f, line: f.line + lines });
    lines += r.lines;
    if (r.rest === undefined) return { lines, findings };
    rest = rest.subarray(r.rest);
  }
}

/** Lines with an error, repeated ids aside (Ajv sees one line at a time). */
const refusedLines = (findings) => new Set(findings.filter((f) => f.severity === 'error' && !(f.path === 'event_id' && /^The event_id repeats/.test(f.message))).map((f) => f.line));

export async function fuzz({ cases = 100_000, seconds = Infinity, seed = 1, batch = 500, workersEvery = 25, regs } = {}) {
  regs ??= await registries(seed);
  const { validateStream } = await import(dist('validate/run.js'));
  const r = random(seed);
  const deadline = performance.now() + seconds * 1000;
  // besideGroups: lines of an event in allOf groups with a member named like one of Object.prototype's.
  const counts = { cases: 0, valid: 0, invalid: 0, workerBatches: 0, besideGroups: 0, byRegistry: Object.fromEntries(regs.map((g) => [g.name, 0])) };
  const failures = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trackplan-fuzz-validate-'));
  try {
    for (let round = 0; counts.cases < cases && performance.now() < deadline && failures.length < 10; round++) {
      const reg = regs[round % regs.length];
      const n = Math.min(batch, cases - counts.cases);
      const lines = Array.from({ length: n }, () => {
        const ev = event(r, reg.schemas);
        if (reg.grouped.has(ev.event_name) && ev.properties && typeof ev.properties === 'object' && INHERITED.some((k) => Object.hasOwn(ev.properties, k))) counts.besideGroups++;
        return bytesOf(r, ev);
      });
      const text = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
      const { findings, lines: seen } = checkAll(reg.check, Buffer.from(text));
      if (seen !== n) failures.push({ registry: reg.name, error: `checked ${seen} lines of ${n}` });
      const refused = refusedLines(findings);
      lines.forEach((l, k) => {
        const want = ajvValid(reg.any, l);
        counts[want ? 'valid' : 'invalid']++;
        const got = !refused.has(k + 1);
        if (want !== got) failures.push({ registry: reg.name, line: l.toString('utf8'), error: want ? 'Ajv accepts, validate refuses' : 'Ajv refuses, validate accepts', findings: findings.filter((f) => f.line === k + 1) });
        else if (!got && !findings.some((f) => f.line === k + 1 && f.message)) failures.push({ registry: reg.name, line: l.toString('utf8'), error: 'refused without a message' });
      });
      if (workersEvery && round % workersEvery === workersEvery - 1) {
        // The same lines through worker threads: the same findings, in the same order.
        const file = path.join(tmp, 'batch.ndjson');
        fs.writeFileSync(file, text);
        const found = [];
        await validateStream(reg.plan, [{ name: 'b', path: file, size: text.length, open: () => fs.createReadStream(file) }], { jobs: 2, parallelAfter: 0 }, (f) => found.push(f));
        // The stream adds what spans lines (repeated ids, the first line of a deprecated event): left out.
        const own = (f) => f.severity === 'error' && !(f.path === 'event_id' && /^The event_id repeats/.test(f.message));
        const a = found.filter(own).map(({ file: _, ...f }) => JSON.stringify(f)), b = findings.filter(own).map((f) => JSON.stringify(f));
        const k = a.findIndex((x, i) => x !== b[i]);
        if (k >= 0 || a.length !== b.length) failures.push({ registry: reg.name, error: 'worker threads found otherwise', workers: a[k] ?? a.length, here: b[k] ?? b.length });
        counts.workerBatches++;
      }
      counts.cases += n;
      counts.byRegistry[reg.name] += n;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { ...counts, failures };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, ''), value = Number(argv[i + 1]);
    if (!['cases', 'seconds', 'seed'].includes(key) || !(value > 0)) {
      process.stderr.write('usage: node scripts/fuzz-validate.mjs [--cases 100000] [--seconds 600] [--seed 1]\n');
      process.exit(2);
    }
    opts[key] = value;
  }
  if (!fs.existsSync(dist('validate/check.js'))) { process.stderr.write('fuzz-validate: run `npm run build` first (dist/ is missing).\n'); process.exit(2); }
  const t0 = performance.now();
  const result = await fuzz({ seconds: 600, ...opts });
  const took = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(`fuzz-validate: ${result.cases} lines in ${took} s (seed ${opts.seed ?? 1}; ${Object.entries(result.byRegistry).map(([k, v]) => `${k} ${v}`).join(', ')}): Ajv accepts ${result.valid}, refuses ${result.invalid}; ${result.besideGroups} of an event in allOf groups with members named like Object.prototype's; ${result.workerBatches} batches also in worker threads; ${result.failures.length} disagreements\n`);
  for (const f of result.failures) process.stdout.write(`\n${JSON.stringify(f)}\n`);
  process.exitCode = result.failures.length ? 1 : 0;
}
