// `trackplan build`: lint, then compile and write the output folder; nothing is written when
// lint finds errors. `trackplan check` (check.ts) shares everything up to the write.
import fs from 'node:fs';
import path from 'node:path';
import { compile, CompileError, type Artifacts, type TypesCache } from '../compile/index.js';
import { loadConfig } from '../load/config.js';
import { loadRegistry } from '../load/registry.js';
import { lint } from '../lint.js';
import type { Registry } from '../model.js';
import { displayPath, format } from '../report/index.js';
import { RULE_IDS } from '../rules/index.js';
import { recoverOutput, writeOutput, WriteError } from '../write.js';
import type { Io } from './main.js';

export interface BuildOptions { config?: string; out?: string; cache?: boolean }

/** Where json-schema-to-typescript's outputs are kept between builds (see TypesCache). */
const TYPES_CACHE = '.trackplan-types-cache';

/** The stored outputs, and a cache that records which of them this build used. Only those are
 * written back, so the file holds the current registry's types and no more. */
function openTypesCache(file: string | undefined): { cache: TypesCache; save(): void } {
  let stored: Record<string, string> = {};
  try { if (file) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>; } catch { /* none yet, or unreadable: start afresh */ }
  const used = new Map<string, string>();
  return {
    cache: {
      get(key) {
        const v = used.get(key) ?? (Object.hasOwn(stored, key) && typeof stored[key] === 'string' ? stored[key] : undefined);
        if (v !== undefined) used.set(key, v);
        return v;
      },
      set(key, value) { used.set(key, value); return this as Map<string, string>; },
    },
    save() {
      if (!file) return;
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(used)));
        fs.renameSync(tmp, file);
      } catch { fs.rmSync(tmp, { force: true }); } // a read-only folder only costs speed next time
    },
  };
}

/**
 * With TRACKPLAN_DEBUG set, prints on stderr how long each step took since the previous one (the
 * first since the process started: Node and the imports), to see where a build's time goes.
 */
function stopwatch(io: Io): (step: string) => void {
  let last = 0;
  return (step) => {
    if (!process.env.TRACKPLAN_DEBUG) return;
    const now = performance.now();
    io.err(`trackplan: ${step} ${Math.round(now - last)} ms\n`);
    last = now;
  };
}

export interface Compiled { registry: Registry; artifacts: Artifacts; out: string; warnings: number }

/** Loads, lints and compiles; reports and returns an exit code when that cannot go on. */
export async function lintAndCompile(opts: BuildOptions, io: Io, lap = stopwatch(io)): Promise<Compiled | number> {
  lap('start');
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const out = opts.out ? path.resolve(io.cwd, opts.out) : config.output;
  recoverOutput(out);
  const registry = await loadRegistry(config.registry);
  lap('load');
  const result = lint(registry, config);
  lap('lint');
  if (result.errorCount > 0) {
    io.out(format('stylish', result, { cwd: io.cwd, color: io.color }));
    io.err(`trackplan: the registry has lint errors; nothing was written.\n`);
    return 1;
  }
  const types = openTypesCache(opts.cache === false ? undefined : path.resolve(io.cwd, TYPES_CACHE));
  try {
    const artifacts = await compile(registry, types.cache);
    lap('compile');
    types.save();
    lap('save cache');
    return { registry, artifacts, out, warnings: result.warningCount };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    io.err(`trackplan: ${e.message}\n`);
    return 1;
  }
}

export async function buildCommand(opts: BuildOptions, io: Io): Promise<number> {
  const start = performance.now();
  const lap = stopwatch(io);
  const compiled = await lintAndCompile(opts, io, lap);
  if (typeof compiled === 'number') return compiled;
  const { registry, artifacts, out, warnings } = compiled;
  try {
    writeOutput(out, artifacts);
    lap('write');
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    io.err(`trackplan: ${e.message}\n`);
    return 2;
  }
  const ms = Math.round(performance.now() - start);
  const n = registry.events.length;
  io.out(`Built ${n} event${n === 1 ? '' : 's'} into ${displayPath(io.cwd, out)}/ (${artifacts.size} files) in ${ms} ms${warnings ? `; ${warnings} lint warning${warnings === 1 ? '' : 's'}, see \`trackplan lint\`` : ''}.\n`);
  return 0;
}
