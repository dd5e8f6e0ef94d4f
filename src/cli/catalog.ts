// `trackplan catalog`: the catalog page alone, for people who just want to look at the plan.
// Lints and compiles as build does (with its cache), then writes only the page, atomically.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { displayPath } from '../report/index.js';
import { makeFolder } from '../write.js';
import { lintAndCompile } from './build.js';
import type { Io } from './main.js';

export interface CatalogOptions { config?: string; out?: string; cache?: boolean; open?: boolean }

const PAGE = 'catalog/index.html';

/** Writes beside the file, then renames: a reader never sees half a page. */
function writeAtomic(file: string, content: string): void {
  makeFolder(path.dirname(file));
  const tmp = `${file}.trackplan-tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** The system's way to open a file in the default browser. */
const OPENER: Record<string, [string, string[]]> = { darwin: ['open', []], win32: ['cmd', ['/c', 'start', '""']] };

function openInBrowser(file: string, io: Io): Promise<void> {
  const [cmd, args] = OPENER[process.platform] ?? ['xdg-open', []];
  return new Promise((resolve) => {
    const child = spawn(cmd, [...args, pathToFileURL(file).href], { detached: true, stdio: 'ignore' });
    child.on('error', () => { io.err(`trackplan: could not run \`${cmd}\`; open the page in a browser yourself.\n`); resolve(); });
    child.on('spawn', () => { child.unref(); resolve(); });
  });
}

export async function catalogCommand(opts: CatalogOptions, io: Io): Promise<number> {
  // The compiled output is only the page's source here: --out names the page, not a folder.
  const compiled = await lintAndCompile({ ...opts, out: undefined }, io);
  if (typeof compiled === 'number') return compiled;
  const { artifacts, out, events } = compiled;
  // Beside the page, catalog.json: it marks the output folder as trackplan's, so the next
  // `trackplan build` replaces it rather than refusing a folder it did not write.
  const files: Array<[string, string]> = opts.out
    ? [[path.resolve(io.cwd, opts.out), artifacts.get(PAGE)!]]
    : [[path.join(out, PAGE), artifacts.get(PAGE)!], [path.join(out, 'catalog.json'), artifacts.get('catalog.json')!]];
  try {
    for (const [file, content] of files) writeAtomic(file, content);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'ENOTDIR' ? 'a part of the path is a file' : err.code === 'ENOSPC' ? 'the disk is full' : err.code === 'ENOENT' ? 'its folder cannot be made' : err.message;
    io.err(`trackplan: cannot write ${displayPath(io.cwd, files[0]![0])}: ${why}. Choose another place with --out.\n`);
    return 2;
  }
  const page = files[0]![0];
  io.out(`Catalog of ${events} event${events === 1 ? '' : 's'}: ${displayPath(io.cwd, page)}\n`);
  if (opts.open) await openInBrowser(page, io);
  return 0;
}
