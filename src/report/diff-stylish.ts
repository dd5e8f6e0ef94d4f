// Reads like the lint report: one block per event, one aligned line per change, then a verdict.
import pc from 'picocolors';
import type { DiffResult } from '../diff/compare.js';
import { displayPath } from './index.js';
import { headline, ordered, standing, verdict, whom, why, type DiffReportContext } from './diff-format.js';

export function diffStylish(result: DiffResult, { cwd, color, base }: DiffReportContext): string {
  const c = pc.createColors(color);
  if (result.changes.length === 0) return `No change to the tracking plan since ${base}.\n`;
  const out: string[] = [];
  for (const e of ordered(result.events)) {
    const what = e.kind === 'renamed' ? `renamed from ${e.from}` : e.kind;
    out.push('', `${c.bold(e.name)}  ${c.dim(`${what}${e.owner ? ` · owner ${e.owner}` : ''} · ${displayPath(cwd, e.file)}`)}`);
    const pos = e.changes.map((x) => `${x.where.line}:${x.where.column}`);
    const width = Math.max(...pos.map((p) => p.length));
    e.changes.forEach((x, i) => {
      const s = standing(x);
      const label = s === 'error' ? c.red('error  ') : s === 'allowed' ? c.yellow('allowed') : c.green('safe   ');
      const elsewhere = x.where.file !== e.file ? ` ${c.dim(`(${displayPath(cwd, x.where.file)})`)}` : '';
      out.push(`  ${c.dim(pos[i]!.padEnd(width))}  ${label}  ${x.message}${elsewhere}  ${c.dim(x.ruleId)}`);
      const note = [x.breaks !== 'none' ? `breaks ${whom(x.breaks)}` : '', why(x) ?? ''].filter(Boolean).join('; ');
      if (note) out.push(`  ${' '.repeat(width)}  ${' '.repeat(7)}  ${c.dim(`→ ${note}`)}`);
    });
  }
  const line = `${headline(result)} (since ${base})`;
  out.push('', c.bold(result.counts.blocking ? c.red(`✖ ${line}`) : `✔ ${line}`), verdict(result).replace(/`/g, ''), '');
  return out.join('\n');
}
