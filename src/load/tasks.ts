// The per-file work that worker threads do: plain functions from a file to serialisable data.
import { indexFile } from '../index-file.js';
import { lintFile } from '../lint.js';
import type { FileIndex, FileKind, LoadedFile, Problem } from '../model.js';
import { loadOne, type FileRef } from './registry.js';

/** What a lint keeps of one file: which bytes, its index, and what the per-file rules found. */
export interface FileVerdict { kind: FileKind; hash: string; index: FileIndex; problems: Problem[] }

export const tasks = {
  load: (ref: FileRef): LoadedFile => loadOne(ref),
  lint: (ref: FileRef): FileVerdict => {
    const loaded = loadOne(ref);
    return { kind: loaded.kind, hash: loaded.hash, index: indexFile(loaded), problems: lintFile(loaded) };
  },
};
