// The generated PostgreSQL script on a real server (a throwaway cluster, see postgres.ts): it
// runs twice in its transaction, its typed views carry the plan's types and comments, and
// event_violations says what the DuckDB one says. Then the hostile registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, ROOT } from '../helpers.js';
import { postgresBin, startPostgres, type Postgres } from './postgres.js';
import { BROKEN, compileProject, HOSTILE_PROPERTIES, HOSTILE_TEXT, hostileProject, insertSql, newId, validEvents, type Compiled } from './support.js';

// Without PostgreSQL the suite says so and skips, except in CI, where .ci/run installs it.
const have = postgresBin() !== undefined;
if (!have && !process.env.CI) console.warn('PostgreSQL tests skipped: no initdb (apt-get install -y postgresql)');
const suite = have || process.env.CI ? describe : describe.skip;

afterAll(cleanup);

suite('PostgreSQL', () => {
  let pg: Postgres;
  let bundled: Compiled;
  beforeAll(async () => {
    pg = startPostgres();
    bundled = await compileProject(ROOT);
  });
  afterAll(() => pg?.stop());

  const violations = (where: string): Array<Record<string, unknown>> =>
    pg.rows(`SELECT event_id, rule, path, message FROM analytics.event_violations WHERE ${where} ORDER BY event_id, rule COLLATE "C", path COLLATE "C", message COLLATE "C"`);

  it('runs the script twice, keeping the rows; valid events break nothing; views are typed and commented', () => {
    pg.run(bundled.scripts.postgres);
    const events = validEvents(bundled.schemas);
    pg.run(insertSql(events));
    const again = pg.psql(bundled.scripts.postgres);
    expect(again.code, again.stderr).toBe(0);
    expect(pg.rows('SELECT count(*) AS n FROM analytics.events')).toEqual([{ n: events.length }]);
    expect(pg.rows('SELECT event_id FROM analytics.event_violations')).toEqual([]);
    expect(pg.rows(`SELECT column_name, data_type, col_description('analytics.project_created'::regclass, ordinal_position) AS comment FROM information_schema.columns
      WHERE table_schema = 'analytics' AND table_name = 'project_created' ORDER BY ordinal_position`).map((c) => `${c.column_name as string} ${c.data_type as string}: ${c.comment as string}`)).toEqual([
      'event_id text: Unique id of this occurrence, to drop duplicates.',
      'event_name text: The event of the tracking plan this row is (or an old name of it).',
      'event_time timestamp with time zone: When it happened (RFC 3339).',
      'user_id text: The user the event is about.',
      'project_id text: Identifier of the project the action happened in.',
      'plan_type text: The subscription plan of the workspace when the action happened.',
      'template text: Template the project started from.',
      'is_private boolean: Whether the project is visible only to invited members.',
      'tags jsonb: Labels the user gave the project when creating it.',
    ]);
    expect(pg.rows(`SELECT obj_description('analytics.report_downloaded'::regclass, 'pg_class') AS c`)).toEqual([{ c: 'A user downloaded a report. Superseded by report_exported, which also covers scheduled exports. Deprecated: send report_exported instead.' }]);
    const id = newId();
    pg.run(insertSql([{ event_id: id, event_name: 'trial_started', event_time: '2026-03-02T08:00:00+02:00', user_id: 'u', properties: { plan_type: 'pro', trial_length_days: 14.0 } }]));
    expect(pg.rows(`SELECT trial_length_days, pg_typeof(trial_length_days)::text AS t, extract(epoch FROM event_time)::bigint AS at FROM analytics.trial_started WHERE event_id = '${id}'`))
      .toEqual([{ trial_length_days: 14, t: 'bigint', at: Date.UTC(2026, 2, 2, 6) / 1000 }]);
  });

  it('tells each broken rule as DuckDB does', () => {
    for (const [event, expected] of BROKEN) {
      const id = newId();
      pg.run(insertSql([{ event_id: id, event_time: '2026-03-03T00:00:00Z', user_id: 'u', ...event }]));
      expect(violations(`event_id = '${id}'`), JSON.stringify(event)).toEqual(expected.map(([rule, path, message]) => ({ event_id: id, rule, path, message })));
    }
    const twice = newId();
    const e = { event_id: twice, event_name: 'project_deleted', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties: { project_id: '0f8fad5b-d9cb-469f-a165-70867728950e' } };
    pg.run(insertSql([e, e]));
    expect(violations(`event_id = '${twice}'`).map((v) => v.rule)).toEqual(['repeated-id', 'repeated-id']);
  });

  it('quotes every name and text of the hostile registry', async () => {
    const { scripts } = await compileProject(hostileProject('warehouse:\n  schema: hostile\n'));
    pg.run(scripts.postgres);
    pg.run(scripts.postgres);
    const columns = pg.rows(`SELECT column_name, col_description('hostile.order_placed'::regclass, ordinal_position) AS comment FROM information_schema.columns
      WHERE table_schema = 'hostile' AND table_name = 'order_placed' ORDER BY ordinal_position`);
    expect(columns.map((c) => c.column_name)).toEqual(['event_id', 'event_name', 'event_time', 'user_id', ...HOSTILE_PROPERTIES, 'quoted_pattern']);
    for (const c of columns.slice(4, -1)) expect(c.comment).toBe(`${HOSTILE_TEXT} (${c.column_name as string})`);
    expect(pg.rows(`SELECT obj_description('hostile.order_placed'::regclass, 'pg_class') AS c`)).toEqual([{ c: HOSTILE_TEXT }]);
    const ok = newId(), bad = newId();
    const properties = { select: '--', order: 1, default: 2.5, "it's": "a'b", 'say "hi"': 3, '*/': true, quoted_pattern: "a'\\" };
    pg.run(insertSql([
      { event_id: ok, event_name: 'order_placed', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties },
      { event_id: bad, event_name: 'order_placed', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties: { ...properties, select: "it''s", quoted_pattern: 'b', 'new\nkey': 1 } },
    ], 'hostile.events'));
    expect(pg.rows(`SELECT "select", "order", "default", "it's", "say ""hi""", "*/", quoted_pattern FROM hostile.order_placed WHERE event_id = '${ok}'`))
      .toEqual([{ select: '--', order: 1, default: 2.5, "it's": "a'b", 'say "hi"': 3, '*/': true, quoted_pattern: "a'\\" }]);
    const rows = pg.rows(`SELECT rule, path, message FROM hostile.event_violations WHERE event_id IN ('${ok}', '${bad}') ORDER BY rule COLLATE "C"`);
    expect(rows.map((v) => [v.rule, v.path, v.message])).toEqual([
      ['enum', 'properties.select', 'must be one of "it\'s", "--", "*/" or "$$", not "it\'\'s".'],
      ['pattern', 'properties.quoted_pattern', 'must match the pattern ^[a\'\\\\]+$, not "b".'],
      ['unknown-property', 'properties["new\\nkey"]', '`new\nkey` is not a property of `order_placed`.'],
    ]);
  });
});
