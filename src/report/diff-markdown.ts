// A pull-request comment a product manager reads in ten seconds: a headline (events added,
// changed, removed; breaking or not), whether the check fails, then one table per changed event
// with its owner, breaking changes marked; added and removed events in one table each.
import type { Change, DiffResult, EventSummary } from '../diff/compare.js';
import { CHANGE_RULES } from '../diff/rules.js';
import { headline, ordered, standing, verdict, whom, why, type DiffReportContext } from './diff-format.js';

/** GitHub refuses comments over 65,536 characters; stop well before. */
const MAX_CHARS = 60_000;
const MAX_ROWS = 200;
/** The marker lets a workflow find and update its own comment. */
export const MARKDOWN_MARKER = '<!-- trackplan-diff -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, '')}\``;

function mark(c: Change): string {
  const s = standing(c);
  if (s === 'error') return `❌ **breaks ${whom(c.breaks)}**`;
  if (s === 'allowed') return `⚠️ breaks ${whom(c.breaks)}; ${why(c)!}`;
  return '✅';
}

function eventMark(e: EventSummary): string {
  if (e.changes.some((c) => c.blocking)) return '❌';
  if (e.changes.some((c) => c.breaks !== 'none')) return '⚠️';
  return '✅';
}

const owner = (e: EventSummary) => (e.owner ? ` · owner: ${e.owner}` : '');

function eventSection(e: EventSummary): string {
  const title = e.kind === 'renamed' ? `${code(e.from!)} → ${code(e.name)} (renamed)` : `${code(e.name)} (${e.kind})`;
  const rows = e.changes.map((c) => {
    const what = c.path ? code(c.path) : 'event';
    const via = c.via ? ` (shared property ${code(c.via)})` : '';
    return `| ${mark(c)} | ${what} | ${cell(CHANGE_RULES[c.ruleId].label)} | ${cell(c.message)}${cell(via)} |`;
  });
  return [`#### ${eventMark(e)} ${title}${owner(e)}`, '', '| | Property | Change | Details |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

export function diffMarkdown(result: DiffResult, { base }: DiffReportContext): string {
  const head = [MARKDOWN_MARKER, `### Tracking plan: ${headline(result)}`, '', `Compared with ${code(base)}. ${verdict(result)}`, ''];
  if (result.changes.length === 0) return `${[...head.slice(0, 3), `No change to the tracking plan since ${code(base)}.`].join('\n')}\n`;

  const sections: string[] = [];
  const events = ordered(result.events);
  const detailed = events.filter((e) => e.kind === 'changed' || e.kind === 'renamed');
  const removed = events.filter((e) => e.kind === 'removed');
  const added = events.filter((e) => e.kind === 'added');
  for (const e of detailed) sections.push(eventSection(e));
  const table = (title: string, list: EventSummary[]) => {
    const rows = list.slice(0, MAX_ROWS).map((e) => { const c = e.changes[0]!; return `| ${mark(c)} | ${code(e.name)} | ${cell(e.owner ?? '')} | ${cell(c.message)} |`; });
    if (list.length > MAX_ROWS) rows.push(`| | _…and ${list.length - MAX_ROWS} more_ | | |`);
    return [`#### ${title}`, '', '| | Event | Owner | |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
  };
  if (removed.length) sections.push(table('Removed events', removed));
  if (added.length) sections.push(table('Added events', added));

  let text = head.join('\n');
  let shown = 0;
  for (const s of sections) {
    if (text.length + s.length > MAX_CHARS) break;
    text += `\n${s}`;
    shown++;
  }
  if (shown < sections.length) text += `\n_…and more: the comment is cut short. Run \`trackplan diff --base ${base.replace(/ \(.*\)$/, '')}\` for every change._\n`;
  return text;
}
