// The registry as JSON Schema (draft 2020-12): one schema per event for the whole envelope, and
// one that accepts any known event. Keywords come out in a fixed order and properties in file
// order (the author's order, which readers and the generated types keep), so output is stable.
import type { EventDef, PropertyDef, SharedPropertyDef } from '../model.js';
import { CompileError, notice } from './common.js';

export type Schema = { [key: string]: unknown };

export const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
/** Ids name a schema and its version; they are not URLs, so nothing ever tries to fetch them. */
export const eventId = (e: Pick<EventDef, 'name' | 'version'>): string => `trackplan:events/${e.name}/v${e.version}`;
export const INDEX_ID = 'trackplan:events';

export interface SchemaContext {
  shared: ReadonlyMap<string, SharedPropertyDef>;
  /**
   * The schema is json-schema-to-typescript's input, not a file: shared properties are inlined
   * instead of `$ref` (the types need one self-contained schema per event), and inherited member
   * names are typed as objectSchema says.
   */
  forTypes: boolean;
  /** Names of the shared properties referred to, filled in while walking. */
  used: Set<string>;
  /** Shared properties being inlined, to refuse a cycle rather than recurse forever. */
  stack: string[];
  file: string;
}

/** Builds an object from entries: unlike `obj[key] = v`, this makes `__proto__` an own key. */
const record = (entries: Array<[string, unknown]>): Schema => Object.fromEntries(entries);

/** `#/$defs/<name>`, escaped as a JSON pointer inside a URI fragment. */
const defRef = (name: string): string => `#/$defs/${encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1'))}`;

function nullable(schema: Schema): Schema {
  if (typeof schema.type !== 'string') return { anyOf: [schema, { type: 'null' }] };
  const out: Schema = { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
  return out;
}

/** The schema of one property, without its name or whether it is required (the parent says). */
export function propertySchema(p: PropertyDef, ctx: SchemaContext): Schema {
  if (p.ref !== undefined) {
    const shared = ctx.shared.get(p.ref);
    if (!shared) throw new CompileError(`${ctx.file}: \`$ref: ${p.ref}\` names no shared property.`);
    ctx.used.add(p.ref);
    if (ctx.stack.includes(p.ref)) throw new CompileError(`${ctx.file}: shared property \`${p.ref}\` contains itself (${[...ctx.stack, p.ref].join(' -> ')}).`);
    let s: Schema = ctx.forTypes ? inlined(shared, ctx) : { $ref: defRef(p.ref) };
    if (p.nullable && !shared.nullable) s = nullable(s);
    if (p.description === undefined) return s;
    const { description: _, ...rest } = s;
    return { description: p.description, ...rest };
  }
  const s: Schema = {};
  if (p.description !== undefined) s.description = p.description;
  // A definition without a type only gets here when the `schema` rule is turned off: accept anything.
  if (p.type !== undefined) s.type = p.type;
  for (const key of ['enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const) {
    if (p[key] !== undefined) s[key] = p[key];
  }
  if (p.type === 'array' && p.items) s.items = propertySchema(p.items, ctx);
  if (p.type === 'object' && p.properties) Object.assign(s, objectSchema(p.properties, ctx));
  return p.nullable && p.type !== undefined ? nullable(s) : s;
}

function inlined(shared: SharedPropertyDef, ctx: SchemaContext): Schema {
  ctx.stack.push(shared.name);
  try { return propertySchema(shared, ctx); } finally { ctx.stack.pop(); }
}

const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The names the data of property `p` may come under besides its own: its `aliases`, then those
 * of the shared property it refers to when it keeps that property's name (under another name,
 * it is another property: `billing_currency: { $ref: currency }` was never sent as `Currency`).
 */
export function aliasesOf(p: PropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>): string[] {
  const own = p.aliases ?? [];
  const theirs = p.ref === p.name ? shared.get(p.ref)?.aliases ?? [] : [];
  return theirs.length ? [...new Set([...own, ...theirs])] : own;
}

/**
 * The object has no own key of `names` (a name of a member of Object.prototype is matched by
 * pattern, which sees own keys only: see objectSchema). The names keep their order, the first
 * one's keyword first, so that absentNames reads them back as written.
 */
function absent(names: readonly string[]): Schema {
  const own = names.filter((n) => !OBJECT_MEMBERS.has(n)), inherited = names.filter((n) => OBJECT_MEMBERS.has(n));
  const groups: Array<[string, Schema]> = [
    ['properties', record(own.map((n) => [n, false]))],
    ['patternProperties', record(inherited.map((n) => [`^${n}$`, false]))],
  ];
  if (OBJECT_MEMBERS.has(names[0]!)) groups.reverse();
  return record(groups.filter(([, g]) => Object.keys(g).length));
}

/** The names of a schema `absent` made, in order; undefined for any other schema. */
export function absentNames(s: unknown): string[] | undefined {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return undefined;
  const names: string[] = [];
  for (const [k, v] of Object.entries(s)) {
    if ((k !== 'properties' && k !== 'patternProperties') || typeof v !== 'object' || v === null) return undefined;
    for (const [n, x] of Object.entries(v)) {
      if (x !== false) return undefined;
      names.push(k === 'properties' ? n : n.slice(1, -1));
    }
  }
  return names.length ? names : undefined;
}

/**
 * What an aliased property's names require together. Data sent under an old name is that
 * property: each alias is allowed with the property's definition, and a required property is
 * there when it is sent under any of its names. One property sent under two of its names is
 * refused (which value would it be?). Per alias, `anyOf: [<alias absent>, <the other names
 * absent>]`; when required, `not: <every name absent>`. (Not `required` inside `oneOf`: Ajv's
 * strict mode refuses `required` of a name its own subschema does not list.)
 */
function aliasRules(p: PropertyDef, aliases: readonly string[]): Schema[] {
  const names = [p.name, ...aliases];
  return [
    ...aliases.map((a) => ({ anyOf: [absent([a]), absent(names.filter((n) => n !== a))] })),
    ...(p.required ? [{ not: absent(names) }] : []),
  ];
}

/**
 * `properties`, `required` and a closed `additionalProperties` for a list of properties.
 *
 * Every JavaScript object has the members of Object.prototype (`constructor`, `toString`...), so
 * when an optional property named like one of them is absent, `data.constructor` is the inherited
 * function: Ajv (by default) would check it against the property's schema and refuse the event,
 * and TypeScript would refuse `{}` as the properties' type. Such a property goes into
 * `patternProperties` (`^constructor$`), which only visits the object's own keys and means the same
 * in JSON Schema; its type also admits `Function`, the type of what is inherited. A required one
 * needs neither: present, it is an own key; absent, the inherited function fails its type.
 *
 * A property's aliases (not in the types: new code sends the name) are listed beside it with
 * its definition and `deprecated: true`, and `allOf` holds what they require (see aliasRules);
 * an aliased property is not in `required`, and to Object.prototype's names it is optional.
 */
export function objectSchema(props: readonly PropertyDef[], ctx: SchemaContext): Schema {
  const aliases = new Map(props.map((p) => [p, ctx.forTypes ? [] : aliasesOf(p, ctx.shared)]));
  // Ajv skips a property named `__proto__` (so `required` and `additionalProperties: false` would
  // refuse every event), and in JavaScript `{ __proto__: x }` sets the prototype, not a property.
  const proto = props.find((p) => p.name === '__proto__' || aliases.get(p)!.includes('__proto__'));
  if (proto) throw new CompileError(`${ctx.file}:${proto.loc.line}:${proto.loc.column}: a property cannot be named \`__proto__\`${proto.name === '__proto__' ? '' : ' (an alias of `' + proto.name + '`)'}: validators ignore it and JavaScript reads it as the prototype. Rename it.`);
  const owner = new Map(props.map((p) => [p.name, p]));
  for (const p of props) {
    for (const a of aliases.get(p)!) {
      const other = owner.get(a);
      if (other) throw new CompileError(`${ctx.file}:${p.loc.line}:${p.loc.column}: the alias \`${a}\` of \`${p.name}\` is already ${other.name === a ? 'a property' : `an alias of \`${other.name}\``} beside it: data sent under it could not tell which property it is.`);
      owner.set(a, p);
    }
  }
  const aliased = (p: PropertyDef): boolean => aliases.get(p)!.length > 0;
  const inherited = (p: PropertyDef): boolean => (!p.required || aliased(p)) && OBJECT_MEMBERS.has(p.name);
  const schemaOf = (p: PropertyDef): Schema => {
    const s = propertySchema(p, ctx);
    if (!ctx.forTypes || !inherited(p)) return s;
    const { description, ...rest } = s; // on the member, where the types' doc comment goes
    return { ...(description !== undefined ? { description } : {}), anyOf: [rest, { tsType: 'Function' }] };
  };
  // Each property, then its aliases: [name, schema, whether it goes under patternProperties].
  const members = props.flatMap((p): Array<[string, Schema, boolean]> => {
    const s = schemaOf(p);
    return [[p.name, s, !ctx.forTypes && inherited(p)], ...aliases.get(p)!.map((a): [string, Schema, boolean] => [a, { ...s, deprecated: true }, OBJECT_MEMBERS.has(a)])];
  });
  const required = props.filter((p) => p.required && !aliased(p)).map((p) => p.name);
  const patterns = members.filter(([, , pattern]) => pattern);
  const named = members.filter(([, , pattern]) => !pattern).map(([n, s]): [string, Schema] => [n, s]);
  // Ajv's code generator overflows on thousands of properties in one object: past GROUP, every
  // name is listed here (as `true`, for additionalProperties) and each schema in a group of allOf.
  const grouped = !ctx.forTypes && named.length > GROUP;
  const allOf = [
    ...props.flatMap((p) => (aliased(p) ? aliasRules(p, aliases.get(p)!) : [])),
    ...(grouped ? Array.from({ length: Math.ceil(named.length / GROUP) }, (_, g) => ({ properties: record(named.slice(g * GROUP, (g + 1) * GROUP)) })) : []),
  ];
  return {
    properties: record(grouped ? named.map(([name]): [string, Schema] => [name, true as unknown as Schema]) : named),
    // The names of Object.prototype's members are letters and underscores: nothing to escape.
    ...(patterns.length ? { patternProperties: record(patterns.map(([n, s]) => [`^${n}$`, s])) } : {}),
    ...(required.length ? { required } : {}),
    ...(allOf.length ? { allOf } : {}),
    additionalProperties: false,
  };
}

/**
 * The most properties one object's `properties` lists with their schemas. Ajv's validators that
 * stop at the first error nest a block per property, and past about 2,000 in one object neither
 * Ajv's code generator nor V8's parser has the stack for them. A larger object lists its names
 * (each as `true`) beside `additionalProperties: false`, and their schemas in `allOf` groups of
 * this many: the same instances validate, nested a group deep instead of an object deep.
 */
export const GROUP = 500;

/** Each property an object schema defines and its schema, as objectSchema wrote it (groups or not; not the `patternProperties`). */
export function membersOf(object: Schema): Array<[string, Schema]> {
  const own = Object.entries((object.properties ?? {}) as Record<string, Schema | true>);
  if (!Array.isArray(object.allOf)) return own as Array<[string, Schema]>;
  const inGroups = new Map((object.allOf as Schema[]).flatMap((g) => Object.entries((g.properties ?? {}) as Record<string, Schema>)));
  return own.map(([name, s]) => [name, s === true ? inGroups.get(name)! : s]);
}

/** The event's `properties` object. */
export function propertiesSchema(event: EventDef, ctx: SchemaContext): Schema {
  return { type: 'object', ...objectSchema(event.properties, ctx) };
}

export function eventSchema(event: EventDef, source: string, shared: ReadonlyMap<string, SharedPropertyDef>): Schema {
  const ctx: SchemaContext = { shared, forTypes: false, used: new Set(), stack: [], file: source };
  const properties = propertiesSchema(event, ctx);
  // A shared property may refer to others in its nested properties: collect them all.
  const defs = new Map<string, Schema>();
  for (let todo = [...ctx.used]; todo.length; todo = [...ctx.used].filter((n) => !defs.has(n))) {
    for (const name of todo) defs.set(name, propertySchema(shared.get(name)!, { ...ctx, file: shared.get(name)!.file }));
  }
  const schema: Schema = {
    $comment: notice(source),
    $schema: DRAFT,
    $id: eventId(event),
    title: event.name,
    ...(event.description !== undefined ? { description: event.description } : {}),
    ...(event.status === 'deprecated' ? { deprecated: true } : {}),
    type: 'object',
    properties: {
      event_id: { description: 'Unique id of this occurrence, to drop duplicates.', type: 'string', format: 'uuid' },
      // Data sent under an old name (an alias) is this event too.
      event_name: event.aliases?.length ? { enum: [event.name, ...event.aliases] } : { const: event.name },
      event_time: { description: 'When it happened (RFC 3339).', type: 'string', format: 'date-time' },
      user_id: { description: 'The user the event is about.', type: 'string', minLength: 1 },
      properties,
    },
    required: ['event_id', 'event_name', 'event_time', 'user_id', 'properties'],
    additionalProperties: false,
  };
  if (defs.size) schema.$defs = record([...defs].sort(([a], [b]) => (a < b ? -1 : 1)));
  return schema;
}

/**
 * Accepts any known event. `if`/`then` on `event_name` rather than `oneOf`: a validator then
 * checks one event's schema instead of all of them, and reports that event's errors only.
 * The event schemas are referred to by `$id`: load them all (schemas/*.schema.json) beside it.
 */
export function anyEventSchema(events: ReadonlyArray<Pick<EventDef, 'name' | 'version' | 'aliases'>>): Schema {
  return {
    $schema: DRAFT,
    $id: INDEX_ID,
    title: 'Any event of the tracking plan',
    description: 'Refers to each event\'s schema by its $id: give the validator every schemas/*.schema.json too.',
    type: 'object',
    // An empty registry has no event to accept (and `enum: []`, `allOf: []` are not valid schemas).
    properties: { event_name: events.length ? { enum: events.flatMap((e) => [e.name, ...e.aliases ?? []]) } : false },
    required: ['event_name'],
    ...(events.length ? {
      allOf: events.map((e) => ({
        if: { properties: { event_name: e.aliases?.length ? { enum: [e.name, ...e.aliases] } : { const: e.name } } },
        then: { $ref: eventId(e) },
      })),
    } : {}),
  };
}
