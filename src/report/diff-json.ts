// The documented, stable JSON of `trackplan diff --format json` (see the README).
import type { DiffResult } from '../diff/compare.js';
import { displayPath } from './index.js';
import type { DiffReportContext } from './diff-format.js';

export function diffJson(result: DiffResult, { cwd, base }: DiffReportContext): string {
  return `${JSON.stringify({
    base,
    compatibility: result.compatibility,
    breaking: result.counts.breaking > 0,
    failed: result.counts.blocking > 0,
    counts: result.counts,
    events: result.events.map((e) => ({
      name: e.name,
      kind: e.kind,
      ...(e.from ? { from: e.from } : {}),
      ...(e.owner ? { owner: e.owner } : {}),
      file: displayPath(cwd, e.file),
      changes: e.changes.map((c) => ({
        ruleId: c.ruleId,
        breaks: c.breaks,
        ...(c.path ? { path: c.path } : {}),
        message: c.message,
        file: displayPath(cwd, c.where.file),
        line: c.where.line,
        column: c.where.column,
        side: c.side,
        ...(c.via ? { via: c.via } : {}),
        ...(c.exempt ? { exempt: c.exempt } : {}),
        blocking: c.blocking,
      })),
    })),
  }, null, 2)}\n`;
}
