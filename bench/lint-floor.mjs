#!/usr/bin/env node
// The js-yaml floor of a cold lint: the checks of spectral/ruleset.yaml (its own regexes, read
// from it) and its two functions, in plain Node over `js-yaml`'s load of every event file, one
// thread, nothing else (no positions, no cross-file rules, no report beyond a count). What a
// linter costs above this is its own machinery.
//
//   node bench/lint-floor.mjs REGISTRY_DIR      # prints {"files":N,"findings":M}
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nameMatchesFile from './spectral/functions/nameMatchesFile.js';
import propertyDescription from './spectral/functions/propertyDescription.js';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const yaml = createRequire(import.meta.url)(path.join(BENCH, 'node_modules', 'js-yaml'));
const { rules } = yaml.load(fs.readFileSync(path.join(BENCH, 'spectral', 'ruleset.yaml'), 'utf8'));

/** Each rule as a function of (document, file) giving a finding count. */
const checks = Object.values(rules).map(({ given, then }) => {
  const { field, function: fn, functionOptions: o = {} } = then;
  const match = o.match && new RegExp(o.match), notMatch = o.notMatch && new RegExp(o.notMatch);
  const test = (v) => {
    if (fn === 'truthy') return v ? 0 : 1;
    if (typeof v !== 'string') return 0;
    if (fn === 'length') return v.length > o.max ? 1 : 0;
    return (match && !match.test(v)) || (notMatch && notMatch.test(v)) ? 1 : 0;
  };
  const over = (values) => values.reduce((n, v) => n + test(v), 0);
  return (doc, file) => {
    if (given === '$.name') return fn === 'nameMatchesFile' ? (nameMatchesFile(doc.name, {}, { document: { source: file } })?.length ?? 0) : test(doc.name);
    if (given === '$') return test(doc[field]);
    const maps = given === '$.properties' ? [doc.properties] : propertiesMaps(doc);
    if (fn === 'propertyDescription') return maps.reduce((n, m) => n + (propertyDescription(m, {}, { path: [] })?.length ?? 0), 0);
    return maps.reduce((n, m) => n + (m && typeof m === 'object' ? over(Object.keys(m)) : 0), 0);
  };
});

/** Every value of a `properties` key, at any depth (Spectral's `$..properties`). */
function propertiesMaps(node, out = []) {
  if (!node || typeof node !== 'object') return out;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties') out.push(v);
    propertiesMaps(v, out);
  }
  return out;
}

const dir = path.join(process.argv[2] ?? '.', 'registry', 'events');
let files = 0, findings = 0;
for (const name of fs.readdirSync(dir)) {
  if (!/\.ya?ml$/.test(name)) continue;
  const file = path.join(dir, name);
  files++;
  let doc;
  try { doc = yaml.load(fs.readFileSync(file, 'utf8')); } catch { findings++; continue; }
  if (!doc || typeof doc !== 'object') { findings++; continue; }
  for (const check of checks) findings += check(doc, file);
}
process.stdout.write(`${JSON.stringify({ files, findings })}\n`);
