#!/usr/bin/env node
// The ESLint plugin's cost on real application code, and `trackplan coverage`'s.
//
//   npm run build && node bench/eslint-apps.mjs [--apps rallly] [--runs 5] [--mirror name=GITDIR,...] [--no-coverage]
//
// On each app of bench/apps.mjs (a public Next.js app that sends PostHog events, checked out at
// the commit written there), with that app's `settings.trackplan` and a plan made from its own
// sends (an event file for each name its calls send, with the keys they send as properties: the
// plugin then checks every call for real, as it would in the app's CI; made once, untimed):
//
// | mode | what runs |
// | --- | --- |
// | core | ESLint with five core rules (CORE below: what the smallest real config has) |
// | core+plugin | the same, plus `trackplan.configs.recommended` |
// | plugin | ESLint with `trackplan.configs.recommended` alone |
// | coverage | `trackplan coverage --format json` in the app's folder (its registry, and an eslint.config.mjs with the app's settings) |
//
// Each run is a fresh process, timed by GNU time: CPU time (user + system, which is what the
// plugin adds; wall time on a shared machine mostly measures the others' load) and wall time;
// pinned to one core with taskset where it exists (so is every mode).
// The modes alternate, the order rotating each round, after one untimed run of each. Printed:
// medians, the ratio of the medians, and the median of the per-round ratios ("paired"), whose runs
// ran close together. Targets (issue 15): core+plugin at most 1.10x the CPU of core; coverage
// under 1.5x the time of plugin.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APPS, appConfig, mirrorsFrom, prepareApp } from './apps.mjs';
import { median, ROOT, TIME, TRACKPLAN, WORK } from './lib.mjs';

/**
 * A few core rules, as the smallest real config has: prefer-const needs scope analysis, the others
 * look at single nodes. (Core no-unused-vars is not among them: on typescript-eslint's tree it
 * crashes at type-only code, and TypeScript projects use typescript-eslint's own.)
 */
const CORE = { 'prefer-const': 'error', 'no-var': 'error', eqeqeq: 'error', 'no-debugger': 'error', 'no-dupe-keys': 'error' };

// ---------------------------------------------------------------------------------------------
// Child: one ESLint run in this process, or the collection of an app's sends for its plan.
if (process.argv[2] === '--child') {
  const [, , , mode, name, dir, registry] = process.argv;
  const { ESLint } = await import('eslint');
  const { default: tsParser } = await import('@typescript-eslint/parser');
  const extra = [];
  if (mode.startsWith('core')) extra.push({ rules: CORE });
  if (mode.endsWith('plugin')) extra.push((await import('eslint-plugin-trackplan')).default.configs.recommended);
  let sends;
  if (mode === 'collect') {
    const { trackingCall, propertyKey, unwrap } = await import(path.join(ROOT, 'eslint-plugin', 'dist', 'calls.js'));
    sends = [];
    const kind = (v) => {
      const n = unwrap(v);
      if (n.type === 'Literal') return n.value === null ? undefined : typeof n.value === 'number' ? (Number.isInteger(n.value) ? 'integer' : 'number') : typeof n.value;
      return n.type === 'TemplateLiteral' ? 'string' : n.type === 'ArrayExpression' ? 'array' : n.type === 'ObjectExpression' ? 'object' : undefined;
    };
    const collect = { create: (context) => {
      const visit = (node) => {
        const t = trackingCall(context, node);
        if (!t?.names) return;
        const props = t.propsNode && unwrap(t.propsNode);
        const keys = {};
        if (props?.type === 'ObjectExpression') {
          for (const p of props.properties) {
            const k = p.type === 'Property' ? propertyKey(p) : undefined;
            if (k !== undefined && !t.propsExclude?.includes(k)) keys[k] = kind(p.value) ?? keys[k] ?? null; // null: not a literal
          }
        }
        for (const n of t.names) sends.push({ name: n.value, keys });
      };
      return { CallExpression: visit, JSXAttribute: visit };
    } };
    extra.push({ plugins: { c: { rules: { collect } } }, rules: { 'c/collect': 'error' } });
  }
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: appConfig(name, tsParser, registry, extra), cache: false });
  const results = await eslint.lintFiles(['.']);
  const messages = results.flatMap((r) => r.messages);
  const byRule = {};
  for (const m of messages) { const k = m.fatal ? 'fatal' : m.ruleId ?? 'directives'; byRule[k] = (byRule[k] ?? 0) + 1; } // directives: unused eslint-disable comments
  console.log(JSON.stringify({ files: results.length, problems: messages.length, byRule, sends }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const names = opt('apps', 'rallly').split(',');
const RUNS = Number(opt('runs', 5));
const mirrors = mirrorsFrom(process.argv);
if (!TIME) { console.error('GNU time (/usr/bin/time) is needed to measure CPU time.'); process.exit(2); }
if (!fs.existsSync(path.join(ROOT, 'eslint-plugin', 'dist', 'index.js'))) { console.error('Build first: npm run build.'); process.exit(2); }

const SELF = new URL(import.meta.url).pathname;
// One core for every run: V8's helper threads (the garbage collector's) then share it, so CPU time
// does not count threads spinning while the other users of a loaded machine hold the other core.
const PIN = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Runs one mode in a fresh process under GNU time: { wall, cpu } in seconds, and the child's report. */
function run(mode, name, dir, plan) {
  const args = mode === 'coverage'
    ? [TRACKPLAN, 'coverage', '--config', path.join(plan, 'trackplan.config.yaml'), '--format', 'json']
    : [SELF, '--child', mode, name, dir, path.join(plan, 'registry')];
  const timeFile = path.join(WORK, `.time-${process.pid}`);
  const r = spawnSync(PIN ? 'taskset' : TIME, [...(PIN ? ['-c', '0', TIME] : []), '-f', '%e %U %S', '-o', timeFile, '--', process.execPath, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  const [wall, user, sys] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  fs.rmSync(timeFile, { force: true });
  if (r.status !== 0 && !(mode === 'coverage' && r.status === 1)) throw new Error(`${mode} on ${name} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const out = JSON.parse(r.stdout);
  return { wall, cpu: user + sys, out };
}

/** The app's plan: an event for each name its calls send, with the keys they send; and the files coverage needs. */
function preparePlan(name, dir) {
  const plan = path.join(WORK, 'apps-plans', name);
  const stamp = path.join(plan, 'stamp');
  const key = `${APPS[name].commit} ${fs.statSync(SELF).mtimeMs} ${fs.statSync(path.join(path.dirname(SELF), 'apps.mjs')).mtimeMs}`;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== key) {
    fs.rmSync(plan, { recursive: true, force: true });
    fs.mkdirSync(path.join(plan, 'registry', 'events'), { recursive: true });
    const { out } = run('collect', name, dir, plan);
    const events = new Map();
    for (const { name: event, keys } of out.sends) {
      const props = events.get(event) ?? {};
      for (const [k, type] of Object.entries(keys)) props[k] = !props[k] || !type || props[k] === type ? props[k] || type : 'mixed';
      events.set(event, props);
    }
    for (const [event, props] of events) {
      const lines = [`name: ${JSON.stringify(event)}`, 'description: Sent by the app.', 'owner: bench', 'properties:'];
      for (const [k, type] of Object.entries(props)) {
        // A key whose values the code does not show as literals of one type: any type will do (the plugin checks literals only).
        lines.push(`  ${JSON.stringify(k)}: { type: ${type && type !== 'mixed' ? type : 'string'}, description: Sent by the app. }`);
      }
      if (lines.at(-1) === 'properties:') lines.pop();
      fs.writeFileSync(path.join(plan, 'registry', 'events', `${event}.yaml`), `${lines.join('\n')}\n`);
    }
    fs.writeFileSync(path.join(plan, 'trackplan.config.yaml'), 'registry: registry\n');
    fs.writeFileSync(stamp, key);
  }
  // coverage reads the app's own ESLint config: the same settings as the other modes, from bench/apps.mjs.
  fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), `// Written by bench/eslint-apps.mjs for trackplan coverage.\nimport tsParser from '@typescript-eslint/parser';\nimport { appConfig } from ${JSON.stringify(path.join(path.dirname(SELF), 'apps.mjs'))};\nexport default appConfig(${JSON.stringify(name)}, tsParser, ${JSON.stringify(path.join(plan, 'registry'))});\n`);
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(ROOT, 'node_modules'), modules);
  return plan;
}

const fmt = (s) => `${s.toFixed(2)} s`;
const results = {};
for (const name of names) {
  const dir = prepareApp(name, mirrors[name]);
  const plan = preparePlan(name, dir);
  const modes = ['core', 'core+plugin', 'plugin', ...(argv.includes('--no-coverage') ? [] : ['coverage'])];
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  const first = Object.fromEntries(modes.map((m) => [m, run(m, name, dir, plan)])); // untimed: the file system cache
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < modes.length; j++) {
      const m = modes[(i + j) % modes.length];
      runs[m].push(run(m, name, dir, plan));
    }
  }
  const med = (m, k) => median(runs[m].map((r) => r[k]));
  const paired = (m, base, k) => median(runs[m].map((r, i) => r[k] / runs[base][i][k]));
  const events = fs.readdirSync(path.join(plan, 'registry', 'events')).length;
  console.log(`\n${name} (${APPS[name].repo} @ ${APPS[name].commit.slice(0, 12)}): ${first.core.out.files} files, a plan of ${events} events; ${RUNS} rounds, alternating`);
  const rows = {};
  for (const m of modes) {
    const o = first[m].out;
    const what = m === 'coverage' ? `sends ${o.events.reduce((n, e) => n + e.count, 0) + o.unknown.reduce((n, u) => n + u.count, 0) + o.dynamic.length}` : `problems ${JSON.stringify(o.byRule)}`;
    const base = m === 'core+plugin' ? 'core' : m === 'coverage' ? 'plugin' : undefined;
    const ratio = base ? `   vs ${base}: CPU ${(med(m, 'cpu') / med(base, 'cpu')).toFixed(3)}x (paired ${paired(m, base, 'cpu').toFixed(3)}x), wall ${(med(m, 'wall') / med(base, 'wall')).toFixed(3)}x (paired ${paired(m, base, 'wall').toFixed(3)}x)` : '';
    console.log(`  ${m.padEnd(12)} CPU ${fmt(med(m, 'cpu')).padStart(8)}   wall ${fmt(med(m, 'wall')).padStart(8)}${ratio}   ${what}`);
    rows[m] = { cpu: runs[m].map((r) => r.cpu), wall: runs[m].map((r) => r.wall) };
  }
  for (const m of modes.filter((x) => x === 'core+plugin' || x === 'coverage')) {
    const base = m === 'core+plugin' ? 'core' : 'plugin';
    console.log(`  per-round ${m}/${base} CPU: ${runs[m].map((r, i) => (r.cpu / runs[base][i].cpu).toFixed(3)).join(' ')}; wall: ${runs[m].map((r, i) => (r.wall / runs[base][i].wall).toFixed(3)).join(' ')}`);
  }
  const pluginCpu = paired('core+plugin', 'core', 'cpu');
  console.log(`  target core+plugin <= 1.10x the CPU of core (paired): ${pluginCpu <= 1.1 ? 'PASS' : 'FAIL'}`);
  if (runs.coverage) {
    const cov = paired('coverage', 'plugin', 'wall');
    console.log(`  target coverage < 1.5x the time of plugin (paired wall): ${cov < 1.5 ? 'PASS' : 'FAIL'}`);
  }
  results[name] = { repo: APPS[name].repo, commit: APPS[name].commit, files: first.core.out.files, events, rounds: RUNS, runs: rows };
}
fs.writeFileSync(path.join(WORK, 'eslint-apps.json'), `${JSON.stringify(results, null, 2)}\n`);
