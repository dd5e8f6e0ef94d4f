// A fast path for the YAML that registry files are made of, producing the `yaml` package's own
// node classes. `yaml` parses about 1 ms a file here, which bounds a cold lint of 10,000 files;
// registry files use a regular part of YAML, which this reads several times faster (and faster
// than js-yaml): block mappings and sequences, plain keys and single-line quoted keys, plain
// (also multi-line), single-line quoted and one-line flow values, literal and folded block
// scalars with chomping indicators, comments, blank lines, CRLF and a leading `---`. On anything
// else it returns undefined and the caller uses `yaml` itself, so errors, anchors, tags, explicit
// indentation indicators, multi-line quoted scalars and every doubtful case always get yaml's
// full treatment. A differential test and `scripts/fuzz-yaml.mjs` hold this to yaml's output
// (values, node kinds, positions, and no error where this reads a file) on real and mutated files.
import { Scalar, Schema, isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

interface ResolveTag { test?: RegExp; resolve: (value: string, onError: (msg: string) => void, options: object) => unknown }
// yaml's own YAML 1.2 core schema decides what a plain scalar means (true, 12, 0x1f, .inf, null...).
const CORE = (new Schema({ schema: 'core' }).tags as unknown as ResolveTag[]).filter((t) => t.test);
const NOOP = () => {};
const OPTIONS = { intAsBigInt: false };

// Only these can start a core-schema null, boolean or number; most keys and values are plain text.
const MAY_RESOLVE = /^(?:$|[~NnTtFf0-9+\-.])/;

function plainValue(text: string): unknown {
  if (!MAY_RESOLVE.test(text)) return text;
  for (const tag of CORE) {
    if (!tag.test!.test(text)) continue;
    const v = tag.resolve(text, NOOP, OPTIONS);
    return v instanceof Scalar ? v.value : v; // null and booleans come back wrapped
  }
  return text;
}

/** Thrown wherever the text leaves the fast subset; parseFast then returns undefined. */
// The nodes are small classes that yaml's type guards (isMap, isScalar...) recognise by the
// symbol yaml keys them on: yaml's own classes define it per instance, which cost a tenth of a
// cold lint. Readers of a registry file use only the guards, `value`, `items`, `key` and `range`.
const NODE_TYPE = Symbol.for('yaml.node.type');
class FastScalar { declare value: unknown; declare range: [number, number, number]; declare type: Scalar.Type }
class FastMap { items: FastPair[] = []; declare range: [number, number, number]; declare flow?: boolean }
class FastSeq { items: unknown[] = []; declare range: [number, number, number]; declare flow?: boolean }
class FastPair { constructor(public key: unknown, public value: unknown = null) {} }
for (const [cls, type] of [[FastScalar, 'scalar'], [FastMap, 'map'], [FastSeq, 'seq'], [FastPair, 'pair']] as const) {
  Object.defineProperty(cls.prototype, NODE_TYPE, { value: Symbol.for(`yaml.${type}`) });
}

const BAIL = Symbol('bail');
function bail(): never { throw BAIL; }

const KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$.\-/]*$/;
// A plain scalar that starts with one of these is an indicator YAML treats specially.
const INDICATOR = /^(?:[&*!|>%@`'"[\]{},#?]|-(?:\s|$)|:(?:\s|$))/;
// A continuation line of a multi-line plain scalar that could mean anything else to YAML.
const ODD_CONTINUATION = /:(?:[ \t]|$)|[ \t]#/;

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function scalar(value: unknown, start: number, end: number, type: Scalar.Type): Scalar {
  const s = new FastScalar();
  s.value = value;
  s.range = [start, end, end];
  s.type = type;
  return s as unknown as Scalar;
}

interface Read { node: Node; end: number }

/** A scalar or one-line flow collection (nested ones too) starting at `text[i]`, ending before `stop` (exclusive). */
function readValue(text: string, i: number, stop: number, inFlow: boolean): Read {
  const c = text[i];
  if (c === '"' || c === "'") return readQuoted(text, i, stop);
  if (c === '[' || c === '{') return readFlow(text, i, stop);
  // Plain scalar: up to a comment, or (in flow) a separator.
  let j = i;
  while (j < stop) {
    const ch = text[j]!;
    if (ch === '#' && isBlank(text[j - 1])) break;
    if (ch === ':' && (j + 1 === stop || isBlank(text[j + 1]) || (inFlow && (text[j + 1] === ',' || text[j + 1] === '}' || text[j + 1] === ']')))) {
      if (inFlow) break; // the end of a flow mapping's key; the caller checks what follows
      bail();
    }
    if (inFlow && (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{')) break;
    j++;
  }
  let end = j;
  while (end > i && isBlank(text[end - 1])) end--;
  const raw = text.slice(i, end);
  if (raw === '' || INDICATOR.test(raw)) bail();
  return { node: scalar(plainValue(raw), i, end, 'PLAIN'), end };
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', e: '\x1b', ' ': ' ' };

/** What the escape whose backslash is at `text[j]` stands for, and the offset after it. */
function unescape(text: string, j: number): [string, number] {
  const e = text[j + 1]!;
  if (e in ESCAPES) return [ESCAPES[e]!, j + 2];
  const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  const digits = text.slice(j + 2, j + 2 + hex);
  if (!hex || !/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) bail();
  const code = parseInt(digits, 16);
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bail();
  return [String.fromCodePoint(code), j + 2 + hex];
}

function readQuoted(text: string, i: number, stop: number): Read {
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
      const [c, next] = unescape(text, j);
      out += c;
      j = next;
      continue;
    }
    out += ch;
    j++;
  }
  return bail(); // unterminated on this line: a multi-line scalar, or an error for yaml to report
}

function readFlow(text: string, i: number, stop: number): Read {
  const isMap = text[i] === '{';
  const close = isMap ? '}' : ']';
  const node = (isMap ? new FastMap() : new FastSeq()) as unknown as YAMLMap | YAMLSeq;
  node.flow = true;
  const keys = new Set<unknown>();
  let j = i + 1;
  const skip = () => { while (j < stop && isBlank(text[j])) j++; };
  skip();
  if (text[j] === close) { node.range = [i, j + 1, j + 1]; return { node, end: j + 1 }; }
  for (;;) {
    skip();
    if (isMap) {
      const key = readValue(text, j, stop, true);
      if (!isScalar(key.node) || text[key.end] !== ':' || !isBlank(text[key.end + 1])) bail();
      if (keys.has(key.node.value)) bail();
      keys.add(key.node.value);
      j = key.end + 1;
      skip();
      const value = readValue(text, j, stop, true);
      (node as YAMLMap).items.push(new FastPair(key.node, value.node) as Pair);
      j = value.end;
    } else {
      const item = readValue(text, j, stop, true);
      (node as YAMLSeq).items.push(item.node);
      j = item.end;
    }
    skip();
    if (text[j] === ',') { j++; skip(); if (text[j] === close) bail(); continue; }
    if (text[j] === close) { node.range = [i, j + 1, j + 1]; return { node, end: j + 1 }; }
    bail();
  }
}

/** The closing quote of the quoted scalar opening at `i`, before `stop`; -1 if there is none. */
function closingQuote(text: string, i: number, stop: number): number {
  const q = text[i];
  for (let j = i + 1; j < stop; j++) {
    if (q === '"' && text[j] === '\\') j++;
    else if (text[j] === q) {
      if (q === "'" && text[j + 1] === "'") j++;
      else return j;
    }
  }
  return -1;
}

// yaml's own folding of multi-line quoted scalars (compose/resolve-flow-scalar.js), with the escapes
// this reads; any other escape is yaml's to report.
function unfoldLines(source: string): string {
  const parts = source.split(/\r?\n/);
  if (parts.length === 1) return source;
  let res = parts[0]!.replace(/[ \t]+$/, '');
  let sep = ' ';
  for (let k = 1; k < parts.length - 1; k++) {
    const lm = parts[k]!.replace(/^[ \t]+|[ \t]+$/g, '');
    if (lm === '') { if (sep === '\n') res += sep; else sep = '\n'; } else { res += sep + lm; sep = ' '; }
  }
  return res + sep + parts[parts.length - 1]!.replace(/^[ \t]*/, '');
}

function doubleQuoted(source: string): string {
  let res = '';
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i]!;
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n' || next === '\r') {
        if (next === '\n') fold += '\n';
        next = source[++i + 1];
      }
      res += fold || ' ';
    } else if (ch === '\\') {
      const e = source[i + 1];
      if (e === '\n' || (e === '\r' && source[i + 2] === '\n')) { // an escaped line break: none, and the next line trimmed
        i += e === '\r' ? 2 : 1;
        while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      } else {
        const [c, next] = unescape(source, i);
        res += c;
        i = next - 1;
      }
    } else if (ch === ' ' || ch === '\t') {
      const from = i;
      while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      const next = source[i + 1];
      if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n')) res += source.slice(from, i + 1);
    } else res += ch;
  }
  return res;
}

/** A line with content: where it starts, its first non-space character, its end (before CR LF), the next line. */
interface Line { start: number; i: number; end: number; next: number }

/** Reads the block structure line by line; every method throws BAIL outside the fast subset. */
class Reader {
  /** The start of the first line not read yet. */
  pos = 0;
  private peeked: Line | undefined;
  private peekedAt = -1;

  constructor(private readonly text: string) {}

  /** The next line with content (not blank, not a comment), or undefined at the end. */
  peek(): Line | undefined {
    if (this.peekedAt === this.pos) return this.peeked;
    const t = this.text;
    let p = this.pos;
    let found: Line | undefined;
    while (p < t.length) {
      let eol = t.indexOf('\n', p);
      if (eol < 0) eol = t.length;
      const end = eol > p && t.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      let i = p;
      while (i < end && t.charCodeAt(i) === 32) i++;
      if (i < end && t[i] !== '#') {
        if (t[i] === '\t') bail(); // a tab in the indentation
        if (i === p && (t.startsWith('---', i) || t.startsWith('...', i) || t[i] === '%')) bail(); // documents, directives
        found = { start: p, i, end, next: eol + 1 };
        break;
      }
      p = eol + 1;
    }
    this.peekedAt = this.pos;
    this.peeked = found;
    return found;
  }

  document(): Node | null {
    const t = this.text;
    // A leading `---` alone on its line opens the one document; content on that line is yaml's.
    let p = 0;
    while (p < t.length) {
      let eol = t.indexOf('\n', p);
      if (eol < 0) eol = t.length;
      const line = t.slice(p, eol).replace(/\r$/, '');
      if (/^---(?:[ \t]+(?:#.*)?)?$/.test(line)) { this.pos = eol + 1; break; }
      if (line.trim() !== '' && !/^\s*#/.test(line)) break;
      p = eol + 1;
    }
    const line = this.peek();
    if (!line) { if (this.pos > 0) bail(); return null; }
    const root = this.isItem(line) ? this.seq(line) : this.keyEnd(line.i, line.end) >= 0 ? this.map(line, line.i) : bail();
    if (this.peek()) bail(); // a second root node, or a less indented line
    return root;
  }

  private isItem(line: Line): boolean {
    const t = this.text;
    if (t[line.i] !== '-') return false;
    const c = t[line.i + 1];
    if (c === '\t') bail();
    return line.i + 1 === line.end || c === ' ';
  }

  /** The colon after a mapping key starting at `k` on this line, or -1 when the line holds no key. */
  private keyEnd(k: number, end: number): number {
    const t = this.text;
    if (t[k] === '"' || t[k] === "'") {
      const q = readQuoted(t, k, end).end;
      return t[q] === ':' ? q : -1;
    }
    for (let j = k; j < end; j++) {
      const c = t[j];
      if (c === '#' && isBlank(t[j - 1])) return -1;
      if (c === ':' && (j + 1 === end || isBlank(t[j + 1]))) return j;
    }
    return -1;
  }

  /** A block mapping whose first key starts at `k` on `line`; its keys are in column `k - line.start`. */
  private map(line: Line, k: number): YAMLMap {
    const map = new FastMap() as unknown as YAMLMap;
    map.range = [k, k, k];
    const indent = k - line.start;
    const keys = new Set<unknown>();
    for (;;) {
      this.entry(map, keys, line, k, indent);
      const next = this.peek();
      if (!next || next.i - next.start < indent) return map;
      if (next.i - next.start > indent || this.isItem(next)) bail();
      line = next;
      k = next.i;
    }
  }

  private entry(map: YAMLMap, keys: Set<unknown>, line: Line, k: number, indent: number): void {
    const t = this.text;
    let keyNode: Scalar;
    let colon: number;
    if (t[k] === '"' || t[k] === "'") {
      const q = readQuoted(t, k, line.end);
      keyNode = q.node as Scalar;
      colon = q.end;
    } else {
      colon = k;
      while (colon < line.end && t[colon] !== ':') colon++;
      const key = t.slice(k, colon);
      if (!KEY.test(key)) bail();
      keyNode = scalar(plainValue(key), k, colon, 'PLAIN');
      if (typeof keyNode.value !== 'string') bail(); // `1:` or `true:` keys: leave to yaml
    }
    if (t[colon] !== ':' || (colon + 1 < line.end && t[colon + 1] !== ' ')) bail();
    if (keys.has(keyNode.value)) bail();
    keys.add(keyNode.value);
    const pair = new FastPair(keyNode) as Pair<Scalar, unknown>;
    map.items.push(pair);
    let v = colon + 1;
    while (v < line.end && isBlank(t[v])) v++;
    this.pos = line.next;
    pair.value = v === line.end || t[v] === '#' ? this.below(indent, v, true) : this.inline(line, v, indent);
  }

  /** The value of a key or item with nothing after it on its line: the block node below, or null. */
  private below(indent: number, at: number, inMap: boolean): Node {
    const next = this.peek();
    if (next && next.i - next.start > indent) {
      if (this.isItem(next)) return this.seq(next);
      if (this.keyEnd(next.i, next.end) >= 0) return this.map(next, next.i);
      // A scalar on the lines below its key. After a blank line then a comment in column 0, yaml
      // lets a plain one run on over less indented lines (`a:\n\n# c\n x\nb: 1` is a key `x b`):
      // left to yaml.
      if (!inMap || this.text[next.i] === '|' || this.text[next.i] === '>') bail();
      const gap = this.text.slice(this.pos - 1, next.start), blank = gap.search(/\n[ \r]*\n/);
      if (blank >= 0 && gap.indexOf('\n#', blank + 1) >= 0) bail();
      this.pos = next.next;
      return this.inline(next, next.i, indent);
    }
    // A mapping's value may be a sequence at the mapping's own indentation.
    if (inMap && next && next.i - next.start === indent && this.isItem(next)) return this.seq(next);
    return scalar(null, at, at, 'PLAIN');
  }

  private seq(line: Line): YAMLSeq {
    const t = this.text;
    const seq = new FastSeq() as unknown as YAMLSeq;
    seq.range = [line.i, line.i, line.i];
    const indent = line.i - line.start;
    for (;;) {
      let v = line.i + 1;
      while (v < line.end && t[v] === ' ') v++;
      this.pos = line.next;
      let item: Node;
      if (v === line.end || t[v] === '#') item = this.below(indent, v, false);
      else if (t[v] === '-' && (v + 1 === line.end || isBlank(t[v + 1]))) bail(); // `- - a`
      else if (t[v] === '\t') bail();
      else if (this.keyEnd(v, line.end) >= 0) item = this.map(line, v);
      else item = this.inline(line, v, indent);
      seq.items.push(item);
      const next = this.peek();
      if (!next || next.i - next.start < indent) return seq;
      if (next.i - next.start > indent) bail();
      if (!this.isItem(next)) return seq; // the next key of the mapping this sequence is the value of
      line = next;
    }
  }

  /** A value that starts at `v` on `line`, in a collection indented `indent`. */
  private inline(line: Line, v: number, indent: number): Node {
    const t = this.text;
    if (t[v] === '|' || t[v] === '>') return this.blockScalar(line, v, indent);
    if ((t[v] === '"' || t[v] === "'") && closingQuote(t, v, line.end) < 0) return this.multiLineQuoted(line, v, indent);
    const value = readValue(t, v, line.end, false);
    let rest = value.end;
    while (rest < line.end && isBlank(t[rest])) rest++;
    if (rest < line.end && (t[rest] !== '#' || rest === value.end)) bail(); // `"x"#` is an error in yaml
    if (rest === line.end && (value.node as Scalar).type === 'PLAIN') this.continuePlain(value.node as Scalar, indent);
    return value.node;
  }

  /** Folds the continuation lines of a plain scalar into it, as YAML does. */
  private continuePlain(node: Scalar, indent: number): void {
    const t = this.text;
    let p = this.pos;
    let text: string | undefined;
    let breaks = 0;
    while (p < t.length) {
      let eol = t.indexOf('\n', p);
      if (eol < 0) eol = t.length;
      let end = eol > p && t.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      let i = p;
      while (i < end && t[i] === ' ') i++;
      if (i === end) { breaks++; p = eol + 1; continue; }
      if (i - p <= indent || t[i] === '#') break;
      while (isBlank(t[end - 1])) end--;
      const part = t.slice(i, end);
      if (t[i] === '\t' || ODD_CONTINUATION.test(part)) bail();
      text = `${text ?? String(t.slice(node.range![0], node.range![1]))}${breaks ? '\n'.repeat(breaks) : ' '}${part}`;
      breaks = 0;
      p = eol + 1;
      this.pos = p;
    }
    if (text !== undefined) node.value = plainValue(text);
  }

  /** A quoted scalar over several lines, each indented more than its collection; folded as yaml folds it. */
  private multiLineQuoted(line: Line, v: number, indent: number): Scalar {
    const t = this.text;
    const close = closingQuote(t, v, t.length);
    if (close < 0) bail();
    let end = line.end;
    for (let p = line.next; p <= close; p = end + 1) {
      end = t.indexOf('\n', p);
      if (end < 0) end = t.length;
      let i = p;
      while (i < end && t[i] === ' ') i++;
      const blank = i === end || (t[i] === '\r' && i + 1 === end);
      if (!blank && (i - p <= indent || t[i] === '\t')) bail();
    }
    let rest = close + 1;
    while (rest < end && isBlank(t[rest])) rest++;
    if (rest < end && t[rest] !== '\r' && (t[rest] !== '#' || rest === close + 1)) bail();
    this.pos = end + 1;
    const source = t.slice(v, close + 1);
    return scalar(source[0] === "'" ? unfoldLines(source.slice(1, -1)).replace(/''/g, "'") : doubleQuoted(source), v, close + 1,
      source[0] === "'" ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE');
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at `h`; mirrors yaml's resolveBlockScalar. */
  private blockScalar(line: Line, h: number, indent: number): Scalar {
    const t = this.text;
    const folded = t[h] === '>';
    let j = h + 1;
    const chomp = t[j] === '-' || t[j] === '+' ? t[j++] : '';
    if (j < line.end) { // an explicit indentation indicator, or anything but a comment, is yaml's to read
      if (t[j] !== ' ') bail();
      while (j < line.end && t[j] === ' ') j++;
      if (j < line.end && t[j] !== '#') bail();
    }
    const lines: Array<[number, string]> = []; // [indentation, content] of each line, blank lines ''
    let trim = -1;
    let p = line.next;
    while (p < t.length) {
      let eol = t.indexOf('\n', p);
      if (eol < 0) eol = t.length;
      const end = eol > p && t.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
      let i = p;
      while (i < end && t[i] === ' ') i++;
      if (i < end) {
        if (t[i] === '\t') bail();
        if (trim < 0) {
          if (i - p <= indent) break;
          trim = i - p;
        } else if (i - p < trim) {
          if (i - p > indent) bail(); // less indented than the first line
          break;
        }
      }
      if (eol === t.length) bail(); // no line break at the end of the file
      lines.push([i - p, t.slice(i, end)]);
      p = eol + 1;
    }
    if (trim < 0) bail(); // no content
    if (lines.some(([n, c]) => c === '' && n > trim)) bail(); // spaces beyond the indentation on a blank line
    this.pos = p;
    let last = lines.length;
    while (lines[last - 1]![1] === '') last--;
    let value = '';
    let k = 0;
    for (; lines[k]![1] === ''; k++) value += '\n';
    let sep = '';
    let prevMoreIndented = false;
    for (; k < last; k++) {
      const [n, content] = lines[k]!;
      const more = n > trim ? ' '.repeat(n - trim) : '';
      if (!folded) {
        value += sep + more + content;
        sep = '\n';
      } else if (n > trim) {
        if (sep === ' ') sep = '\n';
        else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
        value += sep + more + content;
        sep = '\n';
        prevMoreIndented = true;
      } else if (content === '') {
        if (sep === '\n') value += '\n';
        else sep = '\n';
      } else {
        value += sep + content;
        sep = ' ';
        prevMoreIndented = false;
      }
    }
    if (chomp === '+') value += '\n'.repeat(lines.length - last + 1);
    else if (chomp === '') value += '\n';
    return scalar(value, h, p, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL');
  }
}

/**
 * The root node of `text` when it is entirely in the fast subset: null for a file with no
 * content, undefined when `yaml` must read it.
 */
export function parseFast(text: string): Node | null | undefined {
  // yaml reads a CR that ends no line as content, and tabs where this reads indentation; a
  // lone CR is rare enough to leave to it.
  if (/\r(?!\n)/.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}
