// `trackplan lint` over a registry folder: per-file verdicts come from the cache when a file's
// bytes are unchanged, and are computed (on every core when there are many) otherwise; the
// registry-wide rules then run over the indexes of all files. `trackplan build` (build-folder.ts)
// shares these steps, with its own cache.
import path from 'node:path';
import { hashBytes } from './load/file.js';
import type { Problem } from './model.js';
import { readCache, writeCache, type CacheContent } from './load/cache.js';
import { RULES } from './rules/index.js';
import { inParallel, readBytes, registryFiles, type FileRef } from './load/registry.js';
import type { FileVerdict } from './load/tasks.js';
import { applySettings, lintRegistry, type LintResult } from './lint.js';
import type { Config } from './load/config.js';

export interface LintFolderOptions {
  cacheFile?: string;
  parallelThreshold?: number;
  /** Told when the cache cannot be saved. */
  warn?: (message: string) => void;
}

type Settings = Pick<Config, 'rules' | 'allow'>;

export async function lintFolder(root: string, settings: Settings, options: LintFolderOptions = {}): Promise<LintResult> {
  const others: string[] = [];
  const refs = registryFiles(root, others);
  const rules = rulesRun(settings);
  const cached = options.cacheFile ? cachedVerdicts(readCache(options.cacheFile), rules) : {};
  const { verdicts, fresh } = await fileVerdicts<FileVerdict>(refs, 'lint', cached, options.parallelThreshold, rules);
  if (options.cacheFile && (fresh > 0 || Object.keys(cached).length !== refs.length)) {
    writeCache(options.cacheFile, { files: Object.fromEntries(refs.map((r, i) => [r.file, verdicts[i]!])), rules: { run: rules } }, options.warn);
  }
  return lintVerdicts(root, refs, verdicts, settings, others);
}

/**
 * The ids of the rules the configuration does not turn off: the only ones run on each file. An
 * off rule's findings would be dropped at the end (applySettings) after costing their time: the
 * naming rules are a sixth of a lint, and a registry that does not follow them turns them off.
 */
export function rulesRun(settings: Settings): string[] {
  return RULES.filter((r) => (settings.rules[r.id] ?? r.defaultSeverity) !== 'off').map((r) => r.id);
}

/**
 * The cached verdicts of a cache file, when the rules they were made with include every rule
 * run now (a rule turned on since has not judged them); none otherwise.
 */
export function cachedVerdicts(stored: Partial<CacheContent>, rules: readonly string[]): Record<string, unknown> {
  const run = stored.rules?.run;
  if (!Array.isArray(run)) return {};
  const had = new Set(run);
  return rules.every((r) => had.has(r)) ? stored.files ?? {} : {};
}

/**
 * The verdict of each of `refs`, in order: the cached one when the file's kind and bytes are
 * those it was made from, else from `task`. `fresh` counts the files that were not cached.
 */
export async function fileVerdicts<T extends FileVerdict>(refs: FileRef[], task: 'lint' | 'build', cached: Record<string, unknown>, parallelThreshold: number | undefined, rules: readonly string[]): Promise<{ verdicts: T[]; fresh: number }> {
  const verdicts: T[] = [];
  const todo: FileRef[] = [];
  const slots: number[] = [];
  refs.forEach((ref, i) => {
    const entry = cached[ref.file] as Partial<T> | undefined;
    const bytes = entry ? readBytes(ref.file) : undefined;
    if (bytes && entry?.kind === ref.kind && entry.hash === hashBytes(bytes)) verdicts[i] = entry as T;
    else { todo.push({ ...ref, ...(bytes ? { bytes } : {}) }); slots.push(i); }
  });
  const computed = await inParallel<T>(task, todo, parallelThreshold, { rules });
  computed.forEach((v, k) => { verdicts[slots[k]!] = v; });
  return { verdicts, fresh: computed.length };
}

/** The lint result of a registry from its files' verdicts; `others` are files it does not read. */
export function lintVerdicts(root: string, refs: FileRef[], verdicts: FileVerdict[], settings: Settings, others: readonly string[] = []): LintResult {
  const indexed = refs.map((r, i) => ({ file: r.file, index: verdicts[i]!.index }));
  const result = applySettings([...verdicts.flatMap((v) => v.problems), ...lintRegistry(root, indexed), ...others.map(unread)], settings);
  const events = refs.filter((r) => r.kind === 'event').length;
  return { ...result, counts: { events, properties: refs.length - events } };
}

/** A file in events/ or properties/ that is silently left out would be a definition lost. */
function unread(file: string): Problem {
  const base = path.basename(file);
  const yaml = `${base.replace(/\.[^.]*$/, '')}.yaml`;
  return {
    ruleId: 'file-name', severity: 'warning', file, loc: { line: 1, column: 1 },
    message: `\`${base}\` is not read: only .yaml and .yml files are definitions.`,
    suggestion: /\.json$/i.test(base) ? `Write it as YAML in ${yaml}, or move it out of the registry.` : 'Rename it to .yaml if it is a definition, or move it out of the registry.',
  };
}
