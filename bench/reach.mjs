#!/usr/bin/env node
// How many of a real app's sends the ESLint plugin reads, and with their names.
//
//   npm run build && node bench/reach.mjs [--apps rallly,inbox-zero,papermark] [--mirror name=GITDIR,...] [--types]
//
// For each app of bench/apps.mjs (checked out at its commit under bench/.work/apps/), two
// independent counts over the same files:
// - the sends: a walk of TypeScript's own syntax tree (ts.createSourceFile, no plugin code) finds
//   every call of the kinds the app's `sends` list (SDK calls and the app's wrappers of them) and
//   every JSX attribute that holds an event name, with the expression that gives the name;
// - what the plugin reads: ESLint with the app's `settings.trackplan` and the plugin's collector
//   (the rule `trackplan coverage` uses), which hands over each send it found and its names.
// A send is "seen" when the plugin reports one at the place of its name (or of the call). The walk
// sorts each name expression: a string literal (or a template without `${}`) or a ternary of them
// must come back with exactly those names; a parameter of the function around it (a wrapper
// forwarding its caller's name), a template with `${}`, a call, a spread that hides the name, are
// computed at run time; a reference (an identifier or a member, which may be a `const`, an enum
// member or an import) is listed when the plugin found no name for it, to be judged by reading it. `--types` runs the plugin with typescript-eslint's type
// information as well (parserOptions.projectService; slow).
// Prints a table and every send that was not seen or not named, and writes bench/.work/reach.json.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { APPS, appConfig, mirrorsFrom, prepareApp } from './apps.mjs';
import { ROOT, WORK } from './lib.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const ts = require('typescript');
const { ESLint } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const { sendsRule } = await import(path.join(ROOT, 'eslint-plugin', 'dist', 'sends.js'));

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const names = (opt('apps') ?? Object.keys(APPS).join(',')).split(',');
const mirrors = mirrorsFrom(process.argv);
const withTypes = argv.includes('--types');
const REGISTRY = path.join(ROOT, 'test', 'eslint-plugin', 'fixtures', 'registry'); // any registry: reach does not depend on it

// ---------------------------------------------------------------------------------------------
// The independent walk

/** `window.posthog?.capture` -> 'window.posthog.capture', `posthog()?.capture` -> 'posthog().capture'. */
function chainOf(node) {
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) return chainOf(node.expression);
  if (ts.isPropertyAccessExpression(node)) { const head = chainOf(node.expression); return head && `${head}.${node.name.text}`; }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) { const head = chainOf(node.expression); return head && `${head}.${node.argumentExpression.text}`; }
  if (ts.isCallExpression(node)) { const head = chainOf(node.expression); return head && `${head}()`; }
  return undefined;
}

const strip = (n) => (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression?.(n) ? strip(n.expression) : n);
const keyOf = (p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : undefined);

/** The literal names an expression is, when it is literals only; undefined otherwise. */
function literals(n) {
  n = strip(n);
  if (ts.isStringLiteralLike(n)) return [n.text];
  if (ts.isConditionalExpression(n)) { const a = literals(n.whenTrue), b = literals(n.whenFalse); return a && b ? [...new Set([...a, ...b])] : undefined; }
  return undefined;
}

/** Where a send's name is, and what kind of expression gives it. */
function nameAt(call, spec) {
  if (spec.jsx) {
    const v = call.initializer;
    const expr = v && ts.isJsxExpression(v) ? v.expression : v;
    return expr ? { expr } : { kind: 'missing' };
  }
  const args = call.arguments;
  if (args.slice(0, spec.event.arg + 1).some(ts.isSpreadElement)) return { kind: 'spread' };
  let arg = args[spec.event.arg];
  if (!arg) return { kind: 'missing' };
  let key = spec.event.key;
  if (!key && spec.event.arg === 0 && ts.isObjectLiteralExpression(strip(arg))) key = 'event'; // the object form
  if (!key) return { expr: arg };
  arg = strip(arg);
  if (!ts.isObjectLiteralExpression(arg)) return { kind: 'opaque', expr: arg };
  for (const p of arg.properties) {
    if (keyOf(p) !== key) continue;
    if (ts.isShorthandPropertyAssignment(p)) return { expr: p.name };
    if (ts.isPropertyAssignment(p)) return { expr: p.initializer };
  }
  return { kind: arg.properties.some(ts.isSpreadAssignment) ? 'spread' : 'missing' };
}

/** Whether `id` names a parameter of a function around it (a wrapper forwarding what its caller gave). */
function isParameter(id) {
  const names = (b) => (ts.isIdentifier(b) ? [b.text] : b.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : names(e.name))));
  for (let n = id.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters?.some((p) => names(p.name).includes(id.text))) return true;
  }
  return false;
}

function kindOf(expr) {
  const e = strip(expr);
  if (literals(e)) return 'literal';
  if (ts.isIdentifier(e) && isParameter(e)) return 'parameter';
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && isParameter(e.expression)) return 'parameter';
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return 'reference';
  return 'computed';
}

function walk(file, spec) {
  const text = fs.readFileSync(file, 'utf8');
  const ext = path.extname(file);
  const kind = ext === '.tsx' ? ts.ScriptKind.TSX : ext === '.jsx' ? ts.ScriptKind.JSX : /^\.[mc]?ts$/.test(ext) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const at = (node) => { const p = sf.getLineAndCharacterOfPosition(node.getStart(sf)); return `${p.line + 1}:${p.character + 1}`; };
  const sites = [];
  const visit = (node) => {
    let match;
    if (ts.isCallExpression(node)) {
      const chain = chainOf(node.expression);
      const last = chain?.split('.').pop();
      match = chain && spec.sends.find((s) => !s.jsx && s.last === last && (!s.chain || s.chain.test(chain)) && (!s.file || s.file.test(file)));
    } else if (ts.isJsxAttribute(node)) {
      match = spec.sends.find((s) => s.jsx && s.jsx === node.name.getText(sf));
    }
    if (match) {
      const where = nameAt(node, match);
      const site = { file, call: at(node), text: node.getText(sf).replace(/\s+/g, ' ').slice(0, 110) };
      if (where.expr) Object.assign(site, { at: at(where.expr), kind: where.kind ?? kindOf(where.expr), names: literals(where.expr), expr: where.expr.getText(sf).replace(/\s+/g, ' ').slice(0, 80) });
      else site.kind = where.kind;
      sites.push(site);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

// ---------------------------------------------------------------------------------------------

async function pluginSends(name, dir, parserOptions) {
  const sends = [];
  const extra = [{ plugins: { c: { rules: { sends: sendsRule((s) => sends.push(s), (m) => { throw new Error(m); }) } } }, rules: { 'c/sends': 'error' } }];
  if (parserOptions) extra.push({ files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parserOptions } });
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: appConfig(name, tsParser, REGISTRY, extra), errorOnUnmatchedPattern: false });
  const t0 = performance.now();
  const results = await eslint.lintFiles(['.']);
  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.message}`));
  return { sends, files: results.map((r) => r.filePath), fatal, seconds: (performance.now() - t0) / 1000 };
}

const report = {};
for (const name of names) {
  const app = APPS[name];
  const dir = prepareApp(name, mirrors[name]);
  const run = await pluginSends(name, dir);
  const sites = run.files.flatMap((f) => walk(f, app));
  const key = (file, at) => `${file}:${at}`;
  const byPlace = new Map(run.sends.map((s) => [key(s.file, `${s.line}:${s.column}`), s]));
  const matched = new Set();
  const rows = sites.map((site) => {
    const send = (site.at && byPlace.get(key(site.file, site.at))) ?? byPlace.get(key(site.file, site.call));
    if (send) matched.add(send);
    return { ...site, file: path.relative(dir, site.file), seen: !!send, got: send?.names };
  });
  const extra = run.sends.filter((s) => !matched.has(s)).map((s) => `${path.relative(dir, s.file)}:${s.line}:${s.column} ${s.names?.join(' | ') ?? '(computed at run time)'}`);
  const count = (f) => rows.filter(f).length;
  const same = (a, b) => a && b && a.length === b.length && a.every((x) => b.includes(x));
  const summary = {
    repo: app.repo, commit: app.commit, files: run.files.length, unparsed: run.fatal.length, seconds: Number(run.seconds.toFixed(1)),
    sends: rows.length,
    seen: count((r) => r.seen),
    named: count((r) => r.got),
    literal: count((r) => r.kind === 'literal'),
    literalNamedRight: count((r) => r.kind === 'literal' && same(r.got, r.names)),
    reference: count((r) => r.kind === 'reference'),
    referenceNamed: count((r) => r.kind === 'reference' && r.got),
    computed: count((r) => !['literal', 'reference'].includes(r.kind)),
    extraSends: extra.length,
  };
  report[name] = { summary, rows, extra, fatal: run.fatal };
  console.log(`\n## ${name} (${app.repo} @ ${app.commit.slice(0, 12)}): ${summary.files} files, ${summary.unparsed} unparsed, ESLint ${summary.seconds} s`);
  console.log(`sends ${summary.sends}; seen by the plugin ${summary.seen}; with names ${summary.named}`);
  console.log(`  literal names ${summary.literal}, named right ${summary.literalNamedRight}; references ${summary.reference}, named ${summary.referenceNamed}; computed at run time ${summary.computed}`);
  const show = (title, list) => { if (list.length) { console.log(`  ${title} (${list.length}):`); for (const l of list) console.log(`    ${l}`); } };
  show('literal names not read right', rows.filter((r) => r.kind === 'literal' && !same(r.got, r.names)).map((r) => `${r.file}:${r.at} ${r.expr} -> ${r.got?.join(' | ') ?? (r.seen ? '(no name)' : '(not seen)')}`));
  show('references without a name (judge by reading)', rows.filter((r) => r.kind === 'reference' && !r.got).map((r) => `${r.file}:${r.at} ${r.expr}${r.seen ? '' : ' (not seen)'}`));
  show('computed at run time', rows.filter((r) => !['literal', 'reference'].includes(r.kind)).map((r) => `${r.file}:${r.at ?? r.call} [${r.kind}${r.seen ? '' : ', not seen'}${r.got ? `, named ${r.got.join(' | ')}` : ''}] ${r.expr ?? r.text}`));
  show('sends the plugin reported that the walk did not find', extra);
  show('files ESLint could not parse', run.fatal);
  if (withTypes) {
    const typed = await pluginSends(name, dir, { projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.cjs'] }, tsconfigRootDir: dir });
    const named = new Map(typed.sends.filter((s) => s.names).map((s) => [key(s.file, `${s.line}:${s.column}`), s.names]));
    const gained = rows.filter((r) => !r.got && r.at && named.get(key(path.join(dir, r.file), r.at)));
    summary.namedWithTypes = summary.named + gained.length;
    summary.secondsWithTypes = Number(typed.seconds.toFixed(1));
    console.log(`  with type information (${summary.secondsWithTypes} s): named ${summary.namedWithTypes}`);
    show('named only with types', gained.map((r) => `${r.file}:${r.at} ${r.expr} -> ${named.get(key(path.join(dir, r.file), r.at)).join(' | ')}`));
  }
}
fs.mkdirSync(WORK, { recursive: true });
fs.writeFileSync(path.join(WORK, 'reach.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\n| app | commit | files | sends | seen | named | literal names read right | references named | computed at run time |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [name, { summary: s }] of Object.entries(report)) {
  console.log(`| ${name} | ${s.commit.slice(0, 12)} | ${s.files} | ${s.sends} | ${s.seen} | ${s.named}${s.namedWithTypes !== undefined ? ` (${s.namedWithTypes} with types)` : ''} | ${s.literalNamedRight}/${s.literal} | ${s.referenceNamed}/${s.reference} | ${s.computed} |`);
}
