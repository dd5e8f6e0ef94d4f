// Finds a registry's files and loads them into the model, on every core when there are many.
import fs from 'node:fs';
import path from 'node:path';
import type { FileKind, LoadedFile, Registry } from '../model.js';
import { loadFile } from './file.js';
import type { TaskContext } from './tasks.js';

export class RegistryError extends Error {}

export interface FileRef { file: string; kind: FileKind; bytes?: Uint8Array }

const FOLDERS: Array<[string, FileKind]> = [['events', 'event'], ['properties', 'property']];
const YAML_FILE = /\.ya?ml$/i;

// Files beside definitions that are not meant as one: dotfiles (.gitkeep, .DS_Store) and notes.
const NOT_A_DEFINITION = /^\.|\.(md|markdown|txt)$/i;

/**
 * Every YAML file under `dir`, sorted; follows symbolic links but never the same folder twice.
 * Other files that look like they were meant as definitions (`.json`, `.yaml.bak`) go to `others`.
 */
export function findFiles(dir: string, others?: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (d: string): void => {
    let real: string;
    try { real = fs.realpathSync(d); } catch { return; } // a dangling link, or a loop the OS refuses
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
      else if (isFile && others && !NOT_A_DEFINITION.test(entry.name)) others.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The event and shared-property files of the registry at `root`; other files go to `others`. */
export function registryFiles(root: string, others?: string[]): FileRef[] {
  let stat: fs.Stats | undefined;
  try { stat = fs.statSync(root); } catch { /* reported below */ }
  if (!stat?.isDirectory()) throw new RegistryError(`No registry folder at ${root}.`);
  return FOLDERS.flatMap(([folder, kind]) => {
    const dir = path.join(root, folder);
    if (fs.statSync(dir, { throwIfNoEntry: false })?.isFile()) {
      throw new RegistryError(`${dir} is a file, not a folder: the registry keeps each ${kind} definition as a YAML file inside ${folder}/.`);
    }
    return findFiles(dir, others).map((file) => ({ file, kind }));
  });
}

export function registryOf(files: LoadedFile[], root: string): Registry {
  return {
    root,
    files,
    events: files.flatMap((f) => (f.event ? [f.event] : [])),
    properties: files.flatMap((f) => (f.property ? [f.property] : [])),
  };
}

export function readBytes(file: string): Uint8Array | undefined {
  try { return fs.readFileSync(file); } catch { return undefined; }
}

export function loadOne({ file, kind, bytes }: FileRef): LoadedFile {
  const data = bytes ?? readBytes(file);
  if (!data) {
    return { file, kind, hash: '', problems: [{ ruleId: 'yaml-syntax', file, loc: { line: 1, column: 1 }, message: 'The file cannot be read.' }] };
  }
  return loadFile(file, kind, data);
}

/** Loads every file of the registry at `root` into the full model. */
export async function loadRegistry(root: string, options: { parallelThreshold?: number } = {}): Promise<Registry> {
  const refs = registryFiles(root);
  const files = await inParallel<LoadedFile>('load', refs, options.parallelThreshold);
  return registryOf(files, root);
}

/**
 * Runs the task `task` (load/tasks.ts) over `refs`, in order. Parsing YAML is the bulk of a
 * cold lint or build, so from `threshold` files on, it runs on every core (see parallel.ts),
 * and each thread reads its files itself.
 */
export async function inParallel<T>(task: 'load' | 'lint' | 'build', refs: FileRef[], threshold = 400, context?: TaskContext): Promise<T[]> {
  const { runParallel } = await import('../parallel.js');
  const items = refs.length < threshold ? refs : refs.map(({ file, kind }) => ({ file, kind }));
  return runParallel<T>(new URL('./tasks.js', import.meta.url).href, task, items, context, threshold);
}
