// The warehouse script of one engine: the raw append-only events table, a typed view per event,
// and `event_violations`, a row per broken rule per raw event. The checks are data: the plan's
// properties become a table of nodes (one per property, nested ones and array items included),
// carried in the script as one JSON text, and the view walks each event's properties level by
// level, joining every value with its node. So the view's text grows with the number of distinct
// patterns and formats, not with the plan, and it checks objects and arrays at any depth.
import { createHash } from 'node:crypto';
import { PROPERTY_TYPES, type PropertyType } from '../../model.js';
import { FORMATS, allowedText, plural } from '../../validate/messages.js';
import { CompileError, notice } from '../common.js';
import { DIALECTS, dialect, regexFor, typedColumn, type Dialect, type DialectName, type JsonKind, type KindLiterals, type Sql } from './dialects.js';
import { formatCheck } from './formats.js';
import type { WarehouseEvent, WarehouseProperty } from './model.js';

export interface WarehouseSettings {
  /** The engines to write a script for. */
  dialects: readonly DialectName[];
  schema: string;
  table: string;
}

export const WAREHOUSE_DEFAULTS: WarehouseSettings = { dialects: DIALECTS, schema: 'analytics', table: 'events' };

export const VIOLATIONS_VIEW = 'event_violations';
/** A one-row view saying which plan the script was made from (`plan`: a hash of the script). */
export const PLAN_VIEW = '_trackplan';

/** Where each engine's script goes in the output folder. */
export const scriptPath = (name: DialectName): string => `sql/${name}/warehouse.sql`;

/** The envelope's columns, with the descriptions the event schemas give them. */
export const ENVELOPE = [
  { name: 'event_id', description: 'Unique id of this occurrence, to drop duplicates.' },
  { name: 'event_name', description: 'The event of the tracking plan this row is (or an old name of it).' },
  { name: 'event_time', description: 'When it happened (RFC 3339).' },
  { name: 'user_id', description: 'The user the event is about.' },
  { name: 'properties', description: 'The event\'s properties as sent, as JSON: see the view of each event for them typed.' },
] as const;

const IDENT = /^[A-Za-z_$][\w$]*$/;
/** How validate writes the path of a member: `.name`, or `["odd name"]`. */
const segment = (name: string): string => (IDENT.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);

// --- The plan as data -------------------------------------------------------------------

/** One property (or array item, or event) of the plan, as a row of `plan_nodes`. Absent: SQL NULL. */
interface PlanNode {
  id: number;
  parent?: number;
  /** The member's name; `*` for an array's items (an array has no members, so no clash). */
  slot?: string;
  /** `.name` or `["odd name"]`: how the member's path goes on from its parent's. Absent for items. */
  seg?: string;
  /** The property's type, as a kind code (KIND). */
  ptype?: number;
  nullable?: boolean;
  /** Walked into (a kind code): an object with properties, or an array with items. */
  container?: number;
  /** An object with no properties defined, but closed. */
  empty?: boolean;
  /** The members an object requires. */
  required?: string[];
  /** Has a rule beyond its type (enum, lengths, bounds, pattern, format, item counts). */
  checks?: boolean;
  has_enum?: boolean;
  min_length?: number;
  max_length?: number;
  minimum?: number;
  maximum?: number;
  min_items?: number;
  max_items?: number;
  pattern?: number;
  format?: string;
}

/** What is said of a node's broken rules: fetched only for the few values that break one. */
interface NodeMessages {
  id: number;
  type_msg?: string;
  enum_msg?: string;
  min_length_msg?: string;
  max_length_msg?: string;
  minimum_msg?: string;
  maximum_msg?: string;
  min_items_msg?: string;
  max_items_msg?: string;
  pattern_msg?: string;
  format_msg?: string;
}

type ColumnType = 'int' | 'text' | 'bool' | 'double' | 'text[]' | 'double[]' | 'bool[]';

/** The columns of plan_nodes, in order, with their types: what every value is checked against. */
const NODE_COLUMNS: Array<[keyof PlanNode | 'nkind' | 'msg', ColumnType]> = [
  ['id', 'int'], ['parent', 'int'], ['slot', 'text'], ['seg', 'text'], ['nkind', 'int'], ['msg', 'int'], ['ptype', 'int'], ['nullable', 'bool'],
  ['container', 'int'], ['empty', 'bool'], ['required', 'text[]'], ['checks', 'bool'], ['has_enum', 'bool'],
  ['min_length', 'int'], ['max_length', 'int'], ['minimum', 'double'], ['maximum', 'double'], ['min_items', 'int'], ['max_items', 'int'],
  ['pattern', 'int'], ['format', 'text'],
];
const MESSAGE_COLUMNS: Array<[keyof NodeMessages | 'msg', ColumnType]> = [
  ['msg', 'int'], ['type_msg', 'text'], ['enum_msg', 'text'], ['min_length_msg', 'text'], ['max_length_msg', 'text'], ['minimum_msg', 'text'],
  ['maximum_msg', 'text'], ['min_items_msg', 'text'], ['max_items_msg', 'text'], ['pattern_msg', 'text'], ['format_msg', 'text'],
];

/**
 * How the plan is written into the script: nodes hold only where they are; what they check (a
 * kind: type, rules, enum values, message set) is written once for all the nodes that share it.
 * Properties repeat across events (shared ones always), so this is most of the plan's size.
 */
const NODE_ROW_COLUMNS: Array<[string, ColumnType]> = [['id', 'int'], ['parent', 'int'], ['slot', 'text'], ['seg', 'text'], ['item', 'bool'], ['nkind', 'int']];
const KIND_COLUMNS: Array<[string, ColumnType]> = [['nkind', 'int'], ['msg', 'int'], ...NODE_COLUMNS.filter(([c]) => !['id', 'parent', 'slot', 'seg', 'nkind', 'msg'].includes(c))];
const ENUM_COLUMNS: Array<[string, ColumnType]> = [['nkind', 'int'], ['s', 'text'], ['n', 'double'], ['b', 'bool']];

interface PlanRows { nodes: Array<Record<string, unknown>>; kinds: Array<Record<string, unknown>>; messages: Array<Record<string, unknown>>; enums: Array<Record<string, unknown>> }

/** Kinds of JSON value as small integers: compared on every value, where text would be slower. */
const KIND: Record<JsonKind, number> = { string: 1, integer: 2, number: 3, boolean: 4, array: 5, object: 6, null: 7, infinite: 8 };
const KIND_CODES = Object.fromEntries(Object.entries(KIND).map(([k, v]) => [k, String(v)])) as KindLiterals;

/** What violationsView writes besides the rows. */
interface Plan {
  /** Event names (aliases too) and their root node. */
  roots: Array<{ event_name: string; node: number; empty?: boolean; required?: string[] }>;
  /** Patterns by index, as the plan writes them (checkable by this engine). */
  patterns: string[];
  /** Formats the engine checks, used somewhere in the plan. */
  formats: string[];
  /** Per level (0: each event's properties), which kinds of container are walked there. */
  levels: Array<Set<'object' | 'array'>>;
}

/**
 * The plan as every engine has it. Engines differ only in which patterns and formats they can
 * check, so each node keeps the pattern and format it would check, and what else it checks and
 * says is numbered once here (alike values alike): an engine's rows are then made with short keys.
 */
interface Draft extends Omit<Plan, 'patterns' | 'formats'> {
  nodes: PlanNode[];
  /** Per node, by index: the pattern and format of a string property, checked where the engine can. */
  pattern: Array<string | undefined>;
  format: Array<string | undefined>;
  /** Per node: its message set but the pattern's and format's, numbered (0: none). */
  baseMsg: number[];
  /** Message sets by number (from 1), each with its first node's texts. */
  msgTexts: NodeMessages[];
  /** Per node: what it checks but pattern and format, and its message set (without them) and enum values, numbered. */
  baseKind: number[];
  enumsOf: Map<number, Array<Record<string, unknown>>>;
  /** Every pattern and format the plan uses, checkable or not. */
  seen: { patterns: Set<string>; formats: Set<string> };
}

const n = (x: number): string => String(x);

/** A value's text in a key: strings quoted (so that no value can pass for two), others as they print. */
const part = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' || Array.isArray(v) ? JSON.stringify(v) : String(v));

/** The keys of `from` that are set, in the order of `keys`. */
const pick = <T>(from: T, keys: ReadonlyArray<keyof T>): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  for (const k of keys) if (from[k] !== undefined) o[k as string] = from[k];
  return o;
};

const KIND_KEYS = KIND_COLUMNS.map(([c]) => c).filter((c) => c !== 'nkind' && c !== 'msg') as Array<keyof PlanNode>;
const MSG_KEYS = MESSAGE_COLUMNS.map(([c]) => c).filter((c) => c !== 'msg') as Array<keyof NodeMessages>;
/** What a kind is besides its message set, its enum values, and what follows from its pattern and format. */
const BASE_KIND_KEYS = KIND_KEYS.filter((k) => k !== 'checks' && k !== 'pattern' && k !== 'format');
const BASE_MSG_KEYS = MSG_KEYS.filter((k) => k !== 'pattern_msg' && k !== 'format_msg');

function planOf(events: readonly WarehouseEvent[]): Draft {
  const seen = { patterns: new Set<string>(), formats: new Set<string>() };
  const nodes: PlanNode[] = [];
  const pattern: Draft['pattern'] = [];
  const format: Draft['format'] = [];
  const messages = new Map<number, NodeMessages>();
  const enums: Array<{ node: number; s?: string; n?: number; b?: boolean }> = [];
  const roots: Plan['roots'] = [];
  const levels: Plan['levels'] = [new Set(['object'])];
  const add = (p: WarehouseProperty, parent: number, item: boolean, level: number): void => {
    const node: PlanNode = { id: nodes.length + 1, parent, slot: item ? '*' : p.name, ...(item ? {} : { seg: segment(p.name) }) };
    const msg: NodeMessages = { id: node.id };
    nodes.push(node);
    if (p.type !== undefined) {
      node.ptype = KIND[p.type];
      msg.type_msg = `must be ${p.type === 'integer' ? 'an integer' : p.type === 'object' ? 'an object' : p.type === 'array' ? 'an array' : `a ${p.type}`}${p.nullable ? ' or null' : ''}`;
    }
    if (p.nullable) node.nullable = true;
    if (p.enum) {
      node.has_enum = true;
      // A value written twice would match twice, and the value's row come out twice.
      for (const v of new Set(p.enum)) enums.push({ node: node.id, ...(typeof v === 'string' ? { s: v } : typeof v === 'number' ? { n: v } : { b: v }) });
      msg.enum_msg = `must be one of ${allowedText(p.enum)}`;
    }
    if (p.minLength !== undefined) { node.min_length = p.minLength; msg.min_length_msg = p.minLength === 1 ? 'must not be empty.' : `must be at least ${plural(p.minLength, 'character')} long, not `; }
    if (p.maxLength !== undefined) { node.max_length = p.maxLength; msg.max_length_msg = `must be at most ${plural(p.maxLength, 'character')} long; it has `; }
    if (p.minimum !== undefined) { node.minimum = p.minimum; msg.minimum_msg = `must be >= ${n(p.minimum)}, not `; }
    if (p.maximum !== undefined) { node.maximum = p.maximum; msg.maximum_msg = `must be <= ${n(p.maximum)}, not `; }
    if (p.minItems !== undefined) { node.min_items = p.minItems; msg.min_items_msg = `must have at least ${plural(p.minItems, 'item')}; it has `; }
    if (p.maxItems !== undefined) { node.max_items = p.maxItems; msg.max_items_msg = `must have at most ${plural(p.maxItems, 'item')}; it has `; }
    if (p.pattern !== undefined && p.type === 'string') {
      seen.patterns.add(p.pattern);
      pattern[node.id - 1] = p.pattern;
    }
    if (p.format !== undefined) seen.formats.add(p.format);
    if (p.format !== undefined && p.type === 'string') format[node.id - 1] = p.format;
    if (Object.keys(msg).length > 1) messages.set(node.id, msg);
    // A pattern or format the engine checks sets it too (planRows).
    if (['has_enum', 'min_length', 'max_length', 'minimum', 'maximum', 'min_items', 'max_items'].some((k) => k in node)) node.checks = true;
    const walk = (kind: 'object' | 'array'): void => {
      node.container = KIND[kind];
      (levels[level + 1] ??= new Set()).add(kind);
    };
    if (p.type === 'object' && p.properties) {
      walk('object');
      if (p.properties.length === 0) node.empty = true;
      const required = p.properties.filter((q) => q.required).map((q) => q.name);
      if (required.length) node.required = required;
      for (const q of p.properties) add(q, node.id, false, level + 1);
    }
    if (p.type === 'array' && p.items) {
      walk('array');
      add(p.items, node.id, true, level + 1);
    }
  };
  for (const e of events) {
    const root: PlanNode = { id: nodes.length + 1 };
    nodes.push(root);
    const required = e.properties.filter((q) => q.required).map((q) => q.name);
    for (const name of [e.name, ...e.aliases]) roots.push({ event_name: name, node: root.id, ...(e.properties.length ? {} : { empty: true }), ...(required.length ? { required } : {}) });
    for (const p of e.properties) add(p, root.id, false, 0);
  }
  roots.sort((a, b) => (a.event_name < b.event_name ? -1 : a.event_name > b.event_name ? 1 : 0));

  const enumsOf = new Map<number, Array<Record<string, unknown>>>();
  for (const { node, ...value } of enums) {
    if (!enumsOf.has(node)) enumsOf.set(node, []);
    enumsOf.get(node)!.push(value);
  }
  const msgIds = new Map<string, number>();
  const kindIds = new Map<string, number>();
  const msgTexts: NodeMessages[] = [];
  const baseMsg: number[] = [];
  const baseKind: number[] = [];
  for (const node of nodes) {
    const texts = messages.get(node.id);
    let msg = 0;
    if (texts && BASE_MSG_KEYS.some((k) => texts[k] !== undefined)) {
      let key = '';
      for (const k of BASE_MSG_KEYS) key += `${part(texts[k])}\u0001`;
      msg = msgIds.get(key) ?? 0;
      if (!msg) { msgIds.set(key, (msg = msgIds.size + 1)); msgTexts[msg] = texts; }
    }
    const values = enumsOf.get(node.id);
    let key = `${msg}\u0001${values ? JSON.stringify(values) : ''}`;
    for (const k of BASE_KIND_KEYS) key += `\u0001${part(node[k])}`;
    let kind = kindIds.get(key);
    if (kind === undefined) kindIds.set(key, (kind = kindIds.size + 1));
    baseMsg.push(msg);
    baseKind.push(kind);
  }
  return { nodes, pattern, format, baseMsg, msgTexts, baseKind, enumsOf, roots, levels, seen };
}

/**
 * The plan's nodes, kinds, message sets and enum values as rows for an engine that checks the
 * patterns and formats `checks` says, each kind and message set once, numbered in the order of
 * their first node.
 */
function planRows(draft: Draft, checks: { pattern(p: string): boolean; format(f: string): boolean }): { plan: Plan; rows: PlanRows } {
  const out: PlanRows = { nodes: [], kinds: [], messages: [], enums: [] };
  const msgIds = new Map<string, number>();
  const kindIds = new Map<string, number>();
  const patterns = new Map<string, number>();
  const formats = new Set<string>();
  draft.nodes.forEach((node, i) => {
    const p = draft.pattern[i];
    let pattern: number | undefined;
    if (p !== undefined && checks.pattern(p)) {
      // Numbered by the plan's own text, so that engines that check the same patterns number them alike.
      pattern = patterns.get(p);
      if (pattern === undefined) patterns.set(p, (pattern = patterns.size));
    }
    const f = draft.format[i];
    const format = f !== undefined && checks.format(f) ? f : undefined;
    if (format !== undefined) formats.add(format);
    const formatMsg = format === undefined ? undefined : `must be ${FORMATS[format] ?? `a valid ${format}`}, not `;
    const base = draft.baseMsg[i]!;
    let msg: number | undefined;
    if (base || pattern !== undefined || formatMsg !== undefined) {
      // The message set is its texts: the pattern's names its pattern, which its number stands for here.
      const key = `${base}\u0001${pattern ?? ''}\u0001${formatMsg ?? ''}`;
      msg = msgIds.get(key);
      if (msg === undefined) {
        msgIds.set(key, (msg = msgIds.size + 1));
        out.messages.push({
          msg, ...(base ? pick(draft.msgTexts[base]!, MSG_KEYS) : {}),
          ...(pattern !== undefined ? { pattern_msg: `must match the pattern ${p}, not ` } : {}), ...(formatMsg !== undefined ? { format_msg: formatMsg } : {}),
        });
      }
    }
    const key = `${msg ?? ''}\u0001${draft.baseKind[i]}\u0001${pattern ?? ''}\u0001${format ?? ''}`;
    let nkind = kindIds.get(key);
    if (nkind === undefined) {
      kindIds.set(key, (nkind = kindIds.size + 1));
      const checked = node.checks || pattern !== undefined || format !== undefined ? { checks: true } : {};
      out.kinds.push({ nkind, ...(msg !== undefined ? { msg } : {}), ...pick({ ...node, ...checked, pattern, format }, KIND_KEYS) });
      for (const v of draft.enumsOf.get(node.id) ?? []) out.enums.push({ nkind, ...v });
    }
    const { id, parent, slot, seg } = node;
    const item = slot === '*' && seg === undefined && parent !== undefined;
    // `.name` is what the view makes of a name when the node says nothing.
    const row: Record<string, unknown> = { id };
    if (parent !== undefined) row.parent = parent;
    if (slot !== undefined) row.slot = slot;
    if (seg !== undefined && seg !== `.${slot}`) row.seg = seg;
    if (item) row.item = true;
    row.nkind = nkind;
    out.nodes.push(row);
  });
  return { plan: { roots: draft.roots, levels: draft.levels, patterns: [...patterns.keys()], formats: [...formats].sort() }, rows: out };
}

/** Rows, as their JSON texts (keys of absent values left out), as one JSON text read back as a table by each engine. */
function table(d: Dialect, rows: readonly string[], columns: ReadonlyArray<readonly [string, string]>): Sql {
  const text = `[${rows.join(',\n')}]`;
  const lit = d.string(text);
  switch (d.name) {
    case 'duckdb': {
      const types: Record<string, string> = { int: 'INTEGER', text: 'VARCHAR', bool: 'BOOLEAN', double: 'DOUBLE', 'text[]': 'VARCHAR[]', 'double[]': 'DOUBLE[]', 'bool[]': 'BOOLEAN[]' };
      const structure = `[${JSON.stringify(Object.fromEntries(columns.map(([c, t]) => [c, types[t]])))}]`;
      return `SELECT unnest(from_json(${lit}, ${d.string(structure)}), recursive := true)`;
    }
    case 'postgres': {
      const types: Record<string, string> = { int: 'INTEGER', text: 'TEXT', bool: 'BOOLEAN', double: 'DOUBLE PRECISION', 'text[]': 'TEXT[]', 'double[]': 'DOUBLE PRECISION[]', 'bool[]': 'BOOLEAN[]' };
      return `SELECT * FROM jsonb_to_recordset(CAST(${lit} AS JSONB)) AS t(${columns.map(([c, t]) => `${c} ${types[t]}`).join(', ')})`;
    }
    case 'bigquery': {
      const read = (c: string, t: string): Sql => {
        const v = `r.${c}`;
        switch (t) {
          case 'int': return `LAX_INT64(${v})`;
          case 'text': return `LAX_STRING(${v})`;
          case 'bool': return `LAX_BOOL(${v})`;
          case 'double': return `LAX_FLOAT64(${v})`;
          case 'text[]': return `ARRAY(SELECT LAX_STRING(x) FROM UNNEST(JSON_QUERY_ARRAY(${v})) AS x)`;
          case 'double[]': return `ARRAY(SELECT LAX_FLOAT64(x) FROM UNNEST(JSON_QUERY_ARRAY(${v})) AS x)`;
          default: return `ARRAY(SELECT LAX_BOOL(x) FROM UNNEST(JSON_QUERY_ARRAY(${v})) AS x)`;
        }
      };
      return `SELECT ${columns.map(([c, t]) => `${read(c, t)} AS ${c}`).join(', ')} FROM UNNEST(JSON_QUERY_ARRAY(PARSE_JSON(${lit}))) AS r`;
    }
    case 'snowflake': {
      const types: Record<string, string> = { int: 'INTEGER', text: 'VARCHAR', bool: 'BOOLEAN', double: 'FLOAT' };
      return `SELECT ${columns.map(([c, t]) => (t.endsWith('[]') ? `r.value:${c} AS ${c}` : `r.value:${c}::${types[t]} AS ${c}`)).join(', ')} FROM TABLE(FLATTEN(input => PARSE_JSON(${lit}))) AS r`;
    }
  }
}

// --- Statements -------------------------------------------------------------------------

/** The value's text as a message shows it: cut to 60 characters, as validate's `show`. */
const shown = (d: Dialect, v: Sql): Sql => {
  const t = d.jsonText(v);
  return `CASE WHEN ${d.length(t)} > 60 THEN ${d.concat(d.substring(t, '1', 57), "'...'")} ELSE ${t} END`;
};

/** A path segment for a member named `key` not in the plan, written at run time as validate writes it. */
const runtimeSegment = (d: Dialect, key: Sql): Sql =>
  `CASE WHEN ${d.matches(key, regexFor(d.name, '^[A-Za-z_$][A-Za-z0-9_$]*$')!)} THEN ${d.concat("'.'", key)} ELSE ${d.concat("'['", d.quoteJson(key), "']'")} END`;

/**
 * One row per true condition of each row of `from` (aliased k): a SELECT of the envelope, rule,
 * path and message. Each message is only built where its condition holds.
 */
function fanout(d: Dialect, from: Sql, rows: Array<[bad: Sql, rule: string, message: Sql]>): Sql {
  const head = 'k.event_id, k.event_name, k.event_time';
  switch (d.name) {
    case 'duckdb':
      // A list of the broken rules, unnested: DuckDB would turn a LATERAL (VALUES ...) into a grouping of every column.
      return `SELECT event_id, event_name, event_time, v.rule, v.path, v.message FROM (SELECT ${head}, unnest(list_filter([\n      ${rows.map(([b, r, m]) => `CASE WHEN ${b} THEN {'rule': ${d.string(r)}, 'path': k.path, 'message': ${m}} END`).join(',\n      ')}\n    ], x -> x IS NOT NULL)) AS v\n    FROM ${from})`;
    case 'postgres':
      return `SELECT ${head}, v.rule, k.path, v.message FROM ${from}\n    CROSS JOIN LATERAL (VALUES\n      ${rows.map(([b, r, m]) => `(${b}, ${d.string(r)}, CASE WHEN ${b} THEN ${m} END)`).join(',\n      ')}\n    ) AS v(bad, rule, message) WHERE v.bad`;
    case 'bigquery':
      return `SELECT ${head}, v.rule, k.path, v.message FROM ${from}\n    CROSS JOIN UNNEST([\n      ${rows.map(([b, r, m], i) => `STRUCT(COALESCE(${b}, FALSE)${i ? '' : ' AS bad'}, ${d.string(r)}${i ? '' : ' AS rule'}, IF(${b}, ${m}, NULL)${i ? '' : ' AS message'})`).join(',\n      ')}\n    ]) AS v WHERE v.bad`;
    case 'snowflake':
      return `SELECT ${head}, v.value:rule::VARCHAR AS rule, k.path, v.value:message::VARCHAR AS message FROM ${from}\n    , LATERAL FLATTEN(input => ARRAY_CONSTRUCT_COMPACT(\n      ${rows.map(([b, r, m]) => `IFF(${b}, OBJECT_CONSTRUCT('rule', ${d.string(r)}, 'message', ${m}), NULL)`).join(',\n      ')}\n    )) AS v`;
  }
}

/**
 * Rows of each member of the containers in `f`: object members by name (`slot`), array items at
 * `idx`, and each required member that is missing, with SQL NULL as its value.
 */
function membersOf(d: Dialect, f: string, kinds: ReadonlySet<'object' | 'array'>, cols: readonly string[]): Sql {
  // The container's own value is not carried on (`value` is the member's), nor what only says how
  // to read the container: every column here is copied to each of its members.
  const keep = cols.filter((c) => !['value', 'container', 'required'].includes(c)).map((c) => `f.${c}`).join(', ');
  const inner = cols.join(', ');
  const parts: Sql[] = [];
  switch (d.name) {
    case 'duckdb':
      // One pass: the missing members are appended to the present ones.
      if (kinds.has('object')) {
        // JSON null comes out of the map as SQL NULL: put back, so that only a missing member is SQL NULL.
        parts.push(`SELECT ${keep}, unnest(list_concat(map_keys(f.mp), f.missing)) AS slot, CAST(NULL AS BIGINT) AS idx,`
          + ` unnest(list_concat(list_transform(map_values(f.mp), x -> COALESCE(x, CAST('null' AS JSON))), list_transform(f.missing, x -> CAST(NULL AS JSON)))) AS value`
          + ` FROM (SELECT *, list_filter(required, x -> NOT list_contains(map_keys(mp), x)) AS missing`
          + ` FROM (SELECT ${inner}, TRY_CAST(value AS MAP(VARCHAR, JSON)) AS mp FROM ${f} WHERE container = 6)) AS f`);
      }
      if (kinds.has('array')) parts.push(`SELECT ${keep}, '*' AS slot, unnest(range(len(f.arr))) AS idx, unnest(list_transform(f.arr, x -> COALESCE(x, CAST('null' AS JSON)))) AS value FROM (SELECT ${inner}, TRY_CAST(value AS JSON[]) AS arr FROM ${f} WHERE container = 5) AS f`);
      break;
    case 'postgres':
      if (kinds.has('object')) {
        parts.push(`SELECT ${keep}, e.key AS slot, CAST(NULL AS BIGINT) AS idx, e.value FROM ${f} AS f CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(f.value) = 'object' THEN f.value ELSE '{}' END) AS e WHERE f.container = 6`);
        parts.push(`SELECT ${keep}, r.name AS slot, CAST(NULL AS BIGINT) AS idx, CAST(NULL AS JSONB) AS value FROM ${f} AS f CROSS JOIN LATERAL unnest(f.required) AS r(name) WHERE f.container = 6 AND NOT f.value ? r.name`);
      }
      if (kinds.has('array')) parts.push(`SELECT ${keep}, '*' AS slot, e.n - 1 AS idx, e.value FROM ${f} AS f CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(f.value) = 'array' THEN f.value ELSE '[]' END) WITH ORDINALITY AS e(value, n) WHERE f.container = 5`);
      break;
    case 'bigquery':
      if (kinds.has('object')) {
        // JSON_KEYS writes a key holding special characters in double quotes: read back as JSON.
        parts.push(`SELECT ${keep}, slot, CAST(NULL AS INT64) AS idx, f.value[slot] AS value FROM ${f} AS f CROSS JOIN UNNEST(ARRAY(SELECT IF(STARTS_WITH(x, '"'), JSON_VALUE(PARSE_JSON(x)), x) FROM UNNEST(JSON_KEYS(f.value, 1)) AS x)) AS slot WHERE f.container = 6`);
        parts.push(`SELECT ${keep}, slot, CAST(NULL AS INT64) AS idx, CAST(NULL AS JSON) AS value FROM ${f} AS f CROSS JOIN UNNEST(f.required) AS slot WHERE f.container = 6 AND f.value[slot] IS NULL`);
      }
      if (kinds.has('array')) parts.push(`SELECT ${keep}, '*' AS slot, idx, e AS value FROM ${f} AS f CROSS JOIN UNNEST(JSON_QUERY_ARRAY(f.value)) AS e WITH OFFSET AS idx WHERE f.container = 5`);
      break;
    case 'snowflake':
      parts.push(`SELECT ${keep}, COALESCE(e.key, '*') AS slot, e.index AS idx, e.value AS value FROM ${f} AS f, LATERAL FLATTEN(input => f.value) AS e`);
      if (kinds.has('object')) parts.push(`SELECT ${keep}, r.value::VARCHAR AS slot, NULL AS idx, NULL AS value FROM ${f} AS f, LATERAL FLATTEN(input => f.required) AS r WHERE f.container = 6 AND GET(f.value, r.value::VARCHAR) IS NULL`);
      break;
  }
  return parts.join('\n    UNION ALL\n    ');
}

/**
 * How the walk reads each member value: a cheap type first (computed once), then the kind code
 * and the scalar from it. DuckDB's JSON is text that each JSON function parses again; the
 * values the walk meets come out of its MAP and LIST casts minified, so their first character
 * says what they are, and a string without a backslash is the text between its quotes.
 */
function walkExpressions(d: Dialect): { type(v: Sql): Sql; kind(t: Sql, v: Sql): Sql; string(t: Sql, v: Sql): Sql; number(t: Sql, v: Sql): Sql; boolean(t: Sql, v: Sql): Sql } {
  if (d.name !== 'duckdb') {
    return { type: d.typeOf, kind: (t, v) => d.kindFrom(t, v, KIND_CODES), string: (_, v) => d.asString(v), number: (_, v) => d.asNumber(v), boolean: (_, v) => d.asBoolean(v) };
  }
  const K = KIND;
  return {
    type: (v) => `CAST(${v} AS VARCHAR)`,
    // The first character by its code: a comparison of integers, where left() made a string per test.
    kind: (t) => `CASE WHEN ${t} IS NULL THEN NULL ELSE CASE ord(${t}) WHEN ${'"'.charCodeAt(0)} THEN ${K.string} WHEN ${'{'.charCodeAt(0)} THEN ${K.object} WHEN ${'['.charCodeAt(0)} THEN ${K.array}`
      + ` WHEN ${'t'.charCodeAt(0)} THEN ${K.boolean} WHEN ${'f'.charCodeAt(0)} THEN ${K.boolean} WHEN ${'n'.charCodeAt(0)} THEN ${K.null}`
      + ` ELSE CASE WHEN regexp_full_match(${t}, '-?[0-9]+') THEN ${K.integer} WHEN NOT isfinite(TRY_CAST(${t} AS DOUBLE)) THEN ${K.infinite}`
      + ` WHEN TRY_CAST(${t} AS DOUBLE) = floor(TRY_CAST(${t} AS DOUBLE)) THEN ${K.integer} ELSE ${K.number} END END END`,
    string: (t, v) => `CASE WHEN contains(${t}, '\\') THEN json_extract_string(${v}, '$') ELSE array_slice(${t}, 2, -2) END`,
    number: (t) => `TRY_CAST(${t} AS DOUBLE)`,
    boolean: (t) => `(${t} = 'true')`,
  };
}

/** The tables of the plan, by name: what each holds, and its columns. */
const PLAN_TABLES = { nodes: 'plan_node_rows', kinds: 'plan_kinds', messages: 'plan_messages', enums: 'plan_enums', events: 'plan_events' } as const;
/** BigQuery and Snowflake limit the text of a view (256 K characters in BigQuery) and of a statement (1 MB): there the plan's tables are real tables, filled in pieces of this many characters. */
const PIECE = 200_000;
export const planTableName = (t: keyof typeof PLAN_TABLES): string => `_trackplan_${t}`;

/**
 * The plan, and its rows for each set of patterns and formats an engine checks (all of them in
 * every engine unless one is beyond it), shared by the engines: making them is most of a
 * script's time. Also each rows array's JSON texts, which the engines write alike.
 */
export interface PlanMemo { draft?: Draft; plans: Map<string, { plan: Plan; rows: PlanRows }>; texts: WeakMap<object, string[]> }

const planMemo = (): PlanMemo => ({ plans: new Map(), texts: new WeakMap() });

function planFor(d: Dialect, events: readonly WarehouseEvent[], memo: PlanMemo): { plan: Plan; rows: PlanRows } {
  const draft = (memo.draft ??= planOf(events));
  const patterns = new Map([...draft.seen.patterns].map((p) => [p, regexFor(d.name, p) !== undefined]));
  const formats = new Map([...draft.seen.formats].map((f) => [f, formatCheck(d, 's', f) !== undefined]));
  const key = [...patterns.values(), ...formats.values()].map((ok) => (ok ? 1 : 0)).join('');
  let entry = memo.plans.get(key);
  if (!entry) memo.plans.set(key, (entry = planRows(draft, { pattern: (p) => patterns.get(p)!, format: (f) => formats.get(f)! })));
  return entry;
}

/**
 * The event_violations view, and the statements that must run before it: none where the plan's
 * tables are inline (DuckDB, PostgreSQL: the view stands alone), else those that fill them.
 */
function violationsView(d: Dialect, events: readonly WarehouseEvent[], raw: Sql, q: (name: string) => Sql, memo: PlanMemo = planMemo()): { setup: Sql[]; view: Sql } {
  const { plan, rows } = planFor(d, events, memo);
  const K = KIND;
  const enumKey = (s: Sql, n: Sql, b: Sql): Sql => `CASE WHEN ${s} IS NOT NULL THEN ${d.concat("'s'", s)} WHEN ${n} IS NOT NULL THEN ${d.concat("'n'", d.toText(n))} WHEN ${b} IS NOT NULL THEN ${d.concat("'b'", d.toText(b))} END`;
  const data: Record<keyof typeof PLAN_TABLES, [Array<Record<string, unknown>>, ReadonlyArray<readonly [string, string]>]> = {
    nodes: [rows.nodes, NODE_ROW_COLUMNS],
    kinds: [rows.kinds, KIND_COLUMNS],
    messages: [rows.messages, MESSAGE_COLUMNS],
    enums: [rows.enums, ENUM_COLUMNS],
    events: [plan.roots, [['event_name', 'text'], ['node', 'int'], ['empty', 'bool'], ['required', 'text[]']]],
  };
  const setup: Sql[] = [];
  const inline = d.name === 'duckdb' || d.name === 'postgres';
  const source = (t: keyof typeof PLAN_TABLES): Sql => {
    const [rows, columns] = data[t];
    let texts = memo.texts.get(rows);
    if (!texts) memo.texts.set(rows, (texts = rows.map((r) => JSON.stringify(r))));
    if (inline) return table(d, texts, columns);
    // In pieces of about PIECE characters: a first that makes the table, then the rest added.
    const pieces: string[][] = [[]];
    let size = 0;
    for (const r of texts) {
      const n = r.length + 2;
      if (size + n > PIECE && pieces[pieces.length - 1]!.length) { pieces.push([]); size = 0; }
      pieces[pieces.length - 1]!.push(r);
      size += n;
    }
    pieces.forEach((piece, i) => setup.push(i === 0 ? `CREATE OR REPLACE TABLE ${q(planTableName(t))} AS ${table(d, piece, columns)}` : `INSERT INTO ${q(planTableName(t))} ${table(d, piece, columns)}`));
    return `SELECT * FROM ${q(planTableName(t))}`;
  };
  const ctes: Array<[string, Sql, boolean?]> = [
    // Each node with its kind: a join of the plan's own small tables.
    ['plan_nodes', `SELECT n.id, n.parent, n.slot, CASE WHEN n.item THEN NULL ELSE COALESCE(n.seg, ${d.concat("'.'", 'n.slot')}) END AS seg, ${KIND_COLUMNS.map(([c]) => `k.${c}`).join(', ')}`
      + ` FROM (${source('nodes')}) AS n JOIN (${source('kinds')}) AS k ON k.nkind = n.nkind`],
    ['plan_messages', source('messages')],
    // Enum values keyed by the text the engine makes of them, made the same way on both sides.
    ['plan_enums', `SELECT e.nkind, ${enumKey('e.s', 'e.n', 'e.b')} AS ekey FROM (${source('enums')}) AS e`],
    ['plan_events', source('events')],
    ['raw_events', `SELECT event_id, event_name, event_time, user_id, properties FROM ${raw}`],
  ];
  const out: Sql[] = [];
  const env = (cond: Sql, rule: string, path: string, message: Sql): void => {
    out.push(`SELECT event_id, event_name, event_time, ${d.string(rule)} AS rule, ${d.string(path)} AS path, ${message} AS message FROM raw_events WHERE ${cond}`);
  };
  const missing = (f: string): Sql => d.string(`\`${f}\` is required but missing.`);
  const asJson = (s: Sql): Sql => (d.name === 'postgres' ? `to_jsonb(${s})` : d.name === 'duckdb' ? `to_json(${s})` : d.name === 'bigquery' ? `TO_JSON(${s})` : `TO_VARIANT(${s})`);
  env('event_id IS NULL', 'required', 'event_id', missing('event_id'));
  env(`event_id IS NOT NULL AND NOT ${formatCheck(d, 'event_id', 'uuid')!}`, 'format', 'event_id', d.concat(d.string(`must be ${FORMATS.uuid}, not `), shown(d, asJson('event_id')), "'.'"));
  env('event_name IS NULL', 'required', 'event_name', missing('event_name'));
  env('event_name IS NOT NULL AND event_name NOT IN (SELECT event_name FROM plan_events)', 'unknown-event', 'event_name', d.concat("'`'", 'event_name', d.string('` is not an event of the tracking plan.')));
  env('event_time IS NULL', 'required', 'event_time', missing('event_time'));
  env('user_id IS NULL', 'required', 'user_id', missing('user_id'));
  env(`user_id = ''`, 'minLength', 'user_id', d.string('must not be empty.'));
  env('properties IS NULL', 'required', 'properties', missing('properties'));
  const kindText = (k: Sql): Sql => `CASE ${k} WHEN ${K.string} THEN 'a string' WHEN ${K.integer} THEN 'an integer' WHEN ${K.number} THEN 'a number' WHEN ${K.infinite} THEN 'a number'`
    + ` WHEN ${K.boolean} THEN 'a boolean' WHEN ${K.array} THEN 'an array' WHEN ${K.object} THEN 'an object' ELSE 'null' END`;
  env(`properties IS NOT NULL AND NOT ${d.isObject('properties')}`, 'type', 'properties',
    d.concat(d.string('must be an object, not '), kindText(d.kindFrom(d.typeOf('properties'), 'properties', KIND_CODES)), "' ('", shown(d, 'properties'), "').'"));
  out.push(`SELECT r.event_id, r.event_name, r.event_time, 'repeated-id' AS rule, 'event_id' AS path,`
    + ` ${d.concat(d.string('The event_id appears '), d.toText('t.n'), d.string(' times: events are recorded once, each with its own id.'))} AS message`
    + ` FROM raw_events AS r JOIN (SELECT event_id, COUNT(*) AS n FROM raw_events WHERE event_id IS NOT NULL GROUP BY event_id HAVING COUNT(*) > 1) AS t ON t.event_id = r.event_id`);

  // Level 0 is each event's properties; level k + 1 the objects and arrays met at level k.
  const fCols = ['event_id', 'event_name', 'event_time', 'node', 'container', 'empty', 'required', 'place', 'path', 'value'];
  ctes.push(['f0', `SELECT r.event_id, r.event_name, r.event_time, e.node, ${K.object} AS container, e.empty, e.required, r.event_name AS place, 'properties' AS path, r.properties AS value`
    + ` FROM raw_events AS r JOIN plan_events AS e ON e.event_name = r.event_name WHERE ${d.isObject('r.properties')}`]);
  const patternTest = (s: Sql): Sql => `CASE k.pattern ${plan.patterns.map((p, i) => `WHEN ${i} THEN ${d.matches(s, regexFor(d.name, p)!)}`).join(' ')} END`;
  const formatTest = (s: Sql): Sql => `CASE k.format ${plan.formats.map((f) => `WHEN ${d.string(f)} THEN ${formatCheck(d, s, f)!}`).join(' ')} END`;
  const typeOk = `(k.ptype IS NULL OR k.kind = k.ptype OR k.ptype = ${K.number} AND k.kind = ${K.integer})`;
  const num = `k.kind IN (${K.integer}, ${K.number})`;
  // [condition, rule, message]: the condition reads the value's row (k); the message its node's texts (g).
  // Each condition tests the node first: most values have few rules to break.
  const conditions: Array<[Sql, string, Sql]> = [
    ['k.value IS NULL', 'required', d.concat("'`'", 'k.slot', "'` is required but missing.'")],
    ['k.id IS NULL AND k.value IS NOT NULL', 'unknown-property', d.concat("'`'", 'k.slot', "'` is not a property of `'", 'k.place', "CASE WHEN k.parent_empty THEN '`, which has none.' ELSE '`.' END")],
    [`k.ptype IS NOT NULL AND k.kind = ${K.null} AND NOT COALESCE(k.nullable, FALSE)`, 'type', d.concat('g.type_msg', "', not null (null).'")],
    [`k.ptype IS NOT NULL AND k.kind <> ${K.null} AND NOT ${typeOk}`, 'type', d.concat('g.type_msg', "', not '", kindText('k.kind'), "' ('", shown(d, 'k.value'), "').'")],
    [`k.has_enum AND k.kind <> ${K.null} AND ${typeOk} AND k.enum_node IS NULL`, 'enum', d.concat('g.enum_msg', "', not '", shown(d, 'k.value'), "'.'")],
    [`k.min_length IS NOT NULL AND ${d.length('k.s')} < k.min_length`, 'minLength', `CASE WHEN k.min_length = 1 THEN g.min_length_msg ELSE ${d.concat('g.min_length_msg', shown(d, 'k.value'), "'.'")} END`],
    [`k.max_length IS NOT NULL AND ${d.length('k.s')} > k.max_length`, 'maxLength', d.concat('g.max_length_msg', d.toText(d.length('k.s')), "'.'")],
    ['k.n < k.minimum', 'minimum', d.concat('g.minimum_msg', shown(d, 'k.value'), "'.'")],
    ['k.n > k.maximum', 'maximum', d.concat('g.maximum_msg', shown(d, 'k.value'), "'.'")],
    [`k.pattern IS NOT NULL AND k.s IS NOT NULL AND NOT ${plan.patterns.length ? patternTest('k.s') : 'TRUE'}`, 'pattern', d.concat('g.pattern_msg', shown(d, 'k.value'), "'.'")],
    [`k.format IS NOT NULL AND k.s IS NOT NULL AND NOT ${plan.formats.length ? formatTest('k.s') : 'TRUE'}`, 'format', d.concat('g.format_msg', shown(d, 'k.value'), "'.'")],
    [`k.min_items IS NOT NULL AND k.kind = ${K.array} AND ${d.arrayLength('k.value')} < k.min_items`, 'minItems', d.concat('g.min_items_msg', d.toText(d.arrayLength('k.value')), "'.'")],
    [`k.max_items IS NOT NULL AND k.kind = ${K.array} AND ${d.arrayLength('k.value')} > k.max_items`, 'maxItems', d.concat('g.max_items_msg', d.toText(d.arrayLength('k.value')), "'.'")],
  ];
  const walked = 'k.container = k.kind';
  const path = d.concat('k.parent_path', `CASE WHEN k.idx IS NOT NULL THEN ${d.concat("'['", d.toText('k.idx'), "']'")} WHEN p.seg IS NOT NULL THEN p.seg ELSE ${runtimeSegment(d, 'k.slot')} END`);
  // What every value is joined with; the rest of its node is fetched for the few that go on.
  const hot = ['id', 'nkind', 'ptype', 'nullable', 'container', 'checks', 'has_enum', 'min_length', 'max_length', 'minimum', 'maximum', 'min_items', 'max_items', 'pattern', 'format'];
  const [basic, constraints] = [conditions.slice(0, 4), conditions.slice(4)];
  const w = walkExpressions(d);
  const scalarsOf = (t: Sql, jt: Sql, v: Sql): Sql => `CASE WHEN ${t}.kind = ${K.string} THEN ${w.string(jt, v)} END AS s, CASE WHEN ${t}.kind IN (${K.integer}, ${K.number}) THEN ${w.number(jt, v)} END AS n,`
    + ` CASE WHEN ${t}.kind = ${K.boolean} THEN ${w.boolean(jt, v)} END AS b`;
  plan.levels.forEach((kinds, level) => {
    const f = `f${level}`;
    const typed = `SELECT m.event_id, m.event_name, m.event_time, m.place, m.path AS parent_path, m.empty AS parent_empty, m.slot, m.idx, m.value, ${hot.map((c) => `c.${c}`).join(', ')}, ${w.type('m.value')} AS jt`
      + ` FROM (${membersOf(d, f, kinds, fCols)}) AS m LEFT JOIN plan_nodes AS c ON c.parent = m.node AND c.slot = m.slot`;
    const valued = `SELECT t.*, ${w.kind('t.jt', 't.value')} AS kind FROM (${typed}) AS t`;
    const scalars = `SELECT u.*, ${scalarsOf('u', 'u.jt', 'u.value')} FROM (${valued}) AS u`;
    const enumed = `SELECT w.*, en.nkind AS enum_node FROM (${scalars}) AS w LEFT JOIN plan_enums AS en ON en.nkind = CASE WHEN w.has_enum THEN w.nkind END AND en.ekey = CASE WHEN w.has_enum THEN ${enumKey('w.s', 'w.n', 'w.b')} END`;
    // Only the few values with something to say, or to walk into, go on (and are kept: MATERIALIZED).
    // NULL is no: SQL's OR and WHERE read it so, and each condition is skipped once an earlier one holds.
    const bad = `${basic.map(([c]) => `(${c})`).join('\n      OR ')}\n      OR k.checks AND (${constraints.map(([c]) => `(${c})`).join('\n        OR ')})`;
    const flagged = `SELECT k.event_id, k.event_name, k.event_time, k.place, k.parent_path, k.parent_empty, k.slot, k.idx, k.value, k.id, k.container, k.kind, k.enum_node, (${bad}) AS bad FROM (${enumed}) AS k`;
    ctes.push([`x${level}`, `SELECT k.*, ${path} AS path FROM (SELECT * FROM (${flagged}) AS k WHERE k.bad OR ${walked}) AS k LEFT JOIN plan_nodes AS p ON p.id = k.id`, true]);
    // The values that break a rule, with their node whole again, each rule told.
    const again = `(SELECT r.*, ${NODE_COLUMNS.filter(([c]) => !['id', 'parent', 'slot', 'container', 'nkind'].includes(c)).map(([c]) => `c.${c}`).join(', ')}, ${scalarsOf('r', w.type('r.value'), 'r.value')}`
      + ` FROM x${level} AS r LEFT JOIN plan_nodes AS c ON c.id = r.id WHERE r.bad) AS k LEFT JOIN plan_messages AS g ON g.msg = k.msg`;
    out.push(fanout(d, again, conditions.map(([c, rule, message]) => [`(${c})`, rule, message])));
    if (plan.levels[level + 1]) {
      ctes.push([`f${level + 1}`, `SELECT k.event_id, k.event_name, k.event_time, k.id AS node, k.container, c.empty, c.required, k.path AS place, k.path, k.value FROM x${level} AS k JOIN plan_nodes AS c ON c.id = k.id WHERE ${walked}`]);
    }
  });
  const materialized = d.name === 'duckdb' || d.name === 'postgres' ? 'MATERIALIZED ' : '';
  return { setup, view: `WITH\n${ctes.map(([name, body, keep]) => `  ${name} AS ${keep ? materialized : ''}(\n    ${body}\n  )`).join(',\n')}\n${out.map((x) => `  ${x}`).join('\n  UNION ALL\n')}` };
}

// --- The script -------------------------------------------------------------------------

/** The function a typed view reads a property of this type with: one per type, made by the script. */
export const castFunction = (type: PropertyType): string => `_trackplan_as_${type}`;

/** The statements that make the cast functions: so each column of a typed view is a short call. */
function castFunctions(d: Dialect, q: (name: string) => Sql): Sql[] {
  return PROPERTY_TYPES.map((type) => {
    const body = typedColumn(d.name, 'v', type);
    const name = q(castFunction(type));
    switch (d.name) {
      case 'duckdb': return `CREATE OR REPLACE MACRO ${name}(v) AS ${body}`;
      case 'postgres': return `CREATE OR REPLACE FUNCTION ${name}(v JSONB) RETURNS ${d.type(type)} LANGUAGE sql IMMUTABLE PARALLEL SAFE AS ${d.string(`SELECT ${body}`)}`;
      case 'bigquery': return `CREATE OR REPLACE FUNCTION ${name}(v JSON) RETURNS ${d.type(type)} AS (${body})`;
      case 'snowflake': return `CREATE OR REPLACE FUNCTION ${name}(v VARIANT) RETURNS ${d.type(type)} AS ${d.string(body)}`;
    }
  });
}

/** The comment a typed view carries: the event's description, and what to send instead when deprecated. */
function viewComment(e: WarehouseEvent): string {
  const parts = [e.description ?? `The \`${e.name}\` events.`];
  if (e.status === 'deprecated') parts.push(`Deprecated${e.replacedBy ? `: send ${e.replacedBy} instead` : ''}.`);
  if (e.aliases.length) parts.push(`Rows sent as ${e.aliases.join(', ')} are included.`);
  return parts.join(' ');
}

/** A name as the engine compares it: DuckDB and BigQuery ignore case; PostgreSQL cuts names after 63 bytes. */
function folder(d: Dialect): (s: string) => string {
  return (s) => {
    const t = d.name === 'duckdb' || d.name === 'bigquery' ? s.toLowerCase() : s;
    return d.name === 'postgres' ? Buffer.from(t).subarray(0, 63).toString() : t;
  };
}

/**
 * The properties that get a column in the event's view. One named like an envelope column
 * (`user_id`, which property-reserved refuses but a baseline may hold, as imported Iglu plans
 * have) or like an earlier property as the engine compares names is left out: the view cannot
 * have two columns of one name. It is still read from `properties`, and event_violations checks it.
 */
function columnProperties(d: Dialect, e: WarehouseEvent): WarehouseEvent['properties'] {
  const fold = folder(d);
  const taken = new Set(ENVELOPE.map((c) => fold(c.name)));
  const kept: WarehouseEvent['properties'] = [];
  for (const p of e.properties) {
    const name = fold(p.name);
    if (taken.has(name)) continue;
    taken.add(name);
    kept.push(p);
  }
  return kept;
}

/** A column of an event's view: its quoted name, its expression, and its description as a string literal. */
interface Column { ident: Sql; expr: Sql; description?: Sql }

/** The reserved names in the schema, with what holds them. */
function checkNames(d: Dialect, events: readonly WarehouseEvent[], settings: WarehouseSettings): void {
  const fold = folder(d);
  const taken = new Map<string, string>([[fold(settings.table), 'the raw table (warehouse.table)'], [fold(VIOLATIONS_VIEW), 'the event_violations view'], [fold(PLAN_VIEW), 'the view trackplan records the plan in'],
    ...Object.keys(PLAN_TABLES).map((t) => [fold(planTableName(t as keyof typeof PLAN_TABLES)), 'a table trackplan keeps the plan in'] as [string, string]),
    ...PROPERTY_TYPES.map((t) => [fold(castFunction(t)), 'a function trackplan casts values with'] as [string, string])]);
  for (const e of events) {
    const other = taken.get(fold(e.name));
    if (other) throw new CompileError(`the event \`${e.name}\` would have the name of ${other} in the ${d.name} warehouse script: rename one (warehouse.table in the config names the raw table).`);
    taken.set(fold(e.name), `the view of \`${e.name}\``);
  }
}

/**
 * The whole script for one engine: re-runnable (IF NOT EXISTS, CREATE OR REPLACE), append-only
 * (nothing in it writes to the raw table), and ending with the plan view that names it.
 */
export function warehouseScript(name: DialectName, events: readonly WarehouseEvent[], settings: WarehouseSettings, memo?: PlanMemo): string {
  const d = dialect(name);
  checkNames(d, events, settings);
  const schema = d.ident(settings.schema);
  const q = (obj: string): Sql => `${schema}.${d.ident(obj)}`;
  const raw = q(settings.table);
  const s: Sql[] = [];
  const tableComment = 'Raw events, append-only: one row per event as it was sent. The views beside it (one per event of the tracking plan, and event_violations) are written by trackplan.';
  if (d.name === 'postgres') s.push('BEGIN', 'SET LOCAL standard_conforming_strings = on');
  s.push(`CREATE SCHEMA IF NOT EXISTS ${d.ident(settings.schema)}`);
  const colType = (c: string): Sql => (c === 'event_time' ? d.timestamp : c === 'properties' ? d.json : d.text);
  if (d.name === 'bigquery') {
    s.push(`CREATE TABLE IF NOT EXISTS ${raw} (\n${ENVELOPE.map((c) => `  ${d.ident(c.name)} ${colType(c.name)} OPTIONS(description = ${d.string(c.description)})`).join(',\n')}\n) OPTIONS(description = ${d.string(tableComment)})`);
    s.push(`ALTER TABLE ${raw} SET OPTIONS(description = ${d.string(tableComment)})`);
    for (const c of ENVELOPE) s.push(`ALTER TABLE ${raw} ALTER COLUMN ${d.ident(c.name)} SET OPTIONS(description = ${d.string(c.description)})`);
  } else if (d.name === 'snowflake') {
    s.push(`CREATE TABLE IF NOT EXISTS ${raw} (\n${ENVELOPE.map((c) => `  ${d.ident(c.name)} ${colType(c.name)} COMMENT ${d.string(c.description)}`).join(',\n')}\n) COMMENT = ${d.string(tableComment)}`);
    s.push(`COMMENT ON TABLE ${raw} IS ${d.string(tableComment)}`);
    for (const c of ENVELOPE) s.push(`COMMENT ON COLUMN ${raw}.${d.ident(c.name)} IS ${d.string(c.description)}`);
  } else {
    s.push(`CREATE TABLE IF NOT EXISTS ${raw} (\n${ENVELOPE.map((c) => `  ${d.ident(c.name)} ${colType(c.name)}`).join(',\n')}\n)`);
    s.push(`COMMENT ON TABLE ${raw} IS ${d.string(tableComment)}`);
    for (const c of ENVELOPE) s.push(`COMMENT ON COLUMN ${raw}.${d.ident(c.name)} IS ${d.string(c.description)}`);
  }

  s.push(...castFunctions(d, q));
  // What every view has alike, quoted once.
  const envelope = ENVELOPE.slice(0, 4).map((c): Column => ({ ident: d.ident(c.name), expr: d.ident(c.name), description: d.string(c.description) }));
  const casts = new Map(PROPERTY_TYPES.map((t) => [t, q(castFunction(t))]));
  for (const e of events) {
    const view = q(e.name);
    const names = [e.name, ...e.aliases].map((x) => d.string(x)).join(', ');
    const columns = [...envelope];
    let from = `${raw} WHERE event_name IN (${names})`;
    const properties = columnProperties(d, e);
    if (d.name === 'duckdb' && properties.length) {
      // One parse of `properties` for all the columns, not one per column; members by name (a
      // JSON path would read `*` as a wildcard).
      from = `(SELECT *, TRY_CAST(properties AS MAP(VARCHAR, JSON)) AS trackplan_values FROM ${from}) AS e`;
    }
    for (const p of properties) {
      const v = d.name === 'duckdb' ? `trackplan_values[${d.string(p.name)}]` : d.get('properties', p.name);
      columns.push({ ident: d.ident(p.name), expr: p.type === undefined ? v : `${casts.get(p.type)!}(${v})`, ...(p.description !== undefined ? { description: d.string(p.description) } : {}) });
    }
    const comment = viewComment(e);
    const select = `SELECT\n${columns.map((c) => `  ${c.expr} AS ${c.ident}`).join(',\n')}\nFROM ${from}`;
    if (d.name === 'bigquery') {
      s.push(`CREATE OR REPLACE VIEW ${view} (\n${columns.map((c) => `  ${c.ident}${c.description !== undefined ? ` OPTIONS(description = ${c.description})` : ''}`).join(',\n')}\n) OPTIONS(description = ${d.string(comment)}) AS\n${select}`);
    } else if (d.name === 'snowflake') {
      s.push(`CREATE OR REPLACE VIEW ${view} (\n${columns.map((c) => `  ${c.ident}${c.description !== undefined ? ` COMMENT ${c.description}` : ''}`).join(',\n')}\n) COMMENT = ${d.string(comment)} AS\n${select}`);
    } else {
      s.push(`CREATE OR REPLACE VIEW ${view} AS\n${select}`);
      s.push(`COMMENT ON VIEW ${view} IS ${d.string(comment)}`);
      for (const c of columns) if (c.description !== undefined) s.push(`COMMENT ON COLUMN ${view}.${c.ident} IS ${c.description}`);
    }
  }
  const violations = q(VIOLATIONS_VIEW);
  const vComment = 'One row per broken rule per raw event: what `trackplan validate` finds, where SQL can say it.';
  const { setup, view: vSql } = violationsView(d, events, raw, q, memo);
  s.push(...setup);
  if (d.name === 'bigquery') s.push(`CREATE OR REPLACE VIEW ${violations} OPTIONS(description = ${d.string(vComment)}) AS\n${vSql}`);
  else if (d.name === 'snowflake') s.push(`CREATE OR REPLACE VIEW ${violations} COMMENT = ${d.string(vComment)} AS\n${vSql}`);
  else s.push(`CREATE OR REPLACE VIEW ${violations} AS\n${vSql}`, `COMMENT ON VIEW ${violations} IS ${d.string(vComment)}`);

  const body = s.map((x) => `${x};\n`).join('\n');
  const hash = planHash(body);
  const planView = `CREATE OR REPLACE VIEW ${q(PLAN_VIEW)} AS SELECT ${d.string(hash)} AS plan, ${events.length} AS events;\n`;
  const end = d.name === 'postgres' ? '\nCOMMIT;\n' : '';
  return `-- ${notice()}\n-- The warehouse for ${d.name}: run it top to bottom, as often as needed (it never writes to the raw table).\n\n${body}\n${planView}${end}`;
}

/** The hash the plan view records: of the script's statements, so any change to them changes it. */
export const planHash = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 16);

/** Every engine's script, by output path. */
export function warehouseFiles(events: readonly WarehouseEvent[], settings: WarehouseSettings): Array<[string, string]> {
  const memo = planMemo();
  return settings.dialects.map((name) => [scriptPath(name), warehouseScript(name, events, settings, memo)]);
}
