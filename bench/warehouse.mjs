#!/usr/bin/env node
// `trackplan warehouse load` + `check` against `trackplan validate`, on the validate bench's
// NDJSON (1,000,000 lines over 1,000 events, about 1% broken, made by validate.mjs's generator):
//
//   node bench/warehouse.mjs [--lines 1000000] [--runs 3]
//
// Each round, in alternating order: validate on the file (as a user runs it: a worker per
// core), and load into a fresh DuckDB file then check it (three processes, one after the other:
// the schema, the events, the check; their wall times add up; peak memory is the largest).
// Both with the plan cached as a
// second run finds it (validate's .trackplan-validate-cache, the build cache the warehouse
// commands read), made before the first round. Printed: medians, per-round ratios, peak RSS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeEvents } from './events.mjs';
import { generateRegistry } from './generate.mjs';
import { TRACKPLAN, WORK, ensureRegistry, fmt, log, measure, median, pad, parseFlags, sha } from './lib.mjs';

const opts = parseFlags(process.argv.slice(2), { lines: 1_000_000, runs: 3 },
  { '--lines': ['lines', 'count'], '--runs': ['runs', 'count'] },
  'usage: node bench/warehouse.mjs [--lines 1000000] [--runs 3]\n');

// The validate bench's registry and data (shared with validate.mjs: made once, reused).
const dir = path.join(WORK, 'validate', 'events-1000');
const params = { events: 1000, properties: 12, shared: 20, seed: 'trackplan' };
ensureRegistry(dir, params);
const data = path.join(dir, `lines-${opts.lines}.ndjson`);
const stampFile = `${data}.stamp`;
const stamp = sha(fs.readFileSync(path.join(path.dirname(TRACKPLAN), '..', 'bench', 'events.mjs'))) + JSON.stringify(params);
if (!fs.existsSync(data) || !fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
  writeEvents(data, generateRegistry(params), { count: opts.lines });
  fs.writeFileSync(stampFile, stamp);
}
const db = path.join(WORK, 'warehouse.duckdb');
const fresh = () => { for (const f of [db, `${db}.wal`]) fs.rmSync(f, { force: true }); };

const tools = {
  validate: async () => {
    const r = await measure(process.execPath, [TRACKPLAN, 'validate', '--format', 'json', data], dir);
    if (r.code !== 1) throw new Error(`validate exited ${r.code}:\n${r.stderr.slice(-2000)}`);
    return { seconds: r.seconds, cpu: r.cpu, mb: r.mb, invalid: JSON.parse(r.stdout).invalid };
  },
  'warehouse load + check': async () => {
    fresh();
    // Into a new file: first the schema alone (1,000 views, their comments), then the events.
    const schema = await measure(process.execPath, [TRACKPLAN, 'warehouse', 'load', '--db', db], dir);
    if (schema.code !== 0) throw new Error(`warehouse load (schema) exited ${schema.code}:\n${schema.stderr.slice(-2000)}`);
    const load = await measure(process.execPath, [TRACKPLAN, 'warehouse', 'load', '--db', db, '--format', 'json', data], dir);
    if (load.code !== 1) throw new Error(`warehouse load exited ${load.code}:\n${load.stderr.slice(-2000)}`);
    const check = await measure(process.execPath, [TRACKPLAN, 'warehouse', 'check', '--db', db, '--format', 'json'], dir);
    if (check.code !== 1) throw new Error(`warehouse check exited ${check.code}:\n${check.stderr.slice(-2000)}`);
    const violations = JSON.parse(check.stdout).violations;
    const refused = new Set(violations.map((v) => `${v.event_id}\0${v.event_name}`)).size + JSON.parse(load.stdout).not_loaded.length;
    const cpu = schema.cpu === null ? null : schema.cpu + load.cpu + check.cpu;
    return { seconds: schema.seconds + load.seconds + check.seconds, cpu, cpus: [schema.cpu, load.cpu, check.cpu], mb: Math.max(schema.mb ?? 0, load.mb ?? 0, check.mb ?? 0) || null, schema: schema.seconds, load: load.seconds, check: check.seconds, invalid: refused };
  },
};

log(`warehouse bench: node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${opts.lines} lines (${(fs.statSync(data).size / 2 ** 20).toFixed(0)} MB) over ${params.events} events; ${opts.runs} runs each, alternating`);
// The caches a second run finds: validate's plan, and the build cache (with the DuckDB script).
fs.writeFileSync(path.join(dir, 'head.ndjson'), fs.readFileSync(data).subarray(0, 1 << 16).toString('utf8').split('\n').slice(0, 50).join('\n') + '\n');
await measure(process.execPath, [TRACKPLAN, 'validate', 'head.ndjson'], dir);
await measure(process.execPath, [TRACKPLAN, 'warehouse', 'sql'], dir);

const names = Object.keys(tools);
const runs = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < opts.runs; round++) {
  for (const name of round % 2 ? [...names].reverse() : names) runs[name].push(await tools[name]());
  const [v, w] = [runs.validate[round], runs['warehouse load + check'][round]];
  log(`  round ${round + 1}: validate ${fmt(v.seconds)} s; warehouse: schema ${fmt(w.schema)} s + load ${fmt(w.load)} s + check ${fmt(w.check)} s = ${fmt(w.seconds)} s; warehouse/validate ${fmt(w.seconds / v.seconds)}, without the schema ${fmt((w.load + w.check) / v.seconds)}`);
  if (v.cpu !== null && w.cpu !== null) log(`           CPU (user + sys): validate ${fmt(v.cpu)} s; warehouse: ${w.cpus.map((x) => fmt(x)).join(' + ')} = ${fmt(w.cpu)} s; ratio ${fmt(w.cpu / v.cpu)}`);
}
fresh();
const rows = [['tool', 'refused', 'median s', 'min s', 'peak MB']];
for (const name of names) {
  const r = runs[name];
  rows.push([name, String(r[0].invalid), fmt(median(r.map((x) => x.seconds))), fmt(Math.min(...r.map((x) => x.seconds))), fmt(median(r.map((x) => x.mb)), 0)]);
}
const w = runs['warehouse load + check'];
rows.push(['  of which the schema', '', fmt(median(w.map((x) => x.schema))), fmt(Math.min(...w.map((x) => x.schema))), '']);
rows.push(['  of which load', '', fmt(median(w.map((x) => x.load))), fmt(Math.min(...w.map((x) => x.load))), '']);
rows.push(['  of which check', '', fmt(median(w.map((x) => x.check))), fmt(Math.min(...w.map((x) => x.check))), '']);
log('');
for (const line of pad(rows)) log(`  ${line}`);
const ratios = w.map((x, i) => x.seconds / runs.validate[i].seconds);
const ratio = median(ratios);
log('');
log(`  ${ratio < 1 ? 'PASS' : 'FAIL'}  load + check / validate: median of per-round ratios ${fmt(ratio)} (${ratios.map((x) => fmt(x)).join(', ')}; target < 1)`);
if (runs.validate.every((x) => x.cpu !== null)) {
  const cpuRatios = w.map((x, i) => x.cpu / runs.validate[i].cpu);
  log(`        CPU time (user + sys, less sensitive to load): validate ${fmt(median(runs.validate.map((x) => x.cpu)))} s, the warehouse ${fmt(median(w.map((x) => x.cpu)))} s (schema ${fmt(median(w.map((x) => x.cpus[0])))} + load ${fmt(median(w.map((x) => x.cpus[1])))} + check ${fmt(median(w.map((x) => x.cpus[2])))}); ratio ${fmt(median(cpuRatios))} (${cpuRatios.map((x) => fmt(x)).join(', ')})`);
}
const warm = median(w.map((x, i) => (x.load + x.check) / runs.validate[i].seconds));
log(`        into a file that has its schema already (every load after the first): ${fmt(warm)}`);
log(`  peak memory: validate ${fmt(median(runs.validate.map((x) => x.mb)), 0)} MB, the warehouse's processes ${fmt(median(w.map((x) => x.mb)), 0)} MB (DuckDB's default memory limit is 80% of RAM)`);
log(`  note: validate refuses lines, the warehouse events: an event sent twice is one line to validate and two rows of event_violations (docs/warehouse.md).`);
fs.writeFileSync(path.join(WORK, 'warehouse-results.json'), `${JSON.stringify({ opts, runs, ratios, loadavg: os.loadavg() }, null, 2)}\n`);
