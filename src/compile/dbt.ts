// dbt/: a dbt project fragment (dbt 1.10.5 or later), also usable as a local package. In
// models/, a sources file declares the raw events table with its tests, one staging model per
// event (stg_<event>.sql) selects the event's rows with one typed column per top-level property,
// and a models file documents and tests them.
//
// SQL differs across warehouses in how it reads JSON: the models call the macros of
// macros/trackplan.sql, which switch on `target.type` (duckdb, postgres, bigquery, snowflake) and
// stop at any other adapter. Written once there rather than in every model, the fragment stays
// small (a model is its column list). A typed column holds the value when the JSON value has the
// property's type, else null: a staging model never fails on bad data, and the tests (or the
// warehouse's violation checks) report it.
//
// Safety: dbt renders every string of these files with Jinja (names, schema, meta, descriptions,
// test arguments) and every model, so registry text reaches them with each `{{`, `{%`, `{#` (and
// their ends) written as a Jinja expression that prints them; names and literals are quoted and
// escaped for each engine; YAML strings are double-quoted with escapes unless plainly safe.
import type { EventDef, PropertyType, Scalar, SharedPropertyDef } from '../model.js';
import { ENVELOPE_FIELDS } from '../model.js';
import { CompileError, notice, type Artifacts } from './common.js';

/** One typed column of an event's model: a top-level property, shared properties resolved. */
export interface DbtColumn {
  name: string;
  /** Absent when the definition has no type (its rule turned off): the raw JSON value. */
  type?: PropertyType;
  description?: string;
  required: boolean;
  nullable: boolean;
  enum?: Scalar[];
}

/** What one event contributes to the fragment: plain data, kept by the build cache. */
export interface DbtEvent {
  description?: string;
  columns: DbtColumn[];
  /** Properties left out of the columns, each with why (its name is taken). */
  skipped: string[];
}

/** Where the raw table is; the config's `warehouse:` section. */
export interface WarehouseNames { schema: string; table: string }
export const DEFAULT_WAREHOUSE: WarehouseNames = { schema: 'analytics', table: 'events' };

export const DBT_TARGETS = ['duckdb', 'postgres', 'bigquery', 'snowflake'] as const;
export type DbtTarget = (typeof DBT_TARGETS)[number];

const ENVELOPE_DESCRIPTIONS: Record<(typeof ENVELOPE_FIELDS)[number], string> = {
  event_id: 'Unique id of this occurrence, to drop duplicates.',
  event_name: 'The event, as named in the tracking plan (or an old name of it, an alias).',
  event_time: 'When it happened.',
  user_id: 'The user the event is about.',
  properties: 'The event\'s properties as sent, a JSON object.',
};

export function dbtEvent(e: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string): DbtEvent {
  // Warehouses fold the case of names (DuckDB, BigQuery, Snowflake unquoted): two columns that
  // differ only in case, or a property named like an envelope column, cannot both be columns.
  const taken = new Map<string, string>(ENVELOPE_FIELDS.map((f) => [f, 'an envelope column']));
  const columns: DbtColumn[] = [];
  const skipped: string[] = [];
  for (const p of e.properties) {
    const def = p.ref === undefined ? p : shared.get(p.ref);
    if (!def) throw new CompileError(`${source}: \`$ref: ${p.ref}\` names no shared property.`);
    const other = taken.get(p.name.toLowerCase());
    if (other !== undefined) {
      skipped.push(`${JSON.stringify(p.name)} has the name of ${other}: read it from properties`);
      continue;
    }
    taken.set(p.name.toLowerCase(), `the property ${JSON.stringify(p.name)}`);
    const description = p.description ?? def.description;
    columns.push({
      name: p.name,
      ...(def.type !== undefined ? { type: def.type } : {}),
      ...(description !== undefined ? { description } : {}),
      required: p.required,
      nullable: p.nullable || def.nullable,
      ...(def.enum ? { enum: def.enum } : {}),
    });
  }
  return { ...(e.description !== undefined ? { description: e.description } : {}), columns, skipped };
}

/** What the fragment needs of an event besides its part. */
export interface DbtInput {
  name: string;
  aliases?: string[];
  version: number;
  status: string;
  owner?: string;
  replacedBy?: string;
  source: string;
  dbt: DbtEvent;
}

/**
 * dbt/dbt_project.yml, dbt/macros/trackplan.sql, and in dbt/models/ the sources and models files
 * and stg_<event>.sql; `events` sorted by name.
 */
export function dbtFiles(events: readonly DbtInput[], names: WarehouseNames = DEFAULT_WAREHOUSE): Artifacts {
  const source = { name: dbtName(names.schema), table: dbtName(names.table) };
  const out: Artifacts = new Map();
  out.set('dbt/dbt_project.yml', PROJECT_YAML);
  out.set('dbt/macros/trackplan.sql', MACROS);
  const models = new Map<string, DbtInput>();
  for (const e of events) {
    const model = modelName(e.name);
    const other = models.get(model.toLowerCase());
    if (other) throw new CompileError(`${e.source}: the events \`${e.name}\` and \`${other.name}\` (${other.source}) both make the dbt model \`${model}\`: dbt models are named with letters, digits and underscores only. Rename one of them.`);
    models.set(model.toLowerCase(), e);
    out.set(`dbt/models/${model}.sql`, modelSql(e, source));
  }
  out.set('dbt/models/_trackplan__sources.yml', sourcesYaml(events, names, source));
  out.set('dbt/models/_trackplan__models.yml', modelsYaml(events));
  return out;
}

// ---- Names ---------------------------------------------------------------------------------

/** A dbt resource name (a file name, and what ref() and source() take): letters, digits, `_`. */
const dbtName = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');
export const modelName = (event: string): string => `stg_${dbtName(event)}`;

/**
 * Words that some of the four engines reserve (DuckDB's duckdb_keywords() `reserved` and
 * `type_function`, PostgreSQL's reserved keywords, BigQuery's reserved keywords, Snowflake's
 * reserved and limited keywords): a column so named is quoted in the models and in dbt's tests.
 */
const RESERVED = new Set(`all alter analyse analyze and anti any array as asc assert_rows_modified asof asymmetric at
authorization between binary both by case cast check collate collation column columns concurrently connect connection
constraint contains create cross cube current current_catalog current_date current_role current_schema current_time
current_timestamp current_user database default deferrable define delete desc describe distinct do drop else end enum
escape except exclude exists extract false fetch following for foreign freeze from full generated glob grant group
grouping groups gscluster hash having if ignore ilike in increment initially inner insert interval intersect into is
isnull issue join lambda lateral leading left like limit localtime localtimestamp lookup map merge minus natural new no
not notnull null nulls of offset on only or order organization outer over overlaps partition pivot pivot_longer
pivot_wider placing positional preceding primary proto qualify range recursive references regexp respect returning
revoke right rlike rollup row rows sample schema select semi session_user set show similar some start struct summarize
symmetric system_user table tablesample then to trailing treat trigger true try_cast unbounded union unique unnest
unpack unpivot update user using values variadic verbose view when whenever where window with within`.split(/\s+/));

/** A column name every engine takes unquoted and folds to itself (Snowflake: to upper case, both ways). */
const plainColumn = (name: string): boolean => /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name);

// ---- Jinja ---------------------------------------------------------------------------------

/** Text that Jinja renders as itself: each delimiter becomes an expression printing it. */
export const jinjaText = (text: string): string => text.replace(/\{[{%#]|[}%#]\}/g, (m) => `{{ '${m}' }}`);

/** A Jinja string literal (double-quoted, Python's escapes; any character not plain ASCII text as `\\uXXXX`). */
const jinjaString = (text: string): string =>
  `"${text.replace(/[\\"\0-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;

/**
 * dbt wraps a test argument that looks like a call of env_var, ref, var, source or doc in `{{ }}`
 * and runs it (dbt-core, clients/jinja.py, add_rendered_test_kwargs): such a value is given
 * with an empty expression in front, which renders as nothing and keeps the pattern from matching.
 */
const LOOKS_LIKE_FUNC = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;
const testArgument = (text: string): string => (LOOKS_LIKE_FUNC.test(text) ? `{{ '' }}${jinjaText(text)}` : jinjaText(text));

// ---- SQL -----------------------------------------------------------------------------------

/** A string literal: standard SQL (doubled quotes) for DuckDB and PostgreSQL; BigQuery and
 * Snowflake read backslash escapes in literals, so there `\`, `'` and control characters are escaped. */
function sqlString(target: DbtTarget, text: string): string {
  if (target === 'duckdb' || target === 'postgres') return `'${text.replace(/'/g, "''")}'`;
  return `'${text.replace(/[\\'\n\r\0-\x1f]/g, (c) => (c === '\\' || c === "'" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}'`;
}

const NUMBERS = { duckdb: `'BIGINT', 'UBIGINT', 'DOUBLE'`, snowflake: `'INTEGER', 'DECIMAL', 'DOUBLE'` };

/**
 * The typed value of the top-level property `key` of the `properties` column, or null when the
 * JSON value is of another type (an integer must be a whole number within 64 bits).
 */
function columnSql(target: DbtTarget, key: string, type: PropertyType | undefined): string {
  const s = (text: string): string => sqlString(target, text);
  switch (target) {
    case 'duckdb': {
      // A JSON pointer: no quoting of `.`, `$`, `"` as a JSONPath would need.
      const path = s(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      const kind = `json_type(properties, ${path})`;
      const text = `json_extract_string(properties, ${path})`;
      const json = `json_extract(properties, ${path})`;
      switch (type) {
        case 'string': return `case when ${kind} = 'VARCHAR' then ${text} end`;
        // try_cast of text to bigint rounds 3.5 (and reads 3.0 as 3): the whole-number test comes first.
        case 'integer': return `case when ${kind} in (${NUMBERS.duckdb}) and try_cast(${text} as double) = floor(try_cast(${text} as double)) then try_cast(${text} as bigint) end`;
        case 'number': return `case when ${kind} in (${NUMBERS.duckdb}) then try_cast(${text} as double) end`;
        case 'boolean': return `case when ${kind} = 'BOOLEAN' then ${text} = 'true' end`;
        case 'array': return `case when ${kind} = 'ARRAY' then ${json} end`;
        case 'object': return `case when ${kind} = 'OBJECT' then ${json} end`;
        default: return json;
      }
    }
    case 'postgres': {
      // properties is jsonb; CASE is the only order of evaluation PostgreSQL promises.
      const json = `(properties -> ${s(key)})`;
      const kind = `jsonb_typeof${json}`;
      const text = `(properties ->> ${s(key)})`;
      switch (type) {
        case 'string': return `case when ${kind} = 'string' then ${text} end`;
        case 'integer': return `case when ${kind} = 'number' then case when ${text}::numeric = trunc(${text}::numeric) and abs(${text}::numeric) <= 9223372036854775807 then ${text}::numeric::bigint end end`;
        case 'number': return `case when ${kind} = 'number' then ${text}::double precision end`;
        case 'boolean': return `case when ${kind} = 'boolean' then ${text}::boolean end`;
        case 'array': return `case when ${kind} = 'array' then ${json} end`;
        case 'object': return `case when ${kind} = 'object' then ${json} end`;
        default: return json;
      }
    }
    case 'bigquery': {
      // properties is JSON; the LAX_ conversions never raise an error.
      const json = `properties[${s(key)}]`;
      const kind = `json_type(${json})`;
      switch (type) {
        case 'string': return `case when ${kind} = 'string' then lax_string(${json}) end`;
        case 'integer': return `case when ${kind} = 'number' then case when lax_float64(${json}) = trunc(lax_float64(${json})) then lax_int64(${json}) end end`;
        case 'number': return `case when ${kind} = 'number' then lax_float64(${json}) end`;
        case 'boolean': return `case when ${kind} = 'boolean' then lax_bool(${json}) end`;
        case 'array': return `case when ${kind} = 'array' then ${json} end`;
        case 'object': return `case when ${kind} = 'object' then ${json} end`;
        default: return json;
      }
    }
    case 'snowflake': {
      // properties is VARIANT.
      const json = `properties[${s(key)}]`;
      const kind = `typeof(${json})`;
      switch (type) {
        case 'string': return `case when ${kind} = 'VARCHAR' then ${json}::varchar end`;
        case 'integer': return `case when ${kind} = 'INTEGER' then ${json}::bigint when ${kind} in ('DECIMAL', 'DOUBLE') then case when ${json}::double = floor(${json}::double) and abs(${json}::double) < 9.2e18 then ${json}::double::bigint end end`;
        case 'number': return `case when ${kind} in (${NUMBERS.snowflake}) then ${json}::double end`;
        case 'boolean': return `case when ${kind} = 'BOOLEAN' then ${json}::boolean end`;
        case 'array': return `case when ${kind} = 'ARRAY' then ${json} end`;
        case 'object': return `case when ${kind} = 'OBJECT' then ${json} end`;
        default: return json;
      }
    }
  }
}

/** A `--` comment line: one line whatever the text holds. */
const sqlComment = (text: string): string => `-- ${jinjaText(text.replace(/[\r\n\u2028\u2029\x85]+/g, ' '))}`;

// ---- Macros and models ----------------------------------------------------------------------

const TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object'] as const;
const KEY = 'TRACKPLAN_KEY';

/** One `{% if %}` chain over `cases` ([condition, body]), then `otherwise`: bodies are SQL or Jinja, output without the whitespace around them. */
const chain = (cases: ReadonlyArray<readonly [string, string]>, otherwise: string): string =>
  `${cases.map(([cond, body], i) => `{%- ${i ? 'elif' : 'if'} ${cond} -%}\n${body}\n`).join('')}{%- else -%}\n${otherwise}\n{%- endif -%}`;

const REFUSE = `{{ exceptions.raise_compiler_error(${jinjaString(`trackplan's models are written for ${DBT_TARGETS.join(', ')}, not `)} ~ target.type) }}`;

/** The characters sqlString escapes for BigQuery and Snowflake, as Jinja `replace` filters. */
const ESCAPES = [['\\', '\\\\'], ["'", "\\'"], ...Array.from({ length: 32 }, (_, i) => [String.fromCharCode(i), `\\u${i.toString(16).padStart(4, '0')}`])]
  .map(([from, to]) => ` | replace(${jinjaString(from!)}, ${jinjaString(to!)})`).join('');

/**
 * macros/trackplan.sql: the SQL of each adapter, the dialect switch. The column expressions are
 * columnSql's, with the key's literal written by trackplan_literal (a JSON pointer for DuckDB).
 */
const MACROS = [
  sqlComment(notice()),
  `-- What differs between the adapters trackplan's models are written for (${DBT_TARGETS.join(', ')}).`,
  '',
  '{#- A string literal holding exactly `text`. #}',
  '{%- macro trackplan_literal(text) %}',
  chain([
    ["target.type in ['duckdb', 'postgres']", `'{{ text | replace("'", "''") }}'`],
    ["target.type in ['bigquery', 'snowflake']", `'{{ text${ESCAPES} }}'`],
  ], REFUSE),
  '{%- endmacro %}',
  '',
  '{#- A quoted column name. #}',
  '{%- macro trackplan_quote(name) %}',
  chain([["target.type == 'bigquery'", '`{{ name | replace("\\\\", "\\\\\\\\") | replace("`", "\\\\`") }}`']], `"{{ name | replace('"', '""') }}"`),
  '{%- endmacro %}',
  '',
  '{#- The top-level property `key` of the `properties` column as `type` (none: the JSON value), null when the JSON value has another type. #}',
  '{%- macro trackplan_property(key, type=none) %}',
  "{%- set k = trackplan_literal(key) %}",
  "{%- set p = trackplan_literal('/' ~ (key | replace('~', '~0') | replace('/', '~1'))) %}",
  chain(DBT_TARGETS.map((t) => {
    const literal = t === 'duckdb' ? sqlString(t, `/${KEY}`) : sqlString(t, KEY);
    const expr = (type: PropertyType | undefined): string => jinjaText(columnSql(t, KEY, type)).split(literal).join(t === 'duckdb' ? '{{ p }}' : '{{ k }}');
    return [`target.type == '${t}'`, chain(TYPES.map((type) => [`type == '${type}'`, expr(type)] as const), expr(undefined))] as const;
  }), REFUSE),
  '{%- endmacro %}',
  '',
].join('\n');

const PROJECT_YAML = `# ${notice()}
# Used as a local package (packages.yml: \`- local: <path to this folder>\`, then \`dbt deps\`), or
# its models/ and macros/ copied into a project's.
name: trackplan
config-version: 2
require-dbt-version: ">=1.10.5"
model-paths: ["models"]
macro-paths: ["macros"]
`;

const ENVELOPE_SELECT = ENVELOPE_FIELDS.map((f) => `    ${f}`).join(',\n');

const modelColumn = (c: DbtColumn): string =>
  `    {{ trackplan_property(${jinjaString(c.name)}${c.type ? `, ${jinjaString(c.type)}` : ''}) }} as ${plainColumn(c.name) ? c.name : `{{ trackplan_quote(${jinjaString(c.name)}) }}`}`;

function modelSql(e: DbtInput, source: { name: string; table: string }): string {
  const names = [e.name, ...e.aliases ?? []].map((n) => `{{ trackplan_literal(${jinjaString(n)}) }}`);
  return [
    sqlComment(notice(e.source)),
    sqlComment(`The rows of the event ${JSON.stringify(e.name)}, one typed column per property (null where the value has another type); the SQL of each adapter is in macros/trackplan.sql.`),
    ...e.dbt.skipped.map((why) => sqlComment(`Not a column: ${why}.`)),
    'select',
    [ENVELOPE_SELECT, ...e.dbt.columns.map(modelColumn)].join(',\n'),
    `from {{ source(${jinjaString(source.name)}, ${jinjaString(source.table)}) }}`,
    names.length === 1 ? `where event_name = ${names[0]}` : `where event_name in (${names.join(', ')})`,
    '',
  ].join('\n');
}

// ---- YAML ----------------------------------------------------------------------------------

type Yaml = string | number | boolean | Yaml[] | { [key: string]: Yaml | undefined };

/**
 * dbt reads YAML 1.1 with PyYAML, which takes `yes`, `on`, `1:20`, `2024-05-01` or `=` for other
 * things than strings and refuses some characters written as they are: a string stays plain
 * only when it is a name or path that means nothing else, else it is double-quoted, JSON escapes plus
 * those of the characters YAML 1.1 reads as line breaks or refuses.
 */
function yamlString(text: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(text) && !/^(y|yes|n|no|true|false|on|off|null)$/i.test(text)) return text;
  return JSON.stringify(text).replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const yamlScalar = (v: string | number | boolean): string => (typeof v === 'string' ? yamlString(v) : String(v));

/**
 * Appends `v` as the value after `key:` (or after `- ` when `item`) to the last of `lines`,
 * block style, nested lines indented by `indent`; keys are this file's own (plain).
 */
function yamlValue(lines: string[], v: Yaml, indent: string, item = false): void {
  if (Array.isArray(v)) {
    if (!v.length) { lines[lines.length - 1] += ' []'; return; }
    for (const x of v) { lines.push(`${indent}-`); yamlValue(lines, x, `${indent}  `, true); }
    return;
  }
  if (typeof v === 'object') {
    let first = item;
    for (const k in v) {
      const x = v[k];
      if (x === undefined) continue;
      if (first) lines[lines.length - 1] += ` ${k}:`;
      else lines.push(`${indent}${k}:`);
      first = false;
      yamlValue(lines, x, `${indent}  `);
    }
    return;
  }
  lines[lines.length - 1] += ` ${yamlScalar(v)}`;
}

function yamlFile(doc: Record<string, Yaml>): string {
  const lines = [`# ${notice()}`];
  for (const k in doc) { lines.push(`${k}:`); yamlValue(lines, doc[k]!, '  '); }
  return `${lines.join('\n')}\n`;
}

/** Jinja-escaped text, for every string dbt renders. */
const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : jinjaText(s));

/** dbt's tests of one column: not_null, and accepted_values with the values as SQL reads them. */
function columnTests(notNull: boolean, values: readonly Scalar[] | undefined): Yaml[] | undefined {
  const tests: Yaml[] = notNull ? ['not_null'] : [];
  if (values?.length) {
    const strings = values.filter((v): v is string => typeof v === 'string');
    // The test writes each value between single quotes as it is (dbt-adapters,
    // generic_test_sql/accepted_values.sql): a quote or backslash would end or change the
    // literal. Such values are given as literals, written per engine at test time.
    const literal = strings.some((v) => /[\\'\0-\x1f]/.test(v));
    const arg = (v: Scalar): Yaml => {
      if (typeof v !== 'string') return v;
      if (!literal) return testArgument(v);
      const standard = sqlString('duckdb', v);
      const escaped = sqlString('bigquery', v);
      return standard === escaped ? jinjaText(standard)
        : `{{ ${jinjaString(escaped)} if target.type in ['bigquery', 'snowflake'] else ${jinjaString(standard)} }}`;
    };
    const quote = strings.length === values.length && !literal;
    tests.push({ accepted_values: { arguments: { values: values.map(arg), ...(quote ? {} : { quote: false }) } } });
  }
  return tests.length ? tests : undefined;
}

/**
 * A column as the models file lists it. dbt's tests quote a column name by the adapter's
 * quote(), which does not escape a quote inside it: a column whose name holds `"` or a
 * backtick gets no tests.
 */
function yamlColumn(name: string, description: string | undefined, tests: Yaml[] | undefined): Yaml {
  const testable = !/["`]/.test(name);
  return { name: text(name)!, description: text(description), ...(plainColumn(name) ? {} : { quote: true }), data_tests: testable ? tests : undefined };
}

function sourcesYaml(events: readonly DbtInput[], names: WarehouseNames, source: { name: string; table: string }): string {
  const eventNames = events.flatMap((e) => [e.name, ...e.aliases ?? []]);
  const tests: Record<string, Yaml[] | undefined> = {
    event_id: ['unique', 'not_null'],
    event_name: columnTests(true, eventNames),
  };
  return yamlFile({
    version: 2,
    sources: [{
      name: source.name,
      ...(source.name !== names.schema ? { schema: text(names.schema) } : {}),
      description: 'The tracking plan\'s raw events, as the warehouse receives them (trackplan).',
      tables: [{
        name: source.table,
        ...(source.table !== names.table ? { identifier: text(names.table) } : {}),
        description: 'Append-only: one row per event sent, the envelope as columns and the event\'s properties as JSON.',
        columns: ENVELOPE_FIELDS.map((f) => yamlColumn(f, ENVELOPE_DESCRIPTIONS[f], tests[f] ?? ['not_null'])),
      }],
    }],
  });
}

function modelsYaml(events: readonly DbtInput[]): string {
  return yamlFile({
    version: 2,
    models: events.map((e): Yaml => ({
      name: modelName(e.name),
      description: text(e.dbt.description),
      config: {
        meta: {
          trackplan: {
            event: text(e.name)!,
            version: e.version,
            status: e.status,
            owner: text(e.owner),
            replaced_by: text(e.replacedBy),
            aliases: e.aliases?.length ? e.aliases.map((a) => text(a)!) : undefined,
            source: text(e.source)!,
          },
        },
      },
      columns: [
        ...ENVELOPE_FIELDS.map((f) => yamlColumn(f, ENVELOPE_DESCRIPTIONS[f], undefined)),
        ...e.dbt.columns.map((c) => yamlColumn(c.name, c.description, columnTests(c.required && !c.nullable, c.enum))),
      ],
    })),
  });
}
