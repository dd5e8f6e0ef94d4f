// The second validate fixture, made by another method than events.mjs: the event schemas that
// `trackplan build` writes for the Iglu-derived registry (iglu.mjs: the 478 Iglu Central schemas,
// copied and renamed up to the number of event types asked for) are handed to json-schema-faker,
// a general JSON Schema data generator that knows nothing of how generate.mjs shapes its events.
// For each event type it makes `samples` property objects (seeded; each optional property kept
// with probability 1/2), keeps those Ajv (strict off, ajv-formats) accepts against the schema,
// and then writes `count` lines: an event drawn as `mix` says, one of its samples, a fresh
// envelope (id, time, user), and one line in `invalidEvery` broken as events.mjs breaks them.
// Returns how many lines were made invalid, by kind, and how many samples were made and kept.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BREAKERS, eventPicker, lineWriter, uuid4 } from './events.mjs';
import { createRandom } from './generate.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));

export async function writeIgluEvents(file, schemasDir, { count, invalidEvery = 100, mix = 'uniform', seed = 'iglu-events', samples = 8 }) {
  const { createGeneratorSync } = await import(path.join(BENCH, 'node_modules', 'json-schema-faker', 'dist', 'index.js'));
  const require = createRequire(path.join(path.dirname(BENCH), 'package.json'));
  const { Ajv2020 } = require('ajv/dist/2020');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  const gen = createGeneratorSync({ seed: 20, optionalsProbability: 0.5, maxItems: 3, maxLength: 40 });
  const types = [];
  let made = 0;
  for (const f of fs.readdirSync(schemasDir).filter((x) => x.endsWith('.schema.json')).sort()) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, f), 'utf8'));
    const props = schema.properties.properties;
    const check = ajv.compile(props);
    const kept = [];
    for (let k = 0; k < samples; k++, made++) {
      let v;
      try { v = gen.generate(props); } catch { continue; }
      if (check(v)) kept.push(v);
    }
    if (!kept.length && check({})) kept.push({});
    if (kept.length) types.push({ name: schema.title, samples: kept, def: { properties: Object.fromEntries((props.required ?? []).map((p) => [p, { required: true }])) } });
  }
  const r = createRandom(seed);
  const kinds = Object.keys(BREAKERS);
  const broken = Object.fromEntries(kinds.map((k) => [k, 0]));
  const out = lineWriter(file);
  const pick = eventPicker(types.length, mix, seed);
  const t0 = Date.UTC(2026, 0, 1);
  let previous = uuid4(r);
  for (let i = 0; i < count; i++) {
    const ev = types[pick(r)];
    const e = {
      event_id: uuid4(r),
      event_name: ev.name,
      event_time: new Date(t0 + i * 1000).toISOString(),
      user_id: `user_${r.int(1, 50000)}`,
      properties: structuredClone(r.pick(ev.samples)),
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
  return { broken, types: types.length, samplesMade: made, samplesKept: types.reduce((n, t) => n + t.samples.length, 0) };
}
