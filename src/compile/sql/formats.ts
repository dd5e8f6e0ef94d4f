// JSON Schema `format`s in SQL, as ajv-formats' full mode (what `trackplan validate` uses)
// decides them: regular expressions through regexFor, and the date and time rules (days in the
// month, leap years, leap seconds at 23:59:60 UTC) as arithmetic. A format an engine cannot
// decide is left unchecked there (the README lists them).
import { createRequire } from 'node:module';
import { regexFor, type Dialect, type Sql } from './dialects.js';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };

/** ajv-formats' `uri` is a function: this is its expression (ajv-formats 3.0.1, src/formats.ts, MIT), and the value must hold a `/` or a `:`. */
const URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;

const TIME = '[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)';
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';

/** `s` matches the JavaScript expression, or undefined when the engine cannot say. */
function test(d: Dialect, s: Sql, re: RegExp | string, caseless = false): Sql | undefined {
  const source = typeof re === 'string' ? re : re.source;
  const r = regexFor(d.name, source, typeof re === 'string' ? caseless : re.flags.includes('i'));
  return r && d.matches(s, r);
}

/**
 * All of the tests, each only where the ones before it hold: in a CASE, which engines evaluate
 * in order (an AND they may reorder, and casting the digits of a text that is no date fails).
 */
const and = (...xs: Array<Sql | undefined>): Sql | undefined => {
  if (xs.some((x) => x === undefined)) return undefined;
  return xs.slice(0, -1).reduceRight((inner, x) => `CASE WHEN ${x!} THEN ${inner} ELSE FALSE END`, xs[xs.length - 1]!);
};

/**
 * `YYYY-MM-DD` at `from` in `s` (already matched by shape) is a real day. Days 01 to 28 of
 * months 01 to 12 are, which one expression tells; the arithmetic is for the rest.
 */
function realDay(d: Dialect, s: Sql, from: number): Sql {
  const y = d.toInt(d.substring(s, `${from}`, 4)), m = d.toInt(d.substring(s, `${from + 5}`, 2)), day = d.toInt(d.substring(s, `${from + 8}`, 2));
  const leap = `(${d.mod(y, 4)} = 0 AND (${d.mod(y, 100)} <> 0 OR ${d.mod(y, 400)} = 0))`;
  const common = test(d, d.substring(s, `${from + 4}`, 6), '^-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$')!;
  return `CASE WHEN ${common} THEN TRUE ELSE (${m} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END) END`;
}

/** A time of the common kind: hours up to 23, minutes and seconds up to 59, an offset of up to 23:59. */
const COMMON_TIME = '^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)$';

/**
 * The time `t` (already matched by TIME) is one, by ajv-formats' rule: offset hours up to 23 and
 * minutes up to 59; then hours up to 23, minutes up to 59 and seconds below 60, or else a leap
 * second: 23:59 in UTC, seconds up to 60. The common kind is told by one expression; the rule
 * in full only where it is not.
 */
function realTime(d: Dialect, t: Sql): Sql {
  const hr = d.toInt(d.substring(t, '1', 2)), min = d.toInt(d.substring(t, '4', 2)), sec = d.toInt(d.substring(t, '7', 2));
  const n = d.length(t);
  const zulu = test(d, t, '[Zz]$')!;
  const short = test(d, t, '[+-][0-9]{2}$')!; // +hh
  const colon = test(d, t, ':[0-9]{2}$')!; // the offset's minutes after a colon (the seconds never end the text)
  const tzH = `CASE WHEN ${zulu} THEN 0 WHEN ${short} THEN ${d.toInt(d.substring(t, `${n} - 1`, 2))} WHEN ${colon} THEN ${d.toInt(d.substring(t, `${n} - 4`, 2))} ELSE ${d.toInt(d.substring(t, `${n} - 3`, 2))} END`;
  const tzM = `CASE WHEN ${zulu} OR ${short} THEN 0 ELSE ${d.toInt(d.substring(t, `${n} - 1`, 2))} END`;
  const sign = `CASE WHEN ${test(d, t, '-[0-9:]+$')!} THEN -1 ELSE 1 END`;
  const utcMin = `(${min} - ${tzM} * ${sign})`;
  const utcHr = `(${hr} - ${tzH} * ${sign} - CASE WHEN ${utcMin} < 0 THEN 1 ELSE 0 END)`;
  return `CASE WHEN ${test(d, t, COMMON_TIME)!} THEN TRUE ELSE (${tzH} <= 23 AND ${tzM} <= 59 AND (${hr} <= 23 AND ${min} <= 59 AND ${sec} < 60`
    + ` OR ${sec} <= 60 AND ${utcHr} IN (23, -1) AND ${utcMin} IN (59, -1))) END`;
}

/** Whether the string `s` is of `format`, or undefined when the engine cannot tell. */
export function formatCheck(d: Dialect, s: Sql, format: string): Sql | undefined {
  switch (format) {
    case 'date':
      return and(test(d, s, `^${DATE}$`), realDay(d, s, 1));
    case 'time':
      return and(test(d, s, `^${TIME}$`), realTime(d, s));
    case 'date-time':
      // ajv-formats splits at a `t` or any white space.
      return and(test(d, s, `^${DATE}[Tt\\s]${TIME}$`), realDay(d, s, 1), realTime(d, d.substring(s, '12')));
    case 'hostname': {
      // ajv-formats' lookahead `(?=.{1,253}\.?$)`, as a length.
      const body = (fullFormats.hostname as RegExp).source.replace('(?=.{1,253}\\.?$)', '');
      return and(`(${d.length(s)} <= 253 OR ${d.length(s)} = 254 AND ${d.substring(s, '254')} = '.')`, test(d, s, new RegExp(body, 'i')));
    }
    case 'uri':
      return and(test(d, s, '[/:]'), test(d, s, URI));
    default: {
      const re = fullFormats[format];
      return re instanceof RegExp ? test(d, s, re) : undefined;
    }
  }
}
