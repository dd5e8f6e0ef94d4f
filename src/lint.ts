// Runs the rules and turns their problems into diagnostics. Rules report raw problems; only at
// the end does the configuration decide their severity and drop what `allow` excuses, so the
// raw problems of a file can be cached whatever the configuration.
import path from 'node:path';
import type { Config } from './load/config.js';
import type { Diagnostic, FileIndex, LoadedFile, Problem, Registry } from './model.js';
import { indexFile } from './index-file.js';
import { registryOf } from './load/registry.js';
import { RULES, type Rule } from './rules/index.js';

export interface LintResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** Definition files read (events/, properties/), when linted from a folder. */
  counts?: { events: number; properties: number };
}

type Settings = Pick<Config, 'rules' | 'allow'>;

/** The problems of one file, from the rules that judge files one at a time. */
export function lintFile(file: LoadedFile, rules: readonly Rule[] = RULES): Problem[] {
  const problems: Problem[] = [];
  const registry = registryOf([file], path.dirname(file.file));
  for (const rule of rules) rule.check?.({ registry, report: (p) => problems.push({ ...p, ruleId: rule.id }) });
  return problems;
}

/** The problems only the whole registry shows, from each file's index. */
export function lintRegistry(root: string, files: ReadonlyArray<{ file: string; index: FileIndex }>, rules: readonly Rule[] = RULES): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) rule.checkRegistry?.({ root, files, report: (p) => problems.push({ ...p, ruleId: rule.id }) });
  return problems;
}

/** Every rule over an in-memory registry, as configured. */
export function lint(registry: Registry, settings: Settings, rules: readonly Rule[] = RULES): LintResult {
  const indexed = registry.files.map((f) => ({ file: f.file, index: indexFile(f) }));
  const problems = [...registry.files.flatMap((f) => lintFile(f, rules)), ...lintRegistry(registry.root, indexed, rules)];
  return applySettings(problems, settings, rules);
}

export function applySettings(problems: readonly Problem[], settings: Settings, rules: readonly Rule[] = RULES): LintResult {
  const severity = new Map(rules.map((r) => [r.id, settings.rules[r.id] ?? r.defaultSeverity]));
  const allowed = new Map(Object.entries(settings.allow).map(([id, list]) => [id, new Set(list.map((e) => e.name))]));
  const diagnostics: Diagnostic[] = [];
  for (const p of problems) {
    const setting = severity.get(p.ruleId);
    if (setting === undefined || setting === 'off') continue;
    if (p.subject !== undefined && allowed.get(p.ruleId)?.has(p.subject)) continue;
    diagnostics.push({
      file: p.file, line: p.loc.line, column: p.loc.column, ruleId: p.ruleId,
      severity: setting === 'error' && p.severity !== 'warning' ? 'error' : 'warning',
      message: p.message,
      ...(p.suggestion ? { suggestion: p.suggestion } : {}),
      ...(p.subject !== undefined ? { subject: p.subject } : {}),
    });
  }
  diagnostics.sort(compareDiagnostics);
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  return { diagnostics, errorCount, warningCount: diagnostics.length - errorCount };
}


function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column
    || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
