#!/usr/bin/env node
// Differential fuzzing of the YAML fast path (src/load/fast-yaml.ts) against the `yaml` package:
// registry-like files in every style people write (block and flow collections, block scalars
// with chomping indicators, multi-line plain scalars, comments, quoted keys, blank lines, CRLF,
// `---`), mutated with the characters YAML treats specially, are read both ways. Wherever the
// fast path reads a file, yaml must read it without an error or warning and give the same nodes
// (kind, start offset, value, flow or block). Bounded: `--cases` (default 100,000) or `--seconds`.
//
//   npm run build && node scripts/fuzz-yaml.mjs [--cases 100000] [--seconds 120] [--seed 1]
//
// Exit 0 when nothing disagrees, 1 with the first disagreements printed (as JSON strings).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isPair, isScalar, isSeq, parseDocument, stringify } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The options src/load/source.ts reads a file with, and the characters it leaves to yaml.
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', merge: false };
const LEFT_TO_YAML = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Kind, start offset and value of every node, in document order. */
export function shape(node) {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return ['scalar', node.range?.[0], typeof node.value === 'number' && Number.isNaN(node.value) ? 'NaN' : node.value];
  if (isMap(node)) return ['map', node.range?.[0], node.flow ?? false, node.items.map((p) => [shape(p.key), shape(p.value)])];
  if (isSeq(node)) return ['seq', node.range?.[0], node.flow ?? false, node.items.map(shape)];
  if (isPair(node)) return ['pair'];
  return ['other', String(node)];
}

/** 'fast' when the fast path read `text` as yaml does, 'yaml' when it stepped aside; throws on a disagreement. */
export function compare(parseFast, text) {
  if (LEFT_TO_YAML.test(text)) return 'yaml';
  const fast = parseFast(text);
  if (fast === undefined) return 'yaml';
  const doc = parseDocument(text, YAML_OPTIONS);
  const problems = [...doc.errors, ...doc.warnings].map((e) => `${e.code}: ${e.message.split('\n')[0]}`);
  if (problems.length) throw new Error(`the fast path read a file yaml refuses (${problems.join('; ')})`);
  const a = JSON.stringify(shape(fast)), b = JSON.stringify(shape(doc.contents));
  if (a !== b) throw new Error(`different nodes:\n  fast: ${a}\n  yaml: ${b}`);
  return 'fast';
}

// ---------------------------------------------------------------------------------------------
// Inputs.

function random(seed) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)], chance: (p) => next() < p };
}

const WORDS = ['page', 'viewed', 'plan_type', 'string', 'integer', 'true', 'false', 'null', '~', 'yes', 'no', '12', '-3', '0x1F', '0o17',
  '1e3', '.inf', '-.Inf', '.nan', '1.5', '012', '+1', 'a b', 'it\'s', 'x: y', 'a #b', 'a#b', 'http://x.y/z', '$ref', 'growth-team', 'é', '😀'];
const TOKENS = [' ', '  ', '\t', '\r', '\n', '\r\n', '#', ' #', ':', ': ', '-', '- ', '|', '>', '|-', '|+', '>-', '>+', '|2', '"', "'", '\\',
  '[', ']', '{', '}', ',', ', ', '&a', '*a', '!', '!!str', '?', '? ', '%', '@', '`', '---', '...', '~', 'null', '1', '0x', '.', '\u00a0',
  '\ufeff', '\u2028', '\u0085', '\\t', '\\n', '\\u00e9', "''", '""', '\n  ', '\n    ', '\n- ', '\n# c\n', '\n\n', 'a:', 'b: c'];

function scalarText(r) {
  const w = r.pick(WORDS);
  switch (r.int(6)) {
    case 0: return JSON.stringify(w);
    case 1: return `'${w.replace(/'/g, "''")}'`;
    default: return /^[A-Za-z0-9$._/-][^#:]*$/.test(w) && !/[ #]$/.test(w) ? w : JSON.stringify(w);
  }
}

/** A one-line flow collection, nested up to three levels. */
function flow(r, depth) {
  const items = Array.from({ length: r.int(4) }, () => (depth < 2 && r.chance(0.3) ? flow(r, depth + 1) : scalarText(r)));
  const sep = r.pick([', ', ',', ',\t', ' , ']);
  if (r.chance(0.5)) return `[${items.join(sep)}]`;
  return `{${items.map((v, i) => `${r.chance(0.2) ? JSON.stringify(`k${i}`) : `k${i}`}: ${v}`).join(sep)}}`;
}

/** A registry-like document in a random mix of styles. */
function document(r) {
  const out = [];
  const comment = () => { if (r.chance(0.15)) out.push(`${' '.repeat(r.int(6))}# ${r.pick(WORDS)}`); };
  const blank = () => { if (r.chance(0.1)) out.push(r.pick(['', '  ', ' '])); };
  const key = (k) => (r.chance(0.1) ? JSON.stringify(k) : r.chance(0.05) ? `'${k}'` : k);
  const trail = () => (r.chance(0.15) ? `${r.pick([' ', '  ', '\t'])}# ${r.pick(WORDS)}` : '');
  const value = (pad, depth, inSeq) => {
    const kind = r.int(depth > 2 ? 5 : 10);
    const inner = ' '.repeat(inSeq ? pad + 2 : pad + r.pick([2, 2, 4]));
    switch (kind) {
      case 0: case 1: case 2: return [` ${scalarText(r)}${trail()}`];
      case 3: { // block scalar
        const header = `${r.pick(['|', '>'])}${r.pick(['', '', '-', '+'])}`;
        const lines = Array.from({ length: 1 + r.int(4) }, () => (r.chance(0.2) ? '' : `${r.chance(0.15) ? '  ' : ''}${r.pick(WORDS)} ${r.pick(WORDS)}`));
        return [` ${header}${trail()}`, ...lines.map((l) => (l ? inner + l : '')), ...(r.chance(0.2) ? [''] : [])];
      }
      case 4: { // multi-line plain
        const first = ` ${r.pick(['A user', 'The page was', 'Sent once'])} ${r.pick(WORDS.filter((w) => /^[a-z ]+$/.test(w)))}`;
        const next = ['and more', 'then', 'by the server', '`code`', "'a'", '"b"', '(x)', '- item', '-x', '[x]', '{y}', '&a', '*b', '!c', '|d', '>e', '%f', '@g', '? h', ', j', ']k', '...', '---'];
        return [first, ...Array.from({ length: 1 + r.int(3) }, () => (r.chance(0.2) ? '' : `${inner}${r.pick(next)} words`))];
      }
      case 9: { // multi-line quoted
        const q = r.pick(['"', "'"]);
        const lines = Array.from({ length: 2 + r.int(3) }, () => (r.chance(0.2) ? '' : `${r.pick(WORDS).replace(/["'\\]/g, '')}${r.pick(['', ' ', '\\', '\\t'])}`));
        return [` ${q}${lines[0]}`, ...lines.slice(1, -1).map((l) => (l ? inner + l : '')), `${inner}${lines[lines.length - 1]}${q}${trail()}`];
      }
      case 5: return [` ${flow(r, 0)}${trail()}`];
      case 6: { // block sequence
        const seqPad = r.chance(0.3) && !inSeq ? pad : pad + 2;
        const items = [];
        for (let i = 0; i < 1 + r.int(4); i++) {
          if (r.chance(0.25) && depth < 3) {
            const m = mapping(seqPad + 2, depth + 1, true);
            items.push(`${' '.repeat(seqPad)}- ${m[0].trimStart()}`, ...m.slice(1));
          } else items.push(`${' '.repeat(seqPad)}-${value(seqPad, depth + 1, true)[0]}`);
        }
        return [trail(), ...items];
      }
      default: return [trail(), ...mapping(pad + r.pick([2, 2, 4, 1]), depth + 1, false)];
    }
  };
  function mapping(pad, depth, inSeq) {
    const lines = [];
    const saved = out.length;
    for (const k of ['name', 'description', 'type', 'enum', 'properties', 'items', 'required'].filter(() => r.chance(0.6)).slice(0, 2 + r.int(4))) {
      comment(); blank();
      lines.push(...out.splice(saved));
      const v = value(pad, depth, inSeq);
      lines.push(`${' '.repeat(pad)}${key(k)}:${v[0]}`, ...v.slice(1));
    }
    if (!lines.length) lines.push(`${' '.repeat(pad)}name: x`);
    return lines;
  }
  if (r.chance(0.1)) out.push('---');
  comment();
  const body = mapping(0, 0, false);
  const text = [...out, ...body].join(r.chance(0.15) ? '\r\n' : '\n');
  return r.chance(0.9) ? `${text}\n` : text;
}

function mutate(r, text) {
  for (let m = r.int(3); m >= 0; m--) {
    const at = r.int(text.length + 1);
    switch (r.int(6)) {
      case 0: case 1: text = text.slice(0, at) + r.pick(TOKENS) + text.slice(at); break;
      case 2: text = text.slice(0, at) + text.slice(at + 1 + r.int(4)); break;
      case 3: { // indent or dedent a line
        const ls = text.split('\n'), i = r.int(ls.length);
        ls[i] = r.chance(0.5) ? ' '.repeat(1 + r.int(2)) + ls[i] : ls[i].replace(/^ {1,2}/, '');
        text = ls.join('\n'); break;
      }
      case 4: { // duplicate or drop a line
        const ls = text.split('\n'), i = r.int(ls.length);
        if (r.chance(0.5)) ls.splice(i, 0, ls[i]); else ls.splice(i, 1);
        text = ls.join('\n'); break;
      }
      default: text = text.slice(0, at) + r.pick(TOKENS).charAt(0) + text.slice(at + 1);
    }
  }
  return text;
}

/** Real files: the repository's registries, as written and rewritten in block style by yaml. */
export function seedFiles() {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(ROOT, 'registry'));
  walk(path.join(ROOT, 'test', 'fixtures', 'iglu', 'registry'));
  return [...out, ...out.map((t) => { try { return stringify(parseDocument(t).toJS(), { lineWidth: 60 }); } catch { return t; } })];
}

/** Runs `cases` comparisons (or until `seconds` pass); returns counts and the first failures. */
export function fuzz(parseFast, { cases = 100000, seconds = Infinity, seed = 1, seeds = seedFiles() } = {}) {
  const r = random(seed);
  const deadline = performance.now() + seconds * 1000;
  const counts = { cases: 0, fast: 0, yaml: 0 };
  const failures = [];
  for (; counts.cases < cases && performance.now() < deadline; counts.cases++) {
    const base = r.chance(0.3) && seeds.length ? r.pick(seeds) : document(r);
    const text = r.chance(0.2) ? base : mutate(r, base);
    try { counts[compare(parseFast, text)]++; } catch (e) {
      failures.push({ text, error: e.message });
      if (failures.length >= 10) break;
    }
  }
  return { ...counts, failures };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, ''), value = Number(argv[i + 1]);
    if (!['cases', 'seconds', 'seed'].includes(key) || !(value > 0)) {
      process.stderr.write('usage: node scripts/fuzz-yaml.mjs [--cases 100000] [--seconds 120] [--seed 1]\n');
      process.exit(2);
    }
    opts[key] = value;
  }
  const dist = path.join(ROOT, 'dist', 'load', 'fast-yaml.js');
  if (!fs.existsSync(dist)) { process.stderr.write('fuzz-yaml: run `npm run build` first (dist/ is missing).\n'); process.exit(2); }
  const { parseFast } = await import(dist);
  const t0 = performance.now();
  const result = fuzz(parseFast, { seconds: 600, ...opts });
  const took = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(`fuzz-yaml: ${result.cases} cases in ${took} s (seed ${opts.seed ?? 1}): the fast path read ${result.fast}, left ${result.yaml} to yaml; ${result.failures.length} disagreements\n`);
  for (const f of result.failures) process.stdout.write(`\n${JSON.stringify(f.text)}\n  ${f.error}\n`);
  process.exitCode = result.failures.length ? 1 : 0;
}
