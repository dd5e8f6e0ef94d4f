// generated/dbt/: the YAML as dbt reads it (PyYAML) with every string rendered by Jinja2, as
// dbt-core does; the models rendered by Jinja2 for each adapter, and run on real DuckDB; dbt's
// data tests written by dbt-adapters' own macros, and run there too. dbt itself cannot be
// installed here (PyPI is out of reach): dbt-render.py says what of dbt-core it follows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, type Artifacts } from '../../src/compile/index.js';
import { DBT_TARGETS } from '../../src/compile/dbt.js';
import { loadRegistry } from '../../src/load/registry.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { cleanup, FIXTURES, project, ROOT, tempDir } from '../helpers.js';
import { compileDir, eventSchemas, sample, type Json, type Schema } from './support.js';

afterAll(cleanup);

interface Column { name: string; description?: string; quote?: boolean; data_tests?: Array<string | Record<string, { arguments: { values: Json[]; quote?: boolean } }>> }
interface Model { name: string; description?: string; config: { meta: { trackplan: Record<string, Json> } }; columns: Column[] }
interface Source { name: string; schema?: string; tables: Array<{ name: string; identifier?: string; columns: Column[] }> }
interface DbtTest { relation: string; column: string; test: string; arguments: Record<string, Json>; sql: string }
interface Rendered {
  project: Record<string, Json>;
  yaml: { '_trackplan__sources.yml': { version: number; sources: Source[] }; '_trackplan__models.yml': { version: number; models: Model[] } };
  models: Record<string, string | { error: string }>;
  tests: DbtTest[];
}

/** The fragment of `artifacts` written to a folder, read as dbt would for each target. */
function render(artifacts: Artifacts, targets: readonly string[] = [...DBT_TARGETS, 'redshift']): Record<string, Rendered> {
  const dir = tempDir();
  for (const [file, text] of artifacts) {
    if (!file.startsWith('dbt/')) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file.slice(4))), { recursive: true });
    fs.writeFileSync(path.join(dir, file.slice(4)), text);
  }
  const request = { dir, macros: path.join(FIXTURES, 'dbt-adapters'), targets, schema: 'analytics' };
  const r = spawnSync('python3', [path.join(ROOT, 'test/compile/dbt-render.py')], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`dbt-render.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Rendered>;
}

const testsOf = (c: Column): string[] => (c.data_tests ?? []).map((t) => (typeof t === 'string' ? t : Object.keys(t)[0]!));
const valuesOf = (c: Column): { values: Json[]; quote?: boolean } | undefined => {
  for (const t of c.data_tests ?? []) if (typeof t !== 'string' && t.accepted_values) return t.accepted_values.arguments;
  return undefined;
};
const ENVELOPE = ['event_id', 'event_name', 'event_time', 'user_id', 'properties'];

// ---- DuckDB --------------------------------------------------------------------------------

let db: DuckDBInstance;
beforeAll(async () => { db = await DuckDBInstance.create(':memory:'); });
afterAll(() => db?.closeSync());

interface RawEvent { event_id: string; event_name: string; properties: string }

/** A fresh schema `analytics` with the raw table holding `events` (properties as raw JSON text). */
async function warehouse(events: readonly RawEvent[]): Promise<DuckDBConnection> {
  const c = await db.connect();
  await c.run('drop schema if exists analytics cascade; create schema analytics');
  await c.run('create table analytics.events (event_id varchar, event_name varchar, event_time timestamptz, user_id varchar, properties json)');
  const insert = await c.prepare('insert into analytics.events values ($1, $2, $3::timestamptz, $4, $5::json)');
  for (const e of events) {
    insert.bind([e.event_id, e.event_name, '2024-05-01T12:00:00Z', 'u1', e.properties]);
    await insert.run();
  }
  return c;
}

async function createModels(c: DuckDBConnection, duckdb: Rendered): Promise<void> {
  for (const [name, sql] of Object.entries(duckdb.models)) {
    if (typeof sql !== 'string') throw new Error(`${name}: ${sql.error}`);
    await c.run(`create or replace view analytics."${name}" as ${sql}`);
  }
}

/** The data tests that return rows (that fail), as `test relation.column`. */
async function failing(c: DuckDBConnection, tests: readonly DbtTest[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tests) if ((await c.runAndReadAll(t.sql)).currentRowCount > 0) out.push(`${t.test} ${t.relation.replace(/"/g, '')}.${t.column}`);
  return out.sort();
}

/** What a typed column holds for a JSON value: the value when it has the type, else null. */
function typed(type: string | undefined, v: Json | undefined): Json {
  if (v === undefined) return null;
  switch (type) {
    case 'string': return typeof v === 'string' ? v : null;
    case 'integer': return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(BigInt(v)) : null;
    case 'number': return typeof v === 'number' ? v : null;
    case 'boolean': return typeof v === 'boolean' ? v : null;
    case 'array': return Array.isArray(v) ? v : null;
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null;
    default: return v;
  }
}

/** Values of every JSON type, as raw text (`3.0` is a whole number written as a decimal). */
const VALUES = ['"x"', '""', '"3"', '"true"', '3', '-3', '3.0', '3.5', '1e3', '-0.25', '12345678901', '1e300', 'true', 'false', 'null', '[]', '[1,"a"]', '{}', '{"a":{"b":1}}'];

/** A top-level property of an event schema as the models file should say it, shared properties resolved. */
function property(schema: Schema, s: Schema): { type?: string; description?: string; nullable: boolean; enum?: Json[] } {
  if (Array.isArray(s.anyOf)) {
    const inner = property(schema, s.anyOf[0] as Schema);
    return { ...inner, ...(s.description !== undefined ? { description: s.description as string } : {}), nullable: true };
  }
  const def = typeof s.$ref === 'string' ? { ...((schema.$defs as Record<string, Schema>)[decodeURIComponent(s.$ref.replace('#/$defs/', ''))]!), ...s } : s;
  const types = Array.isArray(def.type) ? def.type as string[] : def.type === undefined ? [] : [def.type as string];
  const values = (def.enum as Json[] | undefined)?.filter((v) => v !== null);
  return { type: types[0], description: def.description as string | undefined, nullable: types.includes('null'), ...(values ? { enum: values } : {}) };
}

const propertiesOf = (schema: Schema): Array<[string, Schema]> =>
  Object.entries(((schema.properties as Record<string, Schema>).properties!.properties ?? {}) as Record<string, Schema>);

// ---- The bundled registry ------------------------------------------------------------------

describe('the dbt fragment of the bundled registry', () => {
  let artifacts: Artifacts;
  let rendered: Record<string, Rendered>;
  let schemas: Schema[];
  beforeAll(async () => {
    artifacts = await compileDir(ROOT);
    rendered = render(artifacts);
    schemas = eventSchemas(artifacts);
  });

  it('has the do-not-edit header in every file, and the committed generated/dbt/ is this', () => {
    const files = [...artifacts.keys()].filter((f) => f.startsWith('dbt/'));
    expect(files).toEqual(['dbt/dbt_project.yml', 'dbt/macros/trackplan.sql', 'dbt/models/_trackplan__models.yml', 'dbt/models/_trackplan__sources.yml', ...schemas.map((s) => `dbt/models/stg_${s.title as string}.sql`).sort()]);
    for (const f of files) {
      expect(artifacts.get(f)!.split('\n')[0], f).toMatch(/^(#|--) Generated by trackplan\b.*Do not edit/);
      expect(fs.readFileSync(path.join(ROOT, 'generated', f), 'utf8'), f).toBe(artifacts.get(f));
    }
  });

  it('is a dbt project for dbt 1.10.5 or later, with its models and macros', () => {
    expect(rendered.duckdb!.project).toEqual({ name: 'trackplan', 'config-version': 2, 'require-dbt-version': '>=1.10.5', 'model-paths': ['models'], 'macro-paths': ['macros'] });
  });

  it('declares the raw table with unique and not_null on event_id, not_null on the envelope and every event name accepted', () => {
    const yaml = rendered.duckdb!.yaml['_trackplan__sources.yml'];
    expect(yaml.version).toBe(2);
    expect(yaml.sources).toHaveLength(1);
    const [source] = yaml.sources;
    expect(source!.name).toBe('analytics');
    expect(source!.schema ?? source!.name).toBe('analytics');
    expect(source!.tables.map((t) => t.identifier ?? t.name)).toEqual(['events']);
    const columns = source!.tables[0]!.columns;
    expect(columns.map((c) => c.name)).toEqual(ENVELOPE);
    expect(Object.fromEntries(columns.map((c) => [c.name, testsOf(c)]))).toEqual({
      event_id: ['unique', 'not_null'], event_name: ['not_null', 'accepted_values'], event_time: ['not_null'], user_id: ['not_null'], properties: ['not_null'],
    });
    const names = schemas.flatMap((s) => ((s.properties as Record<string, Schema>).event_name!.enum as string[] | undefined) ?? [(s.properties as Record<string, Schema>).event_name!.const as string]);
    expect(valuesOf(columns[1]!)!.values.slice().sort()).toEqual(names.sort());
    for (const c of columns) expect(c.description, c.name).toMatch(/\w/);
  });

  it('documents each model and column from the plan, with not_null on required properties and accepted_values on enums', () => {
    const models = rendered.duckdb!.yaml['_trackplan__models.yml'].models;
    expect(models.map((m) => m.name)).toEqual(schemas.map((s) => `stg_${s.title as string}`));
    for (const [i, schema] of schemas.entries()) {
      const model = models[i]!;
      expect(model.description).toBe(schema.description);
      expect(model.config.meta.trackplan).toMatchObject({ event: schema.title as string, status: schema.deprecated ? 'deprecated' : expect.any(String) });
      const own = propertiesOf(schema);
      expect(model.columns.map((c) => c.name)).toEqual([...ENVELOPE, ...own.map(([k]) => k)]);
      const required = new Set(((schema.properties as Record<string, Schema>).properties!.required ?? []) as string[]);
      for (const [name, s] of own) {
        const p = property(schema, s);
        const column = model.columns.find((c) => c.name === name)!;
        expect(column.description, name).toBe(p.description);
        expect(testsOf(column).includes('not_null'), `${model.name}.${name}`).toBe(required.has(name) && !p.nullable);
        expect(valuesOf(column)?.values, `${model.name}.${name}`).toEqual(p.enum);
      }
    }
  });

  it('renders a select for each of duckdb, postgres, bigquery and snowflake, and refuses any other adapter', () => {
    const columnSql = { duckdb: 'json_type(properties, ', postgres: 'jsonb_typeof(properties -> ', bigquery: 'json_type(properties[', snowflake: 'typeof(properties[' };
    for (const t of DBT_TARGETS) {
      for (const [name, sql] of Object.entries(rendered[t]!.models)) {
        expect(sql, `${t} ${name}`).toEqual(expect.stringMatching(new RegExp(`^-- Generated by trackplan[^\\n]*\\n-- [^\\n]*\\nselect\\n    event_id,\\n[^]*\\nfrom ${t === 'bigquery' ? '`analytics`.`events`' : '"analytics"."events"'}\\nwhere event_name = '[a-z_]+'$`)));
        expect(sql).not.toMatch(/\{[{%#]/);
        if (/ as /.test(sql as string)) expect(sql, `${t} ${name}`).toContain(`case when ${columnSql[t]}`);
      }
    }
    for (const sql of Object.values(rendered.redshift!.models)) expect(sql).toEqual({ error: "trackplan's models are written for duckdb, postgres, bigquery, snowflake, not redshift" });
  });

  it('reads the raw table from the schema and table the config names, whatever their names', async () => {
    const registry = await loadRegistry(path.join(ROOT, 'registry'), { parallelThreshold: Infinity });
    const other = render(await compile(registry, undefined, { warehouse: { dialects: ['duckdb'], schema: 'raw {{ data }}', table: 'Tracking-Events' } }), ['duckdb', 'bigquery']);
    for (const [t, r] of Object.entries(other)) {
      const [source] = r.yaml['_trackplan__sources.yml'].sources;
      expect(source).toMatchObject({ name: 'raw____data___', schema: 'raw {{ data }}', tables: [{ name: 'Tracking_Events', identifier: 'Tracking-Events' }] });
      const q = t === 'bigquery' ? '`' : '"';
      expect(r.models.stg_user_signed_up).toContain(`\nfrom ${q}raw {{ data }}${q}.${q}Tracking-Events${q}\n`);
    }
  });

  it('runs on DuckDB: one typed column per property, null where the JSON value has another type; the tests pass on valid events and fail on broken ones', async () => {
    const events: RawEvent[] = [];
    const expected: Array<{ model: string; id: string; columns: Record<string, Json> }> = [];
    const columnsOf = new Map<string, Array<[string, string | undefined]>>();
    let n = 0;
    const add = (schema: Schema, props: { [k: string]: Json }, raw: string, check: boolean): void => {
      const name = schema.title as string;
      const id = `e${String(n++).padStart(5, '0')}`;
      events.push({ event_id: id, event_name: name, properties: raw });
      if (!check) return;
      const cols = columnsOf.get(name)!;
      expected.push({ model: `stg_${name}`, id, columns: Object.fromEntries(cols.map(([k, type]) => [k, typed(type, props[k])])) });
    };
    for (const schema of schemas) {
      const own = propertiesOf(schema);
      columnsOf.set(schema.title as string, own.map(([k, s]) => [k, property(schema, s).type]));
      const valid = { ...(sample((schema.properties as Record<string, Schema>).properties!, schema) as { [k: string]: Json }) };
      for (const [k, s] of own) { const v = sample(s, schema); if (v !== undefined) valid[k] = v; }
      add(schema, valid, JSON.stringify(valid), true);
    }
    const c = await warehouse(events);
    await createModels(c, rendered.duckdb!);
    expect(await failing(c, rendered.duckdb!.tests)).toEqual([]);

    // Every property set to a value of every JSON type, and left out.
    for (const schema of schemas) {
      const name = schema.title as string;
      const base = JSON.parse(events.find((e) => e.event_name === name)!.properties) as { [k: string]: Json };
      for (const [k] of columnsOf.get(name)!) {
        for (const raw of VALUES) {
          const props = { ...base, [k]: JSON.parse(raw) as Json };
          const others = JSON.stringify({ ...base, [k]: 0 }).replace(`${JSON.stringify(k)}:0`, `${JSON.stringify(k)}:${raw}`);
          add(schema, props, others, true);
        }
        const { [k]: _, ...without } = base;
        add(schema, without, JSON.stringify(without), true);
      }
    }
    events.push({ ...events[0]!, properties: '{}' }); // its id again
    events.push({ event_id: 'unknown', event_name: 'no_such_event', properties: '{}' });
    expect(expected.length).toBeGreaterThan(1000);
    const c2 = await warehouse(events);
    await createModels(c2, rendered.duckdb!);
    for (const model of new Set(expected.map((e) => e.model))) {
      const rows = (await c2.runAndReadAll(`select * exclude (event_name, event_time, user_id, properties) from analytics."${model}" order by event_id`)).getRowObjectsJson();
      const want = expected.filter((e) => e.model === model).map((e) => ({ event_id: e.id, ...e.columns }));
      const got = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => {
        const type = columnsOf.get(model.slice(4))!.find(([name]) => name === k)?.[1];
        return [k, (type === 'array' || type === 'object') && typeof v === 'string' ? JSON.parse(v) as Json : v];
      })));
      const twice = events[0]!.event_id; // in the table twice, the second time with no properties
      expect(got.filter((r) => r.event_id !== twice), model).toEqual(want.filter((r) => r.event_id !== twice));
    }
    const failed = await failing(c2, rendered.duckdb!.tests);
    expect(failed).toContain('unique analytics.events.event_id');
    expect(failed).toContain('accepted_values analytics.events.event_name');
    expect(failed).toContain('not_null analytics.stg_user_signed_up.signup_method');
    expect(failed).toContain('accepted_values analytics.stg_user_signed_up.signup_method');
    expect(failed).not.toContain('not_null analytics.stg_user_signed_up.referral_code'); // optional and nullable
    expect(failed).not.toContain('not_null analytics.events.event_time');
  });
});

// ---- Hostile names and text ----------------------------------------------------------------

const HOSTILE = `It's "quoted", ends a comment */ and a line --, $$dollar$$ quotes, {{ var('x') }}, {% if true %}x{% endif %}, {# no #}, }} %} #}, \\ and \u2028.`;

function hostileDbtProject(): string {
  const off = RULE_IDS.filter((r) => !['yaml-syntax', 'schema', 'duplicate-event'].includes(r));
  const d = JSON.stringify(HOSTILE);
  return project({
    // The warehouse scripts refuse a property named like an envelope column (`event_id`); the dbt
    // fragment leaves it out of the model, which is what this registry tests.
    'trackplan.config.yaml': `rules:\n${off.map((r) => `  ${r}: off\n`).join('')}warehouse:\n  dialects: []\n`,
    "registry/events/it's_done.yaml": [
      "name: it's_done",
      `description: ${d}`,
      'owner: "{{ owner }}"',
      `aliases: ["Bob's {{ event }}", "ref('x')"]`,
      'properties:',
      `  select: { type: string, required: true, description: ${d} }`,
      '  order: { type: integer, required: true }',
      '  default: { type: number }',
      '  user: { type: boolean, required: true, nullable: true }',
      '  constructor: { type: string }',
      '  "a/b~c": { type: string, required: true }',
      `  "it's": { type: string, required: true, enum: ["it's", "back\\\\slash", "{{ 1 }}", "ref('x')", "-- no", "*/", "a\\nb"] }`,
      '  "{{ x }}": { type: integer, required: true, enum: [1, 2] }',
      '  "dq\\"x": { type: string, required: true }',
      '  "Kebab-Key": { type: array, items: { type: string } }',
      '  "$.x": { type: object, required: true }',
      '  flag: { type: boolean, enum: [true] }',
      '  answer: { type: string, enum: ["yes", "on", "1:20", "2024-05-01", "=", "~", "var(x)", " env_var(y) ", "{{ y }}", "{% raw %}"] }',
      '  event_id: { type: string }',
      '  Order: { type: string }',
      '  "line\\nbreak\\\\": { type: string }',
      '',
    ].join('\n'),
  });
}

describe('the dbt fragment of a registry of hostile names and text', () => {
  let rendered: Record<string, Rendered>;
  let artifacts: Artifacts;
  beforeAll(async () => {
    artifacts = await compileDir(hostileDbtProject());
    rendered = render(artifacts);
  });

  it('reaches dbt as the plan says it: every name, description and value rendered by Jinja is the text of the plan', () => {
    for (const t of DBT_TARGETS) {
      const model = rendered[t]!.yaml['_trackplan__models.yml'].models[0]!;
      expect(model.name).toBe('stg_it_s_done');
      expect(model.description).toBe(HOSTILE);
      expect(model.config.meta.trackplan).toMatchObject({ event: "it's_done", owner: '{{ owner }}', aliases: ["Bob's {{ event }}", "ref('x')"] });
      expect(model.columns.map((c) => c.name)).toEqual([...ENVELOPE, 'select', 'order', 'default', 'user', 'constructor', 'a/b~c', "it's", '{{ x }}', 'dq"x', 'Kebab-Key', '$.x', 'flag', 'answer', 'line\nbreak\\']);
      const col = (name: string): Column => model.columns.find((c) => c.name === name)!;
      expect(col('select').description).toBe(HOSTILE);
      for (const name of ['select', 'order', 'default', 'user', 'a/b~c', "it's", '{{ x }}', 'Kebab-Key', '$.x']) expect(col(name).quote, name).toBe(true);
      for (const name of ['constructor', 'flag', ...ENVELOPE]) expect(col(name).quote, name).toBeUndefined();
      expect(testsOf(col('user'))).toEqual([]); // required but nullable
      expect(col('dq"x').data_tests).toBeUndefined(); // dbt would quote it as "dq"x"
      expect(valuesOf(col('{{ x }}'))).toEqual({ values: [1, 2], quote: false });
      expect(valuesOf(col('flag'))).toEqual({ values: [true], quote: false });
      // YAML 1.1 reads some of these as booleans, times, dates, null, a default value; dbt would run the calls.
      expect(valuesOf(col('answer'))).toEqual({ values: ['yes', 'on', '1:20', '2024-05-01', '=', '~', 'var(x)', ' env_var(y) ', '{{ y }}', '{% raw %}'] });
      const standard = t === 'bigquery' || t === 'snowflake'
        ? ["'it\\'s'", "'back\\\\slash'", "'{{ 1 }}'", "'ref(\\'x\\')'", "'-- no'", "'*/'", "'a\\u000ab'"]
        : ["'it''s'", "'back\\slash'", "'{{ 1 }}'", "'ref(''x'')'", "'-- no'", "'*/'", "'a\nb'"];
      expect(valuesOf(col("it's"))).toEqual({ values: standard, quote: false });
      const sources = rendered[t]!.yaml['_trackplan__sources.yml'].sources[0]!;
      const names = valuesOf(sources.tables[0]!.columns[1]!)!;
      expect(names.values).toHaveLength(3);
      expect(names.quote).toBe(false);
    }
  });

  it('writes SQL in which no text of the plan can end a literal, a name or a comment, and Jinja finds nothing to run', () => {
    const sql = artifacts.get('dbt/models/stg_it_s_done.sql')!;
    expect(sql).toContain(`-- Not a column: "event_id" has the name of an envelope column: read it from properties.`);
    expect(sql).toContain(`-- Not a column: "Order" has the name of the property "order": read it from properties.`);
    for (const t of DBT_TARGETS) {
      const out = rendered[t]!.models.stg_it_s_done as string;
      expect(out.split('\n').filter((l) => l.startsWith('--'))).toHaveLength(4);
      expect(out).toContain(t === 'bigquery' ? 'as `{{ x }}`' : 'as "{{ x }}"');
      expect(out).toContain(t === 'bigquery' ? 'as `dq"x`' : 'as "dq""x"');
      const literals = {
        duckdb: ["'/it''s'", "'/a~1b~0c'", "'/line\nbreak\\'", "where event_name in ('it''s_done', 'Bob''s {{ event }}', 'ref(''x'')')"],
        postgres: ["-> 'it''s'", "-> 'a/b~c'", "-> 'line\nbreak\\'", "where event_name in ('it''s_done', 'Bob''s {{ event }}', 'ref(''x'')')"],
        bigquery: ["properties['it\\'s']", "properties['a/b~c']", "properties['line\\u000abreak\\\\']", "where event_name in ('it\\'s_done', 'Bob\\'s {{ event }}', 'ref(\\'x\\')')"],
        snowflake: ["properties['it\\'s']", "properties['a/b~c']", "properties['line\\u000abreak\\\\']", "where event_name in ('it\\'s_done', 'Bob\\'s {{ event }}', 'ref(\\'x\\')')"],
      };
      for (const l of literals[t]) expect(out, t).toContain(l);
    }
  });

  it('runs on DuckDB with the values where they are, and its tests pass on a valid event and fail on a value out of the enum', async () => {
    const props = { 'line\nbreak\\': 'n', answer: '{{ y }}', select: 's', order: 7, default: 2.5, user: null, constructor: 'c', 'a/b~c': 'slash', "it's": "it's", '{{ x }}': 2, 'dq"x': 'q', 'Kebab-Key': ['k'], '$.x': { y: 1 }, flag: true, event_id: 'shadow', Order: 'O' };
    const events = [
      { event_id: '1', event_name: "it's_done", properties: JSON.stringify(props) },
      { event_id: '2', event_name: "Bob's {{ event }}", properties: JSON.stringify({ ...props, "it's": 'back\\slash' }) },
      { event_id: '3', event_name: "ref('x')", properties: JSON.stringify({ ...props, "it's": 'a\nb' }) },
    ];
    const c = await warehouse(events);
    await createModels(c, rendered.duckdb!);
    const rows = (await c.runAndReadAll('select * from analytics.stg_it_s_done order by event_id')).getRowObjectsJson();
    expect(rows.map((r) => r.event_name)).toEqual(["it's_done", "Bob's {{ event }}", "ref('x')"]);
    expect(rows[0]).toMatchObject({ 'line\nbreak\\': 'n', select: 's', order: '7', default: 2.5, user: null, constructor: 'c', 'a/b~c': 'slash', "it's": "it's", '{{ x }}': '2', 'dq"x': 'q', flag: true, event_id: '1' });
    expect(JSON.parse(rows[0]!['Kebab-Key'] as string)).toEqual(['k']);
    expect(JSON.parse(rows[0]!['$.x'] as string)).toEqual({ y: 1 });
    expect(rows.map((r) => r["it's"])).toEqual(["it's", 'back\\slash', 'a\nb']);
    expect(await failing(c, rendered.duckdb!.tests)).toEqual([]);

    const c2 = await warehouse([...events, { event_id: '4', event_name: "it's_done", properties: JSON.stringify({ ...props, "it's": "it''s", '{{ x }}': 3, order: 'x' }) }]);
    await createModels(c2, rendered.duckdb!);
    expect(await failing(c2, rendered.duckdb!.tests)).toEqual([
      "accepted_values analytics.stg_it_s_done.it's",
      'accepted_values analytics.stg_it_s_done.{{ x }}',
      'not_null analytics.stg_it_s_done.order',
    ]);
  });
});
