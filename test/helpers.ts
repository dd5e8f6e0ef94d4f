// Test helpers: real registries in temporary folders, and the real CLI as a process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/load/config.js';
import { loadRegistry } from '../src/load/registry.js';
import { lint, type LintResult } from '../src/lint.js';
import { RULE_IDS } from '../src/rules/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Test data lives in the project: a clone with nothing beside it must pass its own tests.
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const BIN = path.join(ROOT, 'bin', 'trackplan.js');

const made: string[] = [];
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackplan-test-'));
  made.push(dir);
  return dir;
}
export function cleanup(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Writes files (path relative to the project folder -> content) and returns the folder. */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** A registry of example files as rules write them (paths relative to registry/). */
export function registryProject(files: Record<string, string | Uint8Array>): string {
  return project(Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join('registry', k), v])));
}

export async function lintDir(dir: string, config?: Partial<Config>): Promise<LintResult> {
  const loaded = loadConfig(dir, undefined, RULE_IDS);
  const registry = await loadRegistry(loaded.registry);
  return lint(registry, { ...loaded, ...config });
}

export async function lintFiles(files: Record<string, string | Uint8Array>, config?: Partial<Config>): Promise<LintResult> {
  return lintDir(registryProject(files), config);
}

export interface Run { code: number | null; stdout: string; stderr: string }
export function cli(args: string[], cwd: string, input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const event = (name: string, properties = '', extra = ''): string =>
  `name: ${name}\ndescription: A user did something.\nowner: test-team\n${extra}${properties ? `properties:\n${properties}` : ''}`;

export const rules = (r: LintResult) => r.diagnostics.map((d) => d.ruleId);
