// `trackplan warehouse load|check|sql` as processes, on real DuckDB files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../src/warehouse/duckdb.js';
import { cleanup, cli, event, project, ROOT } from '../helpers.js';

afterAll(cleanup);

const ok = (n: number, extra: Record<string, unknown> = {}): string => JSON.stringify({
  event_id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`, event_name: 'project_created', event_time: `2026-04-0${1 + (n % 9)}T10:00:00Z`, user_id: `user_${n % 3}`,
  properties: { project_id: '0f8fad5b-d9cb-469f-a165-70867728950e' }, ...extra,
});

const twoEvents = (): string => project({
  'registry/events/project_created.yaml': event('project_created', '  project_id: { type: string, format: uuid, required: true, description: The project. }\n'),
  'registry/events/project_deleted.yaml': event('project_deleted', '  project_id: { type: string, format: uuid, required: true, description: The project. }\n'),
});

const rows = async (db: string, sql: string): Promise<Array<Record<string, unknown>>> => {
  const w = await openDuckDB(db, { access_mode: 'READ_ONLY' });
  try { return await w.rows(sql); } finally { w.close(); }
};

describe('trackplan warehouse load', () => {
  it('creates the warehouse, appends events, and tells each line it could not load with its number', async () => {
    const dir = twoEvents();
    fs.writeFileSync(path.join(dir, 'a.ndjson'), `${ok(1)}\n{"event_id": "cut\n${ok(2)}\r\n[1,2]\n\n${ok(3, { extra: true })}\n${ok(4, { event_time: '2026-04-01 10:00' })}\n${ok(5, { event_id: 5 })}\n${ok(6)}`);
    const r = cli(['warehouse', 'load', '--db', 'w.duckdb', 'a.ndjson'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      '',
      'a.ndjson',
      '       2  not loaded  The line is not valid JSON.',
      '       4  not loaded  The line must be a JSON object (an event), not [1,2].',
      '       5  not loaded  The line is empty: every line must hold one event.',
      '       6  not loaded  `extra` is not a property of the event envelope (event_id, event_name, event_time, user_id, properties).',
      '       7  not loaded  `event_time` must be an RFC 3339 date-time with a time zone, such as 2026-01-31T09:30:00Z, not "2026-04-01 10:00".',
      '       8  not loaded  `event_id` must be a string, not an integer (5).',
      '',
      'Created the warehouse (schema analytics) in w.duckdb. 3 events loaded into analytics.events of w.duckdb; 6 lines not loaded. Run `trackplan warehouse check --db w.duckdb` for what breaks the plan.',
      '',
    ].join('\n'));
    expect(await rows(path.join(dir, 'w.duckdb'), 'SELECT user_id FROM analytics.events ORDER BY event_id')).toEqual([{ user_id: 'user_1' }, { user_id: 'user_2' }, { user_id: 'user_0' }]);
  });

  it('reads a line alike whether or not it is in the usual form (fields in order, plain strings, a UTC time)', async () => {
    const dir = twoEvents();
    const { properties, ...envelope } = JSON.parse(ok(2)) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'e.ndjson'), `${[
      ok(1),
      JSON.stringify({ properties, ...envelope }),
      ok(3).replace('"user_0"', '"user_\\u0030"'),
      ok(4, { event_time: '2026-04-01t10:00:00.5+02:00' }),
      // Each of the usual shape, but not a time the table takes as it is: February 30, a leap second, hour 24 (DuckDB's cast reads it as the next day).
      ok(5, { event_time: '2026-02-30T10:00:00Z' }),
      ok(6, { event_time: '2026-12-31T23:59:60Z' }),
      ok(7, { event_time: '2026-04-01T24:00:00Z' }),
      ok(8, { event_name: null }),
      ok(9),
    ].join('\n')}\n`);
    const r = cli(['warehouse', 'load', '--db', 'w.duckdb', 'e.ndjson', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ loaded: 5, lines: 9, not_loaded: [
      { line: 5, message: '`event_time` must be an RFC 3339 date-time with a time zone, such as 2026-01-31T09:30:00Z, not "2026-02-30T10:00:00Z".' },
      { line: 6, message: '`event_time` is a date-time the table cannot hold (a leap second, or a year beyond its range): "2026-12-31T23:59:60Z".' },
      { line: 7, message: '`event_time` must be an RFC 3339 date-time with a time zone, such as 2026-01-31T09:30:00Z, not "2026-04-01T24:00:00Z".' },
      { line: 8, message: '`event_name` must be a string, not null.' },
    ] });
    expect(await rows(path.join(dir, 'w.duckdb'), 'SELECT user_id, CAST(event_time AS VARCHAR) AS t, CAST(properties AS VARCHAR) AS p FROM analytics.events ORDER BY event_id')).toEqual([
      { user_id: 'user_1', t: '2026-04-02 10:00:00+00' },
      { user_id: 'user_2', t: '2026-04-03 10:00:00+00' },
      { user_id: 'user_0', t: '2026-04-04 10:00:00+00' },
      { user_id: 'user_1', t: '2026-04-01 08:00:00.5+00' },
      { user_id: 'user_0', t: '2026-04-01 10:00:00+00' },
    ].map((e) => ({ ...e, p: '{"project_id":"0f8fad5b-d9cb-469f-a165-70867728950e"}' })));
    // In the file's order, though the first and last lines are read another way than the rest.
    expect(await rows(path.join(dir, 'w.duckdb'), 'SELECT right(event_id, 1) AS n FROM analytics.events ORDER BY rowid')).toEqual(['1', '2', '3', '4', '9'].map((n) => ({ n })));
  });

  it('reads gzip and standard input as validate does; loading the same events again adds nothing, and says so', async () => {
    const dir = twoEvents();
    const lines = `${[1, 2, 3].map((n) => ok(n)).join('\n')}\n`;
    fs.writeFileSync(path.join(dir, 'b.ndjson.gz'), zlib.gzipSync(lines));
    expect(cli(['warehouse', 'load', '--db', 'w.duckdb', 'b.ndjson.gz'], dir).code).toBe(0);
    const again = cli(['warehouse', 'load', '--db', 'w.duckdb', '-'], dir, `${lines}${ok(4)}\n`);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('1 event loaded into analytics.events of w.duckdb; 3 lines already there skipped (the same event, loaded before). Run `trackplan warehouse check --db w.duckdb` for what breaks the plan.\n');
    // Another event under an id already there is kept: check reports the repeat.
    expect(cli(['warehouse', 'load', '--db', 'w.duckdb', '-', '--format', 'json'], dir, `${ok(1, { user_id: 'someone else' })}\n`).stdout)
      .toBe('{"loaded":1,"skipped":0,"lines":1,"not_loaded":[],"schema":"current"}\n');
    const check = cli(['warehouse', 'check', '--db', 'w.duckdb', '--format', 'json'], dir);
    expect(check.code).toBe(1);
    const id = '00000000-0000-4000-8000-000000000001';
    const repeat = { event_id: id, event_name: 'project_created', rule: 'repeated-id', path: 'event_id', message: 'The event_id appears 2 times: events are recorded once, each with its own id.' };
    expect(JSON.parse(check.stdout)).toEqual({ violations: [repeat, repeat], count: 2 });
  });

  it('reads a plain file (DuckDB reads it itself) as it reads the same bytes gzipped, from standard input, or under a name like a glob', () => {
    const dir = twoEvents();
    // A BOM, CRLF, empty and blank lines, a lone CR at the end with no LF.
    const text = `\uFEFF${ok(1)}\r\n\n  \n[1]\n${ok(2, { colour: 1 })}\r\n${ok(3)}\n\r`;
    fs.writeFileSync(path.join(dir, 'p.ndjson'), text);
    fs.writeFileSync(path.join(dir, 'p[1].ndjson'), text);
    fs.writeFileSync(path.join(dir, 'p.ndjson.gz'), zlib.gzipSync(text));
    const report = (args: string[], input?: string): unknown => {
      const r = cli(['warehouse', 'load', '--db', `${args[0]}.duckdb`, '--format', 'json', ...args], dir, input);
      const out = JSON.parse(r.stdout) as { not_loaded: Array<{ file: string }> };
      return [r.code, { ...out, schema: undefined, not_loaded: out.not_loaded.map((b) => ({ ...b, file: undefined })) }];
    };
    const plain = report(['p.ndjson']);
    expect(plain).toEqual([1, expect.objectContaining({ loaded: 2, lines: 7 })]);
    expect(report(['p.ndjson.gz'])).toEqual(plain);
    expect(report(['-'], text)).toEqual(plain);
    expect(report(['p[1].ndjson'])).toEqual(plain);
    // Bytes that are not UTF-8: DuckDB does not read them as text; they are read as validate reads them.
    fs.writeFileSync(path.join(dir, 'u.ndjson'), Buffer.concat([Buffer.from(`${ok(1)}\n`), Buffer.from([0xff, 0xfe, 0x0a])]));
    const u = cli(['warehouse', 'load', '--db', 'u.duckdb', '--format', 'json', 'u.ndjson'], dir);
    expect(JSON.parse(u.stdout)).toEqual({ loaded: 1, skipped: 0, lines: 2, not_loaded: [{ file: 'u.ndjson', line: 2, message: 'The line is not valid JSON.' }], schema: 'created' });
  });

  it('exits 2 on usage errors, loading nothing', () => {
    const dir = twoEvents();
    expect(cli(['warehouse', 'load', 'a.ndjson'], dir).stderr).toContain("required option '--db <file>' not specified");
    const missing = cli(['warehouse', 'load', '--db', 'w.duckdb', 'nope.ndjson'], dir);
    expect([missing.code, missing.stderr]).toEqual([2, 'trackplan: cannot read nope.ndjson: no such file.\n']);
    expect(fs.existsSync(path.join(dir, 'w.duckdb'))).toBe(false);
    fs.writeFileSync(path.join(dir, 'bad.gz'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    const gz = cli(['warehouse', 'load', '--db', 'w.duckdb', 'bad.gz'], dir);
    expect(gz.code).toBe(2);
    expect(gz.stderr).toMatch(/^trackplan: cannot read the input: it is not valid gzip data .*; nothing was loaded\.\n$/);
  });
});

describe('trackplan warehouse check', () => {
  it('exits 0 with nothing to say, 1 listing each violation', () => {
    const dir = twoEvents();
    expect(cli(['warehouse', 'load', '--db', 'w.duckdb', '-'], dir, `${ok(1)}\n`).code).toBe(0);
    const clean = cli(['warehouse', 'check', '--db', 'w.duckdb'], dir);
    expect([clean.code, clean.stdout]).toEqual([0, '✔ 1 event in analytics.events: no violation\n']);
    expect(cli(['warehouse', 'load', '--db', 'w.duckdb', '-'], dir, `${ok(2, { event_name: 'project_deleted', properties: { project_id: 'p1', colour: 'red' } })}\n`).code).toBe(0);
    const r = cli(['warehouse', 'check', '--db', 'w.duckdb'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      '  00000000-0000-4000-8000-000000000002  unknown-property  project_deleted properties.colour: `colour` is not a property of `project_deleted`.',
      '  00000000-0000-4000-8000-000000000002  format            project_deleted properties.project_id: must be a UUID, such as 0f8fad5b-d9cb-469f-a165-70867728950e, not "p1".',
      '',
      '✖ 2 events in analytics.events: 2 violations in 1 event',
      '',
    ].join('\n'));
  });

  it('exits 2 for a missing database, one without the schema, and one made by another version of the plan', async () => {
    const dir = twoEvents();
    const none = cli(['warehouse', 'check', '--db', 'w.duckdb'], dir);
    expect([none.code, none.stderr]).toEqual([2, 'trackplan: there is no database w.duckdb: make one with `trackplan warehouse load --db w.duckdb <ndjson...>`.\n']);
    const empty = await openDuckDB(path.join(dir, 'empty.duckdb'));
    await empty.run('CREATE TABLE t (x INTEGER)');
    empty.close();
    const other = cli(['warehouse', 'check', '--db', 'empty.duckdb'], dir);
    expect([other.code, other.stderr]).toEqual([2, 'trackplan: empty.duckdb holds no trackplan warehouse in the schema analytics: load events with `trackplan warehouse load --db empty.duckdb` first.\n']);
    expect(cli(['warehouse', 'load', '--db', 'w.duckdb', '-'], dir, `${ok(1)}\n`).code).toBe(0);
    // The plan changes: project_created gets a property.
    const file = path.join(dir, 'registry/events/project_created.yaml');
    fs.appendFileSync(file, '  template: { type: string, description: The template. }\n');
    const stale = cli(['warehouse', 'check', '--db', 'w.duckdb'], dir);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/^trackplan: w\.duckdb was made by another version of the plan \(its views: [0-9a-f]{16}; the registry now gives [0-9a-f]{16}\), so its checks are not the registry's\. Bring its views up to date with `trackplan warehouse load --db w\.duckdb` \(no file needed; the raw rows stay as they are\), then check again\.\n$/);
    const update = cli(['warehouse', 'load', '--db', 'w.duckdb'], dir);
    expect(update.code).toBe(0);
    expect(update.stderr).toBe('trackplan: the views of w.duckdb were made from another version of the plan: they now follow the current one (the raw rows are unchanged).\n');
    expect(cli(['warehouse', 'check', '--db', 'w.duckdb'], dir).code).toBe(0);
    expect(await rows(path.join(dir, 'w.duckdb'), 'SELECT count(*)::INTEGER AS n, count(template)::INTEGER AS t FROM analytics.project_created')).toEqual([{ n: 1, t: 0 }]);
  });
});

describe('trackplan warehouse sql', () => {
  it('prints the script of each engine, as build writes it', () => {
    for (const d of ['duckdb', 'postgres', 'bigquery', 'snowflake']) {
      const r = cli(['warehouse', 'sql', '--dialect', d, '--no-cache'], ROOT);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(fs.readFileSync(path.join(ROOT, `generated/sql/${d}/warehouse.sql`), 'utf8'));
    }
    expect(cli(['warehouse', 'sql', '--dialect', 'mysql'], ROOT).code).toBe(2);
  });
});
