// GitHub Actions workflow commands: each finding becomes an annotation on the line at fault.
import type { LintResult } from '../lint.js';
import { repoPath, type ReportContext } from './index.js';

// Workflow command syntax reserves %, CR, LF, and in properties also : and ,.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function github(result: LintResult, ctx: ReportContext): string {
  return result.diagnostics.map((d) => {
    const kind = d.severity === 'error' ? 'error' : 'warning';
    const message = d.suggestion ? `${d.message}\n${d.suggestion}` : d.message;
    return `::${kind} file=${prop(repoPath(ctx, d.file))},line=${d.line},col=${d.column},title=${prop(`trackplan ${d.ruleId}`)}::${data(message)}\n`;
  }).join('');
}
