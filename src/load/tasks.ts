// The per-file work that worker threads do: plain functions from a file to serialisable data.
import { indexFile } from '../index-file.js';
import { lintFile } from '../lint.js';
import type { EventDef, FileIndex, FileKind, LoadedFile, Problem, SharedPropertyDef } from '../model.js';
import { RULES, type Rule } from '../rules/index.js';
import { loadOne, type FileRef } from './registry.js';

/** What a lint keeps of one file: which bytes, its index, and what the per-file rules found. */
export interface FileVerdict { kind: FileKind; hash: string; index: FileIndex; problems: Problem[] }

/** What a build learns of one file: its verdict, and the definition compile needs. */
export interface FileBuild extends FileVerdict { event?: EventDef; property?: SharedPropertyDef }

/** Which rules a task runs: the ids of those the configuration does not turn off (all when absent). */
export interface TaskContext { rules?: readonly string[] }

// Per thread: the rules of a context, picked once.
const picked = new WeakMap<TaskContext, readonly Rule[]>();
const rulesOf = (context: TaskContext | undefined): readonly Rule[] => {
  if (!context?.rules) return RULES;
  let rules = picked.get(context);
  if (!rules) { const ids = new Set(context.rules); picked.set(context, rules = RULES.filter((r) => ids.has(r.id))); }
  return rules;
};

const verdict = (loaded: LoadedFile, context: TaskContext | undefined): FileVerdict =>
  ({ kind: loaded.kind, hash: loaded.hash, index: indexFile(loaded), problems: lintFile(loaded, rulesOf(context)) });

export const tasks = {
  load: (ref: FileRef): LoadedFile => loadOne(ref),
  lint: (ref: FileRef, context?: TaskContext): FileVerdict => verdict(loadOne(ref), context),
  build: (ref: FileRef, context?: TaskContext): FileBuild => {
    const loaded = loadOne(ref);
    return { ...verdict(loaded, context), ...(loaded.event ? { event: loaded.event } : {}), ...(loaded.property ? { property: loaded.property } : {}) };
  },
};
