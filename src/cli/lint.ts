import path from 'node:path';
import { RULE_IDS } from '../rules/index.js';
import { loadConfig, repositoryRoot } from '../load/config.js';
import { lintFolder } from '../lint-folder.js';
import { displayPath, format, type Format } from '../report/index.js';
import type { LintResult } from '../lint.js';
import type { Io } from './main.js';

export interface LintOptions {
  config?: string;
  format: Format;
  maxWarnings?: number;
  cache: boolean;
  cacheLocation?: string;
}

export async function lintCommand(opts: LintOptions, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const cacheFile = opts.cacheLocation ? path.resolve(io.cwd, opts.cacheLocation) : path.join(config.dir, '.trackplan-cache');
  const result = await lintFolder(config.registry, config, opts.cache ? { cacheFile, warn: (m) => io.err(`trackplan: warning: ${m}\n`) } : {});
  io.out(format(opts.format, result, { cwd: io.cwd, color: io.color, root: repositoryRoot(config.dir) }));
  warnIfEmpty(result, config.registry, io);
  if (opts.format === 'stylish' && io.interactive && result.diagnostics.length === 0) io.out(`${summary(result)}: no problems\n`);
  if (result.errorCount > 0) return 1;
  if (opts.maxWarnings !== undefined && result.warningCount > opts.maxWarnings) {
    io.err(`trackplan: ${result.warningCount} warnings, more than --max-warnings ${opts.maxWarnings}.\n`);
    return 1;
  }
  return 0;
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
