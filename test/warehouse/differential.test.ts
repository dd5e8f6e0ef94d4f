// The warehouse against `trackplan validate`, on the same NDJSON: valid events of the bundled
// registry and of the Iglu fixture, and thousands of mutations of them (every value replaced by
// values of other types, removed, and objects given an unknown member; the envelope too; some
// ids sent twice, some lines not events at all). validate's refused events must be exactly the
// events the warehouse refuses: the lines `warehouse load` does not load, and the rows of
// event_violations, on DuckDB (through the CLI) and on PostgreSQL (the same rows, copied).
// The README's "Warehouse" section lists what SQL cannot say; none of it is generated here.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/warehouse/duckdb.js';
import { IGLU, type Json, type Schema } from '../compile/support.js';
import { cleanup, cli, ROOT, tempDir } from '../helpers.js';
import { postgresBin, startPostgres, type Postgres } from './postgres.js';
import { compileProject, validEvents } from './support.js';

afterAll(cleanup);

const VALUES: Json[] = [null, 0, 1.5, -1, 1e12, '', 'x', 'x'.repeat(300), '0f8fad5b-d9cb-469f-a165-70867728950e', '2024-05-01T12:00:00Z', '2024-02-30', 'a@b.co', true, [], ['x'], [1, null], {}, { a: 1 }];

/** Every path to a value inside `v`, as a list of keys. */
function paths(v: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.keys(v).flatMap((k) => paths(v[k]!, [...at, k]))];
  return [at];
}

function edit(root: Json, at: Array<string | number>, change: (parent: Record<string, Json> | Json[], key: string | number) => void): Json {
  const copy = structuredClone(root);
  let parent = copy as Record<string, Json>;
  for (const k of at.slice(0, -1)) parent = parent[k as string] as Record<string, Json>;
  change(parent, at[at.length - 1]!);
  return copy;
}

/**
 * The NDJSON, and for each line the event it is: its event_id when that is a string (lines
 * sharing an id are one event sent twice), else the line itself.
 */
function dataset(schemas: Schema[], every: number, perEvent: number): { lines: string[]; keys: string[] } {
  const lines: string[] = [];
  const t0 = Date.UTC(2026, 0, 1);
  const idOf = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  // Each line its own id and time (the time finds a row's line again when its id is what is broken).
  const timeOf = (n: number): string => new Date(t0 + n * 1000).toISOString();
  for (const base of validEvents(schemas.filter((_, i) => i % every === 0))) {
    const event = { ...base, event_id: idOf(lines.length + 1), event_time: timeOf(lines.length + 1) } as unknown as Record<string, Json>;
    lines.push(JSON.stringify(event));
    const mutations: Array<Record<string, Json>> = [];
    for (const p of paths(event).filter((q) => q.length && q[0] !== 'event_name')) {
      const change = (f: (parent: Record<string, Json> | Json[], key: string | number) => void): void => { mutations.push(edit(event, p, f) as Record<string, Json>); };
      for (const v of VALUES) change((parent, key) => { (parent as Record<string, Json>)[key as string] = v; });
      change((parent, key) => { if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key as string]; });
      change((parent, key) => { const v = (parent as Record<string, Json>)[key as string]; if (v && typeof v === 'object' && !Array.isArray(v)) v.unknown_key = 1; });
    }
    // Spread over all the paths, so that every event is mutated all over, not only first.
    const step = Math.max(1, Math.floor(mutations.length / perEvent));
    for (let i = 0; i < mutations.length && i / step < perEvent; i += step) {
      const m = mutations[i]!;
      const n = lines.length + 1;
      // Unchanged envelope fields get this line's own; a changed one stays as the mutation made it.
      lines.push(JSON.stringify({ ...m, ...(m.event_id === event.event_id ? { event_id: idOf(n) } : {}), ...(m.event_time === event.event_time ? { event_time: timeOf(n) } : {}) }));
    }
  }
  // Events sent twice (a retry): the same id at another time.
  for (let k = 0; k < 5; k++) lines.push(JSON.stringify({ ...(JSON.parse(lines[k * 7]!) as object), event_time: timeOf(lines.length + 1) }));
  lines.push('{"event_id": "cut short', '["not", "an", "event"]', '');
  lines.push(JSON.stringify({ ...(JSON.parse(lines[0]!) as object), event_id: idOf(lines.length + 1), event_time: timeOf(lines.length + 1), extra: 1 }));
  const keys = lines.map((l, i) => {
    try { const id = (JSON.parse(l) as { event_id?: unknown }).event_id; return typeof id === 'string' ? id : `line ${i + 1}`; } catch { return `line ${i + 1}`; }
  });
  return { lines, keys };
}

interface Run { refusedByValidate: Set<string>; refusedByDuckDB: Set<string>; refusedByPostgres?: Set<string>; lines: number }

async function differential(project: string, schemas: Schema[], every: number, perEvent: number, pg: Postgres | undefined, schema: string): Promise<Run> {
  const dir = tempDir();
  const { lines, keys } = dataset(schemas, every, perEvent);
  const file = path.join(dir, 'events.ndjson');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const config = path.join(dir, 'trackplan.config.yaml');
  fs.writeFileSync(config, `registry: ${path.join(project, 'registry')}\n${fs.existsSync(path.join(project, 'trackplan.config.yaml')) ? fs.readFileSync(path.join(project, 'trackplan.config.yaml'), 'utf8') : ''}warehouse:\n  schema: ${schema}\n`);

  const v = cli(['validate', '--config', config, '--no-cache', '--format', 'json', file], dir);
  expect(v.code, v.stderr).toBe(1);
  const found = JSON.parse(v.stdout) as { findings: Array<{ line: number; severity: string }>; lines: number };
  expect(found.lines).toBe(lines.length);
  const refusedByValidate = new Set(found.findings.filter((f) => f.severity === 'error').map((f) => keys[f.line - 1]!));

  const db = path.join(dir, 'events.duckdb');
  const load = cli(['warehouse', 'load', '--config', config, '--no-cache', '--db', db, '--format', 'json', file], dir);
  expect(load.code, load.stderr).toBe(1);
  const loaded = JSON.parse(load.stdout) as { not_loaded: Array<{ line: number }>; loaded: number };
  const check = cli(['warehouse', 'check', '--config', config, '--no-cache', '--db', db, '--format', 'json'], dir);
  expect(check.code, check.stderr).toBe(1);
  const byTime = new Map(lines.map((l, i) => { try { return [String(Date.parse((JSON.parse(l) as { event_time: string }).event_time) / 1000), keys[i]!] as const; } catch { return ['', ''] as const; } }));
  // A row is its event_id, or (no id) the line its time is that of.
  const keyOf = (time: unknown, id: unknown): string => (typeof id === 'string' ? id : byTime.get(String(time)) ?? `? ${String(time)}`);
  const notLoaded = loaded.not_loaded.map((b) => keys[b.line - 1]!);

  const duck = await openDuckDB(db, { access_mode: 'READ_ONLY' });
  const rows = await duck.rows(`SELECT DISTINCT event_id, epoch(event_time)::BIGINT::VARCHAR AS t FROM "${schema}".event_violations`);
  // Every row the CLI printed is one of these (the JSON output has no time: compared by count).
  expect((JSON.parse(check.stdout) as { count: number }).count).toBe(Number((await duck.rows(`SELECT count(*)::BIGINT AS n FROM "${schema}".event_violations`))[0]!.n));
  const refusedByDuckDB = new Set([...notLoaded, ...rows.map((r) => keyOf(r.t, r.event_id))]);
  let refusedByPostgres: Set<string> | undefined;
  if (pg) {
    const csv = path.join(dir, 'rows.csv');
    await duck.run(`COPY (SELECT * FROM "${schema}".events) TO '${csv}' (FORMAT csv, HEADER false)`);
    const { scripts } = await compileProject(path.dirname(config));
    pg.run(scripts.postgres);
    const copied = pg.psql(`\\copy "${schema}".events FROM '${csv}' WITH (FORMAT csv)\n`);
    expect(copied.code, copied.stderr).toBe(0);
    const pgRows = pg.rows(`SELECT DISTINCT event_id, extract(epoch FROM event_time)::bigint::text AS t FROM "${schema}".event_violations`);
    refusedByPostgres = new Set([...notLoaded, ...pgRows.map((r) => keyOf(r.t, r.event_id))]);
  }
  duck.close();
  return { refusedByValidate, refusedByDuckDB, ...(refusedByPostgres ? { refusedByPostgres } : {}), lines: lines.length };
}

const sorted = (s: Set<string>): string[] => [...s].sort();

describe('the warehouse refuses what validate refuses', () => {
  let pg: Postgres | undefined;
  beforeAll(() => { if (postgresBin() || process.env.CI) pg = startPostgres(); else console.warn('PostgreSQL part skipped: no initdb (apt-get install -y postgresql)'); });
  afterAll(() => pg?.stop());

  it('on the bundled registry', async () => {
    const { schemas } = await compileProject(ROOT);
    const r = await differential(ROOT, schemas, 1, 250, pg, 'bundled');
    expect(r.lines).toBeGreaterThan(2000);
    expect(r.refusedByValidate.size).toBeGreaterThan(r.lines / 2);
    expect(sorted(r.refusedByDuckDB)).toEqual(sorted(r.refusedByValidate));
    if (pg) expect(sorted(r.refusedByPostgres!)).toEqual(sorted(r.refusedByValidate));
  });

  it('on the Iglu schemas (nullable, nested, arrays of objects, formats, patterns)', async () => {
    const { schemas } = await compileProject(IGLU);
    const r = await differential(IGLU, schemas, 4, 40, pg, 'iglu');
    expect(r.lines).toBeGreaterThan(4000);
    expect(r.refusedByValidate.size).toBeGreaterThan(r.lines / 2);
    expect(sorted(r.refusedByDuckDB)).toEqual(sorted(r.refusedByValidate));
    if (pg) expect(sorted(r.refusedByPostgres!)).toEqual(sorted(r.refusedByValidate));
  });
});
