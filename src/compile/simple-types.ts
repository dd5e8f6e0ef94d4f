// json-schema-to-typescript's raw output (with types.ts's OPTIONS), written directly for the
// shapes trackplan's schemas almost always have: objects of named properties, scalars, enums,
// nullable scalars, arrays and free-form objects. jstt takes 1-2 ms a schema (it clones,
// dereferences, normalises and optimises a general JSON Schema), which was most of a cold
// build; this takes microseconds. For anything else it returns undefined and the caller runs jstt.
// The output must be jstt's to the byte (the types cache keys outputs by jstt's version, and a
// build must not depend on which path made a type): test/compile/simple-types.test.ts compares
// both on every schema of the fixtures and on generated and mutated ones. What each rule below
// mirrors is named after jstt's own step (normalizer, parser, optimizer, generator).
import type { Schema } from './json-schema.js';

/** Keywords jstt ignores for these shapes (they constrain values, not the type)... */
const IGNORED = new Set(['format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum']);
/** ...and the ones the shapes are read from. Any other keyword: not a simple schema. */
const READ = new Set(['type', 'description', 'enum', 'items', 'minItems', 'maxItems', 'properties', 'required', 'additionalProperties']);
const SCALARS: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', null: 'null' };

/** The raw output of `compile(schema, 'P', OPTIONS)` for a typesInput schema, or undefined when it is not one of the simple shapes. */
export function simpleTypes(schema: Schema): string | undefined {
  if (schema.type !== 'object' || !isObject(schema.properties) || schema.description !== undefined) return undefined;
  const body = typeOf(schema);
  return body === undefined ? undefined : `export interface P ${body}\n`;
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The schema's type as jstt writes it where it is used (a member's or an array item's type). */
function typeOf(s: Schema): string | undefined {
  for (const key of Object.keys(s)) if (!READ.has(key) && !IGNORED.has(key)) return undefined;
  if (s.description !== undefined && typeof s.description !== 'string') return undefined;
  let type: unknown = s.type;
  if (Array.isArray(type)) {
    // normalizer: `null` leaves the type list when the enum has it; a list of one is that type.
    const list = Array.isArray(s.enum) && s.enum.includes(null) ? type.filter((t) => t !== 'null') : type;
    type = list.length === 1 ? list[0] : list;
  }
  if (Array.isArray(type)) {
    // parser (UNION): `[T, 'null']` (a nullable property), each type on its own with the other
    // keywords but the description (which stays on the member, see commentOf).
    if (type.length !== 2 || !type.includes('null') || type[0] === type[1] || typeof type[0] !== 'string' || typeof type[1] !== 'string') return undefined;
    if (s.enum !== undefined) return undefined;
    const { description: _, ...rest } = s;
    const members: string[] = [];
    for (const t of type as string[]) {
      const m = t === 'null' ? 'null' : typeOf({ ...rest, type: t });
      if (m === undefined) return undefined;
      members.push(m);
    }
    return union(members);
  }
  if (typeof type !== 'string') return undefined;
  if (type !== 'array' && (s.items !== undefined || s.minItems !== undefined || s.maxItems !== undefined)) return undefined;
  if (type !== 'object' && (s.properties !== undefined || s.required !== undefined || s.additionalProperties !== undefined)) return undefined;
  if (s.enum !== undefined) {
    // parser (UNNAMED_ENUM): a union of the values as literals.
    if (!Array.isArray(s.enum) || !s.enum.length || type === 'array' || type === 'object' || type === 'null') return undefined;
    if (!s.enum.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return undefined;
    const literals = s.enum.map((v) => JSON.stringify(v));
    // optimizer drops a repeated value, but not inside a tuple: leave that to jstt.
    if (new Set(literals).size !== literals.length) return undefined;
    return union(literals);
  }
  if (SCALARS[type] !== undefined) return SCALARS[type];
  if (type === 'array') return arrayOf(s);
  if (type === 'object') return objectOf(s);
  return undefined;
}

/** generator: one member is itself, more are parenthesised. */
const union = (members: string[]): string => (members.length === 1 ? members[0]! : `(${members.join(' | ')})`);

function arrayOf(s: Schema): string | undefined {
  const { minItems, maxItems } = s;
  if ((minItems !== undefined && !count(minItems)) || (maxItems !== undefined && !count(maxItems))) return undefined;
  if (minItems !== undefined && maxItems !== undefined && (maxItems as number) < (minItems as number)) return undefined; // jstt refuses it
  let item = 'unknown';
  if (s.items !== undefined) {
    if (!isObject(s.items)) return undefined;
    const t = typeOf(s.items);
    if (t === undefined) return undefined;
    item = t;
  }
  // normalizer: with `maxItems: -1` maxItems is dropped; minItems > 0 makes a tuple of that
  // many items and a rest element.
  const min = (minItems as number | undefined) ?? 0;
  if (min > 0) return `[${Array<string>(min).fill(item).join(', ')}, ...(${item})[]]`;
  return item.endsWith('"') ? `(${item})[]` : `${item}[]`;
}

function objectOf(s: Schema): string | undefined {
  if (s.properties === undefined) {
    // A free-form object: normalizer gives it `required: []` and `additionalProperties: true`.
    if (s.required !== undefined || s.additionalProperties !== undefined) return undefined;
    return '{\n[k: string]: unknown | undefined\n}';
  }
  if (!isObject(s.properties) || s.additionalProperties !== false) return undefined;
  const required = s.required ?? [];
  if (!Array.isArray(required)) return undefined;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(s.properties)) {
    // Keys are typesInput's placeholders (`p<n>`), which jstt writes as they are.
    if (!/^p\d+$/.test(key) || !isObject(value)) return undefined;
    const type = typeOf(value);
    if (type === undefined) return undefined;
    const comment = commentOf(value);
    lines.push(`${comment === undefined ? '' : `${block(comment)}\n`}${key}${required.includes(key) ? '' : '?'}: ${type}`);
  }
  return `{\n${lines.join('\n')}\n}`;
}

/** normalizer: `*\/` cannot end the doc comment early. */
const escaped = (s: Schema): string | undefined => (s.description as string | undefined)?.replace(/\*\//g, '* /');

/** What jstt's parser keeps as the schema's comment: its description, and for an array (nullable or not) normalizer's `@minItems`/`@maxItems` lines. */
function ownComment(s: Schema): string | undefined {
  const comment = escaped(s) || undefined;
  if (s.type !== 'array' && !(Array.isArray(s.type) && s.type.includes('array'))) return comment;
  const tags = [...('minItems' in s ? [`@minItems ${s.minItems as number}`] : []), ...('maxItems' in s ? [`@maxItems ${s.maxItems as number}`] : [])];
  if (!tags.length) return comment;
  return comment ? `${comment}\n\n${tags.join('\n')}` : tags.join('\n');
}

/**
 * A member's doc comment: its own, then for an array (not a nullable one) generator's "Items:"
 * paragraph, the items' own comment unless they are an array or it has a JSDoc tag in it.
 */
function commentOf(s: Schema): string | undefined {
  const comment = ownComment(s);
  const items = s.items as Schema | undefined;
  const of = s.type === 'array' && items && items.type !== 'array' ? ownComment(items) : undefined;
  if (!of || /(^|\s)@\w/.test(of)) return comment;
  return comment ? `${comment}\n\nItems: ${of}` : `Items: ${of}`;
}

const block = (comment: string): string => ['/**', ...comment.split('\n').map((l) => ` * ${l}`), ' */'].join('\n');
