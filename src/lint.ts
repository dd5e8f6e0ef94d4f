// Runs the rules over a registry and turns their problems into diagnostics: the configured
// severity applies, exceptions in `allow` drop what they name, and the order is stable.
import type { Config } from './load/config.js';
import type { Diagnostic, Problem, Registry } from './model.js';
import { RULES, type Rule } from './rules/index.js';

export interface LintResult {
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
}

export function lint(registry: Registry, config: Pick<Config, 'rules' | 'allow'>, rules: readonly Rule[] = RULES): LintResult {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    const allowed = new Set((config.allow[rule.id] ?? []).map((e) => e.name));
    rule.check({
      registry,
      report(p: Omit<Problem, 'ruleId'>) {
        if (p.subject !== undefined && allowed.has(p.subject)) return;
        diagnostics.push({
          file: p.file, line: p.loc.line, column: p.loc.column, ruleId: rule.id,
          severity: setting === 'error' && p.severity !== 'warning' ? 'error' : 'warning',
          message: p.message,
          ...(p.suggestion ? { suggestion: p.suggestion } : {}),
        });
      },
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
