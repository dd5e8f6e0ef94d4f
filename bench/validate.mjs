#!/usr/bin/env node
// `trackplan validate` on generated NDJSON, side by side in one run with (a) the floor: a loop
// that only reads and JSON.parses the same lines, and (b) a straightforward Ajv loop: one
// validator per generated event schema, dispatched on event_name. All read the lines the same way.
//
//   node bench/validate.mjs [--events 1000] [--lines 1000000] [--runs 3]
//
// trackplan runs three ways: as a user runs it (a worker thread per core), with --jobs 1 (all in
// the main thread), pinned to one core with `taskset` where there is one, as the floor and the
// Ajv loop are (the one-core target: >= 0.5 of the floor), and the same with --no-cache:
// the others reuse the plan kept in .trackplan-validate-cache (made before the first round), as
// every run after the first against an unchanged registry does. Wall time is the whole process,
// start-up and compiling validators included; peak RSS is the process's, workers included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeEvents } from './events.mjs';
import { generateRegistry } from './generate.mjs';
import { spawnSync } from 'node:child_process';
import { ROOT, TRACKPLAN, WORK, ensureRegistry, fmt, log, measure, median, pad, parseFlags, sha } from './lib.mjs';

const opts = parseFlags(process.argv.slice(2), { events: 1000, lines: 1_000_000, runs: 3 },
  { '--events': ['events', 'count'], '--lines': ['lines', 'count'], '--runs': ['runs', 'count'] },
  'usage: node bench/validate.mjs [--events 1000] [--lines 1000000] [--runs 3]\n');
const TARGETS = { ratio: 0.5, mb: 200 };

const dir = path.join(WORK, 'validate', `events-${opts.events}`);
const params = { events: opts.events, properties: 12, shared: 20, seed: 'trackplan' };
ensureRegistry(dir, params);
const data = path.join(dir, `lines-${opts.lines}.ndjson`);
const stampFile = `${data}.stamp`;
const stamp = sha(fs.readFileSync(path.join(path.dirname(TRACKPLAN), '..', 'bench', 'events.mjs'))) + JSON.stringify(params);
if (!fs.existsSync(data) || !fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
  const t0 = performance.now();
  const broken = writeEvents(data, generateRegistry(params), { count: opts.lines });
  fs.writeFileSync(stampFile, stamp);
  log(`  generated ${opts.lines} lines (${Object.values(broken).reduce((a, b) => a + b, 0)} broken) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const schemas = path.join(dir, 'out', 'schemas');
if (!fs.existsSync(schemas)) {
  const r = await measure(process.execPath, [TRACKPLAN, 'build', '--out', 'out'], dir);
  if (r.code !== 0) throw new Error(`trackplan build failed:\n${r.stderr}${r.stdout}`);
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
log(`validate bench: node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${opts.lines} lines (${(fs.statSync(data).size / 2 ** 20).toFixed(0)} MB) over ${opts.events} events; ${opts.runs} runs each, alternating`);
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
const rows = [['tool', 'invalid lines', 'median s', 'min s', 'events/s', 'of floor', 'peak MB']];
const summary = {};
for (const name of names) {
  const s = median(runs[name].map((r) => r.seconds));
  const rate = opts.lines / s;
  summary[name] = { seconds: s, eventsPerSecond: Math.round(rate), ofFloor: rate / floorRate, peakMb: median(runs[name].map((r) => r.mb)) };
  rows.push([name, answers[name] ?? '-', fmt(s), fmt(Math.min(...runs[name].map((r) => r.seconds))), Math.round(rate).toLocaleString('en-US'), fmt(rate / floorRate), fmt(summary[name].peakMb, 0)]);
}
log('');
for (const line of pad(rows)) log(`  ${line}`);
log('');
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const many = summary.trackplan, one = summary['trackplan -j 1'];
const cold = summary['trackplan -j 1 --no-cache'];
log(`  ${verdict(one.ofFloor >= TARGETS.ratio)}  one core${taskset ? ' (both pinned)' : ' (not pinned: no taskset here)'}: ${fmt(one.ofFloor)} of the floor (target >= ${TARGETS.ratio}); ${fmt(cold.ofFloor)} with --no-cache`);
log(`  ${verdict(many.eventsPerSecond > one.eventsPerSecond * 1.1)}  ${cores} worker threads: ${fmt(many.ofFloor)} of the floor, ${fmt(many.eventsPerSecond / one.eventsPerSecond)}x one core`);
log(`  ${verdict(Math.max(one.peakMb, many.peakMb, cold.peakMb) < TARGETS.mb)}  peak memory: ${fmt(many.peakMb, 0)} MB with workers, ${fmt(one.peakMb, 0)} MB on one core, ${fmt(cold.peakMb, 0)} MB with --no-cache (target < ${TARGETS.mb} MB; the floor: ${fmt(summary.floor.peakMb, 0)} MB)`);
const mine = names.filter((n) => n.startsWith('trackplan'));
if (mine.some((n) => answers[n] !== answers.trackplan)) log(`  FAIL  trackplan's runs disagree: ${JSON.stringify(answers)}`);
if (answers['ajv loop'] !== answers.trackplan) log(`  note: the Ajv loop finds ${answers['ajv loop']} invalid lines, trackplan ${answers.trackplan}: the Ajv loop does not look for repeated ids`);
fs.writeFileSync(path.join(WORK, 'validate-results.json'), `${JSON.stringify({ opts, summary, answers, loadavg: os.loadavg() }, null, 2)}\n`);
