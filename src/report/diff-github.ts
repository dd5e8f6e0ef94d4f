// GitHub Actions workflow commands: each change becomes an annotation on its line in the new
// files (`error` fails the check, `warning` breaks but passes, `notice` is safe); something
// removed is annotated on its file as it was at the base.
import type { DiffResult } from '../diff/compare.js';
import { repoPath } from './index.js';
import { standing, whom, why, type DiffReportContext } from './diff-format.js';

// Workflow command syntax reserves %, CR, LF, and in properties also : and ,.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function diffGithub(result: DiffResult, ctx: DiffReportContext): string {
  return result.changes.map((c) => {
    const level = { error: 'error', allowed: 'warning', safe: 'notice' }[standing(c)];
    const note = [c.breaks !== 'none' ? `Breaks ${whom(c.breaks)}` : '', why(c) ?? ''].filter(Boolean).join('; ');
    const text = `${c.event}: ${c.message}${c.via ? ` (shared property ${c.via})` : ''}${note ? `\n${note}.` : ''}`;
    return `::${level} file=${prop(repoPath(ctx, c.where.file))},line=${c.where.line},col=${c.where.column},title=${prop(`trackplan diff ${c.ruleId}`)}::${data(text)}\n`;
  }).join('');
}
