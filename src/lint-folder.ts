// `trackplan lint` over a registry folder: per-file verdicts come from the cache when a file's
// bytes are unchanged, and are computed (on every core when there are many) otherwise; the
// registry-wide rules then run over the indexes of all files.
import { hashBytes } from './load/file.js';
import { readCache, writeCache, type CacheEntries } from './load/cache.js';
import { inParallel, readBytes, registryFiles, type FileRef } from './load/registry.js';
import type { FileVerdict } from './load/tasks.js';
import { applySettings, lintRegistry, type LintResult } from './lint.js';
import type { Config } from './load/config.js';

export interface LintFolderOptions {
  cacheFile?: string;
  parallelThreshold?: number;
}

export async function lintFolder(root: string, settings: Pick<Config, 'rules' | 'allow'>, options: LintFolderOptions = {}): Promise<LintResult> {
  const refs = registryFiles(root);
  const cache: CacheEntries = options.cacheFile ? readCache(options.cacheFile) : {};
  const verdicts = new Map<string, FileVerdict>();
  const todo: FileRef[] = [];
  for (const ref of refs) {
    const cached = cache[ref.file];
    if (!cached) { todo.push(ref); continue; }
    const bytes = readBytes(ref.file);
    if (bytes && cached.kind === ref.kind && cached.hash === hashBytes(bytes)) verdicts.set(ref.file, cached);
    else todo.push({ ...ref, ...(bytes ? { bytes } : {}) });
  }
  const fresh = await inParallel<FileVerdict>('lint', todo, options.parallelThreshold);
  todo.forEach((ref, i) => verdicts.set(ref.file, fresh[i]!));

  const all = refs.map((r) => verdicts.get(r.file)!);
  if (options.cacheFile && (fresh.length > 0 || Object.keys(cache).length !== all.length)) {
    writeCache(options.cacheFile, Object.fromEntries(refs.map((r) => [r.file, verdicts.get(r.file)!])));
  }
  const indexed = refs.map((r, i) => ({ file: r.file, index: all[i]!.index }));
  return applySettings([...all.flatMap((v) => v.problems), ...lintRegistry(root, indexed)], settings);
}
