// A second lint and build fixture, made by a different method than generate.mjs: the 478 Iglu
// Central schemas of test/fixtures/iglu/registry (converted from real JSON Schemas; see its
// README and LICENSE), rewritten by js-yaml's emitter in mixed styles and copied until there
// are `events` files. Each copy's event is renamed `<name>_<k>` (and its file after it). Styles,
// per file, from a seeded choice: block collections throughout (js-yaml's default, 70%), flow
// collections below the second level (30%); descriptions longer than 60 columns folded by
// js-yaml (`>-`) in half the files; a comment line on top of a third.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRandom } from './generate.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = path.join(path.dirname(BENCH), 'test', 'fixtures', 'iglu', 'registry', 'events');

export function writeIgluRegistry(dir, { events = 10000, seed = 'iglu' } = {}) {
  const yaml = createRequire(import.meta.url)(path.join(BENCH, 'node_modules', 'js-yaml'));
  const sources = fs.readdirSync(SOURCE).sort().map((f) => yaml.load(fs.readFileSync(path.join(SOURCE, f), 'utf8')));
  const root = path.join(dir, 'registry');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'events'), { recursive: true });
  const out = [];
  for (let i = 0; i < events; i++) {
    const src = sources[i % sources.length];
    const k = Math.floor(i / sources.length);
    const name = k ? `${src.name}_${k + 1}` : src.name;
    const r = createRandom(`${seed}/${i}`);
    const text = (r.chance(1 / 3) ? `# ${name}, from Iglu Central (Apache-2.0)\n` : '')
      + yaml.dump({ ...src, name }, { lineWidth: r.chance(0.5) ? 60 : -1, flowLevel: r.chance(0.3) ? 3 : -1, noRefs: true });
    const file = `events/${name}.yaml`;
    fs.writeFileSync(path.join(root, file), text);
    out.push({ name, file, yaml: text });
  }
  const config = path.join(path.dirname(path.dirname(SOURCE)), 'trackplan.config.yaml');
  if (fs.existsSync(config)) fs.copyFileSync(config, path.join(dir, 'trackplan.config.yaml'));
  return { events: out, properties: [] };
}
