// Loads a whole registry folder into the model: finds the files, reuses cached results for
// files whose content is unchanged, and parses the rest, on every core when there are many.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileKind, LoadedFile, Registry } from '../model.js';
import { hashBytes, loadFile } from './file.js';
import { readCache, writeCache, type Cache } from './cache.js';

export class RegistryError extends Error {}

export interface LoadOptions {
  /** The lint cache file; none means no cache. */
  cacheFile?: string;
  /** Parse in worker threads when at least this many files need parsing. */
  parallelThreshold?: number;
}

const FOLDERS: Array<[string, FileKind]> = [['events', 'event'], ['properties', 'property']];
const YAML_FILE = /\.ya?ml$/i;

/** Every YAML file under `dir`, sorted; follows symbolic links but never the same folder twice. */
export function findFiles(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (d: string): void => {
    let real: string;
    try { real = fs.realpathSync(d); } catch { return; } // a dangling link or a loop the OS refuses
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      let isDir = entry.isDirectory(), isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try { const st = fs.statSync(p); isDir = st.isDirectory(); isFile = st.isFile(); } catch { continue; }
      }
      if (isDir) walk(p);
      else if (isFile && YAML_FILE.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

export async function loadRegistry(root: string, options: LoadOptions = {}): Promise<Registry> {
  let stat: fs.Stats | undefined;
  try { stat = fs.statSync(root); } catch { /* reported below */ }
  if (!stat?.isDirectory()) throw new RegistryError(`No registry folder at ${root}.`);
  const wanted = FOLDERS.flatMap(([folder, kind]) => findFiles(path.join(root, folder)).map((file) => ({ file, kind })));

  const cache: Cache = options.cacheFile ? readCache(options.cacheFile) : { files: {} };
  const loaded = new Map<string, LoadedFile>();
  const todo: Array<{ file: string; kind: FileKind; bytes?: Uint8Array }> = [];
  for (const { file, kind } of wanted) {
    const cached = cache.files[file];
    if (!cached || cached.kind !== kind) { todo.push({ file, kind }); continue; }
    const bytes = readBytes(file);
    if (bytes && hashBytes(bytes) === cached.hash) loaded.set(file, cached);
    else todo.push({ file, kind, ...(bytes ? { bytes } : {}) });
  }

  const threshold = options.parallelThreshold ?? 400;
  const results = todo.length >= threshold ? await loadParallel(todo) : todo.map(loadOne);
  for (const r of results) loaded.set(r.file, r);

  const files = wanted.map(({ file }) => loaded.get(file)!);
  if (options.cacheFile && (results.length > 0 || Object.keys(cache.files).length !== files.length)) {
    writeCache(options.cacheFile, files);
  }
  return {
    root,
    files,
    events: files.flatMap((f) => (f.event ? [f.event] : [])),
    properties: files.flatMap((f) => (f.property ? [f.property] : [])),
  };
}

function readBytes(file: string): Uint8Array | undefined {
  try { return fs.readFileSync(file); } catch { return undefined; }
}

export function loadOne({ file, kind, bytes }: { file: string; kind: FileKind; bytes?: Uint8Array }): LoadedFile {
  const data = bytes ?? readBytes(file);
  if (!data) {
    return { file, kind, hash: '', problems: [{ ruleId: 'yaml-syntax', file, loc: { line: 1, column: 1 }, message: 'The file cannot be read.' }] };
  }
  return loadFile(file, kind, data);
}

// Parsing YAML is the bulk of a cold lint. Each worker takes an interleaved share of the files,
// and this thread parses its own share meanwhile rather than wait idle.
async function loadParallel(todo: Array<{ file: string; kind: FileKind }>): Promise<LoadedFile[]> {
  const workers = Math.max(1, Math.min(os.availableParallelism() - 1, 7));
  const shares = Array.from({ length: workers + 1 }, (_, w) => todo.filter((_, i) => i % (workers + 1) === w));
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.js');
  const remote = shares.slice(1).map((share) => new Promise<LoadedFile[]>((resolve, reject) => {
    const worker = new Worker(script, { workerData: share.map(({ file, kind }) => ({ file, kind })) });
    worker.once('message', (r: LoadedFile[]) => { resolve(r); void worker.terminate(); });
    worker.once('error', reject);
  }));
  const local = shares[0]!.map(loadOne);
  return [...local, ...(await Promise.all(remote)).flat()];
}
