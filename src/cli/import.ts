// `trackplan import <format> <input>`: reads the input, hands it to importPlan (src/import), writes
// what it gives into the registry folder all at once, and prints its report.
import fs from 'node:fs';
import path from 'node:path';
import { RULE_IDS } from '../rules/index.js';
import { loadConfig } from '../load/config.js';
import { IMPORT_FORMATS, ImportError, importPlan, lintImported, type ImportFormat, type InputFile, type ReportItem } from '../import/index.js';
import { writeFilesInto } from '../write.js';
import { UsageError, type Io } from './main.js';
import { proposal } from './new.js';

export interface ImportOptions { config?: string; registry?: string; dryRun?: boolean; force?: boolean }

/** Every file under `input` (a file is itself), sorted, dot files left out. */
function inputFiles(input: string, cwd: string): InputFile[] {
  const abs = path.resolve(cwd, input);
  let stat: fs.Stats;
  try { stat = fs.statSync(abs); } catch { throw new UsageError(`${input} does not exist.`); }
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !/\.(md|txt|yaml|yml)$/i.test(e.name) && !/^(LICENSE|README|NOTICE)/.test(e.name)) files.push(p);
    }
  };
  if (stat.isDirectory()) walk(abs); else files.push(abs);
  if (!files.length) throw new UsageError(`${input} holds no file to import.`);
  return files.map((f) => ({ path: path.relative(cwd, f).split(path.sep).join('/') || f, text: fs.readFileSync(f, 'utf8') }));
}

const KINDS: Array<ReportItem['kind']> = ['skipped', 'approximated', 'merged', 'renamed'];

export async function importCommand(format: string, input: string, opts: ImportOptions, io: Io): Promise<number> {
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}": use one of ${IMPORT_FORMATS.join(', ')}.`);
  const config = loadConfig(io.cwd, opts.config, RULE_IDS, { orHere: true });
  const registry = opts.registry ? path.resolve(io.cwd, opts.registry) : config.registry;
  let result;
  try {
    result = importPlan(format as ImportFormat, inputFiles(input, io.cwd));
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(e.message);
    throw e;
  }
  const { files, report } = result;
  const lint = lintImported(files, config);
  const where = path.relative(io.cwd, registry) || '.';
  if (!opts.dryRun) writeFilesInto(registry, files, opts.force);

  const out: string[] = [];
  for (const kind of KINDS) {
    const items = report.filter((r) => r.kind === kind);
    if (!items.length) continue;
    out.push(`${kind} (${items.length}):`);
    for (const r of items) out.push(`  ${r.at.replace(/#$/, '')}: ${r.message}`);
    out.push('');
  }
  const events = report.filter((r) => r.kind === 'imported').length;
  if (lint.length) {
    const errors = lint.filter((d) => d.severity === 'error').length;
    const byRule = new Map<string, number>();
    for (const d of lint) byRule.set(d.ruleId, (byRule.get(d.ruleId) ?? 0) + 1);
    out.push(`The imported files have ${lint.length} lint finding${lint.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}): ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}.`);
    const shown = lint.filter((x) => x.ruleId.startsWith('event-name-') || (x.severity === 'error' && ['schema', 'yaml-syntax', 'duplicate-event', 'file-name'].includes(x.ruleId)));
    shown.forEach((d, i) => {
      out.push(`  ${path.join(where, d.file)}:${d.line}:${d.column} ${d.ruleId}: ${d.message}${d.suggestion ? ` ${d.suggestion}` : ''}`);
      // After an event's last naming finding: the name \`trackplan new\` would offer instead (never applied here).
      if (d.ruleId.startsWith('event-name-') && d.subject !== undefined && shown[i + 1]?.file !== d.file) {
        const better = proposal(d.subject, config);
        if (better) out.push(`    \`trackplan new\` suggests \`${better}\` (to take it, rename the file and its \`name:\`; \`aliases\` already keep the names data was sent under).`);
      }
    });
    out.push('To adopt the plan as it is, record them with `trackplan lint --update-baseline`; `lint` then reports only new findings.', '');
  }
  const verb = opts.dryRun ? 'Would import' : 'Imported';
  const counts = KINDS.map((k) => [k, report.filter((r) => r.kind === k).length] as const).filter(([, n]) => n > 0);
  out.push(`${verb} ${events} event${events === 1 ? '' : 's'} into ${where} (${files.size} file${files.size === 1 ? '' : 's'})${counts.length ? `: ${counts.map(([k, n]) => `${n} ${k}`).join(', ')}` : ''}.`);
  io.out(`${out.join('\n')}\n`);
  return report.some((r) => r.kind === 'approximated' || r.kind === 'skipped') ? 1 : 0;
}
