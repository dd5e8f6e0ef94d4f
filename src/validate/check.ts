// Checks a batch of NDJSON lines: pure apart from compiling validators on first use and
// rewriting the batch's bytes (see flat.ts), so the same code runs in the main thread or in a
// worker. Which line is a repeat of which other (ids cross batches) is decided by the caller
// from the hashes this returns.
import type { DataValidationCxt, ErrorObject } from 'ajv/dist/types/index.js';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { closest } from '../text.js';
import { flattenProperties, restore } from './flat.js';
import { errorsAjv, fastAjv, fastEnvelope, fromSource, sourceOf } from './code.js';
import { withSetEnums } from './enums.js';
import type { Schema } from '../compile/json-schema.js';
import { childPointer, describe, jsonPath, missing, sentTwice, show, unknownProperty, type Problem } from './messages.js';
import type { AliasTree, Plan } from './plan.js';

export interface Finding {
  /** 1-based; within the batch until the caller adds where the batch starts. */
  line: number;
  event_name: string | null;
  path: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface Batch {
  /** The lines; checking rewrites some of their bytes (flat.ts), so they are the checker's once handed over. */
  bytes: Uint8Array;
  /** The first batch of a file (a byte order mark may open it). */
  first: boolean;
  /** The input ended without a newline after the last line of this batch. */
  unterminated: boolean;
  /**
   * `bytes` fills its ArrayBuffer from the start, and the buffer may be written over once the
   * lines are read: the result's ids are then put there (see BatchResult.ids).
   */
  reusable?: boolean;
  /** Say how each line came out (BatchResult.outcomes), for a caller that may stop in the middle of the batch. */
  outcomes?: boolean;
}

/** Per line with a string `event_id`: its hash (two words), the line, and what the caller needs if it repeats. */
export const ID_WORDS = 4;
/** In an id's fourth word: the line was valid before its id was checked. */
export const VALID = 0x80000000;
/** In an outcome (BatchResult.outcomes): the line was valid. */
export const OUTCOME_VALID = 0x40000000;
/** In an outcome: the line is warned about (a deprecated event, an old name of an event or a property). */
export const OUTCOME_WARNED = 0x20000000;

export interface BatchResult {
  lines: number;
  findings: Finding[];
  /**
   * ID_WORDS per id: hash, hash, line, (VALID |) index of the event + 1 (0: not a known event).
   * In a reusable batch's own buffer, so that a batch checked in a worker allocates nothing in
   * the main thread; ids come from lines of at least 50 bytes (a valid id alone is 36), so 16
   * bytes an id always fit.
   */
  ids: Uint32Array;
  /** Four numbers per event seen in the batch: its index, lines valid, invalid, and of a deprecated event. */
  counts: number[];
  /** Lines whose `event_name` is a string that is no event of the plan, by that name. */
  unknown: Record<string, number>;
  /** Lines with no string `event_name`. */
  nameless: number;
  /**
   * When the batch asked: per line, the index of its event + 1 (0: none), with OUTCOME_VALID
   * when it was valid; and the lines of no event, with their name (null: none).
   */
  outcomes?: { lines: Int32Array; unknown: Array<[line: number, name: string | null]> };
  /** The first line of each deprecated event in the batch: [event index, line]. */
  deprecated: Array<[number, number]>;
  /** The first line of each event that sends a property under an alias: [event index, alias id (Plan.aliases), line, path]. */
  aliased: Array<[number, number, number, string]>;
  /**
   * Where the lines not checked begin (a byte offset in the batch), when the findings reached
   * FINDINGS_BUDGET before the end: the caller checks them as a batch of their own. Those bytes
   * are untouched (the ids put in a reusable buffer take less room than the lines checked).
   */
  rest?: number;
}

/** Two 32-bit FNV-style hashes of a string, mixed: 64 bits, so 1,000,000 distinct ids collide with a chance of about 3e-8. */
function hashInto(s: string, out: Uint32Array, at: number): void {
  let a = 0x811c9dc5, b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16; a = Math.imul(a, 0x85ebca6b); a ^= a >>> 13;
  b ^= b >>> 16; b = Math.imul(b, 0xc2b2ae35); b ^= b >>> 16;
  out[at] = a >>> 0;
  out[at + 1] = b >>> 0;
}

/** Problems told per line; the rest are counted. */
export const MAX_PROBLEMS = 20;
/**
 * About how many bytes of findings one batch gathers before it stops (see BatchResult.rest):
 * a megabyte of lines with 20 problems each is tens of megabytes of findings, twice over once
 * posted from a worker, whose heap is bounded (run.ts: workerLimits).
 */
export const FINDINGS_BUDGET = 2 << 20;
/** What a finding costs besides its text, for the budget. */
const FINDING_BYTES = 100;
/** A value of up to this many values (nested ones included) has every error of it collected at once (see explain). */
const EXPLAINED = 10_000;

/** Whether `value` holds at most `limit` values, itself included (counted without recursion, stopping at the limit). */
function size(value: unknown, limit: number): boolean {
  const todo: unknown[] = [value];
  for (let n = 1; todo.length;) {
    const v = todo.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) { if (++n > limit) return false; todo.push(x); }
    } else {
      for (const k in v) { if (++n > limit) return false; todo.push((v as Record<string, unknown>)[k]); }
    }
  }
  return true;
}

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i; // as ajv-formats' uuid

/** Validators are called with these fixed options: Ajv would otherwise allocate them on every call. */
const CALL = { instancePath: '', dynamicAnchors: {} } as unknown as DataValidationCxt;

export function createChecker(plan: Plan) {
  // The fast path's validators come from source (see code.ts); the slow path's, made on first
  // use, from Ajv: one instance that collects every error, one that stops at the first (for
  // values too large to collect every error of).
  const fast = fastAjv();
  let full: Ajv2020 | undefined;
  let first: Ajv2020 | undefined;
  const fullAjv = (): Ajv2020 => (full ??= errorsAjv(true));
  const firstAjv = (): Ajv2020 => (first ??= errorsAjv(false));
  const byName = new Map(plan.events.map((e, i) => [e.name, i]));
  const names = plan.events.map((e) => e.name);
  const fromPlan = (code: string | undefined, schema: () => Schema): ValidateFunction => fromSource(code ?? sourceOf(fast, schema()), fast.formats);
  const envelope = fromPlan(plan.code?.envelope, () => fastEnvelope(plan.envelope));
  let envelopeFull: ValidateFunction | undefined;
  const properties = plan.properties.map(withSetEnums);
  let envelopeFirst: ValidateFunction | undefined;
  // Made when an event's first line needs them; the slow path's, when a value of the property is refused.
  const fastProperty: Array<ValidateFunction | undefined> = [];
  const fullProperty: Array<ValidateFunction | undefined> = [];
  const fullOf = (s: number): ValidateFunction => {
    const code = plan.code?.full[s];
    return (fullProperty[s] ??= code ? fromSource(code, fast.formats) : fullAjv().compile(properties[s]!));
  };
  /**
   * Per event: each allowed property's validator, 1 when it is required, and its place in the
   * event (an alias has its property's: sent under both names, it is met twice); for aliases,
   * their id, and where there are aliases inside the values.
   */
  const events: Array<{
    props: Map<string, number>;
    checks: Map<string, { validate: ValidateFunction; required: number; slot: number; alias: number; tree: AliasTree | null }>;
    required: string[];
    /** Each property's aliases, and each alias's property. */
    aliasesOf: Map<string, string[]>;
    aliasOf: Map<string, string>;
    /** Any alias, at any depth. */
    aliased: boolean;
  } | undefined> = [];
  // When each of an event's properties was last met (by `tag`): a key written twice in one line is
  // one key to JSON.parse, two in the flat pairs.
  const met = new Float64Array(Math.max(1, ...plan.events.map((e) => e.properties.length)));
  let tag = 0;
  const marks = new Int32Array(1024);
  const guesses = new Map<string, string | undefined>();
  // Reused from batch to batch: three counts per event, and the ids found.
  const counts = new Uint32Array(plan.events.length * 3);
  let ids = new Uint32Array(4096 * ID_WORDS);

  function eventChecker(i: number) {
    let c = events[i];
    if (!c) {
      const e = plan.events[i]!;
      const required = new Set(e.required);
      const aliasOf = new Map((e.aliases ?? []).map(([a, name]) => [a, name]));
      const ids = new Map((e.aliases ?? []).map(([a, , id]) => [a, id]));
      const aliasesOf = new Map<string, string[]>();
      for (const [a, name] of aliasOf) aliasesOf.set(name, [...aliasesOf.get(name) ?? [], a]);
      const slots = new Map(e.properties.filter(([name]) => !aliasOf.has(name)).map(([name], slot) => [name, slot]));
      const checks = new Map(e.properties.map(([name, s]) => {
        const property = aliasOf.get(name) ?? name;
        return [name, { validate: (fastProperty[s] ??= fromPlan(plan.code?.properties[s], () => properties[s]!)), required: required.has(property) ? 1 : 0, slot: slots.get(property)!, alias: ids.get(name) ?? -1, tree: plan.trees[s] ?? null }];
      }));
      const aliased = aliasOf.size > 0 || e.properties.some(([, s]) => plan.trees[s]);
      c = events[i] = { props: new Map(e.properties), checks, required: e.required, aliasesOf, aliasOf, aliased };
    }
    return c;
  }

  /**
   * The fast path, on a line whose `properties` were flattened: true exactly when the event's
   * generated schema accepts the line, but for a key written twice (false: the caller decides on
   * the original line).
   */
  function passes(i: number, obj: Record<string, unknown>): boolean {
    if (!envelope(obj, CALL)) return false;
    const { checks, required } = eventChecker(i);
    const pairs = obj.properties as unknown[];
    const now = ++tag;
    // Keys are distinct (checked), so counting the required ones met tells whether all are there.
    let n = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      const c = checks.get(pairs[k] as string);
      if (c === undefined || met[c.slot] === now || !c.validate(pairs[k + 1], CALL)) return false;
      met[c.slot] = now;
      n += c.required;
    }
    return n === required.length;
  }

  /** What is wrong with a line the fast path refused, as the event's schema would say it: up to MAX_PROBLEMS, and how many more. */
  function problems(i: number | undefined, obj: Record<string, unknown>): { found: Problem[]; more: number } {
    const found: Problem[] = [];
    let more = 0;
    // The envelope's validator looks no deeper than its keys; thousands of them (all wrong) are told by the first.
    let keys = 0;
    for (const _ in obj) keys++;
    const envelopeCheck = keys <= EXPLAINED ? (envelopeFull ??= fullAjv().compile(plan.envelope)) : (envelopeFirst ??= firstAjv().compile(plan.envelope));
    if (!envelopeCheck(obj)) more += describe(envelopeCheck.errors ?? [], found, MAX_PROBLEMS);
    const name = obj.event_name;
    if (i === undefined) {
      if (typeof name === 'string') found.push({ path: 'event_name', message: unknownEvent(name) });
      return { found, more };
    }
    const p = obj.properties;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return { found, more };
    const { props, required, aliasesOf, aliasOf } = eventChecker(i);
    const known = [...props.keys()].filter((k) => !aliasOf.has(k));
    const sent = (k: string): boolean => Object.hasOwn(p, k);
    for (const [key, value] of Object.entries(p)) {
      const s = props.get(key);
      // An alias beside its property's name or another alias of it: as the schema's aliasRules say.
      const property = aliasOf.get(key);
      const beside = property === undefined ? undefined : [property, ...aliasesOf.get(property)!].find((n) => n !== key && sent(n));
      if (found.length >= MAX_PROBLEMS) {
        if (s === undefined || !fastOf(properties[s]!)(value, CALL)) more++;
        if (beside !== undefined) more++;
        continue;
      }
      if (s === undefined) found.push(unknownProperty('/properties', key, `\`${name as string}\``, known));
      else more += explain(properties[s]!, value, childPointer('/properties', key), found, s);
      if (beside !== undefined) {
        if (found.length < MAX_PROBLEMS) found.push(sentTwice('/properties', key, property!, beside));
        else more++;
      }
    }
    for (const r of required) {
      const aliases = aliasesOf.get(r) ?? [];
      if (sent(r) || aliases.some(sent)) continue;
      if (found.length < MAX_PROBLEMS) found.push(missing('/properties', r, aliases));
      else more++;
    }
    return { found, more };
  }

  const fastOf = (schema: Schema): ValidateFunction => fast.compile(schema); // Ajv keeps each schema object's validator
  const arrayLevel = new WeakMap<Schema, ValidateFunction>();

  /**
   * What is wrong with `value` at `at`, into `found` while it has room; returns how many more
   * problems there were. Ajv collects every error of a value at once (with its data and
   * schema): for a value of millions of wrong items that is gigabytes. A value of up to
   * EXPLAINED values is told whole; a larger array item by item, counting the items beyond the
   * room with the fast validator (which makes no errors); anything else larger by its first error.
   */
  function explain(schema: Schema, value: unknown, at: string, found: Problem[], s?: number): number {
    const rebased = (v: ValidateFunction): ErrorObject[] => (v.errors ?? []).map((e) => ({ ...e, instancePath: at + e.instancePath }));
    if (size(value, EXPLAINED)) {
      const v = s === undefined ? fullAjv().compile(schema) : fullOf(s);
      return v(value) ? 0 : describe(rebased(v), found, MAX_PROBLEMS);
    }
    const items = schema.items as Schema | undefined;
    const types = [schema.type].flat();
    if (Array.isArray(value) && items && typeof items === 'object' && types.includes('array')) {
      let whole = arrayLevel.get(schema);
      if (!whole) { const { items: _, ...rest } = schema; arrayLevel.set(schema, (whole = fullAjv().compile(rest))); }
      let more = whole(value) ? 0 : describe(rebased(whole), found, MAX_PROBLEMS);
      const item = fastOf(items);
      for (let k = 0; k < value.length; k++) {
        if (item(value[k], CALL)) continue;
        if (found.length < MAX_PROBLEMS) more += explain(items, value[k], `${at}/${k}`, found);
        else more++;
      }
      return more;
    }
    const v = firstAjv().compile(schema);
    if (v(value)) return 0;
    const wrongType = v.errors?.every((e) => e.instancePath === '' && e.keyword === 'type'); // then nothing inside it matters
    const more = describe(rebased(v), found, MAX_PROBLEMS);
    if (!wrongType && found.length < MAX_PROBLEMS) found.push({ path: jsonPath(at), message: `holds more than ${EXPLAINED.toLocaleString('en-US')} values: only its first problem is told.` });
    return more;
  }

  /**
   * The aliases line `line` of event `i` sends its properties under, at any depth (`properties`:
   * the line's object, or when `pairs` the fast path's flat pairs): the first of each in the
   * batch into `aliased`. Whether there was any.
   */
  function noteAliases(i: number, properties: unknown, pairs: boolean, line: number, aliased: BatchResult['aliased'], seen: Set<number>): boolean {
    const { checks } = eventChecker(i);
    let any = false;
    const note = (id: number, pointer: string): void => {
      any = true;
      const key = i * plan.aliases.length + id;
      if (!seen.has(key)) { seen.add(key); aliased.push([i, id, line, jsonPath(pointer)]); }
    };
    const walk = (tree: AliasTree, v: unknown, at: string): void => {
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        if (tree.items) for (let k = 0; k < v.length; k++) walk(tree.items, v[k], `${at}/${k}`);
        return;
      }
      for (const [a, id] of tree.aliases ?? []) if (Object.hasOwn(v, a)) note(id, childPointer(at, a));
      for (const [n, t] of tree.properties ?? []) if (Object.hasOwn(v, n)) walk(t, (v as Record<string, unknown>)[n], childPointer(at, n));
    };
    const visit = (key: unknown, value: unknown): void => {
      const c = typeof key === 'string' ? checks.get(key) : undefined;
      if (c === undefined) return;
      if (c.alias >= 0) note(c.alias, childPointer('/properties', key as string));
      if (c.tree) walk(c.tree, value, childPointer('/properties', key as string));
    };
    if (pairs) {
      const flat = properties as unknown[];
      for (let k = 0; k < flat.length; k += 2) visit(flat[k], flat[k + 1]);
    } else if (properties !== null && typeof properties === 'object' && !Array.isArray(properties)) for (const [k, v] of Object.entries(properties)) visit(k, v);
    return any;
  }

  function unknownEvent(name: string): string {
    if (!guesses.has(name)) {
      if (guesses.size > 1000) guesses.clear(); // a stream of random names must not grow this without bound
      guesses.set(name, closest(name, names));
    }
    const guess = guesses.get(name);
    return `\`${name}\` is not an event of the tracking plan${guess ? `: did you mean \`${guess}\`?` : '.'}`;
  }

  return function checkBatch(batch: Batch): BatchResult {
    const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    const findings: Finding[] = [];
    const seen: number[] = [];
    const unknown: Record<string, number> = Object.create(null) as Record<string, number>;
    const deprecated: Array<[number, number]> = [];
    const seenDeprecated = new Set<number>();
    const aliased: BatchResult['aliased'] = [];
    const seenAliased = new Set<number>();
    let nIds = 0;
    let line = 0;
    let nameless = 0;
    let spent = 0;
    let rest: number | undefined;
    const outcomes = batch.outcomes ? { lines: [] as number[], unknown: [] as Array<[number, string | null]> } : undefined;
    const error = (event: string | null, path: string, message: string): void => {
      findings.push({ line, event_name: event, path, severity: 'error', message });
      spent += FINDING_BYTES + path.length + message.length;
    };

    // Lines are decoded one by one: a batch decoded whole would be a megabyte string, which V8
    // keeps in its large-object space until a full collection (tens of megabytes of them).
    const bom = batch.first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (let start = bom; start < bytes.length;) {
      if (spent > FINDINGS_BUDGET) { rest = start; break; }
      let end = bytes.indexOf(10, start);
      const last = end === -1;
      if (last) end = bytes.length;
      line++;
      const from = start;
      const stop = end > from && bytes[end - 1] === 13 ? end - 1 : end;
      start = end + 1;
      // Most lines: flattened, parsed, accepted. Any other is decided on its original bytes.
      let obj: unknown;
      let name: unknown;
      let i: number | undefined;
      let valid = false;
      let pairs = false;
      const flat = flattenProperties(bytes, from, stop, marks);
      if (flat > 0) {
        try {
          obj = JSON.parse(bytes.toString('utf8', from, stop));
          name = (obj as Record<string, unknown>).event_name;
          i = typeof name === 'string' ? byName.get(name) : undefined;
          pairs = valid = i !== undefined && passes(i, obj as Record<string, unknown>);
        } catch { /* decided below, on the original bytes */ }
        if (!valid) restore(bytes, marks, flat);
      }
      if (!valid) {
        const raw = bytes.toString('utf8', from, stop);
        if (raw.trim() === '') {
          error(null, '', 'The line is empty: every line must hold one event.');
          continue;
        }
        try {
          obj = JSON.parse(raw);
        } catch (e) {
          const cut = last && batch.unterminated ? ' The input ends in the middle of this line: was the file cut short?' : '';
          error(null, '', `The line is not valid JSON (${(e as Error).message.replace(/^JSON\.parse: /, '')}).${cut}`);
          continue;
        }
        if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
          error(null, '', `The line must be a JSON object (an event), not ${show(obj)}.`);
          continue;
        }
        name = (obj as Record<string, unknown>).event_name;
        i = typeof name === 'string' ? byName.get(name) : undefined;
        const { found, more } = problems(i, obj as Record<string, unknown>);
        const event = typeof name === 'string' ? name : null;
        for (const p of found) error(event, p.path, p.message);
        if (more) error(event, '', `... and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} on this line (the first ${MAX_PROBLEMS} are shown).`);
        valid = found.length === 0;
      }
      const event = obj as Record<string, unknown>;
      const e = i === undefined ? undefined : plan.events[i]!;
      const oldName = e !== undefined && (e.deprecated || e.aliasOf !== undefined);
      const renamed = e !== undefined && eventChecker(i!).aliased && noteAliases(i!, event.properties, pairs, line, aliased, seenAliased);
      const warned = oldName || renamed;
      if (i === undefined) {
        if (typeof name === 'string') unknown[name] = (unknown[name] ?? 0) + 1;
        else nameless++;
      }
      if (outcomes) {
        while (outcomes.lines.length < line - 1) outcomes.lines.push(0); // lines not even an object: no event
        outcomes.lines.push(i === undefined ? 0 : (i + 1) | (valid ? OUTCOME_VALID : 0) | (warned ? OUTCOME_WARNED : 0));
        if (i === undefined) outcomes.unknown.push([line, typeof name === 'string' ? name : null]);
      }
      if (i !== undefined) {
        if (counts[i * 3]! + counts[i * 3 + 1]! === 0) seen.push(i);
        counts[i * 3 + (valid ? 0 : 1)]!++;
        if (warned) counts[i * 3 + 2]!++;
        if (oldName && !seenDeprecated.has(i)) { seenDeprecated.add(i); deprecated.push([i, line]); }
      }
      // An id that is not a UUID has its error already; that it repeats would only add noise.
      // (A valid line's id passed the envelope's uuid format: no need to test it again.)
      if (typeof event.event_id === 'string' && (valid || UUID.test(event.event_id))) {
        if ((nIds + 1) * ID_WORDS > ids.length) { const more = new Uint32Array(ids.length * 2); more.set(ids); ids = more; }
        const at = nIds++ * ID_WORDS;
        hashInto(event.event_id, ids, at);
        ids[at + 2] = line;
        ids[at + 3] = ((i ?? -1) + 1) | (valid ? VALID : 0);
      }
    }
    const perEvent: number[] = [];
    for (const i of seen) {
      perEvent.push(i, counts[i * 3]!, counts[i * 3 + 1]!, counts[i * 3 + 2]!);
      counts.fill(0, i * 3, i * 3 + 3);
    }
    const words = nIds * ID_WORDS;
    const out = batch.reusable && words * 4 <= batch.bytes.byteLength ? new Uint32Array(batch.bytes.buffer, 0, words) : new Uint32Array(words);
    out.set(ids.subarray(0, words));
    while (outcomes && outcomes.lines.length < line) outcomes.lines.push(0);
    return { lines: line, findings, ids: out, counts: perEvent, unknown, nameless, deprecated, aliased,
      ...(outcomes ? { outcomes: { lines: Int32Array.from(outcomes.lines), unknown: outcomes.unknown } } : {}), ...(rest !== undefined ? { rest } : {}) };
  };
}

export type CheckBatch = ReturnType<typeof createChecker>;
