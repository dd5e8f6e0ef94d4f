#!/usr/bin/env node
// `trackplan validate` on generated NDJSON, side by side in one run with (a) the floor: a loop
// that only reads and JSON.parses the same lines, and (b) a straightforward Ajv loop: one
// validator per generated event schema, dispatched on event_name. All read the lines the same way.
//
//   node bench/validate.mjs [--events 1000] [--lines 1000000] [--runs 3]
//                           [--fixture generated|iglu] [--properties 12|3-5] [--mix uniform|zipf]
//
// Fixtures: `generated` is generate.mjs's registry (--properties per event, 12 or a range such as
// 3-5) with events.mjs's lines; `iglu` is iglu.mjs's registry (the Iglu Central schemas copied up
// to --events types) with lines json-schema-faker makes from the built schemas (iglu-events.mjs).
// --mix: how often each event type comes, `uniform` or `zipf`. One line in 100 is broken.
//
// trackplan runs three ways: as a user runs it (a worker thread per core), with --jobs 1 (all in
// the main thread), pinned to one core with `taskset` where there is one, as the floor and the
// Ajv loop are (the issue's one-core target: >= 0.5 of the floor), and the same with --no-cache:
// the others reuse the plan kept in .trackplan-validate-cache (made before the first round), as
// every run after the first against an unchanged registry does. Wall time is the whole process,
// start-up and compiling validators included; peak RSS is the process's, workers included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeEvents } from './events.mjs';
import { writeIgluEvents } from './iglu-events.mjs';
import { generateRegistry } from './generate.mjs';
import { spawnSync } from 'node:child_process';
import { BENCH, ROOT, TRACKPLAN, WORK, ensureRegistry, fmt, log, measure, median, pad, parseFlags, sha } from './lib.mjs';

const opts = parseFlags(process.argv.slice(2), { events: 1000, lines: 1_000_000, runs: 3, fixture: 'generated', properties: '12', mix: 'uniform' },
  { '--events': ['events', 'count'], '--lines': ['lines', 'count'], '--runs': ['runs', 'count'], '--fixture': ['fixture', ['generated', 'iglu']],
    '--properties': ['properties', 'string'], '--mix': ['mix', ['uniform', 'zipf']] },
  'usage: node bench/validate.mjs [--events 1000] [--lines 1000000] [--runs 3] [--fixture generated|iglu] [--properties 12|3-5] [--mix uniform|zipf]\n');
if (!/^\d+(-\d+)?$/.test(opts.properties)) { process.stderr.write(`bench: --properties: a whole number or a range such as 3-5, not ${opts.properties}\n`); process.exit(2); }
const TARGETS = { ratio: 0.5, workersRatio: 1.0, mb: 200 };

const iglu = opts.fixture === 'iglu';
// json-schema-faker (iglu lines) and js-yaml (iglu registry) are bench peers: one `npm ci` in bench/.
if (iglu && !['json-schema-faker', 'js-yaml'].every((p) => fs.existsSync(path.join(BENCH, 'node_modules', p)))) {
  log('bench: installing the peers (npm ci in bench/)');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' }).status !== 0) { process.stderr.write('bench: npm ci in bench/ failed.\n'); process.exit(2); }
}
const properties = opts.properties.includes('-') ? opts.properties : Number(opts.properties);
const dir = path.join(WORK, 'validate', iglu ? `iglu-${opts.events}` : `events-${opts.events}${properties === 12 ? '' : `-p${properties}`}`);
const params = iglu ? { events: opts.events, fixture: 'iglu' } : { events: opts.events, properties, shared: 20, seed: 'trackplan' };
ensureRegistry(dir, params);
const schemas = path.join(dir, 'out', 'schemas');
const stampOf = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null);
const generators = sha(Buffer.concat(['events.mjs', 'iglu-events.mjs', 'generate.mjs', 'iglu.mjs'].map((f) => fs.readFileSync(path.join(BENCH, f)))));
// The schemas are the iglu lines' source: made again with the registry.
if (!fs.existsSync(schemas) || stampOf(path.join(dir, 'out.stamp')) !== stampOf(path.join(dir, 'stamp.json'))) {
  fs.rmSync(path.join(dir, 'out'), { recursive: true, force: true });
  const r = await measure(process.execPath, [TRACKPLAN, 'build', '--out', 'out'], dir);
  if (r.code !== 0) throw new Error(`trackplan build failed:\n${r.stderr}${r.stdout}`);
  fs.writeFileSync(path.join(dir, 'out.stamp'), stampOf(path.join(dir, 'stamp.json')));
}
const data = path.join(dir, `lines-${opts.lines}${opts.mix === 'uniform' ? '' : `-${opts.mix}`}.ndjson`);
const stampFile = `${data}.stamp`;
const stamp = generators + JSON.stringify(params) + opts.mix;
if (!fs.existsSync(data) || stampOf(stampFile) !== stamp) {
  const t0 = performance.now();
  const made = iglu
    ? await writeIgluEvents(data, schemas, { count: opts.lines, mix: opts.mix })
    : { broken: writeEvents(data, generateRegistry(params), { count: opts.lines, mix: opts.mix }) };
  fs.writeFileSync(stampFile, stamp);
  log(`  generated ${opts.lines} lines (${Object.values(made.broken).reduce((a, b) => a + b, 0)} broken${made.samplesMade ? `; json-schema-faker samples: ${made.samplesKept} of ${made.samplesMade} valid, over ${made.types} event types` : ''}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const cores = os.availableParallelism();
const taskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const validate = (...flags) => [TRACKPLAN, 'validate', ...flags, '--format', 'json', data];
// The one-thread tools run pinned to core 0: "one core" then holds for V8's helper threads too
// (garbage collection), for the floor as for trackplan.
const oneCore = (args) => (taskset ? measure('taskset', ['-c', '0', process.execPath, ...args], dir) : measure(process.execPath, args, dir));
const tools = {
  floor: () => oneCore([path.join(ROOT, 'bench', 'validate', 'floor.mjs'), data]),
  'ajv loop': () => oneCore([path.join(ROOT, 'bench', 'validate', 'ajv-loop.mjs'), data, schemas, ROOT]),
  trackplan: () => measure(process.execPath, validate(), dir),
  'trackplan -j 1': () => oneCore(validate('--jobs', '1')),
  'trackplan -j 1 --no-cache': () => oneCore(validate('--jobs', '1', '--no-cache')),
};
const names = Object.keys(tools);
const size = fs.statSync(data).size;
log(`validate bench: node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${opts.lines} lines (${(size / 2 ** 20).toFixed(0)} MB, ${Math.round(size / opts.lines)} bytes a line) over ${opts.events} ${iglu ? 'Iglu-derived event types (json-schema-faker lines)' : `generated events of ${properties} properties`}, ${opts.mix} mix; ${opts.runs} runs each, alternating`);
const runs = Object.fromEntries(names.map((n) => [n, []]));
// The plan cache, made now (from the first 100 lines): every cached run then finds it.
const head = Buffer.alloc(1 << 16);
const fd = fs.openSync(data);
fs.readSync(fd, head, 0, head.length, 0);
fs.closeSync(fd);
fs.writeFileSync(path.join(dir, 'head.ndjson'), head.subarray(0, head.lastIndexOf(10) + 1));
await measure(process.execPath, [TRACKPLAN, 'validate', 'head.ndjson'], dir);
const answers = {};
for (let round = 0; round < opts.runs; round++) {
  for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
    const r = await tools[name]();
    if (name.startsWith('trackplan') ? r.code !== 1 : r.code !== 0) throw new Error(`${name} exited ${r.code}:\n${r.stderr.slice(-2000)}`);
    if (name.startsWith('trackplan')) {
      const out = JSON.parse(r.stdout);
      answers[name] = out.invalid;
    } else answers[name] = JSON.parse(r.stdout).invalid ?? null;
    runs[name].push(r);
  }
}
const floorRate = opts.lines / median(runs.floor.map((r) => r.seconds));
const rows = [['tool', 'invalid lines', 'median s', 'min s', 'CPU s', 'events/s', 'of floor', 'of floor per round', 'peak MB']];
const summary = {};
for (const name of names) {
  const s = median(runs[name].map((r) => r.seconds));
  const rate = opts.lines / s;
  // Each round's floor time over this tool's, in the same round.
  const perRound = runs[name].map((r, i) => runs.floor[i].seconds / r.seconds);
  summary[name] = { seconds: s, cpu: median(runs[name].map((r) => r.cpu)), eventsPerSecond: Math.round(rate), ofFloor: rate / floorRate, perRound, peakMb: Math.max(...runs[name].map((r) => r.mb)) };
  rows.push([name, answers[name] ?? '-', fmt(s), fmt(Math.min(...runs[name].map((r) => r.seconds))), fmt(summary[name].cpu), Math.round(rate).toLocaleString('en-US'), fmt(rate / floorRate), perRound.map((x) => fmt(x)).join(' '), fmt(summary[name].peakMb, 0)]);
}
log('');
for (const line of pad(rows)) log(`  ${line}`);
log('  (peak MB: the highest over the runs)');
log('');
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const many = summary.trackplan, one = summary['trackplan -j 1'];
const cold = summary['trackplan -j 1 --no-cache'];
log(`  ${verdict(one.ofFloor >= TARGETS.ratio)}  one core${taskset ? ' (both pinned)' : ' (not pinned: no taskset here)'}: ${fmt(one.ofFloor)} of the floor (target >= ${TARGETS.ratio}); ${fmt(cold.ofFloor)} with --no-cache`);
log(`  ${verdict(many.ofFloor >= TARGETS.workersRatio)}  ${cores} worker threads: ${fmt(many.ofFloor)} of the one-core floor (target >= ${TARGETS.workersRatio}), ${fmt(many.eventsPerSecond / one.eventsPerSecond)}x one core`);
log(`  ${verdict(Math.max(one.peakMb, many.peakMb, cold.peakMb) < TARGETS.mb)}  peak memory: ${fmt(many.peakMb, 0)} MB with workers, ${fmt(one.peakMb, 0)} MB on one core, ${fmt(cold.peakMb, 0)} MB with --no-cache (target < ${TARGETS.mb} MB; the floor: ${fmt(summary.floor.peakMb, 0)} MB)`);
const mine = names.filter((n) => n.startsWith('trackplan'));
if (mine.some((n) => answers[n] !== answers.trackplan)) log(`  FAIL  trackplan's runs disagree: ${JSON.stringify(answers)}`);
if (answers['ajv loop'] !== answers.trackplan) log(`  note: the Ajv loop finds ${answers['ajv loop']} invalid lines, trackplan ${answers.trackplan}: the Ajv loop does not look for repeated ids`);
fs.writeFileSync(path.join(WORK, 'validate-results.json'), `${JSON.stringify({ opts, bytesPerLine: size / opts.lines, summary, answers, runs: Object.fromEntries(names.map((n) => [n, runs[n].map(({ seconds, cpu, mb }) => ({ seconds, cpu, mb }))])), loadavg: os.loadavg() }, null, 2)}\n`);
