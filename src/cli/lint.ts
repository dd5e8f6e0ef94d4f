import path from 'node:path';
import { RULE_IDS } from '../rules/index.js';
import { loadConfig, repositoryRoot } from '../load/config.js';
import { lintFolder } from '../lint-folder.js';
import { displayPath, format, type Format } from '../report/index.js';
import type { LintResult } from '../lint.js';
import { applyBaseline, BASELINE_FILE, heldSummary, holdable, makeBaseline } from '../lint/baseline.js';
import { readBaseline, writeBaseline } from './baseline.js';
import { UsageError, type Io } from './main.js';

export interface LintOptions {
  config?: string;
  format: Format;
  maxWarnings?: number;
  cache: boolean;
  cacheLocation?: string;
  /** False with `--no-baseline`: every finding is reported. */
  baseline?: boolean;
  updateBaseline?: boolean;
}

export async function lintCommand(opts: LintOptions, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const cacheFile = opts.cacheLocation ? path.resolve(io.cwd, opts.cacheLocation) : path.join(config.dir, '.trackplan-cache');
  const all = await lintFolder(config.registry, config, opts.cache ? { cacheFile, warn: (m) => io.err(`trackplan: warning: ${m}\n`) } : {});
  if (opts.updateBaseline) return updateBaseline(all, config.dir, opts, io);
  const baseline = opts.baseline === false ? undefined : readBaseline(config.dir, io);
  const held = baseline ? applyBaseline(all, baseline, config.dir) : undefined;
  const result = held?.result ?? all;
  io.out(format(opts.format, result, { cwd: io.cwd, color: io.color, root: repositoryRoot(config.dir) }));
  warnIfEmpty(result, config.registry, io);
  const line = held && heldSummary(held);
  // Beside the report for a person; on stderr where stdout is for a program to read.
  if (line) (opts.format === 'stylish' ? io.out : io.err)(opts.format === 'stylish' ? `${line}\n` : `trackplan: ${line}\n`);
  if (opts.format === 'stylish' && io.interactive && result.diagnostics.length === 0) io.out(`${summary(result)}: no problems\n`);
  if (result.errorCount > 0) return 1;
  if (opts.maxWarnings !== undefined && result.warningCount > opts.maxWarnings) {
    io.err(`trackplan: ${result.warningCount} warnings, more than --max-warnings ${opts.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** `--update-baseline`: records every finding that may be held; reports the ones that may not. */
function updateBaseline(all: LintResult, dir: string, opts: LintOptions, io: Io): number {
  let before;
  try { before = readBaseline(dir, io); } catch (e) { if (!(e instanceof UsageError)) throw e; } // a broken one is what this replaces
  const baseline = makeBaseline(all.diagnostics, dir);
  writeBaseline(dir, baseline);
  const recorded = baseline.entries.reduce((n, e) => n + e.count, 0);
  const kept = before ? applyBaseline(all, before, dir) : undefined;
  const change = kept ? ` (${plural(recorded - kept.held, 'new one')}, ${plural(kept.fixed, 'fixed one')} dropped)` : '';
  const never = all.diagnostics.filter((d) => !holdable(d));
  if (never.length) {
    const rest = { ...all, diagnostics: never, errorCount: never.length, warningCount: 0 };
    io.out(format(opts.format, rest, { cwd: io.cwd, color: io.color }));
  }
  const where = path.relative(io.cwd, path.join(dir, BASELINE_FILE)).split(path.sep).join('/');
  io.err(`trackplan: recorded ${plural(recorded, 'finding')} in ${where}${change}; \`lint\` and \`build\` now report only new ones.${never.length ? ` ${plural(never.length, 'error')} of \`schema\` or \`yaml-syntax\` cannot be held: fix ${never.length === 1 ? 'it' : 'them'}.` : ''}\n`);
  return never.length ? 1 : 0;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "19 events, 5 shared properties". */
export function summary(result: LintResult): string {
  const { events = 0, properties = 0 } = result.counts ?? {};
  return `${plural(events, 'event')}, ${plural(properties, 'shared property', 'shared properties')}`;
}

/** A registry without events is most often the wrong folder (or a plan not started): say so on stderr. */
export function warnIfEmpty(result: LintResult, registry: string, io: Io): void {
  if (result.counts?.events !== 0) return;
  io.err(`trackplan: warning: ${displayPath(io.cwd, path.join(registry, 'events'))}/ holds no event definitions (.yaml files). Add one with \`trackplan new <event_name>\`, or check \`registry\` in the config.\n`);
}
