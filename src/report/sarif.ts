// SARIF 2.1.0, the format GitHub code scanning and other static-analysis viewers read.
import { createRequire } from 'node:module';
import type { LintResult } from '../lint.js';
import { RULES } from '../rules/index.js';
import { repoPath, type ReportContext } from './index.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export function sarif(result: LintResult, ctx: ReportContext): string {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'trackplan',
          version: pkg.version,
          rules: RULES.map((r) => ({
            id: r.id,
            shortDescription: { text: r.description },
            help: { text: `${r.docs.rationale} See docs/rules/${r.id}.md.` },
            defaultConfiguration: { level: r.defaultSeverity === 'error' ? 'error' : 'warning' },
          })),
        },
      },
      columnKind: 'unicodeCodePoints',
      results: result.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        ruleIndex: index.get(d.ruleId),
        level: d.severity === 'error' ? 'error' : 'warning',
        message: { text: d.suggestion ? `${d.message} ${d.suggestion}` : d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: repoPath(ctx, d.file).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
            region: { startLine: d.line, startColumn: d.column },
          },
        }],
      })),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
