// The README's warehouse examples, run as written: loading NDJSON with each engine's COPY, a
// typed view, daily active users and a two-step funnel over the bundled registry's events, on
// DuckDB and on PostgreSQL, with the answers worked out by hand.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/warehouse/duckdb.js';
import { cleanup, ROOT, tempDir } from '../helpers.js';
import { postgresBin, startPostgres } from './postgres.js';
import { compileProject, newId, validEvents } from './support.js';

afterAll(cleanup);

/** The SQL block that follows `<!-- warehouse-example: name -->` in the README. */
function example(name: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- warehouse-example: ${name} -->\\n\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`no example ${name} in the README`);
  return m[1]!;
}

/** A week of a small product: who signed up, created projects, logged in, and when. */
async function events(): Promise<string> {
  const { schemas } = await compileProject(ROOT);
  const valid = new Map(validEvents(schemas).map((e) => [e.event_name, e.properties]));
  const at = (day: number, hour = 10): string => `2026-05-0${day}T${String(hour).padStart(2, '0')}:00:00Z`;
  const e = (name: string, user: string, time: string, properties: unknown = valid.get(name)): string => JSON.stringify({ event_id: newId(), event_name: name, event_time: time, user_id: user, properties });
  const created = (user: string, time: string, template: string, isPrivate: boolean): string => e('project_created', user, time, { ...(valid.get('project_created') as object), template, is_private: isPrivate });
  return `${[
    e('user_signed_up', 'ada', at(1)), created('ada', at(3), 'kanban', true),           // signed up, created within 7 days
    e('user_signed_up', 'bob', at(1, 23)), e('login_succeeded', 'bob', at(2)),          // signed up, created after 7 days
    e('user_signed_up', 'cy', at(2)), e('login_succeeded', 'cy', at(2, 11)),            // signed up, never created
    created('dee', at(2), 'blank', false), created('dee', at(3), 'kanban', false),       // created without signing up here
    created('bob', '2026-05-09T00:00:00Z', 'scrum', true),
  ].join('\n')}\n`;
}

const DAU = [['2026-05-01', 2], ['2026-05-02', 3], ['2026-05-03', 2], ['2026-05-09', 1]];

describe('the README warehouse examples', () => {
  it('run on DuckDB', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'events.ndjson'), await events());
    const { scripts } = await compileProject(ROOT);
    const db = await openDuckDB(':memory:');
    try {
      await db.run(scripts.duckdb);
      await db.run(example('copy-duckdb').replace("'events.ndjson'", `'${path.join(dir, 'events.ndjson')}'`));
      expect(await db.rows('SELECT count(*)::INTEGER AS n FROM analytics.events')).toEqual([{ n: 9 }]);
      expect(await db.rows('SELECT rule FROM analytics.event_violations')).toEqual([]);
      expect(await db.rows(example('typed-view'))).toEqual([
        { template: 'kanban', projects: '2', private_projects: '1' }, { template: 'blank', projects: '1', private_projects: '0' }, { template: 'scrum', projects: '1', private_projects: '1' },
      ]);
      expect((await db.rows(example('dau'))).map((r) => [r.day, Number(r.active_users)])).toEqual(DAU);
      expect(await db.rows(example('funnel'))).toEqual([{ signed_up: '3', created_a_project_within_7_days: '1' }]);
    } finally {
      db.close();
    }
  });

  it.skipIf(!postgresBin() && !process.env.CI)('run on PostgreSQL', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'events.ndjson');
    fs.writeFileSync(file, await events());
    fs.chmodSync(dir, 0o755);
    const { scripts } = await compileProject(ROOT);
    const pg = startPostgres();
    try {
      pg.run(scripts.postgres);
      const copy = pg.psql(example('copy-postgres').replace("'events.ndjson'", `'${file}'`));
      expect(copy.code, copy.stderr).toBe(0);
      expect(pg.rows('SELECT count(*)::int AS n FROM analytics.events')).toEqual([{ n: 9 }]);
      expect(pg.rows('SELECT rule FROM analytics.event_violations')).toEqual([]);
      expect(pg.rows(example('typed-view'))).toEqual([
        { template: 'kanban', projects: 2, private_projects: 1 }, { template: 'blank', projects: 1, private_projects: 0 }, { template: 'scrum', projects: 1, private_projects: 1 },
      ]);
      expect(pg.rows(example('dau')).map((r) => [r.day, Number(r.active_users)])).toEqual(DAU);
      expect(pg.rows(example('funnel'))).toEqual([{ signed_up: 3, created_a_project_within_7_days: 1 }]);
    } finally {
      pg.stop();
    }
  });
});
