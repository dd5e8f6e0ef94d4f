// Reporters of `trackplan diff`: they format a DiffResult and decide nothing.
import type { DiffResult, EventSummary, Change } from '../diff/compare.js';
import type { ReportContext } from './index.js';
import { diffStylish } from './diff-stylish.js';
import { diffJson } from './diff-json.js';
import { diffMarkdown } from './diff-markdown.js';
import { diffGithub } from './diff-github.js';

export const DIFF_FORMATS = ['stylish', 'json', 'markdown', 'github'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffReportContext extends ReportContext {
  /** What the head was compared with: `origin/main (1a2b3c4)`, or a folder. */
  base: string;
}

export function formatDiff(name: DiffFormat, result: DiffResult, ctx: DiffReportContext): string {
  switch (name) {
    case 'stylish': return diffStylish(result, ctx);
    case 'json': return diffJson(result, ctx);
    case 'markdown': return diffMarkdown(result, ctx);
    case 'github': return diffGithub(result, ctx);
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 events added, 1 changed, 1 removed", the words every format leads with. */
export function headline(result: DiffResult): string {
  const { added, changed, removed, renamed } = result.counts;
  const parts = [`${plural(added, 'event')} added`, `${changed} changed`, `${removed} removed`];
  if (renamed) parts.push(`${renamed} renamed`);
  return `${parts.join(', ')} — breaking: ${result.counts.breaking > 0 ? 'yes' : 'no'}`;
}

/** Whether the check fails, and why, in one sentence. */
export function verdict(result: DiffResult): string {
  const { breaking, blocking } = result.counts;
  const mode = `\`compatibility: ${result.compatibility}\``;
  if (blocking > 0) return `${plural(blocking, 'breaking change')} ${blocking === 1 ? 'is' : 'are'} not allowed by ${mode}: raise the event's \`version\`, or deprecate an event before removing it.`;
  if (breaking > 0) return `${plural(breaking, 'breaking change')} ${breaking === 1 ? 'is' : 'are'} allowed by ${mode}.`;
  const exempt = result.changes.filter((c) => c.exempt).length;
  return exempt ? `No breaking change fails ${mode}: ${plural(exempt, 'breaking change')} ${exempt === 1 ? 'passes' : 'pass'} by a raised version or an earlier deprecation.` : `No breaking change (${mode}).`;
}

export function whom(breaks: Change['breaks']): string {
  return breaks === 'both' ? 'senders and readers' : breaks;
}

/** How one change stands: `error` fails the check, `allowed` breaks but passes, `safe` breaks no one. */
export function standing(c: Change): 'error' | 'allowed' | 'safe' {
  return c.blocking ? 'error' : c.breaks === 'none' ? 'safe' : 'allowed';
}

export function why(c: Change): string | undefined {
  if (c.exempt === 'version-raised') return 'passes: the version was raised';
  if (c.exempt === 'deprecated') return 'passes: deprecated at the base';
  if (!c.blocking && c.breaks !== 'none') return 'allowed by the compatibility mode';
  return undefined;
}

/** Events with failing changes first, then breaking ones, then by name. */
export function ordered(events: EventSummary[]): EventSummary[] {
  const rank = (e: EventSummary) => (e.changes.some((c) => c.blocking) ? 0 : e.changes.some((c) => c.breaks !== 'none' && !c.exempt) ? 1 : 2);
  return [...events].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
