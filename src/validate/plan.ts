// What `validate` checks, as plain data a worker thread can receive: each event's generated
// schema, taken apart.
//
// Why take them apart: with one Ajv validator per event, a stream that mixes 1,000 events calls
// 1,000 large functions about equally often, and V8 never makes them hot: they run in its
// interpreter, 5-10 times slower than optimised code. Properties repeat across events (one name
// means one thing, which `property-type-consistency` enforces), so the fast path compiles each
// distinct property schema once and those few validators become hot. Which keys are allowed and
// required is checked by a small loop, as the event schema's `properties`, `required` and
// `additionalProperties: false` say, and an alias of a property as that property (its schema's
// `allOf`: either name satisfies `required`, never both). (test/validate checks that this accepts exactly what the
// whole schema accepts.) A refused line is checked again with validators that collect every error.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CompileError } from '../compile/index.js';
import { planCode } from './code.js';
import { aliasesOf, eventSchema, membersOf, type Schema } from '../compile/json-schema.js';
import { applySettings, type LintResult } from '../lint.js';
import type { Config } from '../load/config.js';
import { readCache, writeCache } from '../load/cache.js';
import { createWhole } from '../write.js';
import { loadRegistry, RegistryError, registryFiles } from '../load/registry.js';
import type { PropertyDef, Registry, SharedPropertyDef } from '../model.js';

export interface PlanEvent {
  name: string;
  deprecated: boolean;
  replacedBy?: string;
  /** The event this name is an alias of: data sent under it is that event, with a warning. */
  aliasOf?: string;
  /** The required properties; one sent under an alias (see `aliases`) is there too. */
  required: string[];
  /** Each allowed property with the index of its schema in `Plan.properties`; aliases too. */
  properties: Array<[name: string, schema: number]>;
  /** The keys that are old names of a property, with its name and their index in `Plan.aliases`. */
  aliases?: Array<[alias: string, canonical: string, id: number]>;
}

/**
 * Where the aliases are inside a property's values: keys of an object that are aliases (with
 * their index in `Plan.aliases`), the members to look into, the items of an array.
 */
export interface AliasTree {
  aliases?: Array<[alias: string, id: number]>;
  properties?: Array<[name: string, tree: AliasTree]>;
  items?: AliasTree;
}

export interface Plan {
  /** The envelope fields of the generated schemas, with `properties` only required to be an object. */
  envelope: Schema;
  /** Distinct property schemas, `$ref`s resolved and annotations dropped. */
  properties: Schema[];
  events: PlanEvent[];
  /** Every alias of a property, by id: [alias, the property's name], for the warnings. */
  aliases: Array<[alias: string, canonical: string]>;
  /** Per schema of `properties`: where aliases are inside its values, or null when nowhere. */
  trees: Array<AliasTree | null>;
  /**
   * The fast path's validators as source (code.ts: planCode): made once by the thread that loads
   * the plan, kept with it in the cache. Absent, each checker writes the ones it needs itself.
   */
  code?: { envelope: string; properties: string[]; full: Array<string | null> };
}

/** Keywords that do not change what validates; dropping them lets equal properties share a validator. */
const ANNOTATIONS = new Set(['description', '$comment', 'title', 'deprecated']);

/** `s` with its local `$ref`s replaced by what they point to in `root.$defs`. */
function resolved(s: unknown, root: Schema): unknown {
  if (Array.isArray(s)) return s.map((x) => resolved(x, root));
  if (typeof s !== 'object' || s === null) return s;
  const schema = s as Schema;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/$defs/')) {
    const { $ref, ...rest } = schema;
    const name = decodeURIComponent($ref.slice('#/$defs/'.length)).replace(/~1/g, '/').replace(/~0/g, '~');
    return resolved({ ...(root.$defs as Record<string, Schema>)[name], ...rest }, root);
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k)) continue;
    // Under `properties`, keys are property names, never keywords: keep them all.
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([n, p]) => [n, resolved(p, root)])) : resolved(v, root);
  }
  return out;
}

/**
 * The optional properties named like members of Object.prototype (`constructor`, `toString`),
 * which the generated schema lists under `patternProperties` as `^name$` (see objectSchema):
 * allowed keys like the others here, where keys are looked up in Maps, never on an object.
 */
function inheritedNames(props: Schema): Array<[string, Schema]> {
  return Object.entries((props.patternProperties ?? {}) as Record<string, Schema>).map(([pattern, p]) => {
    const name = /^\^(\w+)\$$/.exec(pattern)?.[1];
    if (name === undefined) throw new CompileError(`unexpected pattern property ${pattern} in an event's properties.`);
    return [name, p];
  });
}

/** Where `p`'s values hold aliases (as its schema says: the same definitions, the same names). */
function aliasTree(p: PropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>, ids: Plan['aliases'], stack: readonly string[] = []): AliasTree | undefined {
  let def = p;
  if (p.ref !== undefined) {
    if (stack.includes(p.ref) || !shared.has(p.ref)) return undefined;
    def = shared.get(p.ref)!;
    stack = [...stack, p.ref];
  }
  if (def.type === 'array' && def.items) {
    const items = aliasTree(def.items, shared, ids, stack);
    return items && { items };
  }
  if (def.type !== 'object' || !def.properties) return undefined;
  const tree: AliasTree = {};
  for (const q of def.properties) {
    const aliases = aliasesOf(q, shared);
    for (const a of aliases) (tree.aliases ??= []).push([a, ids.push([a, q.name]) - 1]);
    const inner = aliasTree(q, shared, ids, stack);
    if (inner) for (const name of [q.name, ...aliases]) (tree.properties ??= []).push([name, inner]);
  }
  return tree.aliases || tree.properties ? tree : undefined;
}

export function validationPlan(registry: Registry): Plan {
  const shared = new Map(registry.properties.map((p) => [p.name, p]));
  const index = new Map<string, number>();
  const properties: Schema[] = [];
  const trees: Array<AliasTree | null> = [];
  const ids: Plan['aliases'] = [];
  let envelope: Schema | undefined;
  const events = [...registry.events].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e): PlanEvent => {
    const schema = eventSchema(e, path.relative(registry.root, e.file).split(path.sep).join('/'), shared);
    const fields = schema.properties as Record<string, Schema>;
    const props = fields.properties as Schema;
    envelope ??= {
      type: 'object',
      properties: { ...resolved({ ...fields, event_name: { type: 'string' } }, schema) as Schema, properties: { type: 'object' } },
      required: schema.required,
      additionalProperties: false,
    };
    const defs = new Map(e.properties.flatMap((p) => [p.name, ...aliasesOf(p, shared)].map((n) => [n, p])));
    const aliases = e.properties.flatMap((p) => aliasesOf(p, shared).map((a): [string, string, number] => [a, p.name, ids.push([a, p.name]) - 1]));
    return {
      name: e.name,
      deprecated: e.status === 'deprecated',
      ...(e.replacedBy !== undefined ? { replacedBy: e.replacedBy } : {}),
      required: e.properties.filter((p) => p.required).map((p) => p.name),
      properties: [...membersOf(props), ...inheritedNames(props)].map(([name, p]) => {
        const s = resolved(p, schema) as Schema;
        const key = JSON.stringify(s);
        let i = index.get(key);
        if (i === undefined) {
          index.set(key, (i = properties.push(s) - 1));
          trees.push(aliasTree(defs.get(name)!, shared, ids) ?? null);
        }
        return [name, i];
      }),
      ...(aliases.length ? { aliases } : {}),
    };
  });
  // After the events, so that an event's index does not depend on aliases.
  const named = new Map(events.map((e) => [e.name, e]));
  const aliases = registry.events.flatMap((e) => (e.aliases ?? []).map((alias): PlanEvent => ({ ...named.get(e.name)!, name: alias, aliasOf: e.name })))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { envelope: envelope ?? { type: 'object' }, properties, events: [...events, ...aliases], aliases: ids, trees };
}

/** A plan, or why the registry gives none: errors of the files, or a broken reference. */
export type Planned = { plan: Plan } | { errors: LintResult } | { error: string };

/**
 * The plan of the registry `config` names. Only problems that leave no schema stop it (files
 * that do not parse or fit the format, broken references); naming and the other rules are
 * `trackplan lint`'s business.
 */
export async function loadPlan(config: Config): Promise<Planned> {
  let registry: Registry;
  try {
    registry = await loadRegistry(config.registry);
  } catch (e) {
    // Said here: from a worker thread, the error would arrive as a plain Error, not a RegistryError.
    if (!(e instanceof RegistryError)) throw e;
    return { error: e.message };
  }
  const loaded = applySettings(registry.files.flatMap((f) => f.problems), config);
  if (loaded.errorCount) return { errors: loaded };
  try {
    const plan = validationPlan(registry);
    return { plan: { ...plan, code: planCode(plan) } };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return { error: e.message };
  }
}

/**
 * `loadPlan` in a thread of its own. A loaded registry is tens of megabytes of objects that are
 * garbage once the plan is made, but the heap that held them keeps its size: in the main thread
 * that was 50 MB more for the whole of a long stream.
 */
export function loadPlanAside(config: Config): Promise<Planned> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(path.dirname(fileURLToPath(import.meta.url)), 'plan-worker.js'), { workerData: config });
    worker.once('message', (planned: Planned) => { resolve(planned); void worker.terminate(); });
    worker.once('error', reject);
  });
}

/**
 * `loadPlanAside`, or the plan `cacheFile` keeps when the config and every registry file are
 * byte for byte those it was made from (and trackplan's code the same: see load/cache.ts).
 * With 1,000 event files: validating 100 lines on one core takes 0.6 s instead of 1.4 s.
 * Only a plan is kept, never errors: a registry that does not load is loaded again to say why.
 */
export async function loadPlanCached(config: Config, cacheFile: string | undefined, warn?: (message: string) => void): Promise<Planned> {
  const secret = cacheFile === undefined ? undefined : userSecret();
  if (cacheFile === undefined || secret === undefined) return loadPlanAside(config);
  const hash = createHash('sha1').update(secret).update(JSON.stringify(config));
  for (const ref of registryFiles(config.registry)) hash.update(`\0${ref.file}\0`).update(fs.readFileSync(ref.file));
  const key = hash.digest('base64url');
  const stored = readCache(cacheFile).plan;
  if (stored?.key === key) return { plan: stored.plan as Plan };
  const planned = await loadPlanAside(config);
  if ('plan' in planned) writeCache(cacheFile, { plan: { key, plan: planned.plan } }, warn);
  return planned;
}

/**
 * A random secret of this user's, part of every cached plan's key. The plan holds the source of
 * validators that validate runs (code.ts), so a cache file made anywhere else (committed to a
 * repository, added by a pull request that CI validates with) must never match: without the
 * secret nobody can compute a key this user's runs accept. In `$XDG_CACHE_HOME/trackplan` or
 * `~/.cache/trackplan`; where it can be neither read nor made, validate keeps no cache.
 */
function userSecret(): string | undefined {
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'trackplan');
  const file = path.join(dir, 'validate-cache-secret');
  try { return fs.readFileSync(file, 'utf8'); } catch { /* not made yet */ }
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Of two first runs at once, both read the one that was made first.
    createWhole(file, randomBytes(32).toString('base64url'), 0o600);
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
