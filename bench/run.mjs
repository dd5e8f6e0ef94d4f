#!/usr/bin/env node
// `npm run bench`: trackplan against Stoplight Spectral (with bench/spectral/ruleset.yaml, the same
// naming checks) on the same generated registries, side by side in one run.
//
//   node bench/run.mjs [--sizes 1000,10000] [--runs 3] [--only trackplan|spectral]
//                      [--properties 12] [--shared 20] [--seed trackplan]
//
// Scenarios, for each size (number of event files):
//   cold    trackplan lint --no-cache                         vs  spectral lint "registry/events/*.yaml"
//   warm    trackplan lint with its cache, after one file's description changed (the cache is
//           filled by an untimed run first, every round)
// and once, for a registry of one event (as in an editor or a pre-commit hook):
//   single  trackplan lint --no-cache                         vs  spectral lint on that one file
// The tools alternate within each round (the order rotates), so a noisy machine slows both alike.
// Wall time is measured here around the child; peak RSS is the child's maximum resident set
// (GNU time's %M; worker threads share the process, so they are included). Medians are reported.
// Raw runs and the summary go to bench/.work/results.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, FIXTURE_DEFAULTS, FIXTURE_FLAGS, FIXTURE_USAGE, ROOT, TIME, TRACKPLAN, WORK, ensureRegistry, fixtureLabel, fixtureParams, fmt, log, measure, median, pad, parseFlags } from './lib.mjs';

const SPECTRAL = path.join(BENCH, 'node_modules', '.bin', 'spectral');
const TYPEWRITER = path.join(BENCH, 'node_modules', 'typewriter', 'bin', 'run'); // for bench/build.mjs
const RULESET = path.join(BENCH, 'spectral', 'ruleset.yaml');
const RESOLVER = path.join(BENCH, 'spectral', 'resolver.cjs');

const FLOOR = path.join(BENCH, 'lint-floor.mjs');
const TARGETS = { coldRatio: 5, floorRatio: 2.5, coldMb: 500, warmSeconds: 1, singleSeconds: 0.5 };

// ---------------------------------------------------------------------------------------------
// Arguments.

function parseArgs(argv) {
  return parseFlags(argv, { sizes: [1000, 10000], runs: 3, only: undefined, shared: 20, seed: 'trackplan', ...FIXTURE_DEFAULTS }, {
    '--sizes': ['sizes', 'sizes'], '--runs': ['runs', 'count'], '--only': ['only', ['trackplan', 'spectral']],
    '--shared': ['shared', 'count0'], '--seed': ['seed', 'string'], ...FIXTURE_FLAGS,
  }, `usage: node bench/run.mjs [--sizes 1000,10000] [--runs 3] [--only trackplan|spectral] [--shared 20] [--seed S] ${FIXTURE_USAGE}\n`);
}

// ---------------------------------------------------------------------------------------------
// Running a child and measuring it.

// The tools. Each returns a measurement plus the findings it reported.

async function trackplan(cwd, { cache, cacheFile }) {
  const args = [TRACKPLAN, 'lint', '--format', 'json', ...(cache ? ['--cache-location', cacheFile] : ['--no-cache'])];
  const r = await measure(process.execPath, args, cwd);
  let findings = null, diagnostics = [];
  try {
    const json = JSON.parse(r.stdout);
    diagnostics = json.diagnostics;
    findings = json.errorCount + json.warningCount;
  } catch { /* reported below */ }
  if (findings === null || r.code === 2) {
    throw new Error(`trackplan failed in ${cwd} (exit ${r.code}):\n${r.stderr || r.stdout.slice(0, 2000)}`);
  }
  return { seconds: r.seconds, cpu: r.cpu, mb: r.mb, code: r.code, findings, diagnostics };
}

/** The js-yaml floor: lint-floor.mjs, the ruleset's checks in plain Node, one thread. */
async function floor(cwd) {
  const r = await measure(process.execPath, [FLOOR, cwd], cwd);
  let out;
  try { out = JSON.parse(r.stdout); } catch { /* reported below */ }
  if (!out || r.code !== 0) throw new Error(`the js-yaml floor failed in ${cwd} (exit ${r.code}):\n${r.stderr || r.stdout.slice(0, 2000)}`);
  return { seconds: r.seconds, cpu: r.cpu, mb: r.mb, code: r.code, findings: out.findings, diagnostics: [] };
}

async function spectral(cwd, glob) {
  const outFile = path.join(WORK, `.spectral-${process.pid}.json`);
  fs.rmSync(outFile, { force: true });
  const args = ['lint', glob, '--ruleset', RULESET, '--resolver', RESOLVER, '--format', 'json', '--output', outFile,
    '--ignore-unknown-format', '--fail-on-unmatched-globs', '--quiet'];
  const r = await measure(SPECTRAL, args, cwd);
  let results;
  try { results = JSON.parse(fs.readFileSync(outFile, 'utf8')); } catch { /* reported below */ }
  fs.rmSync(outFile, { force: true });
  if (!Array.isArray(results) || r.code > 1) {
    throw new Error(`spectral failed in ${cwd} (exit ${r.code}):\n${r.stderr || r.stdout.slice(0, 2000)}`);
  }
  return { seconds: r.seconds, cpu: r.cpu, mb: r.mb, code: r.code, findings: results.length, diagnostics: results };
}

// ---------------------------------------------------------------------------------------------
// Registries under bench/.work/.



/** A registry of one event (plus the shared properties it may refer to). */
function ensureSingle(params) {
  const full = path.join(WORK, 'events-1');
  const src = ensureRegistry(full, { ...params, events: 1 });
  const events = path.join(full, 'registry', 'events');
  return { dir: full, file: path.join(events, fs.readdirSync(events)[0]), reused: src.reused };
}

/** A registry with one finding per rule Spectral mirrors, so neither tool is timed as a no-op. */
function writeSanity(dir) {
  const files = {
    'events/Project-Created.yaml': 'name: Project-Created\ndescription: A user created a project.\nowner: growth-team\n',
    'events/create_project.yaml': 'name: create_project\ndescription: A user created a project.\nowner: growth-team\n',
    'events/subscription_active.yaml': 'name: subscription_active\ndescription: The subscription is active.\nowner: billing-team\n',
    'events/user_churned.yaml': 'name: user_churned\ndescription: A user churned.\nowner: growth-team\n',
    'events/new_project.yaml': 'name: project_archived\ndescription: A user archived a project.\nowner: workspace-team\n',
    'events/report_exported.yaml': [
      'name: report_exported', 'properties:',
      '  planType:', '    type: string', '    description: Plan of the account.',
      '  user_id:', '    type: string', '    description: Who exported it.',
      '  churn_risk_score:', '    type: number', '    description: Risk of churn.',
      '  export_format:', '    type: string',
      '  plan_type: { $ref: plan_type }',
      '  export_settings:', '    type: object', '    description: Settings.', '    properties:',
      '      isActive:', '        type: boolean', '        description: A nested name that is not snake_case.',
      '',
    ].join('\n'),
    'events/invoice_paid.yaml': 'name: invoice_paid\ndescription: A customer paid an invoice.\nowner: billing-team\n',
    'properties/plan_type.yaml': 'name: plan_type\ntype: string\nenum: [free, pro]\ndescription: Plan of the workspace.\n',
  };
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'registry', file)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'registry', file), text);
  }
  // The findings each tool must report at least (one per mirrored check, by file).
  return [
    ['Project-Created', 'case'], ['create_project', 'verb'], ['subscription_active', 'state'], ['user_churned', 'derived'],
    ['new_project', 'file name'], ['report_exported', 'description/owner/property names'],
  ];
}

// ---------------------------------------------------------------------------------------------
// Statistics and output.


// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const useTp = opts.only !== 'spectral';
  const useSp = opts.only !== 'trackplan';
  if (useTp && !fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('bench: trackplan is not built (dist/cli/main.js is missing). Run `npm ci` or `npm run build` first.\n');
    process.exit(2);
  }
  if ((useSp && !fs.existsSync(SPECTRAL)) || !fs.existsSync(TYPEWRITER) || !fs.existsSync(path.join(BENCH, 'node_modules', 'js-yaml'))) {
    // The peers (Spectral here, typewriter for bench/build.mjs) live in bench/package.json, out of
    // trackplan's own dependencies; one `npm ci` installs both.
    log('bench: installing the peers (npm ci in bench/)');
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' });
    if (r.status !== 0 || (useSp && !fs.existsSync(SPECTRAL)) || !fs.existsSync(TYPEWRITER)) {
      process.stderr.write('bench: could not install the peers, Spectral and typewriter (npm ci in bench/ failed).\n');
      process.exit(2);
    }
  }
  fs.mkdirSync(WORK, { recursive: true });
  const spVersion = useSp ? spawnSync(SPECTRAL, ['--version'], { encoding: 'utf8' }).stdout.trim() : null;
  log(`trackplan bench: node ${process.version}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM` +
    `${useSp ? `, spectral ${spVersion}` : ''}; ${opts.runs} runs each, sizes ${opts.sizes.join(', ')}, fixture ${fixtureLabel(opts)}; peak RSS via ${TIME ?? '/proc VmHWM polling'}`);

  // 1. Both tools must find the planted problems: a comparison with a no-op would be meaningless.
  const sanityDir = path.join(WORK, 'sanity');
  const expected = writeSanity(sanityDir);
  const sanity = {};
  for (const [tool, run] of [
    ['trackplan', useTp && (() => trackplan(sanityDir, { cache: false }))],
    ['spectral', useSp && (() => spectral(sanityDir, path.join(sanityDir, 'registry', 'events', '*.yaml')))],
  ]) {
    if (!run) continue;
    const r = await run();
    const files = new Set(r.diagnostics.map((d) => path.basename(d.file ?? d.source ?? '').replace(/\.ya?ml$/, '')));
    const missing = expected.filter(([f]) => !files.has(f)).map(([f, why]) => `${f} (${why})`);
    sanity[tool] = { findings: r.findings, missing };
    log(`  sanity: ${tool} reports ${r.findings} findings on the planted-problem registry${missing.length ? `; WARNING: nothing reported for ${missing.join(', ')}` : ' (every planted problem found)'}`);
    if (!r.findings || r.code !== 1) throw new Error(`${tool} reports nothing on the planted problems in ${sanityDir}: the comparison would time a no-op.`);
  }

  if (useTp) {
    const r = await floor(sanityDir);
    log(`  sanity: the js-yaml floor reports ${r.findings} findings on the planted-problem registry`);
    if (!r.findings) throw new Error(`the js-yaml floor reports nothing on the planted problems in ${sanityDir}`);
  }

  // 2. Registries.
  const { params, suffix } = fixtureParams(opts);
  const sizes = opts.sizes.map((n) => ({ n, dir: path.join(WORK, `events-${n}${suffix}`), ...ensureRegistry(path.join(WORK, `events-${n}${suffix}`), { events: n, ...params }) }));
  const single = ensureSingle({ properties: 12, shared: opts.shared, seed: opts.seed });
  log(`  registries: ${sizes.map((s) => `${s.n} events (${s.reused ? 'reused' : 'new'})`).join(', ')}, 1 event (${single.reused ? 'reused' : 'new'}) under ${path.relative(ROOT, WORK)}/`);

  // 3. Measure, alternating the tools within each round.
  const runs = [];
  const findingsSeen = new Map(); // tool -> rule -> files of the generated registries it reported
  const record = (size, scenario, tool, round, r) => {
    runs.push({ size, scenario, tool, round, seconds: r.seconds, cpu: r.cpu, mb: r.mb, exit: r.code, findings: r.findings });
    for (const d of r.findings ? r.diagnostics : []) {
      const rule = d.ruleId ?? d.code ?? 'unknown';
      const byRule = findingsSeen.get(tool) ?? new Map();
      findingsSeen.set(tool, byRule);
      const seen = byRule.get(rule) ?? { files: new Set(), where: new Set(), example: `${d.message}` };
      byRule.set(rule, seen);
      seen.files.add(path.basename(d.file ?? d.source ?? ''));
      seen.where.add(`${scenario} ${size}`);
    }
    log(`    ${String(size).padStart(6)} ${scenario.padEnd(6)} ${tool.padEnd(9)} round ${round}: ${fmt(r.seconds)} s (CPU ${fmt(r.cpu)} s), ${fmt(r.mb, 0)} MB, ${r.findings} findings`);
  };
  const groups = [
    ...sizes.map((s) => ({ size: s.n, tasks: [
      useTp && ['cold', 'trackplan', () => trackplan(s.dir, { cache: false })],
      useSp && ['cold', 'spectral', () => spectral(s.dir, path.join(s.dir, 'registry', 'events', '*.yaml'))],
      useTp && ['cold', 'floor', () => floor(s.dir)],
      useTp && ['warm', 'trackplan', async (round) => {
        const cacheFile = path.join(s.dir, 'trackplan-cache');
        const file = path.join(s.dir, 'registry', s.editFile);
        await trackplan(s.dir, { cache: true, cacheFile }); // fill (untimed)
        fs.writeFileSync(file, s.editOriginal.replace(/^description: (.*)$/m, `description: $1 Edited by bench round ${round}.`));
        try { return await trackplan(s.dir, { cache: true, cacheFile }); } finally { fs.writeFileSync(file, s.editOriginal); }
      }],
    ].filter(Boolean) })),
    { size: 1, tasks: [
      useTp && ['single', 'trackplan', () => trackplan(single.dir, { cache: false })],
      useSp && ['single', 'spectral', () => spectral(single.dir, single.file)],
    ].filter(Boolean) },
  ];
  for (const g of groups) {
    log(`  measuring ${g.size} event${g.size === 1 ? '' : 's'}:`);
    for (let round = 1; round <= opts.runs; round++) {
      const k = (round - 1) % g.tasks.length;
      for (const [scenario, tool, fn] of [...g.tasks.slice(k), ...g.tasks.slice(0, k)]) record(g.size, scenario, tool, round, await fn(round));
    }
  }

  // 4. Summary.
  const summary = [];
  for (const g of groups) {
    for (const [scenario, tool] of g.tasks) {
      const rs = runs.filter((r) => r.size === g.size && r.scenario === scenario && r.tool === tool);
      summary.push({
        size: g.size, scenario, tool, runs: rs.length,
        medianSeconds: median(rs.map((r) => r.seconds)), medianCpu: median(rs.map((r) => r.cpu)), minSeconds: Math.min(...rs.map((r) => r.seconds)), maxSeconds: Math.max(...rs.map((r) => r.seconds)),
        medianMb: median(rs.map((r) => r.mb)), maxMb: rs.some((r) => r.mb !== null) ? Math.max(...rs.map((r) => r.mb ?? 0)) : null,
        findings: rs[0]?.findings ?? null,
      });
    }
  }
  const get = (size, scenario, tool) => summary.find((s) => s.size === size && s.scenario === scenario && s.tool === tool);
  const ratio = (size, scenario) => {
    const tp = get(size, scenario, 'trackplan'), sp = get(size, scenario, 'spectral');
    return tp && sp ? sp.medianSeconds / tp.medianSeconds : null;
  };
  const floorRatio = (size) => {
    const tp = get(size, 'cold', 'trackplan'), fl = get(size, 'cold', 'floor');
    return tp && fl ? tp.medianSeconds / fl.medianSeconds : null;
  };
  /** Per round: `a`'s time (or CPU time) over `b`'s, both cold runs of the same round (they ran close together). */
  const perRound = (size, a, b, key = 'seconds') => {
    const of = (tool) => runs.filter((r) => r.size === size && r.scenario === 'cold' && r.tool === tool);
    const xs = of(a), ys = of(b);
    return xs.map((x) => ys.find((y) => y.round === x.round)).map((y, i) => (y && xs[i][key] != null && y[key] ? xs[i][key] / y[key] : null)).filter((x) => x !== null);
  };

  const rows = [['events', 'scenario', 'tool', 'median s', 'min s', 'max s', 'CPU s', 'peak MB', 'findings', 'spectral/trackplan', 'trackplan/floor']];
  for (const s of summary) {
    const r = s.tool === 'trackplan' && s.scenario !== 'warm' ? ratio(s.size, s.scenario) : null;
    const f = s.tool === 'trackplan' && s.scenario === 'cold' ? floorRatio(s.size) : null;
    rows.push([s.size, s.scenario, s.tool, fmt(s.medianSeconds), fmt(s.minSeconds), fmt(s.maxSeconds), fmt(s.medianCpu), fmt(s.maxMb, 0), s.findings ?? 'n/a', r === null ? '' : `${fmt(r, 1)}x`, f === null ? '' : `${fmt(f, 2)}x`]);
  }
  log('');
  log(`Results (median of ${opts.runs}; peak MB = highest peak RSS over the runs):`);
  for (const line of pad(rows)) log(`  ${line}`);
  for (const { n } of sizes) {
    const list = (xs, d) => (xs.length ? `${xs.map((x) => `${fmt(x, d)}x`).join(', ')} (median ${fmt(median(xs), d)}x)` : 'n/a');
    for (const key of ['seconds', 'cpu']) {
      const sp = perRound(n, 'spectral', 'trackplan', key), fl = perRound(n, 'trackplan', 'floor', key);
      if (sp.length || fl.length) log(`  ${n} events, cold, ${key === 'cpu' ? 'CPU time' : 'wall time'} per round: spectral/trackplan ${list(sp, 1)}; trackplan/floor ${list(fl, 2)}`);
    }
  }

  // 5. Targets (issue 2, "Speed"), on 10,000 events, else on the largest size measured.
  const big = opts.sizes.includes(10000) ? 10000 : Math.max(...opts.sizes);
  const note = big === 10000 ? '' : ` (measured on ${big} events, the target is for 10000)`;
  const cold = get(big, 'cold', 'trackplan'), warm = get(big, 'warm', 'trackplan'), one = get(1, 'single', 'trackplan');
  const coldRatio = ratio(big, 'cold');
  const overFloor = floorRatio(big);
  const targets = [
    { target: `cold lint of 10000 events >= ${TARGETS.coldRatio}x faster than Spectral`, value: coldRatio === null ? null : `${fmt(coldRatio, 1)}x`, pass: coldRatio === null ? null : coldRatio >= TARGETS.coldRatio },
    { target: `cold lint of 10000 events <= ${TARGETS.floorRatio}x the js-yaml floor`, value: overFloor === null ? null : `${fmt(overFloor, 2)}x`, pass: overFloor === null ? null : overFloor <= TARGETS.floorRatio },
    { target: `cold lint of 10000 events under ${TARGETS.coldMb} MB`, value: cold?.maxMb == null ? null : `${fmt(cold.maxMb, 0)} MB`, pass: cold?.maxMb == null ? null : cold.maxMb < TARGETS.coldMb },
    { target: `warm re-run of 10000 events after one change under ${TARGETS.warmSeconds} s`, value: warm ? `${fmt(warm.medianSeconds)} s` : null, pass: warm ? warm.medianSeconds < TARGETS.warmSeconds : null },
    { target: `single-event lint under ${TARGETS.singleSeconds} s`, value: one ? `${fmt(one.medianSeconds)} s` : null, pass: one ? one.medianSeconds < TARGETS.singleSeconds : null },
  ];
  log('');
  log(`Targets${note}:`);
  for (const line of pad(targets.map((t) => [t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL', t.target, t.value ?? 'not measured']))) log(`  ${line}`);

  // Findings on a generated registry mean a generator bug or a linter bug: name them.
  const generatedFindings = {};
  for (const [tool, byRule] of findingsSeen) {
    generatedFindings[tool] = {};
    log('');
    log(`${tool} reported findings on the generated registries (a generator or a linter bug):`);
    for (const [rule, { files, where, example }] of byRule) {
      const names = [...files].sort().map((f) => f.replace(/\.ya?ml$/, ''));
      generatedFindings[tool][rule] = { files: names.length, in: [...where], example, names };
      log(`  ${rule}: ${names.length} files (${[...where].join(', ')}), e.g. ${names.slice(0, 12).join(', ')}`);
      log(`    message: ${example}`);
    }
  }
  if (!findingsSeen.size) log('\nNo tool reported anything on the generated registries.');

  const results = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemGb: Math.round(os.totalmem() / 2 ** 30), loadavg: os.loadavg() },
    tools: { spectral: spVersion, peakRss: TIME ?? 'VmHWM polling' },
    options: opts, sanity, summary, targets: targets.map((t) => ({ ...t, ...(note ? { note: note.trim() } : {}) })), generatedFindings, runs,
  };
  fs.writeFileSync(path.join(WORK, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(`Wrote ${path.relative(process.cwd(), path.join(WORK, 'results.json')) || 'results.json'}.`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
