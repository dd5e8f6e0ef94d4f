// `trackplan build` over a registry folder, with the build cache: files are linted as by
// lint-folder.ts (a file's verdict is reused while its bytes are unchanged), then each event is
// compiled on its own, reusing its part of the output (compile/index.ts: EventOutput) while its
// file and every shared property file are unchanged. Entries are keyed by content hashes and the
// whole cache by trackplan's code fingerprint (load/cache.ts), so the cache can only give what
// compiling afresh gives. It keeps what events compile to, not their definitions too, which would
// make the file every build reads half as large again; an event whose part cannot be used (a
// shared property changed) is loaded again.
import { createHash } from 'node:crypto';
import { assemble, compileEvent, sharedPages, sourceOf, type Artifacts, type CompileOptions, type EventOutput, type TypesCache } from './compile/index.js';
import { cachedVerdicts, fileVerdicts, lintVerdicts, rulesRun } from './lint-folder.js';
import type { LintResult } from './lint.js';
import { applyBaseline, type Baseline, type Held } from './lint/baseline.js';
import { readCache, writeCache, type CacheContent } from './load/cache.js';
import type { Config } from './load/config.js';
import { inParallel, registryFiles, type FileRef } from './load/registry.js';
import type { FileBuild } from './load/tasks.js';
import type { EventDef, LoadedFile, SharedPropertyDef } from './model.js';
import type { Schema } from './compile/json-schema.js';
import { typesInput } from './compile/types.js';
import { simpleTypes } from './compile/simple-types.js';
import { runParallel } from './parallel.js';

export interface BuildFolderOptions {
  cacheFile?: string;
  /** Files to load from which other cores help (LOAD_THRESHOLD by default); also json-schema-to-typescript's (JSTT_THRESHOLD). */
  parallelThreshold?: number;
  /** Told when the cache cannot be saved. */
  warn?: (message: string) => void;
  /** Called after each step with its name, to time them. */
  lap?: (step: string) => void;
  /** Findings accepted before (files relative to `dir`, the project folder): they neither show nor stop the build. */
  baseline?: { baseline: Baseline; dir: string };
  /** Only the warehouse scripts in `artifacts` (see assemble). */
  only?: 'warehouse';
}

/** `artifacts` is absent when lint found errors (other than those the baseline holds). Compile problems throw CompileError. */
export interface BuildFolderResult { lint: LintResult; artifacts?: Artifacts; events: number; held?: Held }

/** An event's part, and the keys of the json-schema-to-typescript outputs it was made with (kept as long as it is). */
interface CachedPart { output: EventOutput; types: string[] }

/** `settings.warehouse`: the warehouse scripts' engines and raw table, also the dbt fragment's source (see CompileOptions). */
export async function buildFolder(root: string, settings: Pick<Config, 'rules' | 'allow'> & CompileOptions, options: BuildFolderOptions = {}): Promise<BuildFolderResult> {
  const lap = options.lap ?? (() => {});
  const others: string[] = [];
  const refs = registryFiles(root, others);
  const stored: Partial<CacheContent> = options.cacheFile ? readCache(options.cacheFile) : {};
  const rules = rulesRun(settings);
  const cachedFiles = cachedVerdicts(stored, rules);
  const { verdicts, fresh } = await fileVerdicts<FileBuild>(refs, 'build', cachedFiles, options.parallelThreshold ?? LOAD_THRESHOLD, rules);
  lap('load');
  const all = lintVerdicts(root, refs, verdicts, settings, others);
  const held = options.baseline ? applyBaseline(all, options.baseline.baseline, options.baseline.dir) : undefined;
  const lint = held?.result ?? all;
  const heldPart = held ? { held } : {};
  lap('lint');
  const save = (content: CacheContent): void => {
    if (!options.cacheFile) return;
    const files = refs.map((r, i) => { const { event: _, ...kept } = verdicts[i]!; return [r.file, kept]; });
    writeCache(options.cacheFile, { files: Object.fromEntries(files), rules: { run: rules }, ...content }, options.warn);
  };
  const filesChanged = fresh > 0 || Object.keys(cachedFiles).length !== refs.length;
  if (lint.errorCount > 0) {
    // What was learnt of the files is worth keeping, and the parts as they were: the build after the fix needs them.
    if (filesChanged) save({ events: stored.events ?? {}, types: stored.types ?? {} });
    return { lint, events: 0, ...heldPart };
  }

  // A part depends on the event's file, every shared property, and the registry folder (the
  // sources named in the output are relative to it).
  const sharedHash = createHash('sha1').update(root);
  refs.forEach((r, i) => { if (r.kind === 'property') sharedHash.update(`\0${r.file}\0${verdicts[i]!.hash}`); });
  const sharedKey = sharedHash.digest('base64url');
  const partKey = (i: number): string => createHash('sha1').update(`${sharedKey}\0${refs[i]!.file}\0${verdicts[i]!.hash}`).digest('base64url');
  const storedParts = stored.events ?? {};
  const cachedPart = (key: string): CachedPart | undefined => {
    const p = Object.hasOwn(storedParts, key) ? storedParts[key] as CachedPart | undefined : undefined;
    return p && Array.isArray(p.types) ? p : undefined;
  };
  const keys = refs.map((r, i) => (r.kind === 'event' ? partKey(i) : undefined));
  // Verdicts from the cache hold no event definition (nor any, in a cache file lint wrote): load
  // again the files whose definition is needed, shared properties and events without a part.
  const needed = (r: FileRef, i: number): boolean => (r.kind === 'property' ? !verdicts[i]!.property : !verdicts[i]!.event && !cachedPart(keys[i]!));
  const reload = refs.filter(needed);
  const loaded = new Map((await inParallel<LoadedFile>('load', reload, options.parallelThreshold ?? LOAD_THRESHOLD)).map((f) => [f.file, f]));
  const definition = (i: number): Pick<LoadedFile, 'event' | 'property'> => (loaded.get(refs[i]!.file) ?? verdicts[i]!);
  const shared = new Map(refs.flatMap((_, i) => { const p = definition(i).property; return p ? [[p.name, p] as const] : []; }));
  const types = typesCache(stored.types ?? {});
  const ahead = await typesAhead(keys.flatMap((key, i) => {
    const event = key !== undefined && !cachedPart(key) ? definition(i).event : undefined;
    return event ? [{ event, source: sourceOf(root, event) }] : [];
  }), shared, stored.types ?? {}, options.parallelThreshold ?? JSTT_THRESHOLD);
  const parts: Record<string, CachedPart> = {};
  let made = 0;
  for (const [i, key] of keys.entries()) {
    if (key === undefined) continue;
    let part = cachedPart(key);
    if (part) for (const k of part.types) types.cache.get(k); // keeps them
    else {
      const event = definition(i).event;
      if (!event) continue; // not an event lint let through (its rules are off): as compile skips it
      const used: string[] = [];
      const recording: TypesCache = {
        get: (k) => {
          used.push(k);
          const v = types.cache.get(k);
          if (v !== undefined || !ahead.has(k)) return v;
          types.cache.set(k, ahead.get(k)!); // as if made now, as it was before typesAhead
          return ahead.get(k);
        },
        set: (k, v) => types.cache.set(k, v),
      };
      part = { output: await compileEvent(event, shared, sourceOf(root, event), recording), types: used };
      made++;
    }
    parts[key] = part;
  }
  const pages = options.only === 'warehouse' ? [] : sharedPages(root, shared);
  const artifacts = assemble(Object.values(parts).map((p) => p.output), pages, settings.warehouse ? { warehouse: settings.warehouse } : {}, options.only);
  lap('compile');
  if (filesChanged || made > 0) save({ events: parts, types: Object.fromEntries(types.used) });
  lap('save cache');
  return { lint, artifacts, events: Object.keys(parts).length, ...heldPart };
}

/**
 * Files from which a build loads them on other cores too. Higher than lint's 400: a build has
 * more to do after loading, in this thread, and a worker costs its start-up (importing the
 * loader, the rules and the lexicon) again. Measured on 1,000-4,000 mixed-style files, 2 cores:
 * a worker added 0.3 s CPU at 1,000 files (2.7 s against 2.4 s), 0.35 s at 2,000 and 0.5 s at
 * 4,000, and saved no wall time on the loaded machine; quiet, it saves at most the worker's half of
 * loading, about 0.15 s at 1,000 files.
 */
const LOAD_THRESHOLD = 2000;

/** Distinct json-schema-to-typescript inputs from which other cores help (below, a worker costs more than it saves). */
const JSTT_THRESHOLD = 100;

/**
 * The types of the events to compile, made ahead: their distinct inputs that are not stored,
 * written by simpleTypes where it can, the rest by json-schema-to-typescript on every core. The
 * events then compile in order in this thread as before, finding these outputs; an input jstt
 * fails on here is left for that pass, which fails on it where it would have.
 */
async function typesAhead(events: Array<{ event: EventDef; source: string }>, shared: ReadonlyMap<string, SharedPropertyDef>, stored: Record<string, unknown>, threshold: number): Promise<Map<string, string>> {
  const ahead = new Map<string, string>();
  const inputs = new Map<string, Schema>();
  for (const { event, source } of events) {
    let input;
    try { input = typesInput(event, shared, source); } catch { continue; } // the in-order pass reports it
    if (!input || ahead.has(input.key) || inputs.has(input.key) || typeof stored[input.key] === 'string') continue;
    const simple = simpleTypes(input.schema);
    if (simple !== undefined) ahead.set(input.key, simple);
    else inputs.set(input.key, input.schema);
  }
  if (inputs.size < threshold) return ahead;
  const raw = await runParallel<string | undefined>(new URL('./compile/tasks.js', import.meta.url).href, 'jstt', [...inputs.values()], undefined, threshold);
  [...inputs.keys()].forEach((k, i) => { if (raw[i] !== undefined) ahead.set(k, raw[i]!); });
  return ahead;
}

/** A types cache over the stored outputs that records which of them this build used: only those
 * are written back, so the file holds the current registry's types and no more. */
function typesCache(stored: Record<string, unknown>): { cache: TypesCache; used: Map<string, string> } {
  const used = new Map<string, string>();
  return {
    cache: {
      get(key) {
        const v = used.get(key) ?? (Object.hasOwn(stored, key) && typeof stored[key] === 'string' ? stored[key] : undefined);
        if (v !== undefined) used.set(key, v);
        return v;
      },
      set(key, value) { used.set(key, value); return this as Map<string, string>; },
    },
    used,
  };
}
