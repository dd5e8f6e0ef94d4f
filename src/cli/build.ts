// `trackplan build`: lint, then compile and write the output folder; nothing is written when
// lint finds errors. `trackplan check` (check.ts) shares everything up to the write.
import path from 'node:path';
import { buildFolder } from '../build-folder.js';
import { CompileError, type Artifacts } from '../compile/index.js';
import { loadConfig } from '../load/config.js';
import { displayPath, format } from '../report/index.js';
import { RULE_IDS } from '../rules/index.js';
import { recoverOutput, writeOutput } from '../write.js';
import type { Io } from './main.js';
import { warnIfEmpty } from './lint.js';
import { readBaseline } from './baseline.js';
import { heldSummary } from '../lint/baseline.js';

/** `baseline: false` with `--no-baseline`: every finding counts. */
export interface BuildOptions { config?: string; out?: string; cache?: boolean; baseline?: boolean }

/**
 * What build keeps between runs, in the project folder like lint's `.trackplan-cache`: each
 * registry file's verdict, each event's part of the output, and json-schema-to-typescript's
 * outputs (see build-folder.ts). `--no-cache` neither reads nor writes it.
 */
export const BUILD_CACHE = '.trackplan-build-cache';

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

export interface Compiled { events: number; artifacts: Artifacts; out: string; warnings: number; held?: string }

/** Loads, lints and compiles; reports and returns an exit code when that cannot go on. */
export async function lintAndCompile(opts: BuildOptions, io: Io, lap = stopwatch(io)): Promise<Compiled | number> {
  lap('start');
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const out = opts.out ? path.resolve(io.cwd, opts.out) : config.output;
  recoverOutput(out);
  try {
    const cacheFile = opts.cache === false ? undefined : path.join(config.dir, BUILD_CACHE);
    const baseline = opts.baseline === false ? undefined : readBaseline(config.dir, io);
    const { lint, artifacts, events, held } = await buildFolder(config.registry, config, {
      ...(cacheFile ? { cacheFile } : {}), ...(baseline ? { baseline: { baseline, dir: config.dir } } : {}), lap, warn: (m) => io.err(`trackplan: warning: ${m}\n`),
    });
    warnIfEmpty(lint, config.registry, io);
    const line = held && heldSummary(held);
    if (!artifacts) {
      io.out(format('stylish', lint, { cwd: io.cwd, color: io.color }));
      if (line) io.out(`${line}\n`);
      io.err(`trackplan: the registry has lint errors; nothing was written.\n`);
      return 1;
    }
    return { events, artifacts, out, warnings: lint.warningCount, ...(line ? { held: line } : {}) };
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
  const { events: n, artifacts, out, warnings, held } = compiled;
  writeOutput(out, artifacts); // a WriteError is reported by main.ts, exit 2
  lap('write');
  const ms = Math.round(performance.now() - start);
  io.out(`Built ${n} event${n === 1 ? '' : 's'} into ${displayPath(io.cwd, out)}/ (${artifacts.size} files) in ${ms} ms${warnings ? `; ${warnings} lint warning${warnings === 1 ? '' : 's'}, see \`trackplan lint\`` : ''}.\n${held ? `${held}\n` : ''}`);
  return 0;
}
