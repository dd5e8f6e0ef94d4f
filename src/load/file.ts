// One registry file, from bytes to model. Pure: the same bytes always give the same result,
// which is what makes the content-hash cache safe.
import { createHash } from 'node:crypto';
import type { Node, Pair } from 'yaml';
import type { FileKind, Loc, LoadedFile } from '../model.js';
import { parseSource } from './source.js';
import { readEvent, readSharedProperty } from './definition.js';

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url');
}

export function loadFile(file: string, kind: FileKind, bytes: Uint8Array, hash = hashBytes(bytes)): LoadedFile {
  const source = parseSource(file, bytes);
  const result: LoadedFile = { file, kind, hash, problems: source.problems };
  // A file YAML cannot read fully is reported once, as yaml-syntax: its shape would only echo that.
  if (source.root === undefined || source.problems.length > 0) return result;
  const where = (node: Node | Pair | null | undefined): Loc => {
    const n = node && 'range' in node ? node : (node as Pair | undefined)?.key as Node | undefined;
    return source.locAt(n?.range?.[0] ?? 0);
  };
  if (kind === 'event') {
    const event = readEvent(source.root, file, where, result.problems);
    if (event) result.event = event;
  } else {
    const property = readSharedProperty(source.root, file, where, result.problems);
    if (property) result.property = property;
  }
  return result;
}
