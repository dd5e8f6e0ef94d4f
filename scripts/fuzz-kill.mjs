#!/usr/bin/env node
// Fault injection: `kill -9` while the output folder is being written. A registry exists in two
// versions whose outputs differ in every file and in which files there are; a writer alternates
// between them and is killed at a random moment, again and again. After every kill the folder
// must hold exactly one version's output, whole (or, killed between the two renames of the swap,
// no folder and the previous one beside it, which the next build puts back), and the next write
// must work. Most writers are a small
// process that calls the very function `trackplan build` writes with (dist/write.js writeOutput),
// so that kills land while files are written rather than while Node starts; one in `--builds`
// (default 20) is the whole `trackplan build`, killed anywhere from start-up to the end (its
// cache written or not). Every `--check-every` kills (default 200), of either kind, and at the
// end, a build that is not killed and a `trackplan check --no-cache` must pass and leave the
// registry's version whole. Bounded: `--cases` kills (default 100,000) or `--seconds`.
//
//   npm run build && node scripts/fuzz-kill.mjs [--cases 100000] [--seconds 600] [--events 40] [--builds 20] [--freezes 10] [--check-every 200] [--seed 1]
//
// Exit 0 when every state seen was whole, 1 with the first bad ones.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'trackplan.js');
const SELF = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------
// The writer: waits for a line on standard input, then writes the versions in turn until killed.

async function writerMain() {
  const [, , , out, versionsFile, start] = process.argv;
  const { writeOutput } = await import(path.join(ROOT, 'dist', 'write.js'));
  const versions = JSON.parse(fs.readFileSync(versionsFile, 'utf8')).map((files) => new Map(Object.entries(files)));
  process.stdout.write('ready\n');
  process.stdin.once('data', () => {
    for (let k = Number(start); ; k++) writeOutput(out, versions[k % 2]);
  });
}

// ---------------------------------------------------------------------------------------------
// The campaign.

function random(seed) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  return { next, int: (n) => Math.floor(next() * n), chance: (p) => next() < p };
}

/** Registry files of version 0 or 1: every description differs, and one event is in version 0 only, another in 1 only. */
function registryFiles(version, events) {
  const files = {};
  for (let k = version; k < events + version; k++) {
    const props = Array.from({ length: 3 + (k % 4) }, (_, p) => `  field_${p}: { type: ${['string', 'integer', 'boolean'][p % 3]}, description: Field ${p} of version ${version}. }`).join('\n');
    files[`item${k}_viewed.yaml`] = `name: item${k}_viewed\ndescription: Item ${k} was viewed (version ${version}).\nowner: team-${k % 3}\nproperties:\n${props}\n`;
  }
  return files;
}

function setRegistry(dir, version, events) {
  const events_ = path.join(dir, 'registry', 'events');
  fs.rmSync(events_, { recursive: true, force: true });
  fs.mkdirSync(events_, { recursive: true });
  for (const [f, text] of Object.entries(registryFiles(version, events))) fs.writeFileSync(path.join(events_, f), text);
}

/** Every file under `dir` with its bytes (a folder that does not exist: undefined). */
function snapshot(dir) {
  if (!fs.existsSync(dir)) return undefined;
  const out = {};
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name), r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else out[r] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

const same = (a, b) => {
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

function run(args, cwd) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** A child started now, to be told to go later (start-up overlaps the previous case). */
function writer(out, versionsFile, start) {
  const child = spawn(process.execPath, [SELF, '--writer', out, versionsFile, String(start)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const ready = new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before it was told to go: ${stderr}`)));
  });
  ready.catch(() => {});
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, ready, exited };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const canFreeze = os.platform() === 'linux' && fs.existsSync('/proc/self/stat');

/** Whether the process `pid` is stopped (state T), waiting up to a second for it to be. */
async function stopped(pid) {
  for (const until = performance.now() + 1000; performance.now() < until;) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return true;
    } catch { return false; }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

export async function campaign({ cases = 100_000, seconds = Infinity, events = 40, builds = 20, freezes = 10, checkEvery = 200, seed = 1, log = () => {} } = {}) {
  const r = random(seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackplan-fuzz-kill-'));
  const out = path.join(dir, 'generated');
  const old = path.join(dir, '.generated.trackplan-old');
  const counts = { cases: 0, kills: 0, freezes: 0, builds: 0, whole: [0, 0], absent: 0, betweenRenames: 0, checks: 0 };
  const failures = [];
  try {
    fs.writeFileSync(path.join(dir, 'trackplan.config.yaml'), 'rules:\n  event-name-verb: off\n  event-name-derived: off\n  property-derived: off\n');
    // The two outputs, from real builds.
    const versions = [0, 1].map((v) => {
      setRegistry(dir, v, events);
      const b = run(['build', '--no-cache', '--out', `expected-${v}`], dir);
      if (b.code !== 0) throw new Error(`the build of version ${v} failed: ${b.out}`);
      return snapshot(path.join(dir, `expected-${v}`));
    });
    const versionsFile = path.join(dir, 'versions.json');
    fs.writeFileSync(versionsFile, JSON.stringify(versions));
    // How long a write and a whole build take, to kill within them.
    const t0 = performance.now();
    run(['build', '--no-cache'], dir);
    const buildMs = performance.now() - t0;
    let everWhole = true; // the build above wrote version 1 whole
    let version = 1; // of the registry on disk

    const inspect = (what) => {
      counts.cases++;
      const now = snapshot(out);
      if (now === undefined) {
        if (fs.existsSync(old)) { counts.betweenRenames++; return; }
        if (!everWhole) { counts.absent++; return; }
        failures.push({ case: counts.cases, what, error: 'the output folder is gone and no previous one is beside it' });
        return;
      }
      const v = versions.findIndex((x) => same(now, x));
      if (v < 0) {
        const [a, b] = versions.map((x) => Object.keys(now).filter((k) => now[k] === x[k]).length);
        failures.push({ case: counts.cases, what, error: `a mixed output folder: ${Object.keys(now).length} files, ${a} of version 0 and ${b} of version 1` });
        return;
      }
      counts.whole[v]++;
      everWhole = true;
    };

    // How long one write takes here, timed in this process with the writer's own function.
    const { writeOutput } = await import(path.join(ROOT, 'dist', 'write.js'));
    const scratch = path.join(dir, 'scratch');
    const t1 = performance.now();
    for (let k = 0; k < 6; k++) writeOutput(scratch, new Map(Object.entries(versions[k % 2])));
    const writeMs = Math.max(1, (performance.now() - t1) / 6);
    fs.rmSync(scratch, { recursive: true, force: true });
    const deadline = performance.now() + seconds * 1000;
    let next = writer(out, versionsFile, r.int(2));
    /** One writer told to go, frozen and looked at now and then, killed, and its folder looked at. */
    const killWriter = async () => {
      const w = next;
      await w.ready;
      next = writer(out, versionsFile, r.int(2)); // starts while this one writes
      w.child.stdin.write('go\n');
      // Frozen at random moments first (where /proc tells when it is): the disk as a kill -9 at
      // that moment would leave it, for a fraction of a kill's cost.
      for (let f = canFreeze ? r.int(2 * freezes + 1) : 0; f > 0; f--) {
        await sleep(r.next() * writeMs);
        w.child.kill('SIGSTOP');
        if (!(await stopped(w.child.pid))) break;
        counts.freezes++;
        inspect('frozen writer');
        w.child.kill('SIGCONT');
      }
      await sleep(r.next() * writeMs * 3);
      w.child.kill('SIGKILL');
      const e = await w.exited;
      if (e.signal !== 'SIGKILL') failures.push({ case: counts.cases, what: 'writer', error: `the writer stopped by itself (${e.code}): ${e.stderr.slice(0, 500)}` });
      inspect('writer');
    };
    for (; counts.cases < cases && performance.now() < deadline && failures.length < 10; counts.kills++) {
      if (counts.kills % builds === builds - 1) {
        // The whole command, on a registry switched to the other version.
        version ^= 1;
        setRegistry(dir, version, events);
        const child = spawn(process.execPath, [BIN, 'build'], { cwd: dir, stdio: 'ignore' });
        const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
        await sleep(r.next() * buildMs * 1.2);
        child.kill('SIGKILL');
        const e = await exited;
        if (e.signal === null && e.code !== 0) failures.push({ case: counts.cases, what: 'build', error: `the build exited ${e.code} unkilled` });
        counts.builds++;
        inspect('build');
      } else {
        await killWriter();
      }
      if (counts.kills % checkEvery === checkEvery - 1) {
        // Once in a while, after a writer's kill or a build's: a build that is not killed, then a
        // check that compares every byte, and the folder compared with the registry's version.
        const b = run(['build'], dir), c = run(['check', '--no-cache'], dir);
        counts.checks++;
        if (b.code !== 0 || c.code !== 0) failures.push({ case: counts.cases, what: 'build and check', error: `build ${b.code}, check ${c.code}: ${(b.out + c.out).slice(0, 500)}` });
        else if (!same(snapshot(out), versions[version])) failures.push({ case: counts.cases, what: 'build', error: 'the build did not write its registry\'s output' });
        log(counts);
      }
    }
    next.child.kill('SIGKILL');
    await next.exited;
    const b = run(['build'], dir), c = run(['check', '--no-cache'], dir);
    if (b.code !== 0 || c.code !== 0 || !same(snapshot(out), versions[version])) failures.push({ case: counts.cases, what: 'the last build and check', error: `build ${b.code}, check ${c.code}: ${(b.out + c.out).slice(0, 500)}` });
    return { ...counts, failures };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const opts = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, ''), value = Number(argv[i + 1]);
    if (!['cases', 'seconds', 'events', 'builds', 'freezes', 'check-every', 'seed'].includes(key) || !(value > 0)) {
      process.stderr.write('usage: node scripts/fuzz-kill.mjs [--cases 100000] [--seconds 600] [--events 40] [--builds 20] [--freezes 10] [--check-every 200] [--seed 1]\n');
      process.exit(2);
    }
    opts[key === 'check-every' ? 'checkEvery' : key] = value;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'write.js'))) { process.stderr.write('fuzz-kill: run `npm run build` first (dist/ is missing).\n'); process.exit(2); }
  const t0 = performance.now();
  const result = await campaign({ seconds: 600, ...opts, log: process.env.FUZZ_PROGRESS ? (c) => process.stderr.write(`${JSON.stringify(c)}\n`) : undefined });
  const took = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(`fuzz-kill: ${result.cases} states in ${took} s (seed ${opts.seed ?? 1}): ${result.kills} kill -9s (${result.builds} of whole builds) and ${result.freezes} freezes; the folder held version 0 whole ${result.whole[0]} times, version 1 ${result.whole[1]}, was between its renames ${result.betweenRenames}, not written yet ${result.absent}; ${result.checks} builds and checks after; ${result.failures.length} bad states\n`);
  for (const f of result.failures) process.stdout.write(`\n${JSON.stringify(f)}\n`);
  process.exitCode = result.failures.length ? 1 : 0;
}

if (process.argv[2] === '--writer') await writerMain();
else if (process.argv[1] && path.resolve(process.argv[1]) === SELF) await main();
