// warehouse load's two readers of a line agree: the usual line, which fastSql vouches for
// without the MAP, becomes the row parseSql makes of it, and every line fastSql cannot vouch
// for (ones that come close: a field after `properties`, a value DuckDB writes otherwise, a
// string with an escape) is left to parseSql.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB, type Warehouse } from '../../src/warehouse/duckdb.js';
import { PARSED, dropParsed, parse, parseSql } from '../../src/warehouse/load.js';

const head = '"event_id":"e1","event_name":"order_placed","event_time":"2026-03-01T10:00:00Z","user_id":"u1"';
const usual = (properties: string): string => `{${head},"properties":${properties}}`;

/** Lines fastSql reads itself. */
const FAST = [
  usual('{}'),
  usual('{"a":[1,2.5,-3],"b":{"c":null,"d":true},"e":"é😀 \\" \\\\ \\n \\u0001"}'),
  usual('null'),
  usual('"text"'),
  usual('12'),
  usual('{"a":1e-7,"b":9007199254740993,"c":100000000000000000000,"d":1E400}'),
  usual('{"a":1,"a":2}'),
  '{"event_id":"a\\"b","event_name":"x","event_time":"2026-03-01T10:00:00.123456Z","user_id":"\\\\","properties":{}}',
  '{"event_id":"","event_name":"","event_time":"2026-12-31T23:59:59Z","user_id":"","properties":[]}',
];

/** Lines parseSql is left with, loaded or not. */
const SLOW = [
  `{${head}, "properties":{}}`,
  usual('{"a" : 1}'),
  usual('{"a":1.0e5}'),
  usual('{"a":-0}'),
  usual('{"a":"\\u0041"}'),
  usual('{"a":"\\/"}'),
  usual('{},"extra":1'),
  usual('{},"event_id":"e2"'),
  usual('{},"properties":{"a":1}'),
  usual('{}}'),
  usual('{},'),
  `${usual('{}')}${usual('{}')}`,
  `${usual('{}')} `,
  `{${head}}`,
  `{${head.replace('"user_id":"u1"', '"user_id":null')},"properties":{}}`,
  `{${head.replace('"user_id":"u1"', '"user_id":7')},"properties":{}}`,
  `{${head.replace('"e1"', '"e\\u0031"')},"properties":{}}`,
  `{${head.replace('"e1"', '"e\t1"')},"properties":{}}`,
  `{${head.replace('10:00:00Z', '10:00:00+02:00')},"properties":{}}`,
  `{${head.replace('T10', 't10')},"properties":{}}`,
  `{${head.replace('03-01', '02-30')},"properties":{}}`,
  `{${head.replace('10:00:00', '23:59:60')},"properties":{}}`,
  `{${head.replace('10:00:00', '24:00:00')},"properties":{}}`,
  `{"properties":{},${head}}`,
  '{"event_id":"e1","event_name":"x","event_time":"2026-03-01T10:00:00Z","properties":{},"user_id":"u1"}',
  '{}',
  '[1]',
  '"s"',
  'null',
  '',
  '   ',
  `{${head},"properties":{"a":1`,
];

describe('warehouse load: the usual line read without the MAP', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await openDuckDB(':memory:');
    const lines = [...FAST, ...SLOW];
    await db.run(`CREATE TEMP TABLE lines AS SELECT 0 AS file, i::INTEGER AS line, l[i] AS text FROM (SELECT ${listOf(lines)} AS l), range(1, ${lines.length + 1}) AS r(i)`);
  });
  afterAll(() => db.close());

  it('gives each line the row, or the problem, parseSql gives it, and leaves to parseSql every line it cannot vouch for', async () => {
    const row = 'file, line, problem, event_id, event_name, CAST(event_time AS VARCHAR) AS event_time, user_id, CAST(properties AS VARCHAR) AS properties';
    const alone = await db.rows(`SELECT ${row} FROM (${parseSql('SELECT * FROM lines')}) ORDER BY line`);
    await parse(db, 'SELECT * FROM lines');
    try {
      expect(await db.rows(`SELECT ${row} FROM ${PARSED} ORDER BY line`)).toEqual(alone);
      const read = await db.rows('SELECT line FROM trackplan_fast WHERE text IS NULL ORDER BY line');
      expect(read.map((r) => r.line)).toEqual(FAST.map((_, i) => i + 1));
    } finally {
      await dropParsed(db);
    }
    // Each kind of line is there: loaded by both readers, and not loaded.
    expect(alone.filter((r) => r.problem === null).length).toBeGreaterThan(FAST.length);
    expect(alone.filter((r) => r.problem !== null).length).toBeGreaterThan(10);
  });
});

function listOf(lines: readonly string[]): string {
  return `[${lines.map((l) => `'${l.replaceAll("'", "''")}'`).join(', ')}]`;
}
