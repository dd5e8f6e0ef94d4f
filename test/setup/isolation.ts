// A fresh clone alone is the product: a test that reads a file beside the repository (CI has
// a corpus folder there; a user's clone has nothing) fails here instead of passing only in CI.
// Reads are refused under the repository's parent folder, outside the repository itself (when
// the parent holds the temporary folder, only CI's corpus folder); existence checks stay allowed (module
// resolution probes parents).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PARENT = path.dirname(ROOT);
const TMP = fs.realpathSync(os.tmpdir());
const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);

export function outsideRepository(target: unknown): string | undefined {
  if (typeof target !== 'string' && !(target instanceof URL)) return undefined;
  const p = path.resolve(target instanceof URL ? fileURLToPath(target) : target);
  if (!inside(p, PARENT) || inside(p, ROOT)) return undefined;
  // A clone right in the temporary folder has the tests' own temporary folders beside it: there,
  // only CI's corpus folder is known to be someone else's.
  const tmpBeside = [TMP, os.tmpdir()].some((t) => inside(t, PARENT));
  return !tmpBeside || inside(p, path.join(PARENT, 'shared')) ? p : undefined;
}

function guard<T extends (...args: never[]) => unknown>(owner: Record<string, unknown>, name: string): void {
  const original = owner[name] as T;
  owner[name] = function (this: unknown, ...args: Parameters<T>) {
    const p = outsideRepository(args[0]);
    if (p) throw new Error(`A test read ${p}, outside the repository: copy what it needs into test/fixtures.`);
    return original.apply(this, args);
  };
}

for (const name of ['readFileSync', 'readdirSync', 'openSync', 'createReadStream', 'readFile', 'readdir', 'open', 'opendirSync']) guard(fs as unknown as Record<string, unknown>, name);
for (const name of ['readFile', 'readdir', 'open', 'opendir']) guard(fs.promises as unknown as Record<string, unknown>, name);
