// `trackplan validate`: checks NDJSON event data against the registry's schemas.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../load/config.js';
import type { Config } from '../load/config.js';
import { format } from '../report/index.js';
import { validateReporter, type ValidateFormat } from '../report/validate.js';
import { RULE_IDS } from '../rules/index.js';
import { loadPlanCached, type Plan } from '../validate/plan.js';
import { defaultJobs, fileInput, InputError, validateStream } from '../validate/run.js';
import { UsageError, type Io } from './main.js';
import { progressBar } from './progress.js';

export interface ValidateOptions {
  config?: string;
  format: ValidateFormat;
  maxErrors?: number;
  jobs?: number;
  cache: boolean;
  cacheLocation?: string;
}

/** The registry's plan (loaded aside or kept from the last run: `loadPlanCached`), or the exit code when it has none. */
async function planOf(config: Config, cacheFile: string | undefined, io: Io): Promise<Plan | number> {
  const planned = await loadPlanCached(config, cacheFile, (m) => io.err(`trackplan: warning: ${m}\n`));
  if ('plan' in planned) return planned.plan;
  if ('error' in planned) {
    io.err(`trackplan: ${planned.error}\n`);
    return 2;
  }
  const { errors } = planned;
  io.err(format('stylish', { ...errors, diagnostics: errors.diagnostics.filter((d) => d.severity === 'error'), warningCount: 0 }, { cwd: io.cwd, color: io.color }));
  io.err('trackplan: the registry has errors, so there is no schema to validate with; fix them first (`trackplan lint`).\n');
  return 2;
}

export async function validateCommand(files: string[], opts: ValidateOptions, io: Io): Promise<number> {
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once.');
  for (const f of files) {
    if (f === '-') continue;
    const stat = fs.statSync(path.resolve(io.cwd, f), { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read ${f}: no such file.`);
    if (stat.isDirectory()) throw new UsageError(`cannot read ${f}: it is a folder; name the NDJSON files in it.`);
  }
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const plan = await planOf(config, !opts.cache ? undefined : opts.cacheLocation ? path.resolve(io.cwd, opts.cacheLocation) : path.join(config.dir, '.trackplan-validate-cache'), io);
  if (typeof plan === 'number') return plan;
  const inputs = files.map((f) => fileInput(f, io.cwd));
  const sizes = inputs.map((i) => i.size);
  const progress = progressBar(sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a! + b!, 0) : undefined);
  // Findings that cannot be written (a full disk, a reader gone: `| head`) stop the run: exit 2,
  // never 0 or 1, which would vouch for lines nobody saw checked.
  const stop = new AbortController();
  let failed: NodeJS.ErrnoException | undefined;
  io.onOutputError?.((e) => { failed ??= e; stop.abort(e); });
  const reporter = validateReporter(opts.format, (text) => { progress.clear(); if (!failed) io.out(text); }, io.color);
  try {
    const summary = await validateStream(plan, inputs, {
      jobs: opts.jobs ?? defaultJobs(),
      smallYoungGeneration: true,
      ...(opts.maxErrors !== undefined ? { maxErrors: opts.maxErrors } : {}),
      progress: (bytes) => progress.update(bytes),
      signal: stop.signal,
    }, (f) => reporter.finding(f));
    progress.clear();
    reporter.end(summary);
    // A failed write is told a turn later.
    await new Promise((resolve) => setImmediate(resolve));
    if (failed) return outputFailed(failed, io);
    return summary.invalid > 0 || summary.stopped ? 1 : 0;
  } catch (e) {
    progress.clear();
    if (failed) return outputFailed(failed, io);
    if (!(e instanceof InputError)) throw e;
    io.err(`trackplan: ${e.message}\n`);
    return 2;
  }
}

function outputFailed(e: NodeJS.ErrnoException, io: Io): number {
  const why = e.code === 'EPIPE' ? 'standard output was closed before everything was written (EPIPE)'
    : e.code === 'ENOSPC' ? 'no space is left on the device standard output writes to (ENOSPC)'
    : `writing to standard output failed (${e.code ?? e.message})`;
  io.err(`trackplan: ${why}. Validation stopped: the results are incomplete, and lines may not have been checked.\n`);
  return 2;
}
