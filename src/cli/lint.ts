import path from 'node:path';
import { RULE_IDS } from '../rules/index.js';
import { loadConfig } from '../load/config.js';
import { lintFolder } from '../lint-folder.js';
import { format, type Format } from '../report/index.js';
import type { Io } from './main.js';

export interface LintOptions {
  config?: string;
  format: Format;
  maxWarnings?: number;
  cache: boolean;
  cacheLocation: string;
}

export async function lintCommand(opts: LintOptions, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const result = await lintFolder(config.registry, config, opts.cache ? { cacheFile: path.resolve(io.cwd, opts.cacheLocation), warn: (m) => io.err(`trackplan: warning: ${m}\n`) } : {});
  io.out(format(opts.format, result, { cwd: io.cwd, color: io.color }));
  if (result.errorCount > 0) return 1;
  if (opts.maxWarnings !== undefined && result.warningCount > opts.maxWarnings) {
    io.err(`trackplan: ${result.warningCount} warnings, more than --max-warnings ${opts.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
