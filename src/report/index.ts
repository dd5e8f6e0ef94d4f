// Reporters turn diagnostics into text; they never decide anything.
import path from 'node:path';
import type { LintResult } from '../lint.js';
import { stylish } from './stylish.js';
import { json } from './json.js';
import { github } from './github.js';
import { sarif } from './sarif.js';

export const FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportContext {
  cwd: string;
  color: boolean;
  /** The git repository's root: GitHub attaches annotations and SARIF results by paths from it. */
  root?: string | undefined;
}

/** Paths as the user sees them: relative to the working directory, with forward slashes. */
export const displayPath = (cwd: string, file: string): string => path.relative(cwd, file).split(path.sep).join('/') || file;

/** Paths as GitHub reads them: relative to the repository root (else the working directory). */
export const repoPath = (ctx: ReportContext, file: string): string => displayPath(ctx.root ?? ctx.cwd, file);

export function format(name: Format, result: LintResult, ctx: ReportContext): string {
  switch (name) {
    case 'stylish': return stylish(result, ctx);
    case 'json': return json(result, ctx);
    case 'github': return github(result, ctx);
    case 'sarif': return sarif(result, ctx);
  }
}
