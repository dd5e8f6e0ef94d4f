// flattenProperties rewrites bytes before JSON.parse sees them, so it is held to JSON.parse:
// on lines written by hand and on thousands of random edits of them, a rewritten line must
// parse exactly when the original does, to the same data with `properties` as pairs, and
// `restore` must give the original bytes back.
import { describe, expect, it } from 'vitest';
import { flattenProperties, restore } from '../../src/validate/flat.js';

const marks = new Int32Array(64);

function flatten(line: string): { n: number; text: string; bytes: Buffer } {
  const bytes = Buffer.from(line);
  const n = flattenProperties(bytes, 0, bytes.length, marks);
  return { n, text: bytes.toString(), bytes };
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** What flattening must keep: JSON.parse's answer, with `properties` as its pairs. */
function expectFaithful(line: string): boolean {
  const { n, text, bytes } = flatten(line);
  if (n === 0) {
    expect(text).toBe(line);
    return false;
  }
  const before = parse(line), after = parse(text);
  expect(after.ok, `${line}\n${text}`).toBe(before.ok);
  if (before.ok && after.ok) {
    const { properties, ...rest } = before.value as Record<string, unknown>;
    const { properties: pairs, ...restAfter } = after.value as Record<string, unknown>;
    expect(restAfter).toEqual(rest);
    const keys = (pairs as unknown[]).filter((_, k) => k % 2 === 0);
    // A key written twice is one key to JSON.parse: the checker refuses such pairs (see check.ts).
    if (new Set(keys).size === keys.length) expect(pairs).toEqual(Object.entries(properties as object).flat());
  }
  restore(bytes, marks, n);
  expect(bytes.toString()).toBe(line);
  return true;
}

const LINES = [
  '{"event_id":"e1","event_name":"a_b","properties":{"a":1,"b":"x","c":[1,{"d":"}"}],"e":{"f":null}}}',
  '{"properties":{"k":"v"},"event_name":"a_b"}',
  ' { "event_name" : "a_b" , "properties" : { "k" : true , "l" : -1.5e3 } } ',
  '{"event_name":"a_b","properties":{}}',
  '{"note":"say \\"properties\\":{\\"x\\":1}","properties":{"q":"\\\\","r":"\\u00e9\\"{"}}',
  '{"ctx":{"properties":{"inner":1}},"properties":{"outer":2}}',
  '{"properties":{"a":1},"other":[{"b":2}],"t":"é"}',
  '{"event_name":"a_b","properties":{"a":1,"a":2}}',
  '{"properties":{"a":"x"},"propert\\u0069es":["a","x"]}',
  '{"properties":{"a":"x"},"properties":{"b":1}}',
];

describe('flattenProperties', () => {
  it('rewrites only the top-level properties object, faithfully', () => {
    expect(flatten(LINES[0]!).text).toBe('{"event_id":"e1","event_name":"a_b","properties":["a",1,"b","x","c",[1,{"d":"}"}],"e",{"f":null}]}');
    expect(flatten(LINES[5]!).text).toBe('{"ctx":{"properties":{"inner":1}},"properties":["outer",2]}');
    expect(flatten(LINES[2]!).text).toBe(' { "event_name" : "a_b" , "properties" : [ "k" , true , "l" , -1.5e3 ] } ');
    for (const line of LINES.slice(0, 8)) expect(expectFaithful(line), line).toBe(true);
  });

  it('leaves alone what it cannot read as one object of string keys', () => {
    for (const line of [
      '', '   ', '[1,2]', '"x"', '{}', '{"event_name":"a_b"}', '{"properties":null}', '{"properties":["a",1]}',
      '{"properties":{"a" 1}}', '{"properties":{a:1}}', '{"properties":{1 :2}}', '{"properties":{{} :2}}', '{"properties":{"a":1,[] :2}}', '{"properties":{"a":1,}}', '{"properties":{"a":1', '{"properties":{"a":"x}}',
      '{"properties":{"a":1}', '{"propert\\u0069es":{"a":1}}',
      // JSON.parse keeps the last of equal keys: a later `properties` would be the one it keeps.
      LINES[8]!, LINES[9]!,
      `{"properties":{${Array.from({ length: 70 }, (_, i) => `"k${i}":${i}`).join(',')}}}`, // more keys than marks holds
    ]) {
      expect(flatten(line).n, line).toBe(0);
      expect(flatten(line).text).toBe(line);
    }
  });

  it('agrees with JSON.parse on thousands of random edits', () => {
    let seed = 0x2545f491;
    const random = (n: number): number => {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pieces = ['{', '}', '[', ']', '"', ':', ',', '\\', ' ', '1', 'a', '"properties":', '{"x":1}', '\\"', '1 :', '[] :'];
    let rewritten = 0, total = 0;
    for (const line of LINES) {
      for (let k = 0; k < 600; k++) {
        let s = line;
        for (let edits = 1 + random(3); edits > 0; edits--) {
          const at = random(s.length + 1);
          const kind = random(3);
          if (kind === 0) s = s.slice(0, at) + s.slice(at + 1);
          else if (kind === 1) s = s.slice(0, at) + pieces[random(pieces.length)]! + s.slice(at);
          else { const to = at + random(8); s = s.slice(0, at) + s.slice(at, to) + s.slice(at); }
        }
        total++;
        if (expectFaithful(s)) rewritten++;
      }
    }
    // Enough of both kinds for the comparison to mean something.
    expect(rewritten).toBeGreaterThan(total / 10);
    expect(total - rewritten).toBeGreaterThan(total / 10);
  });
});
