#!/usr/bin/env node
// ESLint with eslint-plugin-trackplan's recommended config vs ESLint without it, on a generated
// code base, and the cost of a registry of 10,000 events.
//
//   npm run build && node bench/eslint.mjs [--files 1000] [--calls 10] [--runs 5] [--events 1000]
//
// - Code base: --files JavaScript files with --calls tracking calls each (positional and object
//   forms, member chains, aliases, the generated tracker), sending events of a generated registry
//   of --events events with valid properties, among ordinary code. Written to bench/.work/eslint/.
// - Lint: each run is a fresh `node` process (so every run pays for loading the registry) running
//   ESLint's API over the whole code base, with the same parser (espree) and no other rule: with
//   the plugin's recommended config, and without any config but the files; then a no-op rule (what
//   running any rule costs ESLint), and ESLint's recommended core rules with and without the
//   plugin, as a code base's usual config would be. Each pair alternates;
//   medians of the wall time, and of the time inside the process from `new ESLint` to the results.
// - Registry of 10,000 events: what the plugin pays up front (listing the registry, in a fresh
//   process), what parsing every definition would cost (the worst case: code that sends all 10,000
//   events), and the same lint as above with the code base sending events of that registry.
// Targets (issue 4): plugin/baseline < 1.15; loading a registry of 10,000 events < 1 s.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, generateRegistry, writeRegistry } from './generate.mjs';
import { median } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const WORK = path.join(HERE, '.work', 'eslint');

// ---------------------------------------------------------------------------------------------
// Child mode: one lint run, or one registry load, timed from inside.
if (process.argv[2] === '--child') {
  const [, , , mode, dir] = process.argv;
  const started = performance.now();
  if (mode === 'load' || mode === 'parse-all') {
    const { registryFor } = await import(path.join(ROOT, 'eslint-plugin', 'dist', 'registry.js'));
    const t0 = performance.now();
    const view = registryFor({ cwd: dir, registry: path.join(dir, 'registry'), callees: [] });
    const listed = performance.now() - t0;
    let n = 0;
    if (mode === 'parse-all') for (const name of view.registry.names()) if (view.registry.event(name)?.def) n++;
    console.log(JSON.stringify({ listed, total: performance.now() - t0, events: view.registry.names().length, parsed: n }));
    process.exit(0);
  }
  const { ESLint } = await import('eslint');
  const overrideConfig = [{ files: ['src/**/*.js'] }];
  if (mode.startsWith('core')) {
    // ESLint's own recommended rules (what `@eslint/js`'s recommended config turns on), as a code base's usual config.
    const { builtinRules } = await import('eslint/use-at-your-own-risk');
    const rules = Object.fromEntries([...builtinRules].filter(([, r]) => r.meta?.docs?.recommended).map(([id]) => [id, 'error']));
    overrideConfig.push({ languageOptions: { globals: { window: 'readonly' } }, rules });
  }
  if (mode === 'noop') overrideConfig.push({ plugins: { noop: { rules: { noop: { create: () => ({}) } } } }, rules: { 'noop/noop': 'error' } });
  if (mode.endsWith('plugin')) {
    const { default: trackplan } = await import('eslint-plugin-trackplan');
    overrideConfig.push(trackplan.configs.recommended);
  }
  const t0 = performance.now();
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig, cache: false });
  const results = await eslint.lintFiles(['src']);
  const inside = performance.now() - t0;
  const problems = results.reduce((n, r) => n + r.messages.length, 0);
  const sample = results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId} ${m.message}`)).slice(0, 5);
  console.log(JSON.stringify({ inside, files: results.length, problems, sample, process: performance.now() - started }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const FILES = arg('files', 1000), CALLS = arg('calls', 10), RUNS = arg('runs', 5), EVENTS = arg('events', 1000), BIG = 10_000;

if (!fs.existsSync(path.join(ROOT, 'eslint-plugin', 'dist', 'index.js')) || !fs.existsSync(path.join(ROOT, 'dist', 'index.js'))) {
  console.error('Build first: npm run build (the bench runs the built plugin and loader).');
  process.exit(2);
}

/** A literal that the property's definition accepts. */
function valueFor(def, shared) {
  if (def.$ref) return valueFor(shared.get(def.$ref) ?? { type: 'string' }, shared);
  if (def.enum) return JSON.stringify(def.enum[0]);
  switch (def.type) {
    case 'string': return def.format === 'uuid' ? "'0b8e4f5c-58a4-4c39-9b8e-3f0d2a9c1e11'" : "'x'";
    case 'integer': return String(def.minimum ?? 1);
    case 'number': return String(def.minimum ?? 1.5);
    case 'boolean': return 'true';
    case 'array': return def.items ? `[${valueFor(def.items, shared)}]` : '[]';
    case 'object': return `{ ${Object.entries(def.properties ?? {}).filter(([, p]) => p.required).map(([k, p]) => `${k}: ${valueFor(p, shared)}`).join(', ')} }`;
    default: return 'null';
  }
}

function writeCodeBase(dir, registry, seed) {
  const rnd = createRandom(seed);
  const shared = new Map(registry.properties.map((p) => [p.def.name, p.def]));
  const src = path.join(dir, 'src');
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(src, { recursive: true });
  const active = registry.events.filter((e) => e.def.status !== 'deprecated');
  const callOf = (k) => {
    const ev = rnd.pick(active).def;
    const props = Object.entries(ev.properties ?? {});
    const chosen = props.filter(([, p]) => p.required || rnd.chance(0.4));
    const obj = `{ ${chosen.map(([name, p]) => `${name}: ${rnd.chance(0.3) ? `input.${name}` : valueFor(p, shared)}`).join(', ')} }`;
    switch (k % 5) {
      case 0: return `analytics.track('${ev.name}', ${obj});`;
      case 1: return `window.analytics.track('${ev.name}', ${obj});`;
      case 2: return `analytics.track({ userId: input.userId, event: '${ev.name}', properties: ${obj} });`;
      case 3: return `tracker.track('${ev.name}', ${obj});`;
      default: return `send('${ev.name}', ${obj});`;
    }
  };
  for (let f = 0; f < FILES; f++) {
    const lines = [
      `// Generated for bench/eslint.mjs: file ${f}.`,
      "import { createTracker } from '../generated/tracker.js';",
      "import { api, format } from './lib.js';",
      'const tracker = createTracker({ send: (e) => api.post("/events", e) });',
      'const { track: send } = window.analytics;',
      '',
    ];
    for (let c = 0; c < CALLS; c++) {
      lines.push(
        `export async function handler${c}(input, items = []) {`,
        '  const list = items.filter((i) => i && i.id !== input.id).map((i) => ({ ...i, label: format(i.name) }));',
        '  if (list.length > 10) list.sort((a, b) => a.label.localeCompare(b.label));',
        '  const result = await api.get(`/items/${input.id}`, { params: { limit: list.length } });',
        `  ${callOf(c)}`,
        '  list.track?.(input.id); // not a tracking call',
        '  return { ...result, list };',
        '}',
        '',
      );
    }
    fs.writeFileSync(path.join(src, `module-${String(f).padStart(4, '0')}.js`), lines.join('\n'));
  }
}

function prepare(name, events) {
  const dir = path.join(WORK, name);
  const stamp = JSON.stringify({ events, FILES, CALLS, gen: fs.statSync(path.join(HERE, 'generate.mjs')).mtimeMs, me: fs.statSync(fileURLToPath(import.meta.url)).mtimeMs });
  const stampFile = path.join(dir, 'stamp.json');
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return dir;
  fs.mkdirSync(dir, { recursive: true });
  process.stdout.write(`generating ${name}: ${events} events, ${FILES} files x ${CALLS} calls ... `);
  const registry = writeRegistry(dir, { events });
  writeCodeBase(dir, registry, `code-${events}`);
  fs.writeFileSync(stampFile, stamp);
  console.log('done');
  return dir;
}

function child(mode, dir) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`child ${mode} failed:\n${r.stderr}`);
  return { wall, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
}

const ms = (x) => `${Math.round(x)} ms`;
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

function compare(dir, label, base = 'baseline', with_ = 'plugin') {
  const runs = { [base]: [], [with_]: [] };
  child(base, dir); child(with_, dir); // warm the file system cache, untimed
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? [with_, base] : [base, with_];
    for (const mode of order) runs[mode].push(child(mode, dir));
  }
  const b = runs[base], p = runs[with_];
  const bw = median(b.map((r) => r.wall)), pw = median(p.map((r) => r.wall));
  const bi = median(b.map((r) => r.inside)), pi = median(p.map((r) => r.inside));
  console.log(`\n${label}: ${p[0].files} files, ${FILES * CALLS} tracking calls, ${RUNS} runs each, alternating`);
  console.log(`  ${base.padEnd(28)} wall ${ms(bw)}   lint ${ms(bi)}   problems ${b[0].problems}`);
  console.log(`  ${with_.padEnd(28)} wall ${ms(pw)}   lint ${ms(pi)}   problems ${p[0].problems}`);
  for (const s of p[0].sample) console.log(`    ${s}`);
  console.log(`  ratio plugin/baseline: wall ${(pw / bw).toFixed(3)}x, lint ${(pi / bi).toFixed(3)}x   (target < 1.15x: ${verdict(pw / bw < 1.15)})`);
  return { baseline: { wall: bw, lint: bi }, plugin: { wall: pw, lint: pi }, ratio: pw / bw };
}

const small = prepare(`events-${EVENTS}`, EVENTS);
const big = prepare(`events-${BIG}`, BIG);
const out = { files: FILES, calls: CALLS, runs: RUNS };
out.main = compare(small, `Registry of ${EVENTS} events; baseline: no rule at all`);
out.noop = compare(small, `Registry of ${EVENTS} events; baseline: one rule that does nothing (ESLint's cost of running any rule)`, 'baseline', 'noop');
out.core = compare(small, `Registry of ${EVENTS} events; baseline: ESLint's recommended rules (core), then with the plugin added`, 'core', 'core+plugin');

const loads = Array.from({ length: RUNS }, () => child('load', big));
const parses = Array.from({ length: Math.min(RUNS, 3) }, () => child('parse-all', big));
const listed = median(loads.map((r) => r.listed));
const parsedAll = median(parses.map((r) => r.total));
console.log(`\nRegistry of ${loads[0].events} events`);
console.log(`  loaded by the plugin (listed; definitions parsed when code sends them): ${ms(listed)}   (target < 1 s: ${verdict(listed < 1000)})`);
console.log(`  every definition parsed too (code that sends all ${parses[0].parsed} events):  ${ms(parsedAll)}`);
out.big = { listed, parsedAll, lint: compare(big, `Registry of ${BIG} events, the code base sending events of it`) };

fs.writeFileSync(path.join(WORK, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nresults: ${path.relative(ROOT, path.join(WORK, 'results.json'))}`);
