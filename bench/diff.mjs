#!/usr/bin/env node
// `trackplan diff` on two generated registries of 10,000 events, 100 of them changed.
//
//   node bench/diff.mjs [--events 10000] [--changed 100] [--runs 3]
//
// The base is generate.mjs's registry; the head is the same registry with `--changed` events
// edited (a required property added, a property removed, a maxLength lowered, a type changed
// with the version raised, in turn). The timed command is the built CLI as a user runs it:
// `trackplan diff --base-dir <base>/registry --format json`, from the head folder. Prints the
// median wall time against the target of issue 6 (< 3 s).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegistry, toYaml } from './generate.mjs';
import { median } from './lib.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const TRACKPLAN = path.join(path.dirname(BENCH), 'bin', 'trackplan.js');
const TARGET_SECONDS = 3;

const opts = { events: 10000, changed: 100, runs: 3 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i]?.replace(/^--/, '');
  const value = Number(process.argv[i + 1]);
  if (!(key in opts) || !Number.isInteger(value) || value < 1) {
    process.stderr.write('usage: node bench/diff.mjs [--events 10000] [--changed 100] [--runs 3]\n');
    process.exit(2);
  }
  opts[key] = value;
}

function write(dir, reg) {
  const root = path.join(dir, 'registry');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sub of ['events', 'properties']) fs.mkdirSync(path.join(root, sub), { recursive: true });
  for (const f of [...reg.events, ...reg.properties]) fs.writeFileSync(path.join(root, f.file), f.yaml);
}

/** Edits one event definition in one of four ways; returns the new definition. */
function edit(def, k) {
  const props = { ...def.properties };
  const inline = Object.keys(props).filter((n) => !('$ref' in props[n]));
  switch (k % 4) {
    case 0: props.bench_reason = { type: 'string', description: 'Why, as the user typed it.', required: true }; break;
    case 1: delete props[inline[0]]; break;
    case 2: { const n = inline.find((p) => props[p].type === 'string') ?? inline[0]; props[n] = { ...props[n], maxLength: 8 }; break; }
    default: { const n = inline[0]; props[n] = { ...props[n], type: props[n].type === 'boolean' ? 'string' : 'boolean', enum: undefined, minimum: undefined, maximum: undefined, format: undefined, pattern: undefined, maxLength: undefined, items: undefined, minItems: undefined, maxItems: undefined }; return { ...def, version: def.version + 1, properties: props }; }
  }
  return { ...def, properties: props };
}

const work = path.join(BENCH, '.work', `diff-${opts.events}`);
const t0 = performance.now();
const base = generateRegistry({ events: opts.events });
const step = Math.max(1, Math.floor(base.events.length / opts.changed));
const changed = new Set(base.events.map((_, i) => i).filter((i) => i % step === 0).slice(0, opts.changed));
const head = {
  ...base,
  events: base.events.map((e, i) => {
    if (!changed.has(i)) return e;
    const def = edit(e.def, i / step);
    return { ...e, def, yaml: toYaml(def) };
  }),
};
write(path.join(work, 'base'), base);
write(path.join(work, 'head'), head);
process.stdout.write(`generated ${opts.events} events, ${changed.size} changed, in ${((performance.now() - t0) / 1000).toFixed(1)} s (${work})\n`);

const times = [];
let summary;
for (let run = 0; run < opts.runs; run++) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [TRACKPLAN, 'diff', '--base-dir', path.join(work, 'base', 'registry'), '--format', 'json'],
    { cwd: path.join(work, 'head'), encoding: 'utf8', maxBuffer: 1 << 28 });
  times.push((performance.now() - start) / 1000);
  if (r.status !== 1 && r.status !== 0) { process.stderr.write(`trackplan diff failed (exit ${r.status}):\n${r.stderr}\n`); process.exit(1); }
  summary = JSON.parse(r.stdout).counts;
}
if (summary.changed !== changed.size) {
  process.stderr.write(`expected ${changed.size} changed events, trackplan diff reported ${JSON.stringify(summary)}\n`);
  process.exit(1);
}
const mid = median(times);
process.stdout.write(`trackplan diff --base-dir, ${opts.events} events, ${changed.size} changed: median ${mid.toFixed(2)} s over ${opts.runs} runs `
  + `(${times.map((t) => t.toFixed(2)).join(', ')}); ${summary.breaking} breaking changes found; target < ${TARGET_SECONDS} s: ${mid < TARGET_SECONDS ? 'PASS' : 'FAIL'}\n`);
process.exitCode = mid < TARGET_SECONDS ? 0 : 1;
