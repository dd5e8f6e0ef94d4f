// The lint baseline (`.trackplan-baseline.json`): the findings a project has accepted, so that
// `lint` and `build` report only new ones, as ESLint's bulk suppressions and Spectral's baselines
// do. Pure functions over diagnostics; the commands read and write the file. A finding is known by
// its rule, its file (relative to the project folder) and its subject (the event or property it is
// about), not its line, so that editing elsewhere in a file keeps it held; the same finding twice
// in one file is counted. Errors of `schema` and `yaml-syntax` are never held: a file that does not
// load cannot be trusted whatever was accepted before.
import path from 'node:path';
import type { Diagnostic } from '../model.js';
import type { LintResult } from '../lint.js';

export const BASELINE_FILE = '.trackplan-baseline.json';
const FORMAT_VERSION = 1;

export interface BaselineEntry { file: string; rule: string; subject: string; count: number }
export interface Baseline { entries: BaselineEntry[] }

/** Thrown for a baseline file that is not one: a configuration error. */
export class BaselineError extends Error {}

/** Whether a finding may be held at all. */
export const holdable = (d: Pick<Diagnostic, 'ruleId' | 'severity'>): boolean =>
  !(d.severity === 'error' && (d.ruleId === 'schema' || d.ruleId === 'yaml-syntax'));

const relative = (dir: string, file: string): string => path.relative(dir, file).split(path.sep).join('/');
/** Findings without a subject (a file not read, say) are known by their message, which names no line. */
const keyOf = (dir: string, d: Diagnostic): string => JSON.stringify([relative(dir, d.file), d.ruleId, d.subject ?? d.message]);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The baseline of `diagnostics`, files relative to `dir` (the project folder), sorted. */
export function makeBaseline(diagnostics: readonly Diagnostic[], dir: string): Baseline {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (holdable(d)) { const k = keyOf(dir, d); counts.set(k, (counts.get(k) ?? 0) + 1); }
  const entries = [...counts].map(([k, count]) => { const [file, rule, subject] = JSON.parse(k) as string[]; return { file: file!, rule: rule!, subject: subject!, count }; });
  entries.sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.subject, b.subject));
  return { entries };
}

/** The file's text: one entry a line, so that a review sees each accepted finding come and go. */
export function serializeBaseline(baseline: Baseline): string {
  const lines = baseline.entries.map((e) => `    ${JSON.stringify({ file: e.file, rule: e.rule, subject: e.subject, count: e.count })}`);
  return `{\n  "version": ${FORMAT_VERSION},\n  "findings": [${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

export function parseBaseline(text: string, where: string): Baseline {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (e) { throw new BaselineError(`${where} is not valid JSON (${(e as Error).message}). Write it again with \`trackplan lint --update-baseline\`.`); }
  const bad = (why: string) => new BaselineError(`${where} is not a trackplan baseline: ${why}. Write it again with \`trackplan lint --update-baseline\`.`);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad('expected an object');
  const { version, findings } = doc as { version?: unknown; findings?: unknown };
  if (version !== FORMAT_VERSION) throw bad(`expected "version": ${FORMAT_VERSION}`);
  if (!Array.isArray(findings)) throw bad('expected a list of "findings"');
  const entries = findings.map((f: unknown, i): BaselineEntry => {
    const e = f as Partial<BaselineEntry> | null;
    if (!e || typeof e.file !== 'string' || typeof e.rule !== 'string' || typeof e.subject !== 'string' || !Number.isSafeInteger(e.count) || e.count! < 1) {
      throw bad(`finding ${i + 1} needs "file", "rule", "subject" and a "count" of at least 1`);
    }
    return { file: e.file, rule: e.rule, subject: e.subject, count: e.count! };
  });
  return { entries };
}

export interface Held {
  /** The findings to report: those the baseline does not hold. */
  result: LintResult;
  /** How many findings the baseline held. */
  held: number;
  /** Entries (counted once each finding) that no current finding matches any more: fixed. */
  fixed: number;
}

/**
 * The findings not held by `baseline`. Where a file now has more of a finding than the baseline
 * counts, every one of them is reported, as ESLint does: which of them is new cannot be told.
 */
export function applyBaseline(result: LintResult, baseline: Baseline, dir: string): Held {
  const allowed = new Map(baseline.entries.map((e) => [JSON.stringify([e.file, e.rule, e.subject]), e.count]));
  const found = new Map<string, number>();
  for (const d of result.diagnostics) if (holdable(d)) { const k = keyOf(dir, d); found.set(k, (found.get(k) ?? 0) + 1); }
  const isHeld = (d: Diagnostic): boolean => {
    if (!holdable(d)) return false;
    const k = keyOf(dir, d);
    return found.get(k)! <= (allowed.get(k) ?? 0);
  };
  const diagnostics = result.diagnostics.filter((d) => !isHeld(d));
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  let fixed = 0;
  for (const [k, n] of allowed) fixed += Math.max(0, n - (found.get(k) ?? 0));
  return {
    result: { ...result, diagnostics, errorCount, warningCount: diagnostics.length - errorCount },
    held: result.diagnostics.length - diagnostics.length,
    fixed,
  };
}

/** The one line `lint` and `build` print about the baseline, or nothing when it held nothing and nothing in it is fixed. */
export function heldSummary({ held, fixed }: Pick<Held, 'held' | 'fixed'>): string | undefined {
  if (held === 0 && fixed === 0) return undefined;
  const n = (k: number, one: string, many: string) => `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
  const fixedPart = fixed ? `; ${n(fixed, 'finding', 'findings')} in it ${fixed === 1 ? 'is' : 'are'} fixed, \`trackplan lint --update-baseline\` drops ${fixed === 1 ? 'it' : 'them'}` : '';
  return `${n(held, 'known finding', 'known findings')} held by ${BASELINE_FILE} (\`--no-baseline\` shows them)${fixedPart}.`;
}
