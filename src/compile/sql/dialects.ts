// What differs between the SQL engines trackplan writes for: how identifiers and text are
// quoted, the column types, and the JSON functions. Plain functions of strings, so any
// generator (the warehouse script, the dbt models) can share them. Every name and every text
// from the plan goes through `ident` or `string`: nothing in a definition can end a literal or
// a statement. Vendor documentation of each function used: docs/warehouse.md.
import type { PropertyType } from '../../model.js';

export const DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake'] as const;
export type DialectName = (typeof DIALECTS)[number];

/** A SQL expression, as text. */
export type Sql = string;

/**
 * What a JSON value is, as JSON Schema names it: `integer` for whole numbers (1.0 too), `number`
 * for the others; `infinite` for a number beyond a double (DuckDB reads 1e400 as one), which
 * is neither, as in JavaScript.
 */
export type JsonKind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'infinite';

/** How kindFrom writes each kind: by default its name as a string literal. */
export type KindLiterals = Record<JsonKind, Sql>;
export const KIND_NAMES: KindLiterals = { string: "'string'", integer: "'integer'", number: "'number'", boolean: "'boolean'", array: "'array'", object: "'object'", null: "'null'", infinite: "'infinite'" };

export interface Dialect {
  name: DialectName;
  /** A quoted identifier: `"name"` (BigQuery: `` `name` ``). */
  ident(name: string): Sql;
  /** A string literal holding exactly `text`. */
  string(text: string): Sql;
  /** The column type of a property of this type; untyped properties are JSON. */
  type(type: PropertyType | undefined): Sql;
  /** The JSON type of the raw table's `properties`: JSON, JSONB, JSON, VARIANT. */
  json: Sql;
  /** Timestamp with time zone. */
  timestamp: Sql;
  /** The text type. */
  text: Sql;
  /**
   * The member `key` of the JSON object `json` as this type: SQL NULL when it is absent, JSON
   * null or a value of another type (a typed view shows what fits; event_violations says what
   * does not).
   */
  member(json: Sql, key: string, type: PropertyType | undefined): Sql;
  /** The member `key` of the JSON object `json`, as JSON (SQL NULL when absent). */
  get(json: Sql, key: string): Sql;
  /** Which of JsonKind the JSON value `v` is (SQL NULL for SQL NULL). */
  kind(v: Sql): Sql;
  /** The engine's own name for the type of `v` (cheap), and JsonKind from it: kind(v) in two steps, to compute the first once. */
  typeOf(v: Sql): Sql;
  kindFrom(type: Sql, v: Sql, as?: KindLiterals): Sql;
  /** Whether the JSON value `v` is an object (DuckDB: without parsing it). */
  isObject(v: Sql): Sql;
  /** The string a JSON string holds, the number a JSON number holds (as a double), the boolean. */
  asString(v: Sql): Sql;
  asNumber(v: Sql): Sql;
  asBoolean(v: Sql): Sql;
  /** The JSON text of a value, for messages. */
  jsonText(v: Sql): Sql;
  /** A string as a JSON string literal (`"a b"`), for paths. */
  quoteJson(s: Sql): Sql;
  /** Characters (code points) in a string. */
  length(s: Sql): Sql;
  /** Items in a JSON array. */
  arrayLength(v: Sql): Sql;
  /** A number or boolean as text. */
  toText(n: Sql): Sql;
  /** Whether `s` holds a match of the regular expression (already in this engine's syntax). */
  matches(s: Sql, regex: RegexSql): Sql;
  /** Text concatenation of the parts. */
  concat(...parts: Sql[]): Sql;
  /** Characters `from` (1-based) on, `length` of them. */
  substring(s: Sql, from: Sql, length?: number): Sql;
  /** The remainder of integers. */
  mod(a: Sql, b: number): Sql;
  /** The text cast to an integer (called on digits; NULL where the engine can say so for others). */
  toInt(s: Sql): Sql;
}

/** A regular expression ready for one engine; `caseless` when the engine takes the flag apart. */
export interface RegexSql { source: string; caseless: boolean }

const doubleQuoted = (name: string): Sql => `"${name.replace(/"/g, '""')}"`;

/** Standard SQL text: quotes doubled, nothing else special (DuckDB; PostgreSQL with standard_conforming_strings). */
const standardString = (text: string): Sql => `'${text.replace(/'/g, "''")}'`;

/**
 * BigQuery and Snowflake read backslash escapes inside '...': backslash and quote are escaped,
 * and so are control characters (a raw newline is not allowed in a BigQuery '...' literal).
 */
const escapedString = (text: string): Sql => `'${text.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
  switch (c) {
    case '\\': return '\\\\';
    case "'": return "\\'";
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
})}'`;

/** `\u0000` cannot be in a PostgreSQL text; any other character can. */
const postgresString = (text: string): Sql => {
  if (text.includes('\u0000')) return `${standardString(text.replace(/\u0000/g, ''))} /* NUL removed */`;
  return standardString(text);
};

/** JSON Pointer of one member: `/a~1b` for `a/b`. */
const pointer = (key: string): string => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

const duckdb: Dialect = {
  name: 'duckdb',
  ident: doubleQuoted,
  string: standardString,
  json: 'JSON',
  timestamp: 'TIMESTAMPTZ',
  text: 'VARCHAR',
  type: (t) => ({ string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', array: 'JSON', object: 'JSON' } as const)[t ?? 'object'],
  member: (json, key, type) => typedValue(duckdb, duckdb.get(json, key), type),
  // A JSON pointer: a path would read `*` as a wildcard (so does a pointer: see the typed views).
  get: (json, key) => `json_extract(${json}, ${standardString(pointer(key))})`,
  kind: (v) => duckdb.kindFrom(`json_type(${v})`, v),
  typeOf: (v) => `json_type(${v})`,
  kindFrom: (t, v, k = KIND_NAMES) => `CASE ${t} WHEN 'VARCHAR' THEN ${k.string} WHEN 'BIGINT' THEN ${k.integer} WHEN 'UBIGINT' THEN ${k.integer}`
    + ` WHEN 'DOUBLE' THEN CASE WHEN NOT isfinite(CAST(${v} AS DOUBLE)) THEN ${k.infinite} WHEN CAST(${v} AS DOUBLE) = floor(CAST(${v} AS DOUBLE)) THEN ${k.integer} ELSE ${k.number} END`
    + ` WHEN 'BOOLEAN' THEN ${k.boolean} WHEN 'ARRAY' THEN ${k.array} WHEN 'OBJECT' THEN ${k.object} WHEN 'NULL' THEN ${k.null} END`,
  // A JSON value is text that json_type would parse whole: a valid one is an object when it opens with a brace.
  isObject: (v) => `starts_with(ltrim(CAST(${v} AS VARCHAR), ' ' || chr(9) || chr(10) || chr(13)), '{')`,
  asString: (v) => `json_extract_string(${v}, '$')`,
  asNumber: (v) => `CAST(${v} AS DOUBLE)`,
  asBoolean: (v) => `CAST(${v} AS BOOLEAN)`,
  jsonText: (v) => `CAST(${v} AS VARCHAR)`,
  quoteJson: (s) => `CAST(to_json(${s}) AS VARCHAR)`,
  length: (s) => `length(${s})`,
  arrayLength: (v) => `json_array_length(${v})`,
  toText: (n) => `CAST(${n} AS VARCHAR)`,
  matches: (s, r) => `regexp_matches(${s}, ${standardString(r.source)})`,
  concat: (...parts) => `(${parts.join(' || ')})`,
  substring: (s, from, length) => `substring(${s}, ${from}${length === undefined ? '' : `, ${length}`})`,
  toInt: (s) => `TRY_CAST(${s} AS INTEGER)`,
  mod: (a, b) => `(${a} % ${b})`,
};

const postgres: Dialect = {
  name: 'postgres',
  ident: doubleQuoted,
  string: postgresString,
  json: 'JSONB',
  timestamp: 'TIMESTAMPTZ',
  text: 'TEXT',
  type: (t) => ({ string: 'TEXT', integer: 'BIGINT', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', array: 'JSONB', object: 'JSONB' } as const)[t ?? 'object'],
  member: (json, key, type) => typedValue(postgres, postgres.get(json, key), type),
  get: (json, key) => `(${json} -> ${postgresString(key)})`,
  // jsonb numbers are exact decimals: a whole number is one whose remainder by 1 is zero.
  kind: (v) => postgres.kindFrom(`jsonb_typeof(${v})`, v),
  typeOf: (v) => `jsonb_typeof(${v})`,
  kindFrom: (t, v, k = KIND_NAMES) => `CASE ${t} WHEN 'string' THEN ${k.string} WHEN 'number' THEN CASE WHEN CAST(${v} AS NUMERIC) % 1 = 0 THEN ${k.integer} ELSE ${k.number} END`
    + ` WHEN 'boolean' THEN ${k.boolean} WHEN 'array' THEN ${k.array} WHEN 'object' THEN ${k.object} WHEN 'null' THEN ${k.null} END`,
  isObject: (v) => `(jsonb_typeof(${v}) = 'object')`,
  asString: (v) => `(${v} #>> '{}')`,
  // A jsonb number may be beyond a double's range: such a value compares as the largest double.
  asNumber: (v) => `CAST(GREATEST(LEAST(CAST(${v} AS NUMERIC), 1.7976931348623157e308), -1.7976931348623157e308) AS DOUBLE PRECISION)`,
  asBoolean: (v) => `CAST(${v} AS BOOLEAN)`,
  jsonText: (v) => `CAST(${v} AS TEXT)`,
  quoteJson: (s) => `CAST(to_jsonb(CAST(${s} AS TEXT)) AS TEXT)`,
  length: (s) => `char_length(${s})`,
  arrayLength: (v) => `jsonb_array_length(${v})`,
  toText: (n) => `CAST(${n} AS TEXT)`,
  matches: (s, r) => `(${s} ~ ${postgresString(r.source)})`,
  concat: (...parts) => `(${parts.join(' || ')})`,
  substring: (s, from, length) => `substr(${s}, ${from}${length === undefined ? '' : `, ${length}`})`,
  toInt: (s) => `CAST(${s} AS INTEGER)`,
  mod: (a, b) => `MOD(${a}, ${b})`,
};

const bigquery: Dialect = {
  name: 'bigquery',
  ident: (name) => `\`${name.replace(/[\\`]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\``,
  string: escapedString,
  json: 'JSON',
  timestamp: 'TIMESTAMP',
  text: 'STRING',
  type: (t) => ({ string: 'STRING', integer: 'INT64', number: 'FLOAT64', boolean: 'BOOL', array: 'JSON', object: 'JSON' } as const)[t ?? 'object'],
  member: (json, key, type) => typedValue(bigquery, bigquery.get(json, key), type),
  get: (json, key) => `${json}[${escapedString(key)}]`,
  kind: (v) => bigquery.kindFrom(`JSON_TYPE(${v})`, v),
  typeOf: (v) => `JSON_TYPE(${v})`,
  kindFrom: (t, v, k = KIND_NAMES) => `CASE ${t} WHEN 'string' THEN ${k.string} WHEN 'number' THEN CASE WHEN FLOAT64(${v}, wide_number_mode => 'round') = TRUNC(FLOAT64(${v}, wide_number_mode => 'round')) THEN ${k.integer} ELSE ${k.number} END`
    + ` WHEN 'boolean' THEN ${k.boolean} WHEN 'array' THEN ${k.array} WHEN 'object' THEN ${k.object} WHEN 'null' THEN ${k.null} END`,
  isObject: (v) => `(JSON_TYPE(${v}) = 'object')`,
  asString: (v) => `LAX_STRING(${v})`,
  asNumber: (v) => `FLOAT64(${v}, wide_number_mode => 'round')`,
  asBoolean: (v) => `LAX_BOOL(${v})`,
  jsonText: (v) => `TO_JSON_STRING(${v})`,
  quoteJson: (s) => `TO_JSON_STRING(${s})`,
  length: (s) => `CHAR_LENGTH(${s})`,
  arrayLength: (v) => `ARRAY_LENGTH(JSON_QUERY_ARRAY(${v}))`,
  toText: (n) => `CAST(${n} AS STRING)`,
  matches: (s, r) => `REGEXP_CONTAINS(${s}, ${escapedString(r.source)})`,
  concat: (...parts) => `CONCAT(${parts.join(', ')})`,
  substring: (s, from, length) => `SUBSTR(${s}, ${from}${length === undefined ? '' : `, ${length}`})`,
  toInt: (s) => `SAFE_CAST(${s} AS INT64)`,
  mod: (a, b) => `MOD(${a}, ${b})`,
};

const snowflake: Dialect = {
  name: 'snowflake',
  ident: doubleQuoted,
  string: escapedString,
  json: 'VARIANT',
  timestamp: 'TIMESTAMP_TZ',
  text: 'VARCHAR',
  type: (t) => ({ string: 'VARCHAR', integer: 'BIGINT', number: 'FLOAT', boolean: 'BOOLEAN', array: 'VARIANT', object: 'VARIANT' } as const)[t ?? 'object'],
  member: (json, key, type) => typedValue(snowflake, snowflake.get(json, key), type),
  get: (json, key) => `GET(${json}, ${escapedString(key)})`,
  kind: (v) => snowflake.kindFrom(`TYPEOF(${v})`, v),
  typeOf: (v) => `TYPEOF(${v})`,
  kindFrom: (t, v, k = KIND_NAMES) => `CASE ${t} WHEN 'VARCHAR' THEN ${k.string} WHEN 'INTEGER' THEN ${k.integer}`
    + ` WHEN 'DECIMAL' THEN CASE WHEN TO_DOUBLE(${v}) = FLOOR(TO_DOUBLE(${v})) THEN ${k.integer} ELSE ${k.number} END`
    + ` WHEN 'DOUBLE' THEN CASE WHEN TO_DOUBLE(${v}) = FLOOR(TO_DOUBLE(${v})) THEN ${k.integer} ELSE ${k.number} END`
    + ` WHEN 'BOOLEAN' THEN ${k.boolean} WHEN 'ARRAY' THEN ${k.array} WHEN 'OBJECT' THEN ${k.object} WHEN 'NULL_VALUE' THEN ${k.null} END`,
  isObject: (v) => `IS_OBJECT(${v})`,
  asString: (v) => `AS_VARCHAR(${v})`,
  asNumber: (v) => `TO_DOUBLE(${v})`,
  asBoolean: (v) => `AS_BOOLEAN(${v})`,
  jsonText: (v) => `TO_JSON(${v})`,
  quoteJson: (s) => `TO_JSON(TO_VARIANT(${s}))`,
  length: (s) => `LENGTH(${s})`,
  arrayLength: (v) => `ARRAY_SIZE(${v})`,
  toText: (n) => `TO_VARCHAR(${n})`,
  matches: (s, r) => `(REGEXP_INSTR(${s}, ${escapedString(r.source)}, 1, 1, 0, ${r.caseless ? "'i'" : "'c'"}) > 0)`,
  concat: (...parts) => `(${parts.join(' || ')})`,
  substring: (s, from, length) => `SUBSTR(${s}, ${from}${length === undefined ? '' : `, ${length}`})`,
  toInt: (s) => `TRY_TO_NUMBER(${s})`,
  mod: (a, b) => `MOD(${a}, ${b})`,
};

/** The engine's type names of JSON strings, numbers, booleans, arrays and objects. */
const TYPE_NAMES: Record<DialectName, { string: string; number: string[]; boolean: string; array: string; object: string }> = {
  duckdb: { string: 'VARCHAR', number: ['BIGINT', 'UBIGINT', 'DOUBLE'], boolean: 'BOOLEAN', array: 'ARRAY', object: 'OBJECT' },
  postgres: { string: 'string', number: ['number'], boolean: 'boolean', array: 'array', object: 'object' },
  bigquery: { string: 'string', number: ['number'], boolean: 'boolean', array: 'array', object: 'object' },
  snowflake: { string: 'VARCHAR', number: ['INTEGER', 'DECIMAL', 'DOUBLE'], boolean: 'BOOLEAN', array: 'ARRAY', object: 'OBJECT' },
};

/**
 * `v` (a JSON value) as a column of `type`, SQL NULL when it holds something else. Whole
 * numbers beyond 64 bits are NULL too (the check accepts them, as JSON Schema does).
 */
function typedValue(d: Dialect, v: Sql, type: PropertyType | undefined): Sql {
  const names = TYPE_NAMES[d.name];
  const is = (t: string | string[]): Sql => (Array.isArray(t) ? `${d.typeOf(v)} IN (${t.map((x) => `'${x}'`).join(', ')})` : `${d.typeOf(v)} = '${t}'`);
  switch (type) {
    case undefined: return v;
    case 'string': return `CASE WHEN ${is(names.string)} THEN ${d.asString(v)} END`;
    case 'boolean': return `CASE WHEN ${is(names.boolean)} THEN ${d.asBoolean(v)} END`;
    case 'number': return `CASE WHEN ${is(names.number)} THEN ${d.asNumber(v)} END`;
    case 'integer':
      switch (d.name) {
        case 'duckdb': return `CASE WHEN ${is(names.number)} AND ${d.asNumber(v)} = floor(${d.asNumber(v)}) THEN COALESCE(TRY_CAST(${v} AS BIGINT), TRY_CAST(${d.asNumber(v)} AS BIGINT)) END`;
        case 'postgres': return `CASE WHEN ${is(names.number)} AND CAST(${v} AS NUMERIC) % 1 = 0 AND CAST(${v} AS NUMERIC) BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(CAST(${v} AS NUMERIC) AS BIGINT) END`;
        case 'bigquery': return `SAFE.INT64(${v})`;
        case 'snowflake': return `CASE WHEN ${is(names.number)} AND TO_DOUBLE(${v}) = FLOOR(TO_DOUBLE(${v})) THEN TRY_TO_NUMBER(TO_VARCHAR(${v})) END`;
      }
      break;
    case 'array': return `CASE WHEN ${is(names.array)} THEN ${v} END`;
    case 'object': return `CASE WHEN ${is(names.object)} THEN ${v} END`;
  }
}

/** `v` (a JSON value, or SQL NULL) as a column of the property's type, for a typed view. */
export const typedColumn = (name: DialectName, v: Sql, type: PropertyType | undefined): Sql => typedValue(dialects[name], v, type);

export const dialects: Record<DialectName, Dialect> = { duckdb, postgres, bigquery, snowflake };

export const dialect = (name: DialectName): Dialect => dialects[name];

// --- Regular expressions -------------------------------------------------------------------

/**
 * What JavaScript's `\s` matches (the Unicode white space and line terminators), as the body of a
 * class in the engine's syntax: escapes, so that no control character is written into the
 * script (Snowflake's POSIX classes take no escapes: the characters themselves, which its string
 * literals then escape).
 */
function spaceClass(name: DialectName): string {
  const codes = [0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0xa0, 0x1680, [0x2000, 0x200a], 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff] as const;
  const one = (c: number): string => {
    if (c === 0x20) return ' ';
    if (name === 'snowflake') return String.fromCharCode(c);
    const hex = c.toString(16).padStart(4, '0');
    return name === 'postgres' ? `\\u${hex}` : `\\x{${hex}}`;
  };
  return codes.map((c) => (typeof c === 'number' ? one(c) : `${one(c[0])}-${one(c[1])}`)).join('');
}

/**
 * A JSON Schema `pattern` (ECMAScript syntax, read with the `u` flag as Ajv does) in the
 * engine's syntax, or undefined when the engine cannot say the same thing (lookaround and back
 * references in RE2 and POSIX, named groups in PostgreSQL, lazy quantifiers and escapes inside
 * brackets in Snowflake's POSIX syntax). Not a full translation: what it does not know, it refuses.
 */
export function regexFor(name: DialectName, source: string, caseless = false): RegexSql | undefined {
  const re2 = name === 'duckdb' || name === 'bigquery';
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined) return undefined;
      i++;
      if (/[1-9]/.test(n) || n === 'k') { if (name !== 'postgres' || n === 'k') return undefined; out += `\\${n}`; continue; }
      if (n === 'u' || n === 'x') {
        const m = /^u\{([0-9a-fA-F]+)\}|^u([0-9a-fA-F]{4})|^x([0-9a-fA-F]{2})/.exec(source.slice(i));
        if (!m) return undefined;
        const hex = (m[1] ?? m[2] ?? m[3])!;
        i += m[0].length - 1;
        const code = parseInt(hex, 16);
        if (name === 'snowflake') {
          // No escape for a character: write it, unless it means something to the regex.
          const ch = String.fromCodePoint(code);
          if (/[\\^$.|?*+()[\]{}-]/.test(ch) || code < 0x20) return undefined;
          out += ch;
        } else if (re2) out += `\\x{${hex}}`;
        else out += code > 0xffff ? `\\U${hex.padStart(8, '0')}` : `\\u${hex.padStart(4, '0')}`;
        continue;
      }
      if (n === 's') { out += inClass ? spaceClass(name) : `[${spaceClass(name)}]`; continue; }
      if (n === 'S') { if (inClass) return undefined; out += `[^${spaceClass(name)}]`; continue; }
      if (n === 'p' || n === 'P' || n === 'c' || n === '0') return undefined;
      if (name === 'snowflake' && inClass) return undefined;
      if (n === 'b' || n === 'B') {
        if (inClass) return undefined; // a backspace in JavaScript; no engine agrees
        out += name === 'postgres' ? (n === 'b' ? '\\y' : '\\Y') : `\\${n}`;
        continue;
      }
      if (/[dDwW]/.test(n)) { out += `\\${n}`; continue; }
      if (/[nrtfv]/.test(n)) { out += name === 'snowflake' ? { n: '\n', r: '\r', t: '\t', f: '\f', v: '\u000b' }[n] : `\\${n}`; continue; }
      if (/[A-Za-z0-9]/.test(n)) return undefined; // an escape whose meaning differs or is unknown
      out += `\\${n}`;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') { out += '^'; i++; }
      if (source[i + 1] === ']') return undefined; // `[]` matches nothing in JavaScript, `]` in POSIX
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      if (source[i + 2] === ':') { out += name === 'snowflake' ? '(' : '(?:'; i += 2; continue; }
      return undefined; // lookaround, named groups
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && source[i + 1] === '?' && name === 'snowflake') return undefined;
    out += c;
  }
  if (inClass) return undefined;
  // RE2 and PostgreSQL take the flag inside the expression; Snowflake as an argument.
  if (caseless && name !== 'snowflake') out = `(?i)${out}`;
  return { source: out, caseless };
}
