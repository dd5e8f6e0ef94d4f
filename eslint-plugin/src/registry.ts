// The registry as the rules see it: one cache per registry folder for the whole ESLint process,
// built with trackplan's own loader (never a second YAML parser), kept fresh cheaply.
//
// ESLint rules are synchronous, so this uses the loader's synchronous parts: `registryFiles` lists
// the files, `loadFile` parses one. Listing is all that happens up front (about 25 ms for 10,000
// events): an event is found by its file's base name, which the `file-name` rule of `trackplan lint`
// makes equal to its `name`, and its definition is parsed the first time code sends it, then kept.
// So a lint run parses each event it meets once, however many files send it, and never the events
// that no linted file sends.
//
// Freshness, for editors that keep one ESLint process for hours: the folder is listed again and
// every file parsed so far is stat'ed when linting resumes after a pause of at least the interval
// (1 s: an editor's next lint, or the next run in the same process). A run lints file after file
// without such pauses, and a change in the middle of it cannot matter to it; so during a run the
// check happens at most once per 10 intervals or per 100 times what the last check cost, whichever
// is longer: under 1% of the run's time, and still a bound on how stale a process that never
// pauses can be.
// A new, removed or renamed file changes the names, and a parsed file whose mtime, ctime, size or
// inode changed is parsed again when next needed.
import fs from 'node:fs';
import path from 'node:path';
import { loadFile, registryFiles, type EventDef, type FileKind, type LoadedFile, type PropertyDef } from 'trackplan';
import type { Resolved } from './settings.js';
import { forgetProjects, registryFrom, searchFrom } from './project.js';

let minInterval = 1000;
/** Sets the shortest time between two freshness checks of a registry; 0 checks on every file (tests). */
export function setRecheckInterval(ms: number): void { minInterval = ms; }

/** When to look at the disk again (see the top of this file). */
class Schedule {
  private usedAt = -Infinity;
  private checkedAt = -Infinity;
  private cost = 0;

  /** Whether a check is due at `now`; each call counts as a use. */
  due(now: number): boolean {
    const idle = now - this.usedAt;
    this.usedAt = now;
    return idle >= minInterval || now - this.checkedAt >= Math.max(10 * minInterval, 100 * this.cost);
  }

  /** Records a check that began at `started` (performance.now()) and ended at `now`. */
  checked(now: number, started: number): void {
    this.checkedAt = now;
    this.cost = performance.now() - started;
  }
}

/** What the cache did, for tests and the bench. */
export const stats = { lists: 0, parses: 0, configReads: 0 };

interface Fingerprint { mtimeMs: number; ctimeMs: number; size: number; ino: number }
const fingerprint = (st: fs.Stats): Fingerprint => ({ mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, size: st.size, ino: st.ino });
const same = (a: Fingerprint, b: Fingerprint): boolean => a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.size === b.size && a.ino === b.ino;

/** What the rules read of a property definition. */
export interface PropertyShape extends Pick<PropertyDef, 'name' | 'ref' | 'type' | 'enum' | 'required' | 'nullable' | 'aliases'> {
  items?: PropertyShape;
  properties?: PropertyShape[];
}
/** What the rules read of an event definition. */
export interface EventShape extends Pick<EventDef, 'name' | 'status' | 'replacedBy' | 'aliases'> {
  properties: PropertyShape[];
}
const SHAPE_KEYS = ['name', 'status', 'replacedBy', 'aliases', 'properties', 'ref', 'type', 'enum', 'required', 'nullable', 'items'];

/**
 * A definition reduced to what the rules read. The loader's result keeps locations, descriptions
 * and the position of every key, and its strings are slices of the file's text, which keep the
 * whole text alive: a copy through JSON with only these keys holds a fifth of the memory (about
 * 2.5 MB instead of 12 MB for 1,000 events), and a smaller heap is less work for the garbage
 * collector all through the run.
 */
function shapeOf(def: EventDef): EventShape;
function shapeOf(def: PropertyDef): PropertyShape;
function shapeOf(def: EventDef | PropertyDef): EventShape | PropertyShape {
  return JSON.parse(JSON.stringify(def, SHAPE_KEYS)) as EventShape | PropertyShape;
}

class Slot {
  /** Set when the file was read (parsed, or looked at for aliases): a change on disk then matters. */
  private stamp?: Fingerprint;
  /** The file's event, as `RegistryCache.event` gives it; kept until the file changes. */
  entry?: EventEntry;
  /** The file's shared property; null when it defines none. */
  property?: PropertyShape | null;
  constructor(readonly file: string, readonly kind: FileKind) {}

  /** The file's bytes, its fingerprint taken first (a write in between shows at the next check). */
  read(): Buffer | undefined {
    try {
      this.stamp = fingerprint(fs.statSync(this.file));
      return fs.readFileSync(this.file);
    } catch {
      // Removed meanwhile (the next listing drops it), or unreadable: a stamp that never matches, so it is read again.
      this.stamp = { mtimeMs: NaN, ctimeMs: NaN, size: NaN, ino: NaN };
      return undefined;
    }
  }

  /** Reads and parses the file; what it yields is kept by the caller. */
  load(): LoadedFile {
    const bytes = this.read();
    stats.parses++;
    return bytes
      ? loadFile(this.file, this.kind, bytes)
      : { file: this.file, kind: this.kind, hash: '', problems: [{ ruleId: 'yaml-syntax', file: this.file, loc: { line: 1, column: 1 }, message: 'The file cannot be read.' }] };
  }

  /** Forgets the parsed content if the file changed on disk since it was read; true if it did. */
  refresh(): boolean {
    if (!this.stamp) return false;
    let now: Fingerprint | undefined;
    try { now = fingerprint(fs.statSync(this.file)); } catch { /* gone */ }
    if (now && same(now, this.stamp)) return false;
    this.stamp = undefined;
    this.entry = undefined;
    this.property = undefined;
    return true;
  }
}

export interface EventEntry {
  name: string;
  /** The definition file. */
  file: string;
  /** Undefined when the file cannot be read or does not define an event of this name. */
  def?: EventShape;
  /** When `def` is missing: what `trackplan lint` would say first. */
  problem?: string;
}

/** One registry folder, listed and lazily parsed. */
export class RegistryCache {
  error?: string;
  /** Grows whenever a check finds a change: what was derived from several files (a `$ref` resolved) is stale. */
  generation = 0;
  private events = new Map<string, Slot>();
  private shared = new Map<string, Slot>();
  private sortedNames: string[] = [];
  private schedule = new Schedule();
  private aliases?: { generation: number; events: Map<string, string> };

  constructor(readonly root: string) {}

  /** Lists the folder again and drops changed files, if a check is due. */
  fresh(now = Date.now()): this {
    if (!this.schedule.due(now)) return this;
    const started = performance.now();
    stats.lists++;
    let refs: Array<{ file: string; kind: FileKind }> = [];
    try {
      refs = registryFiles(this.root);
      this.error = undefined;
    } catch (e) {
      this.error = (e as Error).message;
    }
    const previous = new Map<string, Slot>();
    for (const slot of [...this.events.values(), ...this.shared.values()]) previous.set(slot.file, slot);
    const events = new Map<string, Slot>(), shared = new Map<string, Slot>();
    let changed = false;
    for (const { file, kind } of refs) {
      const base = path.basename(file).replace(/\.ya?ml$/i, '');
      const into = kind === 'event' ? events : shared;
      if (into.has(base)) continue; // a duplicate: `trackplan lint` reports it; the first file wins
      let slot = previous.get(file);
      if (slot && slot.kind === kind) changed = slot.refresh() || changed;
      else slot = new Slot(file, kind);
      into.set(base, slot);
    }
    const renamed = (a: Map<string, Slot>, b: Map<string, Slot>) => a.size !== b.size || [...a].some(([k, slot]) => b.get(k) !== slot);
    const namesChanged = renamed(events, this.events);
    if (namesChanged || changed || renamed(shared, this.shared)) this.generation++;
    this.events = events;
    this.shared = shared;
    if (namesChanged) this.sortedNames = [...events.keys()].sort();
    this.schedule.checked(Date.now(), started);
    return this;
  }

  /** Every event name, sorted (for did-you-mean). */
  names(): readonly string[] { return this.sortedNames; }

  has(name: string): boolean { return this.events.has(name); }

  /**
   * The event that `name` is an old name (`aliases:`) of. Events are found by file name, and an
   * alias is in no file name: the first time a name is not an event's, every event file is read
   * and the ones that mention `aliases` are parsed. A code base that sends only the plan's names
   * never pays for it; one that does pays once per change of the registry.
   */
  aliasOf(name: string): string | undefined {
    if (this.aliases?.generation !== this.generation) {
      const events = new Map<string, string>();
      for (const [event, slot] of this.events) {
        if (!slot.entry && !slot.read()?.includes('aliases')) continue;
        for (const alias of this.event(event)?.def?.aliases ?? []) if (!events.has(alias) && !this.events.has(alias)) events.set(alias, event);
      }
      this.aliases = { generation: this.generation, events };
    }
    return this.aliases.events.get(name);
  }

  event(name: string): EventEntry | undefined {
    const slot = this.events.get(name);
    if (!slot) return undefined;
    if (slot.entry) return slot.entry;
    const loaded = slot.load();
    const entry: EventEntry = { name, file: slot.file };
    if (loaded.event?.name === name) entry.def = shapeOf(loaded.event);
    else if (loaded.event) entry.problem = `its file ${this.relative(slot.file)} defines \`${loaded.event.name}\` instead`;
    else entry.problem = `its file ${this.relative(slot.file)} cannot be read: ${loaded.problems[0]?.message ?? 'it defines no event.'}`;
    return (slot.entry = entry);
  }

  /** A shared property (`$ref` target), by name. */
  sharedProperty(name: string): PropertyShape | undefined {
    const slot = this.shared.get(name);
    if (!slot) return undefined;
    if (slot.property === undefined) {
      const loaded = slot.load();
      slot.property = loaded.property?.name === name ? shapeOf(loaded.property) : null;
    }
    return slot.property ?? undefined;
  }

  relative(file: string): string {
    return path.relative(path.dirname(this.root), file) || file;
  }
}

const registries = new Map<string, RegistryCache>();

interface Location { root?: string; error?: string }
const locations = new Map<string, Location & { schedule: Schedule }>();

/** The registry folder that the settings name (`registry`, else the config's), else the one found from `file` (project.ts). */
function locate(settings: Resolved, file: string | undefined, now: number): Location {
  if (settings.registry) return { root: settings.registry };
  const from = searchFrom(settings, file);
  const key = `${from}\0${settings.config ?? ''}`;
  let hit = locations.get(key);
  if (!hit) locations.set(key, (hit = { schedule: new Schedule() }));
  if (!hit.schedule.due(now)) return hit;
  const started = performance.now();
  stats.configReads++;
  try {
    hit.root = registryFrom(from, settings.config, now, minInterval);
    hit.error = undefined;
  } catch (e) {
    hit.root = undefined;
    hit.error = `trackplan config: ${(e as Error).message}`;
  }
  hit.schedule.checked(Date.now(), started);
  return hit;
}

export type RegistryView = { error: string } | { error?: undefined; registry: RegistryCache };

/** The registry for the settings, loaded once per process and kept fresh. */
export function registryFor(settings: Resolved, file?: string, now = Date.now()): RegistryView {
  const where = locate(settings, file, now);
  if (!where.root) return { error: where.error ?? 'No registry.' };
  let registry = registries.get(where.root);
  if (!registry) registries.set(where.root, (registry = new RegistryCache(where.root)));
  registry.fresh(now);
  return registry.error ? { error: registry.error } : { registry };
}

/** Forgets every registry (tests). */
export function clearCache(): void {
  registries.clear();
  locations.clear();
  forgetProjects();
  stats.lists = stats.parses = stats.configReads = 0;
}
