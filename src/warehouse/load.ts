// `trackplan warehouse load`: NDJSON into the raw table of a DuckDB database. Lines are read as
// validate reads them (files, gzip, standard input) and handed to DuckDB as text with their
// line numbers (a plain file DuckDB reads itself, see native); DuckDB parses them (in
// parallel) and keeps each line whose envelope fits the table's columns. A line that does not
// (not JSON, not an object, an envelope field of the wrong type, an event_time that is no RFC
// 3339 date-time, a field the envelope does not have) is told with its line number and not
// loaded: the table would have to change it to hold it. Everything else is kept as sent, for event_violations to judge. Rows are only ever
// added; a line equal in every column to a row already in the table is not added again, so
// loading a file twice loads it once (and says how many it skipped). A line with no event_id is
// always added: nothing tells it from another, and event_violations reports it anyway.
import fs from 'node:fs';
import { dialect } from '../compile/sql/dialects.js';
import { formatCheck } from '../compile/sql/formats.js';
import { ENVELOPE } from '../compile/sql/warehouse.js';
import { FORMATS } from '../validate/messages.js';
import { bytesOf, isGzip, type Input } from '../validate/run.js';
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
export const PARSED = 'trackplan_parsed';
const FAST = 'trackplan_fast';
const SLOW = 'trackplan_slow';

/**
 * Appends each line of the inputs (by their index in `inputs`) to the staging table, with its
 * input and line number.
 */
async function stage(db: Warehouse, inputs: readonly Input[], indexes: readonly number[], onRead?: (bytes: number) => void): Promise<void> {
  const appender = await db.connection.createAppender(STAGING, 'main', 'temp');
  let read = 0;
  try {
    for (const index of indexes) {
      const input = inputs[index]!;
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
}

// DuckDB takes the file's name as a glob pattern.
const GLOB = /[*?[\]{}]/;
/** Above this, a file's text is too much to hold as one value (DuckDB's limit is 4 GiB). */
const NATIVE_MAX = 1 << 30;

/**
 * The lines of a plain file as DuckDB reads them itself (file, line, text), as `stage` gives
 * them: a UTF-8 BOM dropped, split at LF, a CR before it dropped, no line after a last LF. Not
 * handing each line over from JS, nor keeping it in a table, takes a third off the CPU time of
 * a load (0.7 s for 100,000 lines, not 1.1). Undefined for what only validate's reader reads:
 * standard input, pipes, gzip, a file too large or named like a glob.
 */
function native(input: Input, index: number): string | undefined {
  if (input.path === undefined || (input.size ?? Infinity) > NATIVE_MAX || GLOB.test(input.path)) return undefined;
  const head = Buffer.alloc(2);
  let fd: number | undefined;
  try {
    fd = fs.openSync(input.path, 'r');
    if (isGzip(head.subarray(0, fs.readSync(fd, head, 0, 2, 0)))) return undefined;
  } catch {
    return undefined; // validate's reader tells why
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  // The BOM dropped before the split, the CR after it (from lines that end with one).
  return `SELECT ${index} AS file, line, CASE WHEN ends_with(text, chr(13)) THEN substr(text, 1, length(text) - 1) ELSE text END AS text
    FROM (SELECT generate_subscripts(l, 1) AS line, unnest(l) AS text, len(l) AS n FROM (SELECT string_split(CASE WHEN starts_with(content, chr(65279)) THEN substr(content, 2) ELSE content END, chr(10)) AS l FROM read_text(${str(input.path)})))
    WHERE line < n OR text <> ''`;
}

const str = (s: string): string => dialect('duckdb').string(s);

// Values come out of DuckDB's JSON functions minified: a string's text starts with its quote,
// and one with no backslash is the text between its quotes (no second parse).
const textOf = (x: string): string => `CASE WHEN contains(${x}, '\\') THEN json_extract_string(${x}, '$') ELSE array_slice(CAST(${x} AS VARCHAR), 2, -2) END`;
// ajv-formats takes a `t` or any white space between the date and the time; DuckDB's cast, a `T` or a space.
const timestampOf = (t: string): string => `TRY_CAST(upper(substr(${t}, 1, 10) || 'T' || substr(${t}, 12)) AS TIMESTAMPTZ)`;
/** A date-time in the usual form, in range, so only the day of the month is left to the cast. */
const usualTime = (t: string): string => `regexp_full_match(${t}, '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?Z')`;
const FIELDS: readonly string[] = ENVELOPE.map((f) => f.name);
const STRINGS = ['event_id', 'event_name', 'event_time', 'user_id'];

/**
 * Each line (of `source`) as the row it becomes when it is the usual line (`text` NULL), else
 * with its `text` for parseSql. The usual line is vouched for with one parse and no MAP: its
 * five fields read by path (minified, as the map gives them) and written back together; when
 * that gives the line back byte for byte, the line is an object of exactly the envelope's fields
 * in its order (each value is whole JSON, so nothing else fits between them), and only their
 * types and the time are left to test. 200,000 lines in 0.5 s of CPU, not 1.3 s.
 */
function fastSql(source: string): string {
  const x = (f: string): string => `x[${FIELDS.indexOf(f) + 1}]`;
  const paths = `[${FIELDS.map((f) => str(`$.${f}`)).join(', ')}]`;
  const rebuilt = `'{' || ${FIELDS.map((f) => `${str(`${JSON.stringify(f)}:`)} || ${x(f)}`).join(` || ',' || `)} || '}'`;
  const ok = `text = ${rebuilt} AND ${STRINGS.map((f) => `starts_with(${x(f)}, '"')`).join(' AND ')} AND ${usualTime('t')} AND ts IS NOT NULL`;
  // TRY for a line that is not JSON; the test before it keeps most such lines (cut short) from
  // TRY, which on an error evaluates the rest of its vector again row by row.
  const read = `CASE WHEN starts_with(text, '{') AND ends_with(text, '}') THEN TRY(json_extract(text, ${paths})) END`;
  return `CREATE TEMP TABLE ${FAST} AS
    SELECT file, line,
      CASE WHEN ok THEN ${textOf(x('event_id'))} END AS event_id,
      CASE WHEN ok THEN ${textOf(x('event_name'))} END AS event_name,
      CASE WHEN ok THEN ts END AS event_time,
      CASE WHEN ok THEN ${textOf(x('user_id'))} END AS user_id,
      CASE WHEN ok THEN ${x('properties')} END AS properties,
      CASE WHEN NOT ok THEN text END AS text
    FROM (SELECT *, COALESCE(${ok}, false) AS ok FROM (SELECT *, ${timestampOf('t')} AS ts FROM (SELECT *, CASE WHEN x IS NOT NULL THEN ${textOf(x('event_time'))} END AS t
      FROM (SELECT file, line, text, ${read} AS x FROM (${source})))))`;
}

/**
 * Each line of `source` as the row it becomes, or what keeps it out (`problem`). One parse of
 * the line (its top level as a MAP of JSON values); the envelope's fields then read from it.
 */
export function parseSql(source: string): string {
  const d = dialect('duckdb');
  // Each field read from the map once (a lookup scans its keys), into f_<name>.
  const v = (f: string): string => `f_${f}`;
  const shown = (x: string): string => `CASE WHEN length(CAST(${x} AS VARCHAR)) > 60 THEN left(CAST(${x} AS VARCHAR), 57) || '...' ELSE CAST(${x} AS VARCHAR) END`;
  const article = (k: string): string => `CASE ${k} WHEN 'integer' THEN 'an integer' WHEN 'array' THEN 'an array' WHEN 'object' THEN 'an object' WHEN 'null' THEN 'null' ELSE 'a ' || ${k} END`;
  const present = (f: string): string => `list_contains(keys, ${str(f)})`;
  const text = (f: string): string => textOf(v(f));
  const time = 't_event_time';
  // A JSON null comes out of the map as SQL NULL.
  const notString = (f: string): string => `WHEN ${v(f)} IS NULL AND ${present(f)} THEN ${str(`\`${f}\` must be a string, not null.`)}
      WHEN json_type(${v(f)}) <> 'VARCHAR' THEN ${str(`\`${f}\` must be a string, not `)} || ${article(d.kind(v(f)))} || ' (' || ${shown(v(f))} || ').'`;
  const envelope = `[${FIELDS.map(str).join(', ')}]`;
  // What nearly every line fastSql leaves is (written with spaces, say): the envelope's fields
  // in its order, strings, and a time in the usual form. Such a line has no problem, and skips the tests below.
  const usual = `ordered AND ${STRINGS.map((f) => `starts_with(${v(f)}, '"')`).join(' AND ')} AND ${usualTime(time)} AND ts IS NOT NULL`;
  const problem = `CASE
      WHEN ${usual} THEN NULL
      WHEN j IS NULL THEN CASE WHEN trim(text, ' ' || chr(9) || chr(13)) = '' THEN 'The line is empty: every line must hold one event.' ELSE 'The line is not valid JSON.' END
      WHEN m IS NULL THEN 'The line must be a JSON object (an event), not ' || ${shown('j')} || '.'
      WHEN NOT list_has_all(${envelope}, keys)
        THEN '\`' || list_filter(keys, k -> NOT list_contains(${envelope}, k))[1] || '\` is not a property of the event envelope (${FIELDS.join(', ')}).'
      WHEN len(keys) <> len(list_distinct(keys)) THEN 'A field of the envelope is written twice.'
      ${STRINGS.map(notString).join('\n      ')}
      WHEN ${v('event_time')} IS NOT NULL AND NOT ${formatCheck(d, time, 'date-time')!} THEN ${str(`\`event_time\` must be ${FORMATS['date-time']}, not `)} || ${shown(v('event_time'))} || '.'
      WHEN ${v('event_time')} IS NOT NULL AND ts IS NULL THEN ${str('`event_time` is a date-time the table cannot hold (a leap second, or a year beyond its range): ')} || ${shown(v('event_time'))} || '.'
    END`;
  // JSON null in \`properties\` comes out of the map as SQL NULL: kept as JSON null, which is not the same as absent.
  const properties = `CASE WHEN ${v('properties')} IS NOT NULL THEN ${v('properties')} WHEN ${present('properties')} THEN CAST('null' AS JSON) END`;
  // A field read from the map by name scans its keys: a line whose keys are the envelope's, in
  // its order, has its fields by place instead.
  const field = (f: string, i: number): string => `CASE WHEN ordered THEN vals[${i + 1}] ELSE m[${str(f)}] END AS ${v(f)}`;
  return `SELECT file, line, problem,
      CASE WHEN problem IS NULL THEN ${text('event_id')} END AS event_id,
      CASE WHEN problem IS NULL THEN ${text('event_name')} END AS event_name,
      CASE WHEN problem IS NULL THEN ts END AS event_time,
      CASE WHEN problem IS NULL THEN ${text('user_id')} END AS user_id,
      CASE WHEN problem IS NULL THEN ${properties} END AS properties
    FROM (SELECT *, ${problem} AS problem FROM (SELECT *, ${timestampOf(time)} AS ts FROM (SELECT *, ${text('event_time')} AS ${time}
      FROM (SELECT file, line, text, j, m, keys, ordered, ${FIELDS.map(field).join(', ')}
      FROM (SELECT *, keys = ${envelope} AS ordered FROM (SELECT file, line, text, j, m, map_keys(m) AS keys, map_values(m) AS vals
      FROM (SELECT file, line, text, j, TRY_CAST(j AS MAP(VARCHAR, JSON)) AS m FROM (SELECT file, line, text, TRY_CAST(text AS JSON) AS j FROM (${source})))))))))`;
}

/**
 * Makes the view PARSED: each line of `source` as parseSql gives it, the usual line read by
 * fastSql instead (in file order when only lines not loaded are left to parseSql, as usual).
 */
export async function parse(db: Warehouse, source: string): Promise<void> {
  await db.run(fastSql(source));
  await db.run(`CREATE TEMP TABLE ${SLOW} AS ${parseSql(`SELECT file, line, text FROM ${FAST} WHERE text IS NOT NULL`)}`);
  await db.run(`CREATE TEMP VIEW ${PARSED} AS SELECT file, line, NULL::VARCHAR AS problem, event_id, event_name, event_time, user_id, properties FROM ${FAST} WHERE text IS NULL
    UNION ALL SELECT * FROM ${SLOW}`);
}

export async function dropParsed(db: Warehouse): Promise<void> {
  await db.run(`DROP VIEW IF EXISTS ${PARSED}`).catch(() => {});
  for (const t of [SLOW, FAST]) await db.run(`DROP TABLE IF EXISTS ${t}`).catch(() => {});
}

/**
 * Loads the inputs into `table` (qualified and quoted), which must exist. All or nothing: in
 * one transaction, so a failure leaves the table as it was.
 */
export async function loadInto(db: Warehouse, table: string, inputs: readonly Input[], onRead?: (bytes: number) => void): Promise<LoadResult> {
  try {
    return await loadFrom(db, table, inputs, inputs.map(native), onRead);
  } catch (e) {
    // read_text takes only UTF-8; stage reads other bytes as validate does (as U+FFFD).
    if (!/valid UTF-8/.test((e as Error).message)) throw e;
    return loadFrom(db, table, inputs, inputs.map(() => undefined), onRead);
  }
}

/** loadInto, each input read by DuckDB from `sources` where given, else through stage. */
async function loadFrom(db: Warehouse, table: string, inputs: readonly Input[], sources: ReadonlyArray<string | undefined>, onRead?: (bytes: number) => void): Promise<LoadResult> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ${STAGING} (file INTEGER, line INTEGER, text VARCHAR)`);
  try {
    const staged = inputs.flatMap((_, i) => (sources[i] === undefined ? [i] : []));
    if (staged.length) await stage(db, inputs, staged, onRead);
    const source = [...(staged.length ? [`SELECT file, line, text FROM ${STAGING}`] : []), ...sources.filter((s) => s !== undefined)].join(' UNION ALL ');
    await db.run('BEGIN TRANSACTION');
    try {
      await parse(db, source || `SELECT file, line, text FROM ${STAGING}`);
      const [counts] = await db.rows(`SELECT (SELECT count(*) FROM ${FAST} WHERE text IS NULL)::BIGINT AS fast, (SELECT count(*) FROM ${SLOW} WHERE problem IS NULL)::BIGINT AS slow,
        (SELECT count(*) FROM ${FAST})::BIGINT AS lines`);
      const good = Number(counts!.fast) + Number(counts!.slow);
      // Equal in every column to a row already there: the same event, loaded before. (Joined on
      // the id, the rest compared where ids match; a table with no rows yet has nothing to skip.)
      const [any] = await db.rows(`SELECT EXISTS (SELECT 1 FROM ${table}) AS some`);
      const fresh = any!.some ? `AND NOT EXISTS (SELECT 1 FROM ${table} AS e WHERE e.event_id = p.event_id AND e.event_name IS NOT DISTINCT FROM p.event_name
          AND e.event_time IS NOT DISTINCT FROM p.event_time AND e.user_id IS NOT DISTINCT FROM p.user_id AND CAST(e.properties AS VARCHAR) IS NOT DISTINCT FROM CAST(p.properties AS VARCHAR))` : '';
      const [before] = await db.rows(`SELECT count(*)::BIGINT AS n FROM ${table}`);
      // PARSED has the lines parseSql loads after the others: put back in file order, when there are both.
      const order = Number(counts!.fast) && Number(counts!.slow) ? 'ORDER BY file, line' : '';
      // Dictionary compression suits few distinct values; trying it on every id and properties
      // took a sixth of the insert (0.5 s of 3 for 1,000,000 lines), for 2.5% of the file.
      await db.run(`SET disabled_compression_methods = 'dictionary'`);
      try {
        await db.run(`INSERT INTO ${table} SELECT event_id, event_name, event_time, user_id, properties FROM ${PARSED} AS p WHERE problem IS NULL ${fresh} ${order}`);
      } finally {
        await db.run('RESET disabled_compression_methods');
      }
      const [after] = await db.rows(`SELECT count(*)::BIGINT AS n FROM ${table}`);
      const loaded = Number(after!.n) - Number(before!.n);
      const bad = (await db.rows(`SELECT file, line, problem FROM ${PARSED} WHERE problem IS NOT NULL ORDER BY file, line`))
        .map((r) => ({ file: inputs[Number(r.file)]!.name, line: Number(r.line), message: r.problem as string }));
      await db.run('COMMIT');
      return { lines: Number(counts!.lines), loaded, skipped: good - loaded, bad };
    } catch (e) {
      await db.run('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      await dropParsed(db);
    }
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${STAGING}`).catch(() => {});
  }
}
