// Deterministic NDJSON of event envelopes for a generated registry (bench/generate.mjs), for the
// validate bench: `writeEvents(file, registry, { count, invalidEvery, mix, seed })` writes `count`
// lines, of which about one in `invalidEvery` breaks the plan in one of the ways `trackplan
// validate` must catch; `mix` says how often each event comes: `uniform`, or `zipf` (the k-th
// most frequent event, in a seeded order, weighs 1/k). Returns how many lines were made
// invalid, by kind. iglu-events.mjs writes the second fixture, by another method.
import fs from 'node:fs';
import { createRandom } from './generate.mjs';

// Values that match the patterns bench/generate.mjs uses.
const PATTERN_VALUES = {
  '^[a-z0-9][a-z0-9_-]{0,63}$': ['main', 'q3-report', 'default_key'],
  '^[A-Z]{3}$': ['EUR', 'USD', 'JPY'],
  '^[a-z]{2}(-[A-Z]{2})?$': ['en', 'fr-FR', 'de-DE'],
  '^\\d+\\.\\d+\\.\\d+$': ['1.4.2', '2.0.0', '10.12.1'],
  '^[A-Z]{2}$': ['FR', 'US', 'JP'],
  '^[a-z][a-z0-9_]*$': ['bulk_export', 'search', 'dark_mode'],
};

const hex = (r, n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r.next() * 16)]).join('');
const uuid = (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${'89ab'[r.int(0, 3)]}${hex(r, 3)}-${hex(r, 12)}`;

function value(def, shared, r) {
  if (def.$ref) return value(shared.get(def.$ref), shared, r);
  if (def.nullable && r.chance(0.05)) return null;
  if (def.enum) return r.pick(def.enum);
  switch (def.type) {
    case 'string': {
      if (def.pattern) return r.pick(PATTERN_VALUES[def.pattern] ?? ['x']);
      switch (def.format) {
        case 'uuid': return uuid(r);
        case 'uri': return `https://example.com/${hex(r, 6)}`;
        case 'email': return `user${r.int(1, 9999)}@example.com`;
        case 'date': return `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
        case 'ipv4': return `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
        default: return r.pick(['Quarterly report', 'Roadmap', 'Onboarding checklist', 'Team sync notes']).slice(0, def.maxLength ?? 64);
      }
    }
    case 'integer': return r.int(def.minimum ?? 0, Math.min(def.maximum ?? 1000, 1e6));
    case 'number': return Math.round(r.next() * Math.min(def.maximum ?? 500, 1e6) * 100) / 100;
    case 'boolean': return r.chance(0.5);
    case 'array': return Array.from({ length: r.int(def.minItems ?? 0, Math.min(def.maxItems ?? 3, 3)) }, () => value(def.items, shared, r));
    case 'object': return object(def.properties ?? {}, shared, r);
    default: return null;
  }
}

function object(props, shared, r) {
  const out = {};
  for (const [name, def] of Object.entries(props)) {
    if (def.required || r.chance(0.7)) out[name] = value(def, shared, r);
  }
  return out;
}

/** Ways to break one line, each a kind `validate` reports; `ev.def.properties` tells which are required. */
export const BREAKERS = {
  'unknown-property': (e) => { e.properties.colour_name = 'teal'; },
  'wrong-type': (e, ev) => { const k = Object.keys(e.properties).find((p) => typeof e.properties[p] === 'string'); if (k) e.properties[k] = 42; else e.properties.colour_name = 1; },
  'missing-required': (e, ev) => { const k = Object.keys(ev.def.properties).find((p) => ev.def.properties[p].required); if (k) delete e.properties[k]; else e.properties.colour_name = 1; },
  'bad-uuid': (e) => { e.event_id = 'not-a-uuid'; },
  'bad-time': (e) => { e.event_time = '2026-13-45 25:00'; },
  'unknown-event': (e) => { e.event_name = `${e.event_name}x`; },
  'empty-user': (e) => { e.user_id = ''; },
  'not-json': () => '{"event_id": "truncated',
  'repeated-id': (e, ev, previous) => { e.event_id = previous; },
};

/** A function of a random source giving an index below `n`, drawn as `mix` says (uniform or zipf). */
export function eventPicker(n, mix, seed) {
  if (mix === 'uniform') return (r) => Math.floor(r.next() * n);
  const order = createRandom(`${seed}/zipf`).shuffle(Array.from({ length: n }, (_, i) => i));
  const cumulative = [];
  let sum = 0;
  for (let k = 1; k <= n; k++) cumulative.push((sum += 1 / k));
  return (r) => {
    const x = r.next() * sum;
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < x) lo = mid + 1; else hi = mid; }
    return order[lo];
  };
}

/** Buffers lines into `file`, a megabyte at a time. */
export function lineWriter(file) {
  const fd = fs.openSync(file, 'w');
  let buf = '';
  return {
    write(line) { buf += `${line}\n`; if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; } },
    close() { fs.writeSync(fd, buf); fs.closeSync(fd); },
  };
}

export const uuid4 = (r) => uuid(r);

export function writeEvents(file, registry, { count, invalidEvery = 100, mix = 'uniform', seed = 'events' }) {
  const r = createRandom(seed);
  const shared = new Map(registry.properties.map((p) => [p.name, p.def]));
  const kinds = Object.keys(BREAKERS);
  const broken = Object.fromEntries(kinds.map((k) => [k, 0]));
  const out = lineWriter(file);
  const pick = eventPicker(registry.events.length, mix, seed);
  const t0 = Date.UTC(2026, 0, 1);
  let previous = uuid(r);
  for (let i = 0; i < count; i++) {
    const ev = registry.events[pick(r)];
    const e = {
      event_id: uuid(r),
      event_name: ev.name,
      event_time: new Date(t0 + i * 1000).toISOString(),
      user_id: `user_${r.int(1, 50000)}`,
      properties: object(ev.def.properties, shared, r),
    };
    let line;
    if (r.chance(1 / invalidEvery)) {
      const kind = kinds[i % kinds.length];
      broken[kind]++;
      line = BREAKERS[kind](e, ev, previous);
    }
    previous = e.event_id;
    out.write(line ?? JSON.stringify(e));
  }
  out.close();
  return broken;
}
