// What the commands ask of a DuckDB warehouse: which plan made its views, bringing them to the
// current plan, and its violations.
import { dialect } from '../compile/sql/dialects.js';
import { PLAN_VIEW, VIOLATIONS_VIEW } from '../compile/sql/warehouse.js';
import type { Warehouse } from './duckdb.js';

/** The plan hash a script records in its plan view. */
export function scriptPlan(script: string): string {
  const m = /AS SELECT '([0-9a-f]{16})' AS plan\b/.exec(script);
  if (!m) throw new Error('the warehouse script records no plan');
  return m[1]!;
}

/** The plan the database's views were made from; undefined when it has no trackplan schema. */
export async function databasePlan(db: Warehouse, schema: string): Promise<string | undefined> {
  const d = dialect('duckdb');
  const [found] = await db.rows(`SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE schema_name = ${d.string(schema)} AND view_name = ${d.string(PLAN_VIEW)}`);
  if (!found || found.n === 0) return undefined;
  const [row] = await db.rows(`SELECT plan FROM ${d.ident(schema)}.${d.ident(PLAN_VIEW)}`);
  return row?.plan as string | undefined;
}

/** Runs the script when the database holds no schema yet or one of another plan. */
export async function ensureSchema(db: Warehouse, script: string, schema: string): Promise<'created' | 'updated' | 'current'> {
  const had = await databasePlan(db, schema);
  if (had === scriptPlan(script)) return 'current';
  await db.run('BEGIN TRANSACTION');
  try {
    await db.run(script);
    await db.run('COMMIT');
  } catch (e) {
    await db.run('ROLLBACK').catch(() => {});
    throw e;
  }
  return had === undefined ? 'created' : 'updated';
}

export interface Violation { event_id: string | null; event_name: string | null; rule: string; path: string; message: string }

/** Every row of event_violations, in a fixed order: by event time, event, path, rule. */
export async function violationsOf(db: Warehouse, schema: string): Promise<Violation[]> {
  const d = dialect('duckdb');
  // DuckDB takes the smaller estimate as the side to hash; its estimates of the walk's
  // deeper levels are far too small, which hashes millions of values instead of the plan.
  await db.run(`SET disabled_optimizers = 'build_side_probe_side'`);
  try {
    return (await db.rows(`SELECT event_id, event_name, rule, path, message FROM ${d.ident(schema)}.${d.ident(VIOLATIONS_VIEW)}
      ORDER BY event_time NULLS FIRST, event_id NULLS FIRST, path, rule, message`)) as unknown as Violation[];
  } finally {
    await db.run(`RESET disabled_optimizers`);
  }
}

/** Rows in the raw table. */
export async function rowCount(db: Warehouse, schema: string, table: string): Promise<number> {
  const d = dialect('duckdb');
  const [row] = await db.rows(`SELECT count(*)::BIGINT AS n FROM ${d.ident(schema)}.${d.ident(table)}`);
  return Number(row!.n);
}
