// Reads like ESLint's stylish: the file, then one aligned line per finding, then a tally.
import pc from 'picocolors';
import type { LintResult } from '../lint.js';
import { displayPath, type ReportContext } from './index.js';

export function stylish(result: LintResult, { cwd, color }: ReportContext): string {
  const c = pc.createColors(color);
  if (result.diagnostics.length === 0) return '';
  const byFile = new Map<string, LintResult['diagnostics']>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push('', c.underline(displayPath(cwd, file)));
    const posWidth = Math.max(...list.map((d) => `${d.line}:${d.column}`.length));
    for (const d of list) {
      const sev = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${c.dim(`${d.line}:${d.column}`.padEnd(posWidth))}  ${sev}  ${d.message}  ${c.dim(d.ruleId)}`);
      if (d.suggestion) out.push(`  ${' '.repeat(posWidth)}  ${' '.repeat(7)}  ${c.cyan('→')} ${d.suggestion}`);
    }
  }
  const total = result.errorCount + result.warningCount;
  const tally = `✖ ${total} problem${total === 1 ? '' : 's'} (${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'})`;
  out.push('', c.bold(result.errorCount ? c.red(tally) : c.yellow(tally)), '');
  return out.join('\n');
}
