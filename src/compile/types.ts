// types/index.ts: one interface per event's properties, in json-schema-to-typescript's words,
// from the same schema as schemas/<event>.schema.json (with shared properties inlined, so no
// named helper type can clash between events), plus the event map and the envelope.
//
// Each event's interface is made on its own, not from one schema of all events: each is then
// named by its own event only. For the simple shapes most events have, simple-types.ts writes
// jstt's output itself (jstt takes 1-2 ms a schema, most of a cold build); jstt runs for the
// rest. Prettier is off (`format: false`, the slow part); `indent` gives the output its indentation.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Options } from 'json-schema-to-typescript';
import type { EventDef, SharedPropertyDef } from '../model.js';
import { CompileError, docText, notice, pascalCase } from './common.js';
import { propertiesSchema, type Schema } from './json-schema.js';
import { simpleTypes } from './simple-types.js';

const OPTIONS: Partial<Options> = {
  bannerComment: '',
  format: false,
  // Closed objects say `additionalProperties: false` themselves; a free-form object says nothing
  // and so becomes `{ [k: string]: unknown }`, not `{}` (which would accept any value).
  additionalProperties: true,
  strictIndexSignatures: true,
  unknownAny: true,
  // `maxItems: 3` stays a documented `T[]`, not a union of tuples of every length.
  maxItems: -1,
  declareExternallyReferenced: false,
  enableConstEnums: false,
};

/**
 * json-schema-to-typescript's raw output by a hash of its input (the schema, the options and
 * the library's version): the output of a pure function, so a build may reuse it for any event
 * whose schema did not change. It makes a rebuild after one event changed cost one jstt call.
 */
export type TypesCache = Pick<Map<string, string>, 'get' | 'set'>;
const JSTT_VERSION = (createRequire(import.meta.url)('json-schema-to-typescript/package.json') as { version: string }).version;

/** Type names the file declares besides the events' own. */
const FIXED = ['EventName', 'EventPropertiesMap', 'EventProperties', 'TrackplanEvent'];

export const propertiesTypeName = (event: string): string => `${pascalCase(event)}Properties`;

/** types/index.ts from each event's interface (see eventInterface), in the order given. */
export function typesFile(events: ReadonlyArray<Pick<EventDef, 'name' | 'status' | 'replacedBy'> & { source: string; types: string }>): string {
  const owners = new Map(FIXED.map((n) => [n, '']));
  for (const e of events) {
    const name = propertiesTypeName(e.name);
    const other = owners.get(name);
    if (other !== undefined) {
      throw new CompileError(`${e.source}: the event \`${e.name}\` would be typed \`${name}\`, a name already taken by ${other ? `the event \`${other}\`` : 'trackplan itself'}. Rename the event.`);
    }
    owners.set(name, e.name);
  }
  const parts = [`// ${notice()}\n`, ...events.map((e) => e.types)];
  parts.push(
    `/** Every event the tracking plan defines. */\nexport type EventName =${events.length ? events.map((e) => `\n  | ${JSON.stringify(e.name)}`).join('') : ' never'};\n`,
    `/** The properties of each event, by event name. */\nexport interface EventPropertiesMap {\n${events.map((e) =>
      `${e.status === 'deprecated' ? `  /** @deprecated${e.replacedBy ? ` Use \`${docText(e.replacedBy)}\` instead.` : ''} */\n` : ''}  ${JSON.stringify(e.name)}: ${propertiesTypeName(e.name)};\n`).join('')}}\n`,
    '/** The properties of the event named `N`. */\nexport type EventProperties<N extends EventName> = EventPropertiesMap[N];\n',
    `/** An event as sent: the envelope every event shares, with \`event_name\` telling which one it is. */
export type TrackplanEvent<N extends EventName = EventName> = {
  [K in N]: {
    /** Unique id of this occurrence (a UUID), to drop duplicates. */
    event_id: string;
    event_name: K;
    /** When it happened: an RFC 3339 date-time, e.g. \`new Date().toISOString()\`. */
    event_time: string;
    /** The user the event is about; never empty. */
    user_id: string;
    properties: EventPropertiesMap[K];
  };
}[N];
`,
  );
  return parts.join('\n');
}

/** The event's `<Name>Properties` type, with its doc comment. */
export async function eventInterface(event: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string, cache: TypesCache = new Map()): Promise<string> {
  const name = propertiesTypeName(event.name);
  const doc = comment([
    ...(event.description ? [event.description] : []),
    `Event \`${event.name}\`, version ${event.version} (${source}).`,
    ...(event.status === 'deprecated' ? [`@deprecated${event.replacedBy ? ` Use \`${event.replacedBy}\` instead.` : ''}`] : []),
  ]);
  // `{}` would accept any object; an event without properties takes none.
  if (event.properties.length === 0) return `${doc}export type ${name} = Record<string, never>;\n`;
  const { key, schema, names } = typesInput(event, shared, source)!;
  let raw = cache.get(key);
  if (raw === undefined) cache.set(key, raw = simpleTypes(schema) ?? await jstt(schema));
  const ts = raw
    .replace(/^export interface P \{/m, `export interface ${name} {`)
    .replace(/^p(\d+)(\??): /gm, (_, i: string, q: string) => `${memberName(names[Number(i)]!)}${q}: `);
  if (!ts.includes(`export interface ${name} {`)) throw new CompileError(`${source}: json-schema-to-typescript gave unexpected output.`);
  return doc + indent(ts);
}

/**
 * What the event's interface is made from: json-schema-to-typescript's input, its cache key,
 * and the property names its placeholders stand for; undefined for an event without properties.
 */
export function typesInput(event: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string): { key: string; schema: Schema; names: string[] } | undefined {
  if (event.properties.length === 0) return undefined;
  // A build asks twice (build-folder's typesAhead, then eventInterface): made once.
  const known = inputs.get(event);
  if (known && known.shared === shared && known.source === source) return known.input;
  const input = makeTypesInput(event, shared, source);
  inputs.set(event, { shared, source, input });
  return input;
}

const inputs = new WeakMap<EventDef, { shared: ReadonlyMap<string, SharedPropertyDef>; source: string; input: { key: string; schema: Schema; names: string[] } }>();

function makeTypesInput(event: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string): { key: string; schema: Schema; names: string[] } {
  const names: string[] = [];
  const schema = placeholders(propertiesSchema(event, { shared, forTypes: true, used: new Set(), stack: [], file: source }), names);
  // jstt names the root after the name it is given, made "safe" in its own way: give it a
  // placeholder and put the exact name in, so names depend on trackplan's rules alone.
  const key = createHash('sha1').update(JSTT_VERSION).update(JSON.stringify(OPTIONS)).update(JSON.stringify(schema)).digest('base64url');
  return { key, schema, names };
}

/** json-schema-to-typescript's raw output for a typesInput schema (simpleTypes' output, when it gives one). */
export async function jstt(schema: Schema): Promise<string> {
  // Imported on a cache miss only: it is a third of the CLI's start-up time.
  return (await import('json-schema-to-typescript')).compile(schema, 'P', OPTIONS);
}

/**
 * Replaces every property name by `p<n>` (the real names go into `names`). jstt breaks on some
 * names (`hasOwnProperty` is called as a method on the schema), and trackplan, not jstt,
 * should decide how a name is written; jstt's members start lines, so they are easy to put back.
 */
function placeholders(schema: Schema, names: string[]): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    const index = new Map<string, string>();
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, Schema>).map(([key, value]) => {
      index.set(key, `p${names.push(key) - 1}`);
      return [index.get(key)!, placeholders(value, names)];
    }));
    if (schema.required) out.required = (schema.required as string[]).map((r) => index.get(r)!);
  }
  if (schema.items) out.items = placeholders(schema.items as Schema, names);
  if (schema.anyOf) out.anyOf = (schema.anyOf as Schema[]).map((s) => placeholders(s, names));
  return out;
}

const memberName = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

function comment(paragraphs: string[]): string {
  const lines = paragraphs.join('\n\n').split('\n').map((l) => (l ? ` * ${docText(l)}` : ' *'));
  return `/**\n${lines.join('\n')}\n */\n`;
}

/** Indents jstt's unformatted output by brace depth; comment lines (` * ...`) never count. */
function indent(ts: string): string {
  let depth = 0;
  return ts.split('\n').map((raw) => {
    const line = raw.trimEnd(); // jstt leaves \` * \` on blank comment lines
    const code = !line.startsWith('/**') && !line.startsWith(' *');
    if (code && line.startsWith('}')) depth = Math.max(0, depth - 1);
    const out = line ? '  '.repeat(depth) + line : line;
    if (code && line.endsWith('{')) depth++;
    return out;
  }).join('\n');
}
