import type { LintResult } from '../lint.js';
import { displayPath, type ReportContext } from './index.js';

export function json(result: LintResult, { cwd }: ReportContext): string {
  return `${JSON.stringify({
    diagnostics: result.diagnostics.map((d) => ({ ...d, file: displayPath(cwd, d.file) })),
    errorCount: result.errorCount,
    warningCount: result.warningCount,
  }, null, 2)}\n`;
}
