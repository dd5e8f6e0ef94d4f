// The lint cache: what loading each file produced, keyed by its path and content hash. Rules
// always run afresh over the whole model, so a cached entry can only ever stand for the very
// bytes it was made from, and a stale cache cannot hide a finding. The fingerprint of the loader's
// own code is part of the key, so a new trackplan never reuses an old one's parse.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedFile } from '../model.js';

export interface Cache { files: Record<string, LoadedFile> }

let fingerprint: string | undefined;
function loaderFingerprint(): string {
  if (fingerprint) return fingerprint;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = crypto.createHash('sha1').update(process.version.split('.')[0]!);
  for (const dir of [here, path.join(here, '..')]) {
    for (const name of fs.readdirSync(dir).filter((n) => /\.(js|ts)$/.test(n)).sort()) {
      if (dir === here || name === 'model.js' || name === 'text.js') hash.update(name).update(fs.readFileSync(path.join(dir, name)));
    }
  }
  return (fingerprint = hash.digest('base64url'));
}

export function readCache(file: string): Cache {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { fingerprint?: string; files?: Record<string, LoadedFile> };
    if (data.fingerprint === loaderFingerprint() && data.files && typeof data.files === 'object') return { files: data.files };
  } catch { /* no cache, or an unreadable one: start afresh */ }
  return { files: {} };
}

export function writeCache(file: string, files: LoadedFile[]): void {
  const data = { fingerprint: loaderFingerprint(), files: Object.fromEntries(files.map((f) => [f.file, f])) };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, file);
  } catch {
    // A cache that cannot be written (read-only checkout) only costs speed next time.
    fs.rmSync(tmp, { force: true });
  }
}
