// `trackplan coverage`: which events of the plan the code sends, and which it never does.
import fs from 'node:fs';
import path from 'node:path';
import { CollectError, collectSends } from '../coverage/collect.js';
import { coverage } from '../coverage/compare.js';
import { loadConfig } from '../load/config.js';
import { loadRegistry } from '../load/registry.js';
import { formatCoverage, type CoverageFormat } from '../report/coverage.js';
import { RULE_IDS } from '../rules/index.js';
import type { Io } from './main.js';

export const FAIL_ON = ['unused', 'unknown', 'deprecated', 'aliased'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface CoverageOptions {
  config?: string;
  format: CoverageFormat;
  callees?: string;
  failOn?: FailOn[];
}

export async function coverageCommand(paths: string[], opts: CoverageOptions, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  let callees: unknown[] | undefined;
  if (opts.callees) {
    const file = path.resolve(io.cwd, opts.callees);
    try {
      callees = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
    } catch (e) {
      io.err(`trackplan: --callees ${opts.callees}: ${(e as Error).message}. It must be a JSON list of callees as in \`settings.trackplan.callees\`.\n`);
      return 2;
    }
  }
  const registry = await loadRegistry(config.registry);
  let collected;
  try {
    collected = await collectSends(io.cwd, paths.length ? paths : ['.'], { registry: config.registry, ...(callees ? { callees } : {}), ...(config.eslint.callees ? { configCallees: config.eslint.callees } : {}) });
  } catch (e) {
    if (!(e instanceof CollectError)) throw e;
    io.err(`trackplan: ${e.message}\n`);
    return 2;
  }
  const result = coverage(registry.events, collected.sends, collected.files, collected.unparsed);
  io.out(formatCoverage(opts.format, result, { cwd: io.cwd, color: io.color }));
  const failed = (opts.failOn ?? []).filter((k) => result[k].length > 0);
  if (failed.length) {
    io.err(`trackplan: ${failed.map((k) => `${result[k].length} ${k}`).join(', ')} (--fail-on ${opts.failOn!.join(',')}).\n`);
    return 1;
  }
  return 0;
}
