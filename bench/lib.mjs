// What the bench scripts share: running a child while measuring it, generated registries that are
// reused across runs, and the statistics and table output.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRegistry } from './generate.mjs';
import { writeIgluRegistry } from './iglu.mjs';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH);
export const WORK = path.join(BENCH, '.work');
export const TRACKPLAN = path.join(ROOT, 'bin', 'trackplan.js');
export const TIME = ['/usr/bin/time', '/bin/time'].find((p) => fs.existsSync(p));

/**
 * Runs `cmd args` in `cwd`; returns wall seconds, CPU seconds (user + system, worker threads
 * included; null without GNU time), peak RSS in MB (or null), exit code, output. On a shared
 * machine wall time depends on what else runs; CPU time much less, so both are reported.
 */
export function measure(cmd, args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    fs.mkdirSync(WORK, { recursive: true });
    const rssFile = path.join(WORK, `.rss-${process.pid}`);
    const [file, argv] = TIME ? [TIME, ['-f', '%M %U %S', '-o', rssFile, '--', cmd, ...args]] : [cmd, args];
    const out = [];
    const err = [];
    let hwm = 0;
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    // Without GNU time: poll the child's high-water mark (VmHWM only grows, so the last poll is close).
    const poll = TIME ? undefined : setInterval(() => { hwm = Math.max(hwm, vmHwm(child.pid)); }, 10);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      let mb = hwm ? hwm / 1024 : null;
      let cpu = null;
      if (TIME) {
        // The last line: a child killed by a signal makes GNU time write a line before it.
        const [kb, user, sys] = fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        fs.rmSync(rssFile, { force: true });
        mb = Number.isFinite(kb) ? kb / 1024 : null;
        cpu = Number.isFinite(user) && Number.isFinite(sys) ? user + sys : null;
      }
      resolve({ seconds, cpu, mb, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function vmHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

export const sha = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const GENERATOR_HASH = sha(Buffer.concat(['generate.mjs', 'iglu.mjs'].map((f) => fs.readFileSync(path.join(BENCH, f)))));

/**
 * The fixture flags run.mjs and build.mjs share: which registry (generate.mjs's, or the
 * Iglu-derived one of iglu.mjs), and generate.mjs's style options.
 */
export const FIXTURE_FLAGS = {
  '--fixture': ['fixture', ['generated', 'iglu']], '--style': ['style', ['flow', 'block', 'mixed']],
  '--comments': ['comments', 'bool'], '--multiline': ['multiline', 'bool'], '--properties': ['properties', 'string'],
};
export const FIXTURE_DEFAULTS = { fixture: 'generated', style: 'flow', comments: false, multiline: false, properties: '12' };
export const FIXTURE_USAGE = '[--fixture generated|iglu] [--style flow|block|mixed] [--comments] [--multiline] [--properties 12|3-15]';

/** What the fixture options describe, for a bench's header line. */
export const fixtureLabel = (opts) => (opts.fixture === 'iglu' ? 'Iglu-derived (bench/iglu.mjs)'
  : `generated, ${opts.style} style${opts.comments ? ', comments' : ''}${opts.multiline ? ', multi-line descriptions' : ''}, ${opts.properties} properties`);

/** The registry parameters of parsed options, and a folder name suffix that tells them apart. */
export function fixtureParams(opts) {
  if (!/^\d+(-\d+)?$/.test(opts.properties)) {
    process.stderr.write(`bench: --properties: a whole number or a range such as 3-15, not ${opts.properties}\n`);
    process.exit(2);
  }
  if (opts.fixture === 'iglu') return { params: { fixture: 'iglu' }, suffix: '-iglu' };
  const properties = /-/.test(opts.properties) ? opts.properties : Number(opts.properties);
  const params = { properties, shared: opts.shared, seed: opts.seed, style: opts.style, comments: opts.comments, multiline: opts.multiline };
  const plain = opts.style === 'flow' && !opts.comments && !opts.multiline && properties === 12;
  return { params, suffix: plain ? '' : `-${opts.style}${opts.comments ? '-c' : ''}${opts.multiline ? '-m' : ''}-p${properties}` };
}

/**
 * Generates DIR/registry unless a stamp shows it was made with the same parameters and generator.
 * Returns the file a warm run edits, its original text and the event names.
 */
export function ensureRegistry(dir, params) {
  const stampFile = path.join(dir, 'stamp.json');
  const want = { ...params, generator: GENERATOR_HASH };
  let stamp;
  try { stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')); } catch { /* none */ }
  const eventsDir = path.join(dir, 'registry', 'events');
  const same = stamp && JSON.stringify(stamp.params) === JSON.stringify(want)
    && fs.existsSync(eventsDir) && fs.readdirSync(eventsDir).length === params.events;
  if (same) {
    // Undo an edit a killed warm run may have left behind.
    fs.writeFileSync(path.join(dir, 'registry', stamp.editFile), stamp.editOriginal);
    return { reused: true, editFile: stamp.editFile, editOriginal: stamp.editOriginal, names: stamp.names };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const reg = params.fixture === 'iglu' ? writeIgluRegistry(dir, params) : writeRegistry(dir, params);
  // The file a warm run edits: one whose description is a one-line plain scalar.
  const first = reg.events.find((e) => /^description: [^|>'"\s].*$/m.test(e.yaml)) ?? reg.events[0];
  const names = reg.events.map((e) => e.name);
  fs.writeFileSync(stampFile, `${JSON.stringify({ params: want, editFile: first.file, editOriginal: first.yaml, names }, null, 2)}\n`);
  log(`  generated ${names.length} event${names.length === 1 ? '' : 's'} + ${reg.properties.length} shared properties in ${path.relative(ROOT, dir)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { reused: false, editFile: first.file, editOriginal: first.yaml, names };
}

export const median = (xs) => {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmt = (x, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
export const log = (s) => process.stdout.write(`${s}\n`);

/** Aligns a table: the first three columns to the left, the rest (numbers) to the right. */
export function pad(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i < 3 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd());
}

/**
 * Parses `--flag value`, `--flag=value` and boolean `--flag` arguments. `spec` maps each flag to
 * [option name, kind]: 'count' (whole number >= 1), 'count0' (>= 0), 'sizes' (counts, comma
 * separated), 'string', 'bool', or an array of allowed values. Exits 2 with `usageText` on a mistake.
 */
export function parseFlags(argv, defaults, spec, usageText) {
  const usage = (error) => {
    if (error) { process.stderr.write(`bench: ${error}\n${usageText}`); process.exit(2); }
    process.stdout.write(usageText);
    process.exit(0);
  };
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '-h' || flag === '--help') usage();
    if (!spec[flag]) usage(`unknown argument ${a}`);
    const [key, kind] = spec[flag];
    if (kind === 'bool') { opts[key] = true; continue; }
    const v = inline ?? argv[++i];
    if (v === undefined) usage(`${flag} needs a value`);
    const count = (x, min) => {
      if (!/^\d+$/.test(x) || Number(x) < min) usage(`${flag}: expected a whole number >= ${min}, not ${x}`);
      return Number(x);
    };
    if (kind === 'count' || kind === 'count0') opts[key] = count(v, kind === 'count' ? 1 : 0);
    else if (kind === 'sizes') {
      opts[key] = v.split(',').filter(Boolean).map((s) => count(s.trim(), 1));
      if (!opts[key].length) usage(`${flag}: give at least one size`);
    } else if (Array.isArray(kind)) {
      if (!kind.includes(v)) usage(`${flag}: ${kind.join(' or ')}, not ${v}`);
      opts[key] = v;
    } else opts[key] = v;
  }
  return opts;
}
