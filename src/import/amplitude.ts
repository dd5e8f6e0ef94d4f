// Amplitude Data's CSV of events and event properties, as its import and export document it
// (amplitude/amplitude-docs, content/collections/data/en/csv-import-export.md): one row per event,
// property group or property; a property row belongs to the event or group named on it, else to the
// last one above it. Columns are matched by name in any order, whatever their case; unknown ones
// are reported. Each property row becomes the JSON Schema it means, so schema.ts converts (and
// reports) it like every other format's.
import { parse } from 'csv-parse/sync';
import { ImportError, type InputFile, type SourceEvent, type SourcePlan } from './index.js';
import type { Json, JsonObject } from './schema.js';

/** Documented columns, by their lowercase names, and what this reader calls them. */
const COLUMNS = {
  action: 'action',
  'object type': 'objectType',
  'object name': 'objectName',
  'object description': 'objectDescription',
  // Not in the column reference, but in exports (and in the issue that asked for this reader).
  'object owner': 'objectOwner',
  'event display name': 'displayName',
  'event category': 'category',
  tags: 'tags',
  'event activity': 'activity',
  'event source': 'source',
  'property type': 'propertyType',
  'property group names': 'groupNames',
  'event property name': 'propertyName',
  'property description': 'propertyDescription',
  'property value type': 'valueType',
  'property required': 'required',
  'property is array': 'isArray',
  'enum values': 'enumValues',
  'const value': 'constValue',
  'property regex': 'regex',
  'string property value min length': 'minLength',
  'string property value max length': 'maxLength',
  'number property value min': 'minimum',
  'number property value max': 'maximum',
  'number is integer': 'isInteger',
  'array min items': 'minItems',
  'array max items': 'maxItems',
  'array unique items': 'uniqueItems',
  // Export only: what Amplitude saw, nothing the plan says.
  'event first seen': 'seen',
  'event last seen': 'seen',
  'property first seen': 'seen',
  'property last seen': 'seen',
} as const;
type Column = (typeof COLUMNS)[keyof typeof COLUMNS];
type Row = Partial<Record<Column, string>>;

const normal = (header: string): string => header.trim().replace(/\s+/g, ' ').toLowerCase();
const yes = (v: string | undefined): boolean => /^(true|yes|1)$/i.test(v?.trim() ?? '');
const list = (v: string | undefined): string[] => [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))];

interface Owner { kind: 'event' | 'group'; name: string; at: string; line: number; skipped: boolean; props: Map<string, { schema: JsonObject; required: boolean; at: string }>; groups: string[]; event?: SourceEvent; dropped: string[] }

export function readAmplitude(inputs: readonly InputFile[]): SourcePlan {
  const plan: SourcePlan = { events: [], report: [] };
  for (const input of inputs) readFile(input, plan);
  return plan;
}

function readFile(input: InputFile, plan: SourcePlan): void {
  const f = input.path;
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(input.text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    throw new ImportError(`${f} is not a CSV file Amplitude could have written: ${(e as Error).message}`);
  }
  const header = records.shift()?.record ?? [];
  const columns = header.map((h) => (COLUMNS as Record<string, Column | undefined>)[normal(h)]);
  const has = (c: Column) => columns.includes(c);
  if (!has('objectName') && header.some((h) => normal(h) === 'property name')) {
    throw new ImportError(`${f} is Amplitude's export of user properties, which are not events: export the events and event properties (Data, Events) instead.`);
  }
  const missing = (['objectType', 'objectName', 'propertyName'] as const).filter((c) => !has(c));
  if (missing.length) {
    const names = missing.map((c) => Object.entries(COLUMNS).find(([, v]) => v === c)![0].replace(/\b\w/g, (x) => x.toUpperCase()));
    throw new ImportError(`${f} is not Amplitude's CSV of events: it has no column ${names.map((n) => `"${n}"`).join(', ')} (the header is its first line).`);
  }
  const unknown = header.filter((h, i) => columns[i] === undefined && h.trim() !== '');
  if (unknown.length) {
    plan.report.push({ kind: 'skipped', at: `${f}:1`, message: `column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not among the columns Amplitude documents: ignored.` });
  }

  const owners = new Map<string, Owner>(); // by kind and name
  const order: Owner[] = [];
  let current: Owner | undefined;
  for (const { record, info } of records) {
    const line = info.lines - record.join('').split('\n').length + 1;
    const at = `${f}:${line}`;
    const row: Row = {};
    record.forEach((v, i) => { const c = columns[i]; if (c && v.trim() !== '' && row[c] === undefined) row[c] = v.trim(); });
    if (Object.keys(row).length === 0) continue;
    const action = row.action?.toLowerCase();
    const type = row.objectType?.toLowerCase();
    if (row.objectName !== undefined) {
      const kind = type === 'property group' ? 'group' : 'event';
      if (type !== undefined && type !== 'event' && type !== 'property group') {
        plan.report.push({ kind: 'skipped', at, message: `object type "${row.objectType}": only events and property groups are imported.` });
        current = { kind, name: row.objectName, at, line, skipped: true, props: new Map(), groups: [], dropped: [] };
        continue;
      }
      const key = `${kind}\0${row.objectName}`;
      current = owners.get(key);
      if (!current) {
        current = { kind, name: row.objectName, at: `${at}#`, line, skipped: false, props: new Map(), groups: [], dropped: [] };
        owners.set(key, current);
        order.push(current);
      }
      if (action === 'ignore' || action === 'remove') {
        if (!current.skipped) plan.report.push({ kind: 'skipped', at, message: `${kind === 'event' ? 'event' : 'property group'} \`${row.objectName}\`: its action is ${row.action} (${action === 'ignore' ? 'in an export: unexpected, blocked or deleted' : 'to be removed from the plan'}); it and its rows are not imported.` });
        current.skipped = true;
        continue;
      }
      if (kind === 'event') describeEvent(current, row);
    } else if (!current) {
      plan.report.push({ kind: 'skipped', at, message: 'names no event (Object Name) and follows none: not imported.' });
      continue;
    }
    if (current.skipped) continue;
    if (row.groupNames !== undefined) current.groups.push(...list(row.groupNames).filter((g) => !current!.groups.includes(g)));
    if (row.propertyName === undefined || row.propertyType?.toLowerCase() === 'event property group') continue;
    if (action === 'ignore' || action === 'remove') {
      plan.report.push({ kind: 'skipped', at, message: `property \`${row.propertyName}\` of \`${current.name}\`: its action is ${row.action}; not imported.` });
      continue;
    }
    if (current.props.has(row.propertyName)) {
      plan.report.push({ kind: 'merged', at, message: `property \`${row.propertyName}\` of \`${current.name}\` is defined again (first at ${current.props.get(row.propertyName)!.at.replace(/#$/, '')}): only the first is imported.` });
      continue;
    }
    current.props.set(row.propertyName, { schema: propertySchema(row), required: yes(row.required), at: `${at}#` });
  }

  const groups = new Map(order.filter((o) => o.kind === 'group').map((g) => [g.name, g]));
  for (const g of groups.values()) {
    if (!g.skipped) plan.report.push({ kind: 'merged', at: g.at, message: `property group \`${g.name}\` (${g.props.size} properties): trackplan has no property groups, so its properties are written into each event that uses it.` });
  }
  for (const e of order) {
    if (e.kind !== 'event' || e.skipped) continue;
    const props = new Map(e.props);
    for (const name of e.groups) {
      const g = groups.get(name);
      if (!g || g.skipped) { plan.report.push({ kind: 'skipped', at: e.at, message: `property group \`${name}\` of \`${e.name}\` is not ${g ? 'imported' : 'in the file'}: its properties are missing from the event.` }); continue; }
      for (const [p, def] of g.props) {
        if (props.has(p)) plan.report.push({ kind: 'merged', at: def.at, message: `property \`${p}\` of group \`${name}\` is also \`${e.name}\`'s own: the event's definition is kept.` });
        else props.set(p, def);
      }
    }
    if (e.dropped.length) plan.report.push({ kind: 'approximated', at: e.at, message: `${e.dropped.join('; ')}: the registry format has no place for ${e.dropped.length > 1 ? 'them' : 'it'}, dropped.` });
    const schema: JsonObject = {
      type: 'object',
      properties: Object.fromEntries([...props].map(([p, d]) => [p, d.schema])),
      required: [...props].filter(([, d]) => d.required).map(([p]) => p),
    };
    plan.events.push({
      ...e.event!, wire: e.name, at: e.at, root: schema, schema,
      propertyAt: Object.fromEntries([...props].map(([p, d]) => [p, d.at])),
    });
  }
}

/** An event row's own fields: what the format holds, and what it drops (said once per event). */
function describeEvent(e: Owner, row: Row): void {
  e.event ??= { wire: e.name, at: e.at, version: 1, schema: {}, root: {} };
  if (row.objectDescription !== undefined && !e.event.description) e.event.description = row.objectDescription;
  if (row.objectOwner !== undefined && !e.event.owner) e.event.owner = row.objectOwner;
  const drop = (what: string, v: string | undefined, shown = v) => { if (v !== undefined && !e.dropped.some((d) => d.startsWith(what))) e.dropped.push(`${what} ${JSON.stringify(shown)}`); };
  if (row.displayName !== e.name) drop('display name', row.displayName);
  drop('category', row.category);
  drop('tags', row.tags);
  drop('source', row.source);
  if (row.activity !== undefined && row.activity.toLowerCase() !== 'active') drop('activity', row.activity);
}

/** What a property row says, as JSON Schema; numbers that are no numbers stay text, for schema.ts to report. */
function propertySchema(row: Row): JsonObject {
  const num = (v: string | undefined): Json | undefined => (v === undefined ? undefined : v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  const put = (s: JsonObject, k: string, v: Json | undefined) => { if (v !== undefined) s[k] = v; };
  const value: JsonObject = {};
  const vt = row.valueType?.toLowerCase();
  switch (vt) {
    case 'string': value.type = 'string'; break;
    case 'number': value.type = yes(row.isInteger) ? 'integer' : 'number'; break;
    case 'boolean': value.type = 'boolean'; break;
    case 'enum': value.type = 'string'; value.enum = list(row.enumValues); break;
    case 'const': if (row.constValue !== undefined) value.const = row.constValue; break;
    case undefined: case 'any': break; // no type: schema.ts reports it
    default: value.type = vt;
  }
  put(value, 'pattern', row.regex);
  put(value, 'minLength', num(row.minLength));
  put(value, 'maxLength', num(row.maxLength));
  put(value, 'minimum', num(row.minimum));
  put(value, 'maximum', num(row.maximum));
  const s: JsonObject = yes(row.isArray) ? { type: 'array', items: value } : value;
  if (s !== value) {
    put(s, 'minItems', num(row.minItems));
    put(s, 'maxItems', num(row.maxItems));
    if (yes(row.uniqueItems)) s.uniqueItems = true;
  }
  put(s, 'description', row.propertyDescription);
  return s;
}
