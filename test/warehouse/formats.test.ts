// The SQL format checks decide as ajv-formats' full mode does (what `trackplan validate` uses),
// on real DuckDB and PostgreSQL: dates and times at their edges (leap years, leap seconds at
// 23:59:60 UTC, offsets), and the expression formats.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dialect } from '../../src/compile/sql/dialects.js';
import { formatCheck } from '../../src/compile/sql/formats.js';
import { openDuckDB } from '../../src/warehouse/duckdb.js';
import { postgresBin, startPostgres } from './postgres.js';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, RegExp | ((s: string) => boolean) | { validate: (s: string) => boolean }> };
const ajv = (format: string, s: string): boolean => {
  const f = fullFormats[format]!;
  return f instanceof RegExp ? f.test(s) : typeof f === 'function' ? f(s) : f.validate(s);
};

const SAMPLES: Record<string, string[]> = {
  date: ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2026-04-31', '2026-04-30', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '20260101', ''],
  time: ['23:59:60Z', '23:59:60+01:00', '00:59:60+01:00', '22:59:60-01:00', '23:59:59.999z', '24:00:00Z', '12:00:00', '12:00:00+05', '12:00:00+0530', '12:00:00+24:00', '12:00:00+23:60', '12:60:00Z', '1:00:00Z'],
  'date-time': ['2026-01-31T09:30:00Z', '2026-01-31t09:30:00z', '2026-01-31 09:30:00+02:00', '2026-01-31\t09:30:00Z', '2026-02-30T09:30:00Z', '2026-01-31T09:30:00', '2026-12-31T23:59:60Z', '2026-12-31T23:59:60+01:00',
    '2026-01-31T09:30:00.123456789-11:30', '2026-01-31T25:30:00Z', '2026-01-31TT09:30:00Z', 'yesterday'],
  uuid: ['0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5B-D9CB-469F-A165-70867728950E', 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b-d9cb-469f-a165-70867728950', '0f8fad5bd9cb469fa16570867728950e', 'x'],
  email: ['ada@example.com', 'Ada.Lovelace+tag@sub.example.co', 'ada@', '@example.com', 'ada@example..com', 'a b@example.com'],
  hostname: ['example.com', 'example.com.', 'a-b.example', '-a.example', 'a'.repeat(64), `${'a.'.repeat(126)}a`, 'under_score.com'],
  ipv4: ['192.0.2.1', '255.255.255.255', '256.0.0.1', '01.2.3.4', '1.2.3'],
  ipv6: ['2001:db8::1', '::', '::ffff:192.0.2.1', '2001:db8:::1', 'g::1'],
  uri: ['https://example.com/a?b=c#d', 'urn:isbn:0451450523', 'mailto:ada@example.com', 'example.com/a', 'http://exa mple.com', '/relative'],
};

async function duckdbAnswers(): Promise<Record<string, boolean[]>> {
  const d = dialect('duckdb');
  const db = await openDuckDB(':memory:');
  try {
    const out: Record<string, boolean[]> = {};
    for (const [format, samples] of Object.entries(SAMPLES)) {
      const rows = await db.rows(`SELECT i, ${formatCheck(d, 's', format)!} AS ok FROM (VALUES ${samples.map((s, i) => `(${i}, ${d.string(s)})`).join(', ')}) AS t(i, s) ORDER BY i`);
      out[format] = rows.map((r) => r.ok as boolean);
    }
    return out;
  } finally {
    db.close();
  }
}

const expected = (): Record<string, boolean[]> => Object.fromEntries(Object.entries(SAMPLES).map(([f, samples]) => [f, samples.map((s) => ajv(f, s))]));

describe('format checks in SQL', () => {
  it('decide as ajv-formats on DuckDB', async () => {
    expect(await duckdbAnswers()).toEqual(expected());
  });

  it.skipIf(!postgresBin() && !process.env.CI)('decide as ajv-formats on PostgreSQL', () => {
    const d = dialect('postgres');
    const pg = startPostgres();
    try {
      const out: Record<string, boolean[]> = {};
      for (const [format, samples] of Object.entries(SAMPLES)) {
        out[format] = pg.rows(`SELECT i, ${formatCheck(d, 's', format)!} AS ok FROM (VALUES ${samples.map((s, i) => `(${i}, ${d.string(s)})`).join(', ')}) AS t(i, s) ORDER BY i`).map((r) => r.ok as boolean);
      }
      expect(out).toEqual(expected());
    } finally {
      pg.stop();
    }
  });
});
