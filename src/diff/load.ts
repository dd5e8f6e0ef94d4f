// Loads the two sides of a diff through the ordinary loader: the head is the registry folder of
// the working tree; the base is the same folder at a git ref (read through git into bytes, never
// checked out) or another folder. Files with the same bytes at the same place on both sides are
// parsed once, or not at all: an event file identical on both sides is left out of both unless
// it mentions a shared property that changed, since it would compare equal.
import fs from 'node:fs';
import path from 'node:path';
import type { FileKind, LoadedFile, Registry } from '../model.js';
import { loadFile } from '../load/file.js';
import { readBytes, registryFiles, registryOf } from '../load/registry.js';
import { blobId, DiffSourceError, gitBase } from './git.js';

export type BaseSource = { ref: string } | { dir: string };

export interface DiffSides {
  base: Registry;
  head: Registry;
  /** What the base is, for the reports: `origin/main (1a2b3c4)` or a folder. */
  baseLabel: string;
  /** Files of either side that define nothing readable (`trackplan lint` says why). */
  problemFiles: number;
}

interface SideFile { rel: string; file: string; kind: FileKind; bytes?: Uint8Array; oid?: string }

const KINDS: Record<string, FileKind> = { events: 'event', properties: 'property' };
const kindOf = (rel: string): FileKind | undefined => KINDS[rel.split('/')[0]!];
const relOf = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

function folderFiles(root: string): SideFile[] {
  return registryFiles(root).map(({ file, kind }) => ({ rel: relOf(root, file), file, kind, bytes: readBytes(file) ?? new Uint8Array() }));
}

/** The same parse, told it is another file: loadFile is pure, so equal bytes give equal results. */
function relocate(loaded: LoadedFile, file: string): LoadedFile {
  return {
    ...loaded,
    file,
    ...(loaded.event ? { event: { ...loaded.event, file } } : {}),
    ...(loaded.property ? { property: { ...loaded.property, file } } : {}),
    problems: loaded.problems.map((p) => ({ ...p, file })),
  };
}

export function loadSides(headRoot: string, source: BaseSource, cwd: string): DiffSides {
  const headFiles = folderFiles(headRoot); // a missing head folder is a RegistryError (exit 2)
  const head = new Map(headFiles.map((f) => [f.rel, f]));

  let baseRoot: string;
  let baseFiles: SideFile[];
  let baseLabel: string;
  let same: (b: SideFile, h: SideFile) => boolean;
  let fetch: (files: SideFile[]) => void = () => {};
  if ('dir' in source) {
    baseRoot = path.resolve(cwd, source.dir);
    if (!fs.existsSync(baseRoot)) throw new DiffSourceError(`No base registry folder at ${source.dir}.`);
    baseFiles = folderFiles(baseRoot);
    baseLabel = source.dir;
    same = (b, h) => Buffer.compare(b.bytes!, h.bytes!) === 0;
  } else {
    const git = gitBase(headRoot, source.ref);
    // Base files are named as they were in the working tree, so removed ones point where they were.
    baseRoot = headRoot;
    baseFiles = git.files.flatMap(({ rel, oid }) => {
      const kind = kindOf(rel);
      return kind ? [{ rel, file: path.join(headRoot, ...rel.split('/')), kind, oid }] : [];
    });
    baseLabel = `${source.ref} (${git.commit.slice(0, 7)})`;
    const algorithm = git.commit.length === 64 ? 'sha256' : 'sha1';
    same = (b, h) => b.oid === (h.oid ??= blobId(h.bytes!, algorithm));
    fetch = (files) => {
      const blobs = git.read([...new Set(files.filter((f) => !f.bytes).map((f) => f.oid!))]);
      for (const f of files) if (!f.bytes) f.bytes = blobs.get(f.oid!) ?? new Uint8Array();
    };
  }

  const identical = (b: SideFile): SideFile | undefined => {
    const h = head.get(b.rel);
    return h && h.kind === b.kind && same(b, h) ? h : undefined;
  };
  const parsed = new Map<SideFile, LoadedFile>();
  const parse = (f: SideFile): LoadedFile => {
    let l = parsed.get(f);
    if (!l) parsed.set(f, (l = loadFile(f.file, f.kind, f.bytes!)));
    return l;
  };

  // Which base files differ from the head; the base bytes of those are all that is read from git.
  const twin = new Map<SideFile, SideFile | undefined>(baseFiles.map((b) => [b, identical(b)]));
  const unchangedHead = new Set([...twin.values()].filter((h): h is SideFile => h !== undefined));
  fetch(baseFiles.filter((b) => !twin.get(b)));

  const baseLoaded: LoadedFile[] = [];
  const headLoaded: LoadedFile[] = [];
  const baseOf = (b: SideFile): LoadedFile => {
    const h = twin.get(b);
    return h ? relocate(parse(h), b.file) : parse(b);
  };

  // Shared properties: all of them, on both sides (there are few). The names that changed, and
  // those whose definition uses a changed one, decide which unchanged event files still matter.
  const changedNames = new Set<string>();
  const nameOf = (f: SideFile, l: LoadedFile) => l.property?.name || path.basename(f.rel).replace(/\.ya?ml$/i, '');
  for (const b of baseFiles) if (b.kind === 'property') { const l = baseOf(b); baseLoaded.push(l); if (!twin.get(b)) changedNames.add(nameOf(b, l)); }
  for (const h of headFiles) if (h.kind === 'property') { const l = parse(h); headLoaded.push(l); if (!unchangedHead.has(h)) changedNames.add(nameOf(h, l)); }
  const mentions = (f: SideFile) => {
    if (changedNames.size === 0) return false;
    const text = Buffer.from(f.bytes!.buffer, f.bytes!.byteOffset, f.bytes!.byteLength);
    for (const name of changedNames) if (text.includes(name)) return true;
    return false;
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const h of unchangedHead) {
      if (h.kind !== 'property') continue;
      const name = nameOf(h, parse(h));
      if (!changedNames.has(name) && mentions(h)) { changedNames.add(name); grew = true; }
    }
  }

  for (const b of baseFiles) {
    if (b.kind !== 'event') continue;
    const h = twin.get(b);
    if (h && !mentions(h)) continue; // equal on both sides: left out of both
    baseLoaded.push(baseOf(b));
  }
  for (const h of headFiles) {
    if (h.kind !== 'event') continue;
    if (unchangedHead.has(h) && !mentions(h)) continue;
    headLoaded.push(parse(h));
  }

  const problemFiles = [...baseLoaded, ...headLoaded].filter((l) => !l.event && !l.property).length;
  return { base: registryOf(baseLoaded, baseRoot), head: registryOf(headLoaded, headRoot), baseLabel, problemFiles };
}
