#!/usr/bin/env node
// The catalog page with 10,000 events in Debian's Chromium (playwright-core, the system browser):
// how long it takes to open, and how long each keystroke of a search takes.
//
//   node bench/catalog.mjs [--events 10000] [--runs 3]
//
// Two fixtures made two ways, alternating within each round:
//   generated  bench/generate.mjs's registry (the one lint and build are measured on)
//   iglu       the 478 real Iglu Central schemas of test/fixtures/iglu, copied under new names up
//              to the same count: long descriptions, deep nesting, Iglu's own naming
// Each page is written by `trackplan catalog --no-cache --out`. Per run, a fresh page:
//   open       from navigation start to the end of the page's own script (DOMContentLoaded:
//              search, links and keys work), to the first contentful paint, and to the whole
//              list laid in (the page adds all but the first entries after it opens)
//   keystroke  a query typed one character at a time: the input handler plus the style and
//              layout it causes, and the time to the next frame (what a person waits for)
// Targets (issue 17): open < 1 s, each keystroke < 50 ms.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT, TRACKPLAN, WORK, ensureRegistry, fmt, log, median, pad, parseFlags } from './lib.mjs';
import { launch } from '../scripts/chromium.mjs';

const TARGETS = { openMs: 1000, keyMs: 50 };
// A query that narrows each fixture to some matches (one that matches nothing is cheaper to show).
const QUERIES = { generated: 'report export', iglu: 'ad click' };

const opts = parseFlags(process.argv.slice(2), { events: 10000, runs: 3 }, { '--events': ['events', 'count'], '--runs': ['runs', 'count'] },
  'usage: node bench/catalog.mjs [--events 10000] [--runs 3]\n');

/** Iglu's events again and again, each copy renamed (file and `name:`), until there are `count`. */
function igluRegistry(dir, count) {
  const src = path.join(ROOT, 'test/fixtures/iglu');
  const stamp = path.join(dir, 'stamp');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === String(count)) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'registry/events'), { recursive: true });
  fs.cpSync(path.join(src, 'trackplan.config.yaml'), path.join(dir, 'trackplan.config.yaml'));
  if (fs.existsSync(path.join(src, 'registry/properties'))) fs.cpSync(path.join(src, 'registry/properties'), path.join(dir, 'registry/properties'), { recursive: true });
  const files = fs.readdirSync(path.join(src, 'registry/events')).filter((f) => f.endsWith('.yaml')).sort();
  for (let i = 0; i < count; i++) {
    const file = files[i % files.length];
    const copy = Math.floor(i / files.length);
    const name = file.replace(/\.yaml$/, '');
    const renamed = copy ? `${name}_${copy}` : name;
    const text = fs.readFileSync(path.join(src, 'registry/events', file), 'utf8').replace(/^name: .*$/m, `name: ${renamed}`);
    fs.writeFileSync(path.join(dir, 'registry/events', `${renamed}.yaml`), text);
  }
  fs.writeFileSync(stamp, String(count));
}

function page(dir) {
  const out = path.join(dir, 'catalog.html');
  const t = performance.now();
  const r = spawnSync(process.execPath, [TRACKPLAN, 'catalog', '--no-cache', '--out', out], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`trackplan catalog failed in ${dir}:\n${r.stdout}${r.stderr}`);
  return { url: pathToFileURL(out).href, bytes: fs.statSync(out).size, buildMs: performance.now() - t };
}

async function measure(browser, url, query) {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await p.goto(url);
  await p.waitForSelector('html[data-ready]');
  const open = await p.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { ready: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : null };
  });
  await p.waitForSelector('html[data-complete]');
  open.complete = await p.evaluate(() => performance.now());
  const keys = await p.evaluate(async (query) => {
    const q = document.getElementById('q');
    const handler = [], frame = [];
    for (const c of query) {
      const t = performance.now();
      q.value += c;
      q.dispatchEvent(new Event('input'));
      void document.body.offsetHeight;
      handler.push(performance.now() - t);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      frame.push(performance.now() - t);
    }
    return { handler, frame, shown: document.getElementById('matches').textContent };
  }, query);
  await p.close();
  return { ...open, keyMedian: median(keys.handler), keyMax: Math.max(...keys.handler), frameMax: Math.max(...keys.frame), shown: keys.shown };
}

const fixtures = {
  generated: path.join(WORK, `catalog-generated-${opts.events}`),
  iglu: path.join(WORK, `catalog-iglu-${opts.events}`),
};
log(`catalog page, ${opts.events} events, ${opts.runs} rounds`);
ensureRegistry(fixtures.generated, { events: opts.events, properties: 12, shared: 20, seed: 'trackplan' });
igluRegistry(fixtures.iglu, opts.events);
const pages = Object.fromEntries(Object.entries(fixtures).map(([k, dir]) => [k, page(dir)]));
for (const [k, pg] of Object.entries(pages)) log(`  ${k}: ${(pg.bytes / 1e6).toFixed(1)} MB page, written in ${(pg.buildMs / 1000).toFixed(1)} s`);

const browser = await launch();
const runs = { generated: [], iglu: [] };
try {
  for (let round = 0; round < opts.runs; round++) {
    const order = round % 2 ? ['iglu', 'generated'] : ['generated', 'iglu'];
    for (const k of order) runs[k].push(await measure(browser, pages[k].url, QUERIES[k]));
    log(`  round ${round + 1}: ${order.map((k) => `${k} open ${fmt(runs[k].at(-1).ready, 0)} ms, key max ${fmt(runs[k].at(-1).keyMax, 1)} ms`).join('; ')}`);
  }
} finally {
  await browser.close();
}

const rows = [['fixture', 'matches', 'target', 'open ms', 'first paint ms', 'list complete ms', 'key median ms', 'key max ms', 'to next frame max ms']];
for (const [k, rs] of Object.entries(runs)) {
  rows.push([k, rs[0].shown, `<${TARGETS.openMs} / <${TARGETS.keyMs}`, fmt(median(rs.map((r) => r.ready)), 0), fmt(median(rs.map((r) => r.fcp)), 0), fmt(median(rs.map((r) => r.complete)), 0),
    fmt(median(rs.map((r) => r.keyMedian)), 1), fmt(median(rs.map((r) => r.keyMax)), 1), fmt(median(rs.map((r) => r.frameMax)), 1)]);
}
log('');
for (const line of pad(rows)) log(line);
fs.mkdirSync(WORK, { recursive: true });
fs.writeFileSync(path.join(WORK, 'catalog-results.json'), `${JSON.stringify({ opts, pages, runs }, null, 2)}\n`);
