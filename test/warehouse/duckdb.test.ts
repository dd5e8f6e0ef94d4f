// The generated DuckDB script on a real DuckDB (in memory): it runs, runs again, never touches
// the raw rows, its typed views read each property with its type, and event_violations finds
// each broken rule with validate's words. Then a registry of hostile names and texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB, type Warehouse } from '../../src/warehouse/duckdb.js';
import { cleanup, project, ROOT } from '../helpers.js';
import { BROKEN, compileProject, HOSTILE_PROPERTIES, HOSTILE_TEXT, hostileProject, insertSql, newId, validEvents, type Compiled } from './support.js';

afterAll(cleanup);

/** Inserts events as rows of the raw table (properties as JSON text). */
async function insert(db: Warehouse, events: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (events.length) await db.run(insertSql(events));
}

const violations = (db: Warehouse, where = 'TRUE'): Promise<Array<Record<string, unknown>>> =>
  db.rows(`SELECT event_id, rule, path, message FROM analytics.event_violations WHERE ${where} ORDER BY event_id, rule, path, message`);

describe('the bundled registry on DuckDB', () => {
  let bundled: Compiled;
  let db: Warehouse;
  beforeAll(async () => {
    bundled = await compileProject(ROOT);
    db = await openDuckDB(':memory:');
    await db.run(bundled.scripts.duckdb);
  });
  afterAll(() => db.close());

  it('runs again over its own tables, and never changes a raw row', async () => {
    const events = validEvents(bundled.schemas);
    expect(events.length).toBe(19);
    await insert(db, events);
    await db.run(bundled.scripts.duckdb);
    expect(await db.rows('SELECT count(*)::INTEGER AS n FROM analytics.events')).toEqual([{ n: 19 }]);
    expect(await db.rows('SELECT plan, events FROM analytics._trackplan')).toEqual([{ plan: expect.stringMatching(/^[0-9a-f]{16}$/), events: 19 }]);
    // (That no script writes to the raw table: engines.test.ts.)
  });

  it('finds nothing wrong with valid events, and types each property in its view', async () => {
    expect(await violations(db)).toEqual([]);
    const columns = await db.rows(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'analytics' AND table_name = 'project_created' ORDER BY ordinal_position`);
    expect(columns.map((c) => `${c.column_name as string} ${c.data_type as string}`)).toEqual([
      'event_id VARCHAR', 'event_name VARCHAR', 'event_time TIMESTAMP WITH TIME ZONE', 'user_id VARCHAR',
      'project_id VARCHAR', 'plan_type VARCHAR', 'template VARCHAR', 'is_private BOOLEAN', 'tags JSON',
    ]);
    const id = newId();
    await insert(db, [{ event_id: id, event_name: 'trial_started', event_time: '2026-03-02T08:00:00+02:00', user_id: 'u', properties: { plan_type: 'pro', trial_length_days: 14.0 } }]);
    expect(await db.rows(`SELECT plan_type, trial_length_days, typeof(trial_length_days) AS t, epoch(event_time)::BIGINT AS at FROM analytics.trial_started WHERE event_id = '${id}'`))
      .toEqual([{ plan_type: 'pro', trial_length_days: '14', t: 'BIGINT', at: String(Date.UTC(2026, 2, 2, 6) / 1000) }]);
    // A value of another type is NULL in the view, and told in event_violations.
    const bad = newId();
    await insert(db, [{ event_id: bad, event_name: 'trial_started', event_time: '2026-03-02T08:00:00Z', user_id: 'u', properties: { plan_type: 'pro', trial_length_days: 'two weeks' } }]);
    expect(await db.rows(`SELECT trial_length_days FROM analytics.trial_started WHERE event_id = '${bad}'`)).toEqual([{ trial_length_days: null }]);
    expect(await violations(db, `event_id = '${bad}'`)).toEqual([{ event_id: bad, rule: 'type', path: 'properties.trial_length_days', message: 'must be an integer, not a string ("two weeks").' }]);
  });

  it('keeps the views of deprecated events, with the event they were replaced by in the comment', async () => {
    const [view] = await db.rows(`SELECT comment FROM duckdb_views() WHERE schema_name = 'analytics' AND view_name = 'report_downloaded'`);
    expect(view!.comment).toBe('A user downloaded a report. Superseded by report_exported, which also covers scheduled exports. Deprecated: send report_exported instead.');
    const [column] = await db.rows(`SELECT comment FROM duckdb_columns() WHERE schema_name = 'analytics' AND table_name = 'report_downloaded' AND column_name = 'report_id'`);
    expect(column!.comment).toBe('Identifier of the exported report.');
  });

  it('tells each broken rule once, with the rule, the path and validate\'s words', async () => {
    const at = '2026-03-03T00:00:00Z';
    for (const [event, expected] of BROKEN) {
      const id = newId();
      await insert(db, [{ event_id: id, event_time: at, user_id: 'u', ...event }]);
      expect(await violations(db, `event_id = '${id}'`), JSON.stringify(event)).toEqual(expected.map(([rule, path, message]) => ({ event_id: id, rule, path, message })));
    }
  });

  it('tells the envelope: a missing or malformed id, a missing time, an id sent twice', async () => {
    await insert(db, [{ event_id: undefined, event_name: 'project_deleted', event_time: undefined, user_id: 'u', properties: { project_id: '0f8fad5b-d9cb-469f-a165-70867728950e' } }]);
    expect(await violations(db, `event_id IS NULL AND event_name = 'project_deleted'`)).toEqual([
      { event_id: null, rule: 'required', path: 'event_id', message: '`event_id` is required but missing.' },
      { event_id: null, rule: 'required', path: 'event_time', message: '`event_time` is required but missing.' },
    ]);
    await insert(db, [{ event_id: 'not-a-uuid', event_name: 'project_deleted', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties: { project_id: '0f8fad5b-d9cb-469f-a165-70867728950e' } }]);
    expect(await violations(db, `event_id = 'not-a-uuid'`)).toEqual([
      { event_id: 'not-a-uuid', rule: 'format', path: 'event_id', message: 'must be a UUID, such as 0f8fad5b-d9cb-469f-a165-70867728950e, not "not-a-uuid".' },
    ]);
    const twice = newId();
    const e = { event_id: twice, event_name: 'project_deleted', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties: { project_id: '0f8fad5b-d9cb-469f-a165-70867728950e' } };
    await insert(db, [e, e]);
    const message = 'The event_id appears 2 times: events are recorded once, each with its own id.';
    expect(await violations(db, `event_id = '${twice}'`)).toEqual([{ event_id: twice, rule: 'repeated-id', path: 'event_id', message }, { event_id: twice, rule: 'repeated-id', path: 'event_id', message }]);
  });
});

describe('hostile names and texts on DuckDB', () => {
  it('quotes every name and text: views and columns named as in the plan, comments byte for byte', async () => {
    const { scripts } = await compileProject(hostileProject());
    const db = await openDuckDB(':memory:');
    try {
      await db.run(scripts.duckdb);
      await db.run(scripts.duckdb);
      const columns = await db.rows(`SELECT column_name, comment FROM duckdb_columns() WHERE schema_name = 'analytics' AND table_name = 'order_placed' ORDER BY column_index`);
      expect(columns.map((c) => c.column_name)).toEqual(['event_id', 'event_name', 'event_time', 'user_id', ...HOSTILE_PROPERTIES, 'quoted_pattern']);
      for (const c of columns.slice(4, -1)) expect(c.comment).toBe(`${HOSTILE_TEXT} (${c.column_name as string})`);
      const [view] = await db.rows(`SELECT comment FROM duckdb_views() WHERE view_name = 'order_placed'`);
      expect(view!.comment).toBe(HOSTILE_TEXT);
      const [deprecated] = await db.rows(`SELECT comment FROM duckdb_views() WHERE view_name = 'select_done'`);
      expect(deprecated!.comment).toBe(`${HOSTILE_TEXT} Deprecated. Deprecated: send order_placed instead.`);

      const ok = newId(), bad = newId();
      const properties = { select: '--', order: 1, default: 2.5, "it's": "a'b", 'say "hi"': 3, '*/': true, quoted_pattern: "a'\\" };
      await insert(db, [
        { event_id: ok, event_name: 'order_placed', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties },
        { event_id: bad, event_name: 'order_placed', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties: { ...properties, select: "it''s", quoted_pattern: 'b', 'new\nkey': 1 } },
      ]);
      expect(await db.rows(`SELECT "select", "order", "default", "it's", "say ""hi""", "*/", quoted_pattern FROM analytics.order_placed WHERE event_id = '${ok}'`))
        .toEqual([{ select: '--', order: '1', default: 2.5, "it's": "a'b", 'say "hi"': '3', '*/': true, quoted_pattern: "a'\\" }]);
      expect(await violations(db, `event_id = '${ok}'`)).toEqual([]);
      expect((await violations(db, `event_id = '${bad}'`)).map((v) => [v.rule, v.path, v.message])).toEqual([
        ['enum', 'properties.select', 'must be one of "it\'s", "--", "*/" or "$$", not "it\'\'s".'],
        ['pattern', 'properties.quoted_pattern', 'must match the pattern ^[a\'\\\\]+$, not "b".'],
        ['unknown-property', 'properties["new\\nkey"]', '`new\nkey` is not a property of `order_placed`.'],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('a property named like an envelope column or like another property', () => {
  it('gets no column of its own (the view cannot have two), and is still checked', async () => {
    // Iglu's schemas have `user_id` properties: an imported plan holds property-reserved in its baseline.
    const dir = project({
      'trackplan.config.yaml': 'rules:\n  property-reserved: off\n  property-name-case: off\n',
      'registry/events/agent_started.yaml': 'name: agent_started\ndescription: An agent started.\nowner: platform-team\nproperties:\n'
        + '  user_id: { type: integer, description: The agent\'s own user. }\n  Mode: { type: string, description: The mode. }\n  mode: { type: string, description: The mode again. }\n',
    });
    const { scripts } = await compileProject(dir);
    const db = await openDuckDB(':memory:');
    try {
      await db.run(scripts.duckdb);
      const columns = await db.rows(`SELECT column_name FROM duckdb_columns() WHERE schema_name = 'analytics' AND table_name = 'agent_started' ORDER BY column_index`);
      expect(columns.map((c) => c.column_name)).toEqual(['event_id', 'event_name', 'event_time', 'user_id', 'Mode']);
      const bad = newId();
      await insert(db, [{ event_id: bad, event_name: 'agent_started', event_time: '2026-03-03T00:00:00Z', user_id: 'u', properties: { user_id: 'not a number' } }]);
      expect((await violations(db, `event_id = '${bad}'`)).map((v) => [v.rule, v.path])).toEqual([['type', 'properties.user_id']]);
    } finally {
      db.close();
    }
  });
});
