// Reads a registry folder as it was at a git commit, without touching the working tree:
// `git ls-tree` lists the files, `git cat-file --batch` reads the blobs it is asked for.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A usage error of `trackplan diff` (no git, not a repository, unknown ref): exit 2. */
export class DiffSourceError extends Error {}

export interface GitFile {
  /** The path inside the registry folder, with forward slashes (`events/a_created.yaml`). */
  rel: string;
  oid: string;
}

function git(args: string[], cwd: string, input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DiffSourceError('git is not installed or not on the PATH. Use --base-dir DIR to compare with a registry folder.');
    }
    throw new DiffSourceError(`Cannot run git: ${r.error.message}`);
  }
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

export interface GitBase {
  /** The commit `ref` names, in full. */
  commit: string;
  files: GitFile[];
  /** Reads the blobs, in one git process. */
  read(oids: string[]): Map<string, Uint8Array>;
}

/** The registry files at `ref`, for the registry folder `root` (which exists in the working tree). */
export function gitBase(root: string, ref: string): GitBase {
  if (!ref || ref.startsWith('-')) throw new DiffSourceError(`\`${ref}\` is not a git ref.`);
  const top = git(['rev-parse', '--show-toplevel'], root);
  if (!top.ok) throw new DiffSourceError(`${root} is not in a git repository. Use --base-dir DIR to compare with a registry folder.`);
  const toplevel = top.stdout.toString('utf8').trim();
  const resolved = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (!resolved.ok) throw new DiffSourceError(`Unknown git ref \`${ref}\`: no commit by that name. (In CI, fetch the base branch first: actions/checkout with fetch-depth: 0.)`);
  const commit = resolved.stdout.toString('utf8').trim();

  const rel = path.relative(fs.realpathSync(toplevel), fs.realpathSync(root)).split(path.sep).join('/');
  const prefix = rel ? `${rel}/` : '';
  const listed = git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', `${prefix}events`, `${prefix}properties`], toplevel);
  if (!listed.ok) throw new DiffSourceError(`git ls-tree failed: ${listed.stderr}`);
  const files: GitFile[] = [];
  for (const entry of listed.stdout.toString('utf8').split('\0')) {
    // <mode> SP <type> SP <oid> TAB <path>
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (type !== 'blob' || mode === '120000' || !oid || !/\.ya?ml$/i.test(file) || !file.startsWith(prefix)) continue;
    files.push({ rel: file.slice(prefix.length), oid });
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  return {
    commit,
    files,
    read(oids) {
      const out = new Map<string, Uint8Array>();
      if (oids.length === 0) return out;
      const r = git(['cat-file', '--batch'], toplevel, `${oids.join('\n')}\n`);
      if (!r.ok) throw new DiffSourceError(`git cat-file failed: ${r.stderr}`);
      const buf = r.stdout;
      let i = 0;
      while (i < buf.length) {
        const nl = buf.indexOf(0x0a, i);
        if (nl < 0) break;
        const [oid, type, size] = buf.subarray(i, nl).toString('utf8').split(' ');
        if (type === 'missing' || size === undefined) { i = nl + 1; continue; }
        const n = Number(size);
        out.set(oid!, buf.subarray(nl + 1, nl + 1 + n));
        i = nl + 1 + n + 1;
      }
      return out;
    },
  };
}

/** The id git gives these bytes as a blob (SHA-1, or SHA-256 in a repository that uses it). */
export function blobId(bytes: Uint8Array, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
