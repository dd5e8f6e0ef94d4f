// The diff itself: a pure function from two registries and a compatibility mode to classified
// changes. Shared properties are resolved first, so a change to one shows on every event that
// uses it; objects and array items are compared recursively (`billing.amount`, `tags[]`).
import type { Constraints, EventDef, Loc, PropertyDef, PropertyType, Registry, Scalar, SharedPropertyDef } from '../model.js';
import { CHANGE_RULES, forbids, type Breaks, type ChangeRuleId, type Compatibility } from './rules.js';

/** A place in a file; the file is absolute. */
export interface Where { file: string; line: number; column: number }

export interface Change {
  ruleId: ChangeRuleId;
  breaks: Breaks;
  /** The event, by its name at the head (its base name for a removed event). */
  event: string;
  /** The property path (`billing.amount`, `tags[]`); absent for a change to the event itself. */
  path?: string;
  message: string;
  /** Where the change is in the new files; for something removed, where it was at the base. */
  where: Where;
  side: 'head' | 'base';
  /** The shared property the change comes from, when it does. */
  via?: string;
  /** Why a breaking change passes anyway. */
  exempt?: 'version-raised' | 'deprecated';
  /** The mode forbids it and nothing exempts it: the diff fails. */
  blocking: boolean;
}

export type EventChangeKind = 'added' | 'removed' | 'renamed' | 'changed';

export interface EventSummary {
  name: string;
  kind: EventChangeKind;
  /** For a renamed event, its name at the base. */
  from?: string;
  owner?: string;
  /** The event's file at the head, or at the base when it was removed. */
  file: string;
  changes: Change[];
}

export interface DiffResult {
  compatibility: Compatibility;
  events: EventSummary[];
  /** Every change, in the order of `events`. */
  changes: Change[];
  counts: { added: number; removed: number; renamed: number; changed: number; breaking: number; blocking: number };
}

// ---------------------------------------------------------------------------------------------
// Resolved properties: `$ref`s replaced by the shared definitions, each key with its file.

const CONSTRAINTS = ['format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;
type ConstraintKey = (typeof CONSTRAINTS)[number];
const UPPER = new Set<ConstraintKey>(['maxLength', 'maximum', 'maxItems']);

interface RProp extends Constraints {
  name: string;
  type?: PropertyType;
  required: boolean;
  nullable: boolean;
  description?: string;
  items?: RProp;
  properties?: RProp[];
  /** A `$ref` that names no shared property (or a cycle): nothing to compare but `required`. */
  unresolved?: boolean;
  ref?: string;
  /** The nearest shared property this definition comes from. */
  via?: string;
  at: Where;
  keys: Record<string, Where>;
}

type Shared = Map<string, SharedPropertyDef>;

const whereOf = (file: string, loc: Loc): Where => ({ file, line: loc.line, column: loc.column });
const keysOf = (file: string, keys: Record<string, Loc>): Record<string, Where> =>
  Object.fromEntries(Object.entries(keys).map(([k, loc]) => [k, whereOf(file, loc)]));

function resolve(p: PropertyDef, file: string, shared: Shared, via: string | undefined, seen: string[]): RProp {
  const use: RProp = { name: p.name, required: p.required, nullable: p.nullable, at: whereOf(file, p.loc), keys: keysOf(file, p.keys), ...(via ? { via } : {}) };
  if (p.description !== undefined) use.description = p.description;
  if (p.ref !== undefined) {
    use.ref = p.ref;
    const def = shared.get(p.ref);
    if (!def || seen.includes(p.ref) || seen.length > 32) return { ...use, unresolved: true };
    const body = resolve(def, def.file, shared, p.ref, [...seen, p.ref]);
    return {
      ...body,
      name: p.name,
      required: p.required,
      nullable: p.nullable || def.nullable,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ref: p.ref,
      via: p.ref,
      at: use.at,
      keys: { ...body.keys, ...use.keys },
    };
  }
  if (p.type !== undefined) use.type = p.type;
  if (p.enum !== undefined) use.enum = p.enum;
  for (const k of CONSTRAINTS) if (p[k] !== undefined) (use as unknown as Record<string, unknown>)[k] = p[k];
  if (p.items) use.items = resolve(p.items, file, shared, via, seen);
  if (p.properties) use.properties = p.properties.map((c) => resolve(c, file, shared, via, seen));
  return use;
}

/** What a property means, without where it is written: equal signatures, equal definitions. */
function signature(p: RProp): unknown {
  const { at: _at, keys: _keys, via: _via, items, properties, ...rest } = p;
  return { ...rest, ...(items ? { items: signature(items) } : {}), ...(properties ? { properties: properties.map(signature) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Comparison.

interface Emit {
  (ruleId: ChangeRuleId, message: string, where: Where, extra?: { path?: string; via?: string; side?: 'head' | 'base'; exempt?: Change['exempt'] }): void;
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const code = (s: string): string => `\`${s}\``;
const list = (vs: Scalar[]): string => vs.map(show).join(', ');

function compareProps(base: RProp[], head: RProp[], prefix: string, parentAt: Where, emit: Emit): void {
  const byName = new Map(base.map((p) => [p.name, p]));
  const headNames = new Set(head.map((p) => p.name));
  for (const b of base) {
    if (headNames.has(b.name)) continue;
    const path = prefix + b.name;
    emit('property-removed', `${code(path)} was removed.`, parentAt, { path, ...(b.via ? { via: b.via } : {}) });
  }
  for (const h of head) {
    const path = prefix + h.name;
    const b = byName.get(h.name);
    const via = h.via ? { via: h.via } : {};
    if (!b) {
      if (h.required) emit('property-added-required', `${code(path)} was added as a required property.`, h.at, { path, ...via });
      else emit('property-added-optional', `${code(path)} was added, optional.`, h.at, { path, ...via });
      continue;
    }
    compareProp(b, h, path, emit);
  }
}

function compareProp(b: RProp, h: RProp, path: string, emit: Emit): void {
  const at = (key: string): Where => h.keys[key] ?? h.at;
  const e = (ruleId: ChangeRuleId, message: string, where: Where): void => emit(ruleId, message, where, { path, ...(h.via ? { via: h.via } : {}) });
  const isItems = path.endsWith('[]');

  if (!isItems && b.required !== h.required) {
    if (h.required) e('property-made-required', `${code(path)} is now required; it was optional.`, at('required'));
    else e('property-made-optional', `${code(path)} is now optional; it was required.`, at('required'));
  }
  if (b.description !== h.description) {
    e('docs-changed', h.description === undefined ? `${code(path)} lost its description.` : `The description of ${code(path)} changed.`, at('description'));
  }
  if (b.unresolved || h.unresolved || b.type === undefined || h.type === undefined) return; // nothing sure to compare
  if (b.type !== h.type) {
    e('property-type-changed', `${code(path)} changed type from ${b.type} to ${h.type}.`, at('type'));
    return;
  }
  if (b.nullable !== h.nullable) {
    if (h.nullable) e('constraint-loosened', `${code(path)} may now be null.`, at('nullable'));
    else e('constraint-tightened', `${code(path)} may no longer be null.`, at('nullable'));
  }

  // enum
  if (b.enum && h.enum) {
    const [before, after] = [new Set(b.enum), new Set(h.enum)]; // sets: enums may hold 100,000 values
    const removed = b.enum.filter((v) => !after.has(v));
    const added = h.enum.filter((v) => !before.has(v));
    if (removed.length) e('enum-value-removed', `${code(path)} no longer accepts ${list(removed)}.`, at('enum'));
    if (added.length) e('enum-value-added', `${code(path)} now also accepts ${list(added)}.`, at('enum'));
  } else if (h.enum) {
    e('constraint-tightened', `${code(path)} now only accepts ${list(h.enum)}.`, at('enum'));
  } else if (b.enum) {
    e('constraint-loosened', `${code(path)} no longer limits its values to ${list(b.enum)}.`, h.at);
  }

  for (const k of CONSTRAINTS) {
    const bv = b[k], hv = h[k];
    if (bv === hv) continue;
    const kw = code(k);
    if (k === 'pattern' || k === 'format') {
      if (hv === undefined) e('constraint-loosened', `${code(path)} lost its ${kw} ${show(bv)}.`, h.at);
      else e('constraint-tightened', bv === undefined ? `${code(path)} now has ${kw} ${show(hv)}.` : `${code(path)} changed ${kw} from ${show(bv)} to ${show(hv)}.`, at(k));
      continue;
    }
    const tighter = hv === undefined ? false : bv === undefined ? true : UPPER.has(k) ? (hv as number) < (bv as number) : (hv as number) > (bv as number);
    const text = hv === undefined ? `${code(path)} lost its ${kw} ${bv}.` : bv === undefined ? `${code(path)} now has ${kw} ${hv}.` : `${code(path)} changed ${kw} from ${bv} to ${hv}.`;
    e(tighter ? 'constraint-tightened' : 'constraint-loosened', text, hv === undefined ? h.at : at(k));
  }

  // array items
  if (b.items && h.items) compareProp(b.items, h.items, `${path}[]`, emit);
  else if (h.items) e('constraint-tightened', `${code(path)} now defines its items.`, at('items'));
  else if (b.items) e('constraint-loosened', `${code(path)} no longer defines its items.`, h.at);

  // object properties
  if (b.properties && h.properties) compareProps(b.properties, h.properties, `${path}.`, at('properties'), emit);
  else if (h.properties) e('constraint-tightened', `${code(path)} now has a fixed set of properties.`, at('properties'));
  else if (b.properties) e('constraint-loosened', `${code(path)} is now a free-form object.`, h.at);
}

function compareEvents(b: EventDef, h: EventDef, bProps: RProp[], hProps: RProp[], emit: Emit): void {
  const at = (key: string): Where => whereOf(h.file, h.keys[key] ?? h.loc);
  if (b.description !== h.description) emit('docs-changed', h.description ? 'The event\'s description changed.' : 'The event lost its description.', at('description'));
  if (b.owner !== h.owner) emit('owner-changed', `The owner changed from ${b.owner ?? '(none)'} to ${h.owner ?? '(none)'}.`, at('owner'));
  if (b.status !== h.status) emit('status-changed', `The status changed from ${b.status} to ${h.status}.`, at('status'));
  if (b.replacedBy !== h.replacedBy) {
    emit('status-changed', h.replacedBy ? `The event is now replaced by ${code(h.replacedBy)}.` : `The event is no longer replaced by ${code(b.replacedBy!)}.`, at(h.replacedBy ? 'replaced_by' : 'status'));
  }
  if (h.version > b.version) emit('version-raised', `The version went from ${b.version} to ${h.version}.`, at('version'));
  if (h.version < b.version) emit('version-lowered', `The version went down from ${b.version} to ${h.version}.`, at('version'));
  compareProps(bProps, hProps, '', at('properties'), emit);
}

// ---------------------------------------------------------------------------------------------
// The registries.

const byName = <T extends { name: string }>(items: T[]): Map<string, T> => {
  const m = new Map<string, T>();
  for (const i of items) if (i.name && !m.has(i.name)) m.set(i.name, i);
  return m;
};

/**
 * Compares the base registry with the head one. Files identical on both sides may be left out
 * of both (the loader does, for speed): they compare equal, unless they use a shared property
 * that changed, which the loader keeps them for.
 */
export function diffRegistries(base: Registry, head: Registry, compatibility: Compatibility): DiffResult {
  const baseShared = byName(base.properties), headShared = byName(head.properties);
  const baseEvents = byName(base.events), headEvents = byName(head.events);
  const props = (e: EventDef, shared: Shared) => e.properties.map((p) => resolve(p, e.file, shared, undefined, []));
  const summaries: EventSummary[] = [];

  const summarize = (kind: EventChangeKind, ev: EventDef, run: (emit: Emit) => void, exempt?: Change['exempt'], from?: string): void => {
    const changes: Change[] = [];
    const emit: Emit = (ruleId, message, where, extra = {}) => {
      const breaks = CHANGE_RULES[ruleId].breaks;
      const ex = breaks !== 'none' && ruleId !== 'version-lowered' ? extra.exempt ?? exempt : undefined;
      changes.push({
        ruleId, breaks, event: ev.name, ...(extra.path ? { path: extra.path } : {}), message, where,
        side: extra.side ?? 'head', ...(extra.via ? { via: extra.via } : {}), ...(ex ? { exempt: ex } : {}),
        blocking: forbids(compatibility, breaks) && !ex,
      });
    };
    run(emit);
    if (changes.length) summaries.push({ name: ev.name, kind, ...(from ? { from } : {}), ...(ev.owner ? { owner: ev.owner } : {}), file: ev.file, changes });
  };

  // Removed and added names; a removed and an added event with the same properties are a rename.
  const removed = [...baseEvents.values()].filter((e) => !headEvents.has(e.name));
  const added = [...headEvents.values()].filter((e) => !baseEvents.has(e.name));
  const renames = new Map<EventDef, EventDef>(); // head -> base
  // An added event that lists a removed one's name in `aliases` is that event renamed, whatever its properties.
  const removedByName = new Map(removed.map((e) => [e.name, e]));
  for (const h of added) {
    const b = (h.aliases ?? []).map((a) => removedByName.get(a)).find((e) => e !== undefined && ![...renames.values()].includes(e));
    if (b) renames.set(h, b);
  }
  const unpaired = (events: EventDef[], paired: Set<EventDef>) => events.filter((e) => !paired.has(e));
  if (removed.length > renames.size && added.length > renames.size) {
    const key = (e: EventDef, shared: Shared) => JSON.stringify(props(e, shared).map(signature));
    const bucket = (events: EventDef[], shared: Shared) => {
      const m = new Map<string, EventDef[]>();
      for (const e of events) { const k = key(e, shared); m.set(k, [...(m.get(k) ?? []), e]); }
      return m;
    };
    const gone = bucket(unpaired(removed, new Set(renames.values())), baseShared), come = bucket(unpaired(added, new Set(renames.keys())), headShared);
    for (const [k, bs] of gone) {
      const hs = come.get(k);
      if (bs.length !== 1 || hs?.length !== 1) continue; // ambiguous: leave as removed and added
      const [b, h] = [bs[0]!, hs[0]!];
      if (b.properties.length === 0 && b.description !== h.description) continue; // nothing ties them
      renames.set(h, b);
    }
  }
  const renamedFrom = new Set([...renames.values()]);

  for (const b of removed) {
    if (renamedFrom.has(b)) continue;
    summarize('removed', b, (emit) => emit('event-removed', b.status === 'deprecated' ? `The deprecated event ${code(b.name)} was removed.` : `The event ${code(b.name)} was removed without being deprecated first.`,
      whereOf(b.file, b.loc), { side: 'base' }), b.status === 'deprecated' ? 'deprecated' : undefined);
  }
  for (const h of headEvents.values()) {
    const b = baseEvents.get(h.name) ?? renames.get(h);
    if (!b) {
      summarize('added', h, (emit) => emit('event-added', `The event ${code(h.name)} was added${h.properties.length ? ` with ${h.properties.length} propert${h.properties.length === 1 ? 'y' : 'ies'}` : ''}.`, whereOf(h.file, h.loc)));
      continue;
    }
    const renamed = b.name !== h.name;
    const exempt = h.version > b.version ? 'version-raised' : undefined;
    summarize(renamed ? 'renamed' : 'changed', h, (emit) => {
      // A rename passes like a removal when the base had deprecated the old name.
      if (renamed && h.aliases?.includes(b.name)) {
        emit('event-renamed-aliased', `${code(b.name)} was renamed to ${code(h.name)}, keeping ${code(b.name)} in \`aliases\`: data under the old name is still this event.`, whereOf(h.file, h.aliasLocs?.[h.aliases.indexOf(b.name)] ?? h.loc), b.status === 'deprecated' ? { exempt: 'deprecated' } : {});
      } else if (renamed) emit('event-renamed', `${code(b.name)} was renamed to ${code(h.name)}.`, whereOf(h.file, h.loc), b.status === 'deprecated' ? { exempt: 'deprecated' } : {});
      compareEvents(b, h, props(b, baseShared), props(h, headShared), emit);
    }, exempt, renamed ? b.name : undefined);
  }

  summaries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const changes = summaries.flatMap((s) => s.changes);
  const count = (k: EventChangeKind) => summaries.filter((s) => s.kind === k).length;
  return {
    compatibility,
    events: summaries,
    changes,
    counts: {
      added: count('added'), removed: count('removed'), renamed: count('renamed'), changed: count('changed'),
      breaking: changes.filter((c) => c.breaks !== 'none' && !c.exempt).length,
      blocking: changes.filter((c) => c.blocking).length,
    },
  };
}
