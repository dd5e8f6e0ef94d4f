#!/usr/bin/env node
// ESLint with eslint-plugin-trackplan's recommended config vs ESLint without it, on a generated
// code base, and the cost of a registry of 10,000 events.
//
//   npm run build && node bench/eslint.mjs [--files 1000] [--calls 10] [--runs 5] [--events 1000]
//
// - Code base: --files files with --calls tracking calls each (positional and object forms, member
//   chains, aliases, the generated tracker), sending events of a generated registry of --events
//   events with valid properties, among ordinary code; as JavaScript (src/) and the same text as
//   TypeScript (src-ts/). Written to bench/.work/eslint/.
// - Baseline: "ESLint without the plugin" is ESLint with the config a project has anyway, so the
//   headline compares ESLint's recommended rules (the 64 rules of `@eslint/js`'s
//   `js.configs.recommended`: ESLint marks them `meta.docs.recommended`, which is how that config is
//   made; the two lists are equal for ESLint 10.15 and @eslint/js 10.0.1) with the same config plus
//   the plugin's recommended config, on JavaScript (espree) and on TypeScript (typescript-eslint's
//   parser, without type information). `analytics` and `window` are declared globals, as a project
//   using Segment's snippet declares them: otherwise `no-undef` reports every call and the baseline
//   does extra work.
// - ESLint with no rule at all is printed too, with a rule that does nothing: with no rule enabled
//   ESLint skips scope analysis and the traversal of the tree, which any one rule needs, so "no
//   rules" measures what enabling any rule costs rather than what the plugin costs.
// - Each run is a fresh `node` process (so every run pays for importing the plugin and loading the
//   registry) running ESLint's API over the whole code base. The modes of a comparison alternate
//   (the order rotates each round) after one untimed run of each; medians of the wall time, and of
//   the time inside the process from `new ESLint` to the results, which is less noisy, and of the
//   process's CPU time (user + system, all its threads: the least noisy on a shared machine). Ratios are
//   given as the ratio of the medians and as the median of each round's ratio ("paired"), whose
//   runs ran close together under the same load from the other users of the machine.
// - Registry of 10,000 events: what the plugin pays up front (listing the registry, in a fresh
//   process), what parsing every definition would cost (the worst case: code that sends all 10,000
//   events), and the headline lint with the code base sending events of that registry.
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
  // A mode is a baseline (none, noop, js, ts), with `+plugin` for the plugin's recommended config.
  const [base, extra] = mode.split('+');
  const ts = base === 'ts';
  const overrideConfig = [{ files: [ts ? 'src-ts/**/*.ts' : 'src/**/*.js'] }];
  if (ts) overrideConfig.push({ languageOptions: { parser: (await import('@typescript-eslint/parser')).default } });
  if (base === 'js' || ts) {
    const { builtinRules } = await import('eslint/use-at-your-own-risk');
    const rules = Object.fromEntries([...builtinRules].filter(([, r]) => r.meta?.docs?.recommended).map(([id]) => [id, 'error']));
    overrideConfig.push({ languageOptions: { globals: { window: 'readonly', analytics: 'readonly' } }, rules });
  }
  if (base === 'noop') overrideConfig.push({ plugins: { noop: { rules: { noop: { create: () => ({}) } } } }, rules: { 'noop/noop': 'error' } });
  let stats;
  if (extra === 'plugin') {
    const { default: trackplan } = await import('eslint-plugin-trackplan');
    ({ stats } = await import(path.join(ROOT, 'eslint-plugin', 'dist', 'registry.js')));
    overrideConfig.push(trackplan.configs.recommended);
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig, cache: false });
  const results = await eslint.lintFiles([ts ? 'src-ts' : 'src']);
  const inside = performance.now() - t0;
  // CPU time (user + system, every thread of the process): the shared machine's load moves it far less than wall time.
  const cpuOf = (u) => (u.user + u.system) / 1000;
  const insideCpu = cpuOf(process.cpuUsage(cpu0)), cpu = cpuOf(process.cpuUsage());
  const problems = results.reduce((n, r) => n + r.messages.length, 0);
  const sample = results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId} ${m.message}`)).slice(0, 5);
  // How many definitions the plugin parsed: proof that it checked the calls, since the code base is valid.
  console.log(JSON.stringify({ inside, cpu, insideCpu, files: results.length, problems, sample, parsed: stats?.parses, process: performance.now() - started }));
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
  const src = path.join(dir, 'src'), srcTs = path.join(dir, 'src-ts');
  for (const d of [src, srcTs]) {
    fs.rmSync(d, { recursive: true, force: true });
    fs.mkdirSync(d, { recursive: true });
  }
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
    const name = `module-${String(f).padStart(4, '0')}`;
    fs.writeFileSync(path.join(src, `${name}.js`), lines.join('\n'));
    fs.writeFileSync(path.join(srcTs, `${name}.ts`), lines.join('\n')); // valid TypeScript too: untyped parameters are `any`
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

/** Runs the modes alternately, the first being the baseline; prints medians and ratios to the baseline. */
function compare(dir, label, modes) {
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (const mode of modes) child(mode, dir); // warm the file system cache, untimed
  for (let i = 0; i < RUNS; i++) {
    const order = modes.map((_, j) => modes[(i + j) % modes.length]);
    for (const mode of order) runs[mode].push(child(mode, dir));
  }
  const medians = Object.fromEntries(modes.map((m) => [m, { wall: median(runs[m].map((r) => r.wall)), lint: median(runs[m].map((r) => r.inside)), cpu: median(runs[m].map((r) => r.cpu)), lintCpu: median(runs[m].map((r) => r.insideCpu)) }]));
  const [base] = modes;
  console.log(`\n${label}: ${runs[base][0].files} files, ${FILES * CALLS} tracking calls, ${RUNS} runs each, alternating`);
  for (const m of modes) {
    const r = runs[m][0], md = medians[m];
    const parsed = r.parsed === undefined ? '' : `   definitions parsed ${r.parsed}`;
    // Paired: the median of each round's ratio, whose two runs ran close together under the same load.
    const paired = (key) => median(runs[m].map((r, i) => r[key] / runs[base][i][key])).toFixed(3);
    const rounds = (key) => runs[m].map((r, i) => (r[key] / runs[base][i][key]).toFixed(2)).join(' ');
    const ratio = m === base ? '' : `\n    ratio wall ${(md.wall / medians[base].wall).toFixed(3)}x (paired ${paired('wall')}x), lint ${(md.lint / medians[base].lint).toFixed(3)}x (paired ${paired('inside')}x); CPU ${(md.cpu / medians[base].cpu).toFixed(3)}x (paired ${paired('cpu')}x; rounds ${rounds('cpu')}), lint CPU ${(md.lintCpu / medians[base].lintCpu).toFixed(3)}x (paired ${paired('insideCpu')}x)`;
    console.log(`  ${m.padEnd(12)} wall ${ms(md.wall).padStart(8)}   lint ${ms(md.lint).padStart(8)}   CPU ${ms(md.cpu).padStart(8)}   problems ${r.problems}${parsed}${ratio}`);
    for (const s of m === base ? [] : r.sample) console.log(`    ${s}`);
  }
  return { runs: Object.fromEntries(modes.map((m) => [m, runs[m].map(({ wall, inside, cpu, insideCpu }) => ({ wall, inside, cpu, insideCpu }))])), medians };
}

/** The headline: baseline and baseline+plugin, with the verdict on the wall time ratio. */
function headline(dir, label, base) {
  const r = compare(dir, label, [base, `${base}+plugin`]);
  const ratio = r.medians[`${base}+plugin`].wall / r.medians[base].wall;
  const cpuRatio = r.medians[`${base}+plugin`].cpu / r.medians[base].cpu;
  console.log(`  target < 1.15x: wall ${verdict(ratio < 1.15)}, CPU ${verdict(cpuRatio < 1.15)}`);
  return { ...r, ratio, cpuRatio };
}

const small = prepare(`events-${EVENTS}`, EVENTS);
const big = prepare(`events-${BIG}`, BIG);
const out = { files: FILES, calls: CALLS, runs: RUNS };
out.js = headline(small, `Registry of ${EVENTS} events, JavaScript; baseline: ESLint's recommended rules`, 'js');
out.ts = headline(small, `Registry of ${EVENTS} events, TypeScript (typescript-eslint's parser); baseline: ESLint's recommended rules`, 'ts');
out.none = compare(small, `Registry of ${EVENTS} events, JavaScript; no rule at all, one rule that does nothing, the plugin alone (not a fair baseline: see the top of this file)`, ['none', 'noop', 'none+plugin']);

const loads = Array.from({ length: RUNS }, () => child('load', big));
const parses = Array.from({ length: Math.min(RUNS, 3) }, () => child('parse-all', big));
const listed = median(loads.map((r) => r.listed));
const parsedAll = median(parses.map((r) => r.total));
console.log(`\nRegistry of ${loads[0].events} events`);
console.log(`  loaded by the plugin (listed; definitions parsed when code sends them): ${ms(listed)}   (target < 1 s: ${verdict(listed < 1000)})`);
console.log(`  every definition parsed too (code that sends all ${parses[0].parsed} events):  ${ms(parsedAll)}`);
out.big = { listed, parsedAll, lint: headline(big, `Registry of ${BIG} events, the code base sending events of it, JavaScript; baseline: ESLint's recommended rules`, 'js') };

fs.writeFileSync(path.join(WORK, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nresults: ${path.relative(ROOT, path.join(WORK, 'results.json'))}`);
