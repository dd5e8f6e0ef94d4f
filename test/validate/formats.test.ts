// src/validate/formats.ts must answer exactly as ajv-formats does: its shortcuts may only accept
// what ajv-formats accepts, and must actually accept the common shapes (or they save nothing).
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { date, dateTime, sure, uuid } from '../../src/validate/formats.js';

const formats = addFormatsModule.default;
const lib = {
  uuid: (s: string) => (formats.get('uuid') as RegExp).test(s),
  dateTime: (formats.get('date-time') as { validate: (s: string) => boolean }).validate,
  date: (formats.get('date') as { validate: (s: string) => boolean }).validate,
};

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Characters that sit on the edges of the formats: digits, separators, letters ajv-formats reads
// case-insensitively, whitespace it splits on, and look-alike digits from other scripts.
const ALPHABET = [...'0123456789-:.+TtZzaAfFgG xX/', '\u00a0', '\u0663', '\uff11', '\u2028', 'é'];

/** `seeds` edited at random: characters replaced, inserted, deleted, the string cut. */
function mutations(seeds: string[], count: number): string[] {
  const next = random(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const out = [...seeds];
  for (let k = 0; k < count; k++) {
    let s = pick(seeds);
    for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
      const at = Math.floor(next() * (s.length + 1));
      const op = next();
      if (op < 0.5) s = s.slice(0, at) + pick(ALPHABET) + s.slice(at + 1);
      else if (op < 0.75) s = s.slice(0, at) + pick(ALPHABET) + s.slice(at);
      else if (op < 0.95) s = s.slice(0, at) + s.slice(at + 1);
      else s = s.slice(0, at);
    }
    out.push(s);
  }
  return out;
}

const DAYS = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2026-01-31', '2026-04-31', '2026-12-31', '2026-13-01', '2026-00-10', '2026-06-00', '0000-01-01', '9999-12-31'];
const TIMES = ['00:00:00Z', '23:59:59Z', '23:59:60Z', '24:00:00Z', '12:60:00Z', '12:00:60Z', '12:00:00.000Z', '12:00:00.123456789Z', '12:00:00.Z',
  '12:00:00+02:00', '12:00:00-23:59', '12:00:00+24:00', '12:00:00+02:60', '12:00:00+0200', '12:00:00+02', '12:00:00z', '12:00:00', '23:59:60+00:00', '00:59:60+01:00'];
const DATE_TIMES = DAYS.flatMap((d) => TIMES.flatMap((t) => [`${d}T${t}`, `${d}t${t}`, `${d} ${t}`]));
const UUIDS = ['0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5B-D9CB-469F-A165-70867728950E', 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e', '00000000-0000-0000-0000-000000000000', 'g f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5bd9cb469fa16570867728950e'];

describe.each([
  { name: 'uuid', ours: uuid, shortcut: sure.uuid, theirs: lib.uuid, seeds: UUIDS },
  { name: 'date-time', ours: dateTime, shortcut: sure.dateTime, theirs: lib.dateTime, seeds: DATE_TIMES },
  { name: 'date', ours: date, shortcut: sure.date, theirs: lib.date, seeds: DAYS },
])('$name', ({ ours, shortcut, theirs, seeds }) => {
  const cases = mutations(seeds, 50_000);

  it('answers as ajv-formats on the edge cases and 50,000 random edits of them', () => {
    const differ = cases.filter((s) => ours(s) !== theirs(s));
    expect(differ).toEqual([]);
    // Both answers occur in quantity, so the comparison means something.
    const accepted = cases.filter((s) => theirs(s)).length;
    expect(accepted).toBeGreaterThan(500);
    expect(cases.length - accepted).toBeGreaterThan(500);
  });

  it('takes its shortcut only for strings ajv-formats accepts', () => {
    expect(cases.filter((s) => shortcut(s) && !theirs(s))).toEqual([]);
    expect(seeds.filter((s) => shortcut(s)).length).toBeGreaterThan(0);
  });
});

it('the shortcuts cover the shapes event data has', () => {
  for (const s of ['2026-11-29T05:30:00Z', '2026-11-29T05:30:00.123Z', '2026-11-29T05:30:00.123456+01:00', '2024-02-29T23:59:59-05:30']) expect(sure.dateTime(s), s).toBe(true);
  for (const s of ['0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5B-D9CB-469F-A165-70867728950E']) expect(sure.uuid(s), s).toBe(true);
  expect(sure.date('2024-02-29')).toBe(true);
});
