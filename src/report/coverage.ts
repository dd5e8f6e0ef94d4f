// Reporters of `trackplan coverage`: they format a CoverageResult and decide nothing.
import pc from 'picocolors';
import type { CoverageResult, EventCoverage, Where } from '../coverage/compare.js';
import { displayPath, type ReportContext } from './index.js';

export const COVERAGE_FORMATS = ['stylish', 'json', 'markdown'] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

/** The marker lets a workflow find and update its own comment, as `trackplan diff`'s does. */
export const COVERAGE_MARKER = '<!-- trackplan-coverage -->';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "12 of 15 active events sent (80%), 48 sends in 872 files", what every format leads with. */
export function coverageHeadline(r: CoverageResult): string {
  const active = r.events.filter((e) => e.status === 'active');
  const sent = active.length - r.unused.length;
  const sends = r.events.reduce((n, e) => n + e.sends.length, 0) + r.unknown.reduce((n, u) => n + u.sends.length, 0) + r.dynamic.length;
  const pct = active.length ? ` (${Math.round((100 * sent) / active.length)}%)` : '';
  return `${sent} of ${plural(active.length, 'active event')} sent${pct}; ${plural(sends, 'send')} in ${plural(r.files, 'file')}`;
}

export function formatCoverage(name: CoverageFormat, r: CoverageResult, ctx: ReportContext): string {
  switch (name) {
    case 'stylish': return stylish(r, ctx);
    case 'json': return json(r, ctx);
    case 'markdown': return markdown(r, ctx);
  }
}

function json(r: CoverageResult, { cwd }: ReportContext): string {
  const at = (w: Where) => ({ file: displayPath(cwd, w.file), line: w.line, column: w.column });
  const event = (e: EventCoverage) => ({
    name: e.name,
    status: e.status,
    ...(e.owner ? { owner: e.owner } : {}),
    ...(e.replacedBy ? { replacedBy: e.replacedBy } : {}),
    file: displayPath(cwd, e.file),
    count: e.sends.length,
    sends: e.sends.map(at),
  });
  return `${JSON.stringify({
    files: r.files,
    events: r.events.map(event),
    unused: r.unused.map((e) => e.name),
    unknown: r.unknown.map((u) => ({ name: u.name, count: u.sends.length, sends: u.sends.map(at) })),
    deprecated: r.deprecated.map((e) => e.name),
    aliased: r.aliased.map((a) => ({ name: a.name, event: a.event, count: a.sends.length, sends: a.sends.map(at) })),
    dynamic: r.dynamic.map(at),
    unparsed: r.unparsed.map((u) => ({ ...at(u), message: u.message })),
  }, null, 2)}\n`;
}

const places = (cwd: string, sends: Where[], max = 3): string => {
  const shown = sends.slice(0, max).map((w) => `${displayPath(cwd, w.file)}:${w.line}`);
  return sends.length > max ? `${shown.join(', ')}, and ${sends.length - max} more` : shown.join(', ');
};

function stylish(r: CoverageResult, { cwd, color }: ReportContext): string {
  const c = color ? pc : { bold: String, red: String, yellow: String, dim: String, green: String };
  const lines = [c.bold(`Tracking plan coverage: ${coverageHeadline(r)}`), ''];
  const width = Math.max(0, ...r.events.map((e) => e.name.length), ...r.unknown.map((u) => u.name.length));
  const sent = r.events.filter((e) => e.sends.length > 0);
  if (sent.length) {
    lines.push(c.bold('Sent'));
    for (const e of sent) lines.push(`  ${e.name.padEnd(width)}  ${String(e.sends.length).padStart(4)}  ${c.dim(places(cwd, e.sends))}`);
    lines.push('');
  }
  if (r.unused.length) {
    lines.push(c.bold(c.yellow(`Never sent (${r.unused.length})`)));
    for (const e of r.unused) lines.push(`  ${e.name.padEnd(width)}  ${c.dim(`${displayPath(cwd, e.file)}${e.owner ? ` · owner: ${e.owner}` : ''}`)}`);
    lines.push('');
  }
  if (r.unknown.length) {
    lines.push(c.bold(c.red(`Not in the plan (${r.unknown.length})`)));
    for (const u of r.unknown) lines.push(`  ${u.name.padEnd(width)}  ${String(u.sends.length).padStart(4)}  ${c.dim(places(cwd, u.sends))}`);
    lines.push('');
  }
  if (r.deprecated.length) {
    lines.push(c.bold(c.yellow(`Deprecated but sent (${r.deprecated.length})`)));
    for (const e of r.deprecated) lines.push(`  ${e.name.padEnd(width)}  ${e.replacedBy ? `→ ${e.replacedBy}  ` : ''}${c.dim(places(cwd, e.sends))}`);
    lines.push('');
  }
  if (r.aliased.length) {
    lines.push(c.bold(c.yellow(`Sent under an old name (${r.aliased.length})`)));
    const w = Math.max(...r.aliased.map((a) => a.name.length + a.event.length + 3));
    for (const a of r.aliased) lines.push(`  ${`${a.name} → ${a.event}`.padEnd(w)}  ${String(a.sends.length).padStart(4)}  ${c.dim(places(cwd, a.sends))}`);
    lines.push('');
  }
  if (r.dynamic.length) {
    lines.push(c.bold(`Names computed at run time (${r.dynamic.length}): not counted`));
    lines.push(`  ${c.dim(places(cwd, r.dynamic, 10))}`, '');
  }
  if (r.unparsed.length) {
    lines.push(c.bold(c.red(`Files that could not be parsed (${r.unparsed.length})`)));
    for (const u of r.unparsed.slice(0, 10)) lines.push(`  ${displayPath(cwd, u.file)}:${u.line}:${u.column}  ${u.message}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, '')}\``;
const MAX_ROWS = 100;

function table(head: string, rows: string[]): string[] {
  const shown = rows.slice(0, MAX_ROWS);
  if (rows.length > MAX_ROWS) shown.push(`| … | ${rows.length - MAX_ROWS} more | |`);
  return [head, head.replace(/[^|]+/g, ' --- '), ...shown, ''];
}

/** A pull-request comment, beside `trackplan diff`'s: the headline, then only what needs a look. */
function markdown(r: CoverageResult, { cwd }: ReportContext): string {
  const out = [COVERAGE_MARKER, `### Tracking plan coverage`, '', coverageHeadline(r), ''];
  if (r.unknown.length) {
    out.push(`#### ❌ Sent but not in the plan (${r.unknown.length})`, '');
    out.push(...table('| Event | Sends | Where |', r.unknown.map((u) => `| ${code(u.name)} | ${u.sends.length} | ${cell(places(cwd, u.sends))} |`)));
  }
  if (r.deprecated.length) {
    out.push(`#### ⚠️ Deprecated but still sent (${r.deprecated.length})`, '');
    out.push(...table('| Event | Replaced by | Where |', r.deprecated.map((e) => `| ${code(e.name)} | ${e.replacedBy ? code(e.replacedBy) : '—'} | ${cell(places(cwd, e.sends))} |`)));
  }
  if (r.aliased.length) {
    out.push(`#### ⚠️ Sent under an old name (${r.aliased.length})`, '');
    out.push(...table('| Sent as | Event | Where |', r.aliased.map((a) => `| ${code(a.name)} | ${code(a.event)} | ${cell(places(cwd, a.sends))} |`)));
  }
  if (r.unused.length) {
    out.push(`#### Never sent (${r.unused.length})`, '');
    out.push(...table('| Event | Owner |', r.unused.map((e) => `| ${code(e.name)} | ${cell(e.owner ?? '—')} |`)));
  }
  const sent = r.events.filter((e) => e.sends.length > 0);
  if (sent.length) {
    out.push('<details><summary>Sent events</summary>', '');
    out.push(...table('| Event | Sends | Where |', sent.map((e) => `| ${code(e.name)} | ${e.sends.length} | ${cell(places(cwd, e.sends))} |`)));
    out.push('</details>', '');
  }
  if (r.dynamic.length) out.push(`${r.dynamic.length} send${r.dynamic.length === 1 ? ' has a name' : 's have names'} computed at run time, not counted: ${cell(places(cwd, r.dynamic, 5))}.`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
