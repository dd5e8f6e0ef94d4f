// A JSON Schema (drafts 04 to 2020-12) as a trackplan property definition. What the registry
// format holds comes over as it is; what it cannot hold is mapped to the closest definition and
// said in a report entry, never changed silently.
import { FORMATS } from '../load/formats.js';
import { MAX_DEPTH } from '../load/definition.js';
import { PROPERTY_TYPES, type PropertyType, type Scalar } from '../model.js';
import { assignNames, snakeName } from './names.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One line of the import's report; `at` is the place in the input (file and JSON pointer). */
export interface ReportItem {
  kind: 'imported' | 'renamed' | 'merged' | 'approximated' | 'skipped';
  at: string;
  message: string;
}

/** A property as the YAML file will hold it, keys in the order they are written. */
export type PropertyOut = { [key: string]: unknown };

export interface Walk {
  /** The document the schema is in, for local `$ref`s (`#/definitions/x`). */
  root: JsonObject;
  report: (item: ReportItem) => void;
  /** Where each top-level property is, when the input is no JSON (a CSV row). */
  propertyAt?: Record<string, string>;
  /** Other names each top-level property was sent under. */
  propertyAliases?: Record<string, string[]>;
  /** Filled in: where each top-level property came from, by its registry name. */
  placed?: Record<string, string>;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const pointer = (at: string, ...keys: Array<string | number>): string =>
  `${at}/${keys.map((k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** Keywords that say nothing about which values are valid. */
const ANNOTATIONS = new Set(['$schema', '$id', 'id', 'title', '$comment', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated', 'labels',
  'description', 'self', 'eventMetadata', 'definitions', '$defs']);
const WHOLE = ['minLength', 'maxLength', 'minItems', 'maxItems'] as const;

/** Local `$ref` targets, resolved; other refs and cycles are reported by the caller. */
function deref(schema: JsonObject, walk: Walk, seen: string[]): JsonObject | string {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  if (!ref.startsWith('#')) return `\`$ref: ${ref}\` points to another file`;
  if (seen.includes(ref)) return `\`$ref: ${ref}\` refers to itself`;
  let target: Json = walk.root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) ? target[key] ?? null : null;
  }
  if (!isObject(target)) return `\`$ref: ${ref}\` points to nothing`;
  const { $ref: _, ...rest } = schema;
  seen.push(ref);
  const resolved = deref(target, walk, seen);
  return typeof resolved === 'string' ? resolved : { ...resolved, ...rest };
}

function typeOfValue(v: Json): PropertyType | 'null' | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return undefined;
}

/**
 * The definition of the property at `at` from its schema. `name` is the property's own name in
 * the registry (for messages), `required` whether its parent requires it (undefined: array items).
 */
export function convertProperty(input: Json, at: string, walk: Walk, depth = 1, required?: boolean, seen: string[] = []): PropertyOut {
  const approx = (message: string, where = at): void => walk.report({ kind: 'approximated', at: where, message });
  const out: PropertyOut = {};
  const finish = (p: PropertyOut): PropertyOut => {
    if (required) p.required = true;
    const ordered: PropertyOut = {};
    for (const k of ['type', 'description', 'aliases', 'required', 'nullable', 'enum', 'format', 'pattern', 'minLength', 'maxLength',
      'minimum', 'maximum', 'items', 'minItems', 'maxItems', 'properties']) if (p[k] !== undefined) ordered[k] = p[k];
    return ordered;
  };
  if (input === true || (isObject(input) && Object.keys(input).every((k) => ANNOTATIONS.has(k)))) {
    if (isObject(input) && typeof input.description === 'string' && input.description !== '') out.description = input.description;
    approx('has no type (any value is valid): imported as a free-form object, which refuses text, numbers and lists. Set the type its values have.');
    return finish({ ...out, type: 'object' });
  }
  if (!isObject(input)) {
    approx('is not a schema (`false` or not an object): imported as a free-form object.');
    return finish({ type: 'object' });
  }
  if (depth > MAX_DEPTH) {
    approx(`is nested more than ${MAX_DEPTH} levels deep: imported as a free-form object.`);
    return finish({ type: 'object' });
  }
  const resolved = deref(input, walk, [...seen]);
  if (typeof resolved === 'string') {
    approx(`${resolved}: imported as a free-form object. Define it here, or as a shared property.`);
    const d = input.description;
    return finish({ type: 'object', ...(typeof d === 'string' && d ? { description: d } : {}) });
  }
  let s = resolved;
  if (typeof s.$ref === 'string') seen = [...seen, s.$ref];
  if (typeof s.description === 'string' && s.description !== '') out.description = s.description;

  // Unions: `[x, "null"]` and `anyOf: [x, {type: null}]` are exactly a nullable x.
  let types: string[] = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? s.type.filter((t): t is string => typeof t === 'string') : [];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    const isNull = (b: Json) => isObject(b) && (b.type === 'null' || (Array.isArray(b.enum) && b.enum.length === 1 && b.enum[0] === null));
    const others = branches.filter((b) => !isNull(b));
    if (others.length < branches.length) types.push('null');
    const { [key]: _, ...rest } = s;
    if (others.length === 1 && isObject(others[0])) {
      const merged = convertProperty({ ...rest, ...others[0], ...(typeof s.description === 'string' ? { description: s.description } : {}) }, pointer(at, key, branches.indexOf(others[0])), walk, depth, required, seen);
      if (types.includes('null')) merged.nullable = true;
      return finish(merged);
    }
    if (others.length > 1) {
      const first = others[0]!;
      approx(`\`${key}\` of ${others.length} schemas cannot be held (a property has one type): imported as its first choice only. Split the property, or pick the type its values have.`, pointer(at, key));
      const merged = convertProperty(isObject(first) ? { ...rest, ...first } : first, pointer(at, key, 0), walk, depth, required, seen);
      if (types.includes('null')) merged.nullable = true;
      return finish(merged);
    }
    s = rest;
  }
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.filter(isObject);
    const { allOf: _, ...rest } = s;
    if (parts.length === s.allOf.length && parts.every((p) => !Object.keys(p).some((k) => k in rest && k !== 'description'))) {
      // Schemas that constrain different keywords combine into one.
      let combined: JsonObject = { ...rest };
      for (const p of parts) {
        const r = deref(p, walk, [...seen]);
        if (typeof r === 'string') { approx(`${r} in \`allOf\`: that part was dropped.`, pointer(at, 'allOf')); continue; }
        combined = { ...r, ...combined, ...(isObject(r.properties) && isObject(combined.properties) ? { properties: { ...r.properties, ...combined.properties } } : {}),
          ...(Array.isArray(r.required) && Array.isArray(combined.required) ? { required: [...r.required, ...combined.required] } : {}) };
      }
      return convertProperty(combined, at, walk, depth, required, seen);
    }
    approx('`allOf` with overlapping keywords cannot be held: only the property\'s own keywords were kept.', pointer(at, 'allOf'));
    s = rest;
  }

  const nullable = types.includes('null') || (Array.isArray(s.enum) && s.enum.includes(null)) || s.const === null;
  types = [...new Set(types.filter((t) => t !== 'null'))];
  if ('const' in s) {
    if (typeOfValue(s.const!) !== undefined && s.const !== null) s = { ...s, enum: [s.const!] };
    else approx(s.const === null ? '`const: null` (only null) cannot be held: dropped; the property is imported as nullable.' : '`const` with a list or object value cannot be held: dropped.', pointer(at, 'const'));
  }
  let enumValues: Scalar[] | undefined;
  if (Array.isArray(s.enum)) {
    const values = s.enum.filter((v) => v !== null);
    if (values.every((v) => typeOfValue(v) !== undefined)) enumValues = [...new Set(values as Scalar[])];
    else approx('`enum` holds lists or objects, which the format cannot hold: dropped.', pointer(at, 'enum'));
    if (enumValues?.length === 0) enumValues = undefined;
  }
  if (types.length === 0) {
    if (isObject(s.properties) || 'additionalProperties' in s) types = ['object'];
    else if ('items' in s) types = ['array'];
    else if (enumValues) types = [...new Set(enumValues.map((v) => typeOfValue(v)!))];
    else if ('pattern' in s || 'format' in s || 'minLength' in s || 'maxLength' in s) types = ['string'];
    else if ('minimum' in s || 'maximum' in s) types = ['number'];
  }
  if (types.includes('integer') && types.includes('number')) types = types.filter((t) => t !== 'integer');
  let type: PropertyType;
  if (types.length === 0) {
    approx('has no type (any value is valid): imported as a free-form object, which refuses text, numbers and lists. Set the type its values have.');
    type = 'object';
  } else {
    const known = types.filter((t): t is PropertyType => (PROPERTY_TYPES as readonly string[]).includes(t));
    if (known.length === 0) {
      approx(`has the unknown type ${types.join(', ')}: imported as a free-form object.`, pointer(at, 'type'));
      type = 'object';
    } else {
      type = known[0]!;
      if (types.length > 1) approx(`has the union type ${types.join(' | ')}, which the format cannot hold (a property has one type): imported as ${type}.`, pointer(at, 'type'));
    }
  }
  out.type = type;
  if (nullable) out.nullable = true;
  if (enumValues) {
    const fits = enumValues.filter((v) => (type === 'number' ? typeof v === 'number' : typeOfValue(v) === type));
    if (fits.length < enumValues.length) approx(`\`enum\` values of other types than ${type} were dropped.`, pointer(at, 'enum'));
    if (fits.length) out.enum = fits;
  }

  const handled = new Set(['type', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', '$ref', 'required', ...ANNOTATIONS]);
  const keyword = (key: string): Json | undefined => { handled.add(key); return s[key]; };
  if (type === 'string') {
    const format = keyword('format');
    if (typeof format === 'string') {
      if (FORMATS.includes(format)) out.format = format;
      else approx(`\`format: ${format}\` is no format trackplan checks: dropped.`, pointer(at, 'format'));
    }
    const pattern = keyword('pattern');
    if (typeof pattern === 'string') {
      try { new RegExp(pattern, 'u'); out.pattern = pattern; } catch {
        approx('`pattern` is not a valid JavaScript regular expression (Unicode mode): dropped.', pointer(at, 'pattern'));
      }
    }
  }
  for (const key of WHOLE) {
    const v = keyword(key);
    if (v === undefined) continue;
    const applies = key.endsWith('Length') ? type === 'string' : type === 'array';
    if (applies && typeof v === 'number' && Number.isInteger(v) && v >= 0) out[key] = v;
    else if (applies) approx(`\`${key}: ${JSON.stringify(v)}\` is not a whole number: dropped.`, pointer(at, key));
  }
  if (type === 'integer' || type === 'number') {
    for (const [key, exclusive] of [['minimum', 'exclusiveMinimum'], ['maximum', 'exclusiveMaximum']] as const) {
      const v = keyword(key);
      const ex = keyword(exclusive);
      if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
      else if (v !== undefined) approx(`\`${key}: ${JSON.stringify(v)}\` is not a number: dropped.`, pointer(at, key));
      if (typeof ex === 'number') {
        const inclusive = type === 'integer' && Number.isInteger(ex) ? (key === 'minimum' ? ex + 1 : ex - 1) : undefined;
        if (inclusive !== undefined) out[key] = out[key] === undefined ? inclusive : key === 'minimum' ? Math.max(out[key] as number, inclusive) : Math.min(out[key] as number, inclusive);
        else { out[key] ??= ex; approx(`\`${exclusive}: ${ex}\` cannot be held: imported as the inclusive \`${key}: ${ex}\`.`, pointer(at, exclusive)); }
      } else if (ex === true) {
        if (type === 'integer' && typeof out[key] === 'number' && Number.isInteger(out[key])) out[key] = (out[key] as number) + (key === 'minimum' ? 1 : -1);
        else approx(`\`${exclusive}: true\` (draft 04) cannot be held: the bound is imported as inclusive.`, pointer(at, exclusive));
      }
    }
  }
  if (type === 'array') {
    const items = keyword('items');
    if (Array.isArray(items)) approx('a tuple (`items` as a list of schemas) cannot be held: imported as a list of any items.', pointer(at, 'items'));
    else if (items !== undefined && items !== true && !(isObject(items) && Object.keys(items).every((k) => ANNOTATIONS.has(k)))) {
      out.items = convertProperty(items, pointer(at, 'items'), walk, depth + 1, undefined, seen);
    }
  }
  if (type === 'object') {
    const props = keyword('properties');
    const extra = keyword('additionalProperties');
    if (isObject(props) && Object.keys(props).length > 0) {
      out.properties = convertObject(s, at, walk, depth + 1, seen);
      // Absent, JSON Schema allows other keys; tracking plans mean the listed ones (Segment blocks
      // unplanned properties by a setting of its own), so only an explicit allowance is reported.
      if (extra !== false && extra !== undefined) {
        approx('`additionalProperties` other than false cannot be held beside listed properties: properties it does not list are refused.', pointer(at, 'additionalProperties'));
      }
    } else if (extra === false) {
      approx('an object that allows no property at all: imported as a free-form object.', pointer(at, 'additionalProperties'));
    }
  }
  for (const key of Object.keys(s)) {
    if (handled.has(key)) continue;
    if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format', 'pattern', 'items', 'properties', 'additionalProperties'].includes(key)) {
      approx(`\`${key}\` does not apply to a ${type}: dropped.`, pointer(at, key));
    } else approx(`\`${key}\` cannot be held by the format: dropped.`, pointer(at, key));
  }
  return finish(out);
}

/** The properties of an object schema, under registry names, with the input's names as aliases. */
export function convertObject(s: JsonObject, at: string, walk: Walk, depth: number, seen: string[] = []): Record<string, PropertyOut> {
  const props = isObject(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
  const given = Object.keys(props);
  const renamed = assignNames(given, 'property');
  const out: Record<string, PropertyOut> = {};
  for (const wire of given) {
    const name = renamed.get(wire)!;
    const top = depth === 1;
    const where = (top && walk.propertyAt?.[wire]) || pointer(at, 'properties', wire);
    if (top && walk.placed) walk.placed[name] = where;
    if (name !== wire) {
      const clash = given.find((g) => g !== wire && renamed.get(g) === snakeName(wire, 'property'));
      walk.report({ kind: 'renamed', at: where, message: `property \`${wire}\` -> \`${name}\`${clash !== undefined ? ` (\`${clash}\` took \`${snakeName(wire, 'property')}\`)` : ''}; the old name is kept in \`aliases\`.` });
    }
    const def = convertProperty(props[wire]!, where, walk, depth, required.has(wire), seen);
    const aliases = [...(name !== wire ? [wire] : []), ...((top && walk.propertyAliases?.[wire]) || [])].filter((a, k, all) => a !== name && all.indexOf(a) === k);
    if (aliases.length) {
      const { type, description, ...rest } = def;
      out[name] = { type, ...(description !== undefined ? { description } : {}), aliases, ...rest };
    } else out[name] = def;
  }
  for (const r of required) if (!(r in props)) walk.report({ kind: 'approximated', at: pointer(at, 'required'), message: `\`${r}\` is required but not defined: dropped from \`required\`.` });
  return out;
}
