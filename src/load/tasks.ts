// The per-file work that worker threads do: plain functions from a file to serialisable data.
import { indexFile } from '../index-file.js';
import { lintFile } from '../lint.js';
import type { EventDef, FileIndex, FileKind, LoadedFile, Problem, SharedPropertyDef } from '../model.js';
import { loadOne, type FileRef } from './registry.js';

/** What a lint keeps of one file: which bytes, its index, and what the per-file rules found. */
export interface FileVerdict { kind: FileKind; hash: string; index: FileIndex; problems: Problem[] }

/** What a build learns of one file: its verdict, and the definition compile needs. */
export interface FileBuild extends FileVerdict { event?: EventDef; property?: SharedPropertyDef }

const verdict = (loaded: LoadedFile): FileVerdict =>
  ({ kind: loaded.kind, hash: loaded.hash, index: indexFile(loaded), problems: lintFile(loaded) });

export const tasks = {
  load: (ref: FileRef): LoadedFile => loadOne(ref),
  lint: (ref: FileRef): FileVerdict => verdict(loadOne(ref)),
  build: (ref: FileRef): FileBuild => {
    const loaded = loadOne(ref);
    return { ...verdict(loaded), ...(loaded.event ? { event: loaded.event } : {}), ...(loaded.property ? { property: loaded.property } : {}) };
  },
};
