// `trackplan warehouse load`: NDJSON into the raw table of a DuckDB database. Lines are read as
// validate reads them (files, gzip, standard input) and handed to DuckDB as text with their
// line numbers; DuckDB parses them (in parallel) and keeps each line whose envelope fits the
// table's columns. A line that does not (not JSON, not an object, an envelope field of the
// wrong type, an event_time that is no RFC 3339 date-time, a field the envelope does not
// have) is told with its line number and not loaded: the table would have to change it to
// hold it. Everything else is kept as sent, for event_violations to judge. Rows are only ever
// added; a line equal in every column to a row already in the table is not added again, so
// loading a file twice loads it once (and says how many it skipped).
import { dialect } from '../compile/sql/dialects.js';
import { formatCheck } from '../compile/sql/formats.js';
import { ENVELOPE } from '../compile/sql/warehouse.js';
import { FORMATS } from '../validate/messages.js';
import { bytesOf, type Input } from '../validate/run.js';
import type { Warehouse } from './duckdb.js';

export interface BadLine { file: string; line: number; message: string }

export interface LoadResult {
  /** Lines read, in all. */
  lines: number;
  loaded: number;
  /** Lines equal to a row already in the table. */
  skipped: number;
  bad: BadLine[];
}

const STAGING = 'trackplan_staging';
const PARSED = 'trackplan_parsed';

/** Appends each line of each input to the staging table, with its input and line number. */
async function stage(db: Warehouse, inputs: readonly Input[], onRead?: (bytes: number) => void): Promise<number> {
  const appender = await db.connection.createAppender(STAGING, 'main', 'temp');
  let lines = 0;
  let read = 0;
  try {
    for (const [index, input] of inputs.entries()) {
      let rest: Buffer = Buffer.alloc(0);
      let line = 0;
      let first = true;
      const add = (bytes: Buffer, from: number, to: number): void => {
        let start = from;
        if (first) { first = false; if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3; }
        const end = to > start && bytes[to - 1] === 13 ? to - 1 : to;
        appender.appendInteger(index);
        appender.appendInteger(++line);
        appender.appendVarchar(bytes.toString('utf8', start, end));
        appender.endRow();
        lines++;
      };
      for await (const chunk of bytesOf(input, (n) => { read += n; onRead?.(read); })) {
        const bytes = rest.length ? Buffer.concat([rest, chunk]) : chunk;
        let start = 0;
        for (let nl = bytes.indexOf(10, start); nl >= 0; start = nl + 1, nl = bytes.indexOf(10, start)) add(bytes, start, nl);
        rest = Buffer.from(bytes.subarray(start));
      }
      if (rest.length) add(rest, 0, rest.length);
    }
  } finally {
    appender.closeSync();
  }
  return lines;
}

const str = (s: string): string => dialect('duckdb').string(s);

/**
 * Each staged line as the row it becomes, or what keeps it out (`problem`). One parse of the
 * line (its top level as a MAP of JSON values); the envelope's fields then read from it.
 */
function parseSql(): string {
  const d = dialect('duckdb');
  const fields = ENVELOPE.map((f) => f.name);
  const type = (f: string): string => `json_type(m[${str(f)}])`;
  const kind = (f: string): string => d.kindFrom(type(f), `m[${str(f)}]`);
  const shown = (v: string): string => `CASE WHEN length(CAST(${v} AS VARCHAR)) > 60 THEN left(CAST(${v} AS VARCHAR), 57) || '...' ELSE CAST(${v} AS VARCHAR) END`;
  const article = (k: string): string => `CASE ${k} WHEN 'integer' THEN 'an integer' WHEN 'array' THEN 'an array' WHEN 'object' THEN 'an object' WHEN 'null' THEN 'null' ELSE 'a ' || ${k} END`;
  const present = (f: string): string => `list_contains(map_keys(m), ${str(f)})`;
  const time = `json_extract_string(m['event_time'], '$')`;
  // ajv-formats takes a `t` or any white space between the date and the time; DuckDB's cast, a `T` or a space.
  const timestamp = `TRY_CAST(upper(substr(${time}, 1, 10) || 'T' || substr(${time}, 12)) AS TIMESTAMPTZ)`;
  // A JSON null comes out of the map as SQL NULL.
  const notString = (f: string): string => `WHEN ${present(f)} AND m[${str(f)}] IS NULL THEN ${str(`\`${f}\` must be a string, not null.`)}
      WHEN ${present(f)} AND ${type(f)} <> 'VARCHAR' THEN ${str(`\`${f}\` must be a string, not `)} || ${article(kind(f))} || ' (' || ${shown(`m[${str(f)}]`)} || ').'`;
  const problem = `CASE
      WHEN trim(text, ' ' || chr(9) || chr(13)) = '' THEN 'The line is empty: every line must hold one event.'
      WHEN j IS NULL THEN 'The line is not valid JSON.'
      WHEN m IS NULL THEN 'The line must be a JSON object (an event), not ' || ${shown('j')} || '.'
      WHEN len(list_filter(map_keys(m), k -> k NOT IN (${fields.map(str).join(', ')}))) > 0
        THEN '\`' || list_filter(map_keys(m), k -> k NOT IN (${fields.map(str).join(', ')}))[1] || '\` is not a property of the event envelope (${fields.join(', ')}).'
      WHEN len(map_keys(m)) <> len(list_distinct(map_keys(m))) THEN 'A field of the envelope is written twice.'
      ${['event_id', 'event_name', 'event_time', 'user_id'].map(notString).join('\n      ')}
      WHEN ${present('event_time')} AND NOT ${formatCheck(d, time, 'date-time')!} THEN ${str(`\`event_time\` must be ${FORMATS['date-time']}, not `)} || ${shown("m['event_time']")} || '.'
      WHEN ${present('event_time')} AND ${timestamp} IS NULL THEN ${str('`event_time` is a date-time the table cannot hold (a leap second, or a year beyond its range): ')} || ${shown("m['event_time']")} || '.'
    END`;
  // JSON null in `properties` comes out of the map as SQL NULL: kept as JSON null, which is not the same as absent.
  const properties = `CASE WHEN ${present('properties')} THEN COALESCE(m['properties'], CAST('null' AS JSON)) END`;
  return `CREATE TEMP TABLE ${PARSED} AS
    SELECT file, line, problem,
      CASE WHEN problem IS NULL THEN json_extract_string(m['event_id'], '$') END AS event_id,
      CASE WHEN problem IS NULL THEN json_extract_string(m['event_name'], '$') END AS event_name,
      CASE WHEN problem IS NULL THEN ${timestamp} END AS event_time,
      CASE WHEN problem IS NULL THEN json_extract_string(m['user_id'], '$') END AS user_id,
      CASE WHEN problem IS NULL THEN ${properties} END AS properties
    FROM (SELECT *, ${problem} AS problem FROM (SELECT file, line, text, j, TRY_CAST(j AS MAP(VARCHAR, JSON)) AS m FROM (SELECT file, line, text, TRY_CAST(text AS JSON) AS j FROM ${STAGING})))`;
}

/**
 * Loads the inputs into `table` (qualified and quoted), which must exist. All or nothing: in
 * one transaction, so a failure leaves the table as it was.
 */
export async function loadInto(db: Warehouse, table: string, inputs: readonly Input[], onRead?: (bytes: number) => void): Promise<LoadResult> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${STAGING} (file INTEGER, line INTEGER, text VARCHAR)`);
  try {
    const lines = await stage(db, inputs, onRead);
    await db.run('BEGIN TRANSACTION');
    try {
      await db.run(parseSql());
      const [counts] = await db.rows(`SELECT count(*) FILTER (WHERE problem IS NULL)::BIGINT AS good FROM ${PARSED}`);
      // Equal in every column (NULL equal to NULL) to a row already there: the same event, loaded before.
      const [inserted] = await db.rows(`WITH added AS (INSERT INTO ${table} SELECT event_id, event_name, event_time, user_id, properties FROM ${PARSED} AS p
        WHERE problem IS NULL AND NOT EXISTS (SELECT 1 FROM ${table} AS e WHERE e.event_id IS NOT DISTINCT FROM p.event_id AND e.event_name IS NOT DISTINCT FROM p.event_name
          AND e.event_time IS NOT DISTINCT FROM p.event_time AND e.user_id IS NOT DISTINCT FROM p.user_id AND CAST(e.properties AS VARCHAR) IS NOT DISTINCT FROM CAST(p.properties AS VARCHAR))
        RETURNING 1) SELECT count(*)::BIGINT AS n FROM added`).catch(async () => {
        // Older DuckDB: no INSERT in a WITH; count by difference instead.
        const [before] = await db.rows(`SELECT count(*)::BIGINT AS n FROM ${table}`);
        await db.run(`INSERT INTO ${table} SELECT event_id, event_name, event_time, user_id, properties FROM ${PARSED} AS p
          WHERE problem IS NULL AND NOT EXISTS (SELECT 1 FROM ${table} AS e WHERE e.event_id IS NOT DISTINCT FROM p.event_id AND e.event_name IS NOT DISTINCT FROM p.event_name
            AND e.event_time IS NOT DISTINCT FROM p.event_time AND e.user_id IS NOT DISTINCT FROM p.user_id AND CAST(e.properties AS VARCHAR) IS NOT DISTINCT FROM CAST(p.properties AS VARCHAR))`);
        const [after] = await db.rows(`SELECT count(*)::BIGINT AS n FROM ${table}`);
        return [{ n: Number(after!.n) - Number(before!.n) }];
      });
      const bad = (await db.rows(`SELECT file, line, problem FROM ${PARSED} WHERE problem IS NOT NULL ORDER BY file, line`))
        .map((r) => ({ file: inputs[Number(r.file)]!.name, line: Number(r.line), message: r.problem as string }));
      await db.run('COMMIT');
      const loaded = Number(inserted!.n);
      return { lines, loaded, skipped: Number(counts!.good) - loaded, bad };
    } catch (e) {
      await db.run('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      await db.run(`DROP TABLE IF EXISTS ${PARSED}`).catch(() => {});
    }
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${STAGING}`).catch(() => {});
  }
}
