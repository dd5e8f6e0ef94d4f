// The `warehouse:` section of the config: which engines get a script, and the schema and raw
// table they use; mistakes in it are configuration errors (exit 2) that say where.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, event, project } from '../helpers.js';

afterAll(cleanup);

const withConfig = (config: string): string => project({
  'trackplan.config.yaml': config,
  'registry/events/project_created.yaml': event('project_created', '  project_id: { type: string, required: true, description: The project. }\n'),
});

describe('warehouse config', () => {
  it('narrows the dialects and names the schema and the raw table', () => {
    const dir = withConfig('warehouse:\n  dialects: [postgres, duckdb]\n  schema: raw_data\n  table: tracks\n');
    const r = cli(['build'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'generated/sql')).sort()).toEqual(['duckdb', 'postgres']);
    const script = fs.readFileSync(path.join(dir, 'generated/sql/postgres/warehouse.sql'), 'utf8');
    expect(script).toContain('CREATE TABLE IF NOT EXISTS "raw_data"."tracks" (');
    expect(script).toContain('CREATE OR REPLACE VIEW "raw_data"."project_created" AS');
  });

  it('writes no script for an empty list', () => {
    const dir = withConfig('warehouse:\n  dialects: []\n');
    expect(cli(['build'], dir).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'generated/sql'))).toBe(false);
  });

  it.each([
    ['an unknown dialect', 'warehouse:\n  dialects: [duckdb, postgress]\n', 'trackplan.config.yaml:2:22: Unknown dialect "postgress" in `warehouse.dialects`. Did you mean `postgres`?'],
    ['a schema that is no plain name', 'warehouse:\n  schema: "my schema"\n', 'trackplan.config.yaml:2:11: `warehouse.schema` must be a plain SQL name'],
    ['an unknown key', 'warehouse:\n  tabel: events\n', 'trackplan.config.yaml:2:3: Unknown key `tabel` in `warehouse`. Keys: dialects, schema, table.'],
    ['a list instead of a mapping', 'warehouse: [duckdb]\n', 'trackplan.config.yaml:1:12: `warehouse` must be a mapping'],
  ])('refuses %s, saying where', (_what, config, message) => {
    const r = cli(['build'], withConfig(config));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('refuses an event named like the raw table, in every engine that would hold both', () => {
    const dir = withConfig('warehouse:\n  table: project_created\n');
    const r = cli(['build'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the event `project_created` would have the name of the raw table (warehouse.table)');
  });
});
