// Helpers for the diff tests: registries from YAML text, and real git repositories in temp folders.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadFile } from '../../src/load/file.js';
import { registryOf } from '../../src/load/registry.js';
import type { Registry } from '../../src/model.js';
import { diffRegistries, type DiffResult } from '../../src/diff/compare.js';
import type { Compatibility } from '../../src/diff/rules.js';
import { cli, project, type Run } from '../helpers.js';

/** A registry from files (path relative to the registry folder -> YAML), as the loader reads them. */
export function reg(files: Record<string, string>, root = '/plan/registry'): Registry {
  return registryOf(Object.entries(files).map(([rel, text]) =>
    loadFile(path.join(root, rel), rel.startsWith('properties/') ? 'property' : 'event', Buffer.from(text))), root);
}

export function diff(base: Record<string, string>, head: Record<string, string>, mode: Compatibility = 'full'): DiffResult {
  return diffRegistries(reg(base), reg(head), mode);
}

/** `rule path` of every change, e.g. `property-removed plan`, `event-added a_created`. */
export const ids = (r: DiffResult): string[] => r.changes.map((c) => `${c.ruleId} ${c.path ?? c.event}`);

export const ev = (name: string, props = '', extra = ''): string =>
  `name: ${name}\ndescription: A user did ${name}.\nowner: growth-team\n${extra}${props ? `properties:\n${props}` : ''}`;

// ---------------------------------------------------------------------------------------------
// Git.

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A git repository holding `files` (paths relative to the repository), committed once. */
export function repo(files: Record<string, string>): string {
  const dir = project(files);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'trackplan tests');
  git(dir, 'config', 'commit.gpgsign', 'false');
  commit(dir, 'base');
  return dir;
}

/** Writes (or, for null, deletes) files in the working tree, without committing. */
export function edit(dir: string, files: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (content === null) fs.rmSync(file, { force: true });
    else { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, content); }
  }
}

export function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

export function gitMv(dir: string, from: string, to: string): void {
  git(dir, 'mv', from, to);
}

export function runDiff(dir: string, ...args: string[]): Run {
  return cli(['diff', ...args], dir);
}

export function json(r: Run): { failed: boolean; breaking: boolean; counts: Record<string, number>; events: Array<{ name: string; kind: string; from?: string; owner?: string; file: string; changes: Array<Record<string, unknown>> }> } {
  try { return JSON.parse(r.stdout); } catch { throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`); }
}
