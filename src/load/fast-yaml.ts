// A fast path for the YAML that registry files are made of, producing the `yaml` package's own
// node classes. `yaml` parses about 1 ms a file here, which bounds a cold lint of 10,000 files;
// most registry files use a small, regular part of YAML (block mappings of plain keys; plain,
// quoted and one-line flow values), which this reads several times faster. On anything outside
// that part it returns undefined and the caller uses `yaml` itself, so errors, anchors, tags,
// block sequences and multi-line scalars always get yaml's full treatment. A differential test
// holds this to yaml's output (values, node kinds, positions) on every real file we have.
import { Pair, Scalar, Schema, YAMLMap, YAMLSeq, type Node } from 'yaml';

interface ResolveTag { test?: RegExp; resolve: (value: string, onError: (msg: string) => void, options: object) => unknown }
// yaml's own YAML 1.2 core schema decides what a plain scalar means (true, 12, 0x1f, .inf, null...).
const CORE = (new Schema({ schema: 'core' }).tags as unknown as ResolveTag[]).filter((t) => t.test);
const NOOP = () => {};
const OPTIONS = { intAsBigInt: false };

function plainValue(text: string): unknown {
  for (const tag of CORE) {
    if (!tag.test!.test(text)) continue;
    const v = tag.resolve(text, NOOP, OPTIONS);
    return v instanceof Scalar ? v.value : v; // null and booleans come back wrapped
  }
  return text;
}

const BAIL = Symbol('bail');
type Bail = typeof BAIL;

const KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$.\-/]*$/;
// A plain scalar that starts with one of these is an indicator YAML treats specially.
const INDICATOR = /^(?:[&*!|>%@`'"[\]{},#?]|-(?:\s|$)|:(?:\s|$))/;

function scalar(value: unknown, start: number, end: number, type: Scalar.Type): Scalar {
  const s = new Scalar(value);
  s.range = [start, end, end];
  s.type = type;
  return s;
}

/** A scalar or one-line flow collection starting at `text[i]`, ending before `stop` (exclusive). */
function readValue(text: string, i: number, stop: number, inFlow: boolean): { node: Node; end: number } | Bail {
  const c = text[i];
  if (c === '"' || c === "'") return readQuoted(text, i, stop);
  if (c === '[' || c === '{') return inFlow ? BAIL : readFlow(text, i, stop);
  // Plain scalar: up to a comment, or (in flow) a separator.
  let j = i;
  while (j < stop) {
    const ch = text[j]!;
    if (ch === '#' && (text[j - 1] === ' ' || text[j - 1] === '\t')) break;
    if (ch === ':' && (j + 1 === stop || text[j + 1] === ' ' || (inFlow && (text[j + 1] === ',' || text[j + 1] === '}' || text[j + 1] === ']')))) {
      if (inFlow) break; // the end of a flow mapping's key; the caller checks what follows
      return BAIL;
    }
    if (inFlow && (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{')) break;
    j++;
  }
  let end = j;
  while (end > i && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  const raw = text.slice(i, end);
  if (raw === '' || INDICATOR.test(raw)) return BAIL;
  return { node: scalar(plainValue(raw), i, end, 'PLAIN'), end };
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', e: '\x1b', ' ': ' ' };

function readQuoted(text: string, i: number, stop: number): { node: Node; end: number } | Bail {
  const q = text[i]!;
  let out = '';
  let j = i + 1;
  while (j < stop) {
    const ch = text[j]!;
    if (ch === q) {
      if (q === "'" && text[j + 1] === "'") { out += "'"; j += 2; continue; }
      return { node: scalar(out, i, j + 1, q === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE'), end: j + 1 };
    }
    if (q === '"' && ch === '\\') {
      const e = text[j + 1]!;
      if (e in ESCAPES) { out += ESCAPES[e]; j += 2; continue; }
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const digits = text.slice(j + 2, j + 2 + hex);
      if (!hex || !/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) return BAIL;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return BAIL;
      out += String.fromCodePoint(code);
      j += 2 + hex;
      continue;
    }
    out += ch;
    j++;
  }
  return BAIL; // unterminated on this line: a multi-line scalar, or an error for yaml to report
}

function readFlow(text: string, i: number, stop: number): { node: Node; end: number } | Bail {
  const isMap = text[i] === '{';
  const close = isMap ? '}' : ']';
  const node = isMap ? new YAMLMap() : new YAMLSeq();
  node.flow = true;
  const keys = new Set<unknown>();
  let j = i + 1;
  const skip = () => { while (j < stop && text[j] === ' ') j++; };
  skip();
  if (text[j] === close) { node.range = [i, j + 1, j + 1]; return { node, end: j + 1 }; }
  for (;;) {
    skip();
    if (isMap) {
      const key = readValue(text, j, stop, true);
      if (key === BAIL || !(key.node instanceof Scalar) || key.node.type !== 'PLAIN' || text[key.end] !== ':' || text[key.end + 1] !== ' ') return BAIL;
      if (keys.has(key.node.value)) return BAIL;
      keys.add(key.node.value);
      j = key.end + 1;
      skip();
      const value = readValue(text, j, stop, true);
      if (value === BAIL) return BAIL;
      (node as YAMLMap).items.push(new Pair(key.node, value.node));
      j = value.end;
    } else {
      const item = readValue(text, j, stop, true);
      if (item === BAIL) return BAIL;
      (node as YAMLSeq).items.push(item.node);
      j = item.end;
    }
    skip();
    if (text[j] === ',') { j++; skip(); if (text[j] === close) return BAIL; continue; }
    if (text[j] === close) { node.range = [i, j + 1, j + 1]; return { node, end: j + 1 }; }
    return BAIL;
  }
}

/**
 * The root node of `text` when it is entirely in the fast subset: null for a file with no
 * content, undefined when `yaml` must read it.
 */
export function parseFast(text: string): Node | null | undefined {
  const stack: Array<{ indent: number; map: YAMLMap; keys: Set<string> }> = [];
  // A key whose value is on the lines below: a nested mapping, or nothing.
  let pending: { pair: Pair<Scalar, unknown>; indent: number; at: number } | undefined;
  let root: YAMLMap | undefined;
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    const lineEnd = text[eol - 1] === '\r' ? eol - 1 : eol;
    let i = pos;
    while (i < lineEnd && text[i] === ' ') i++;
    const lineStart = pos;
    pos = eol + 1;
    if (i === lineEnd || text[i] === '#') continue; // blank or comment line
    if (text[i] === '\t' || text.charCodeAt(i) < 0x20) return undefined;
    const indent = i - lineStart;
    if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i) || text[i] === '%')) return undefined;

    if (pending) {
      if (indent <= pending.indent) {
        pending.pair.value = scalar(null, pending.at, pending.at, 'PLAIN');
      } else {
        const map = new YAMLMap();
        map.range = [i, i, i];
        pending.pair.value = map;
        stack.push({ indent, map, keys: new Set() });
      }
      pending = undefined;
    }
    while (stack.length > 0 && indent < stack[stack.length - 1]!.indent) stack.pop();
    let top = stack[stack.length - 1];
    if (!top) {
      if (root) return undefined; // a second root node
      root = new YAMLMap();
      root.range = [i, i, i];
      top = { indent, map: root, keys: new Set() };
      stack.push(top);
    }
    if (indent !== top.indent) return undefined; // continuation lines, or an indentation error

    // key: value
    let colon = i;
    while (colon < lineEnd && text[colon] !== ':') colon++;
    if (colon === lineEnd || (colon + 1 < lineEnd && text[colon + 1] !== ' ')) return undefined;
    const key = text.slice(i, colon);
    if (!KEY.test(key) || top.keys.has(key)) return undefined;
    top.keys.add(key);
    const keyNode = scalar(plainValue(key), i, colon, 'PLAIN');
    if (typeof keyNode.value !== 'string') return undefined; // `1:` or `true:` keys: leave to yaml
    let v = colon + 1;
    while (v < lineEnd && text[v] === ' ') v++;
    const pair = new Pair<Scalar, unknown>(keyNode);
    top.map.items.push(pair);
    if (v === lineEnd || text[v] === '#') {
      pending = { pair, indent, at: v };
      continue;
    }
    const value = readValue(text, v, lineEnd, false);
    if (value === BAIL) return undefined;
    let rest = value.end;
    while (rest < lineEnd && text[rest] === ' ') rest++;
    if (rest < lineEnd && text[rest] !== '#') return undefined;
    if (rest < lineEnd && rest === value.end) return undefined; // `"x"#` is an error in yaml
    pair.value = value.node;
  }
  if (pending) pending.pair.value = scalar(null, pending.at, pending.at, 'PLAIN');
  if (!root) return null;
  return root;
}
