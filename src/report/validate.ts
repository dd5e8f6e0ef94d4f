// Output of `trackplan validate`, written as findings arrive so that memory stays flat: stylish
// (for people) and json (`{ findings, valid, invalid, warnings, lines, events }`, findings first
// because they stream; a JSON reader does not mind the order of keys).
import pc from 'picocolors';
import type { Reported, Summary } from '../validate/run.js';

export const VALIDATE_FORMATS = ['stylish', 'json'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface ValidateReporter { finding(f: Reported): void; end(s: Summary): void }

/** Rows of the per-event summary shown in stylish; json lists every event. */
const SUMMARY_ROWS = 20;

const n = (x: number): string => x.toLocaleString('en-US');
const plural = (x: number, what: string): string => `${n(x)} ${what}${x === 1 ? '' : 's'}`;

export function validateReporter(format: ValidateFormat, write: (text: string) => void, color: boolean): ValidateReporter {
  return format === 'json' ? jsonReporter(write) : stylishReporter(write, color);
}

function jsonReporter(write: (text: string) => void): ValidateReporter {
  let count = 0;
  write('{"findings":[');
  return {
    finding(f) {
      const { file, line, event_name, path, severity, message } = f;
      write(`${count++ ? ',' : ''}\n${JSON.stringify({ file, line, event_name, path, severity, message })}`);
    },
    end(s) {
      const { valid, invalid, warnings, lines, events, stopped, idLimit } = s;
      const rest = JSON.stringify({ valid, invalid, warnings, lines, events, ...(stopped ? { stopped } : {}), ...(idLimit !== undefined ? { id_limit: idLimit } : {}) });
      write(`${count ? '\n' : ''}],${rest.slice(1)}\n`);
    },
  };
}

function stylishReporter(write: (text: string) => void, color: boolean): ValidateReporter {
  const c = pc.createColors(color);
  let file: string | undefined;
  return {
    finding(f) {
      if (f.file !== file) { write(`\n${c.underline(f.file === '-' ? '(standard input)' : f.file)}\n`); file = f.file; }
      const sev = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      const what = [f.event_name ?? '', f.path].filter(Boolean).join(' ');
      write(`  ${c.dim(String(f.line).padStart(6))}  ${sev}  ${what ? `${c.bold(what)}: ` : ''}${f.message}\n`);
    },
    end(s) {
      const out: string[] = [''];
      if (s.events.length) {
        // Events with problems first (most invalid on top), then the busiest.
        const rows = [...s.events].map((e) => ({ ...e, name: e.name ?? '(no event_name)' }))
          .sort((a, b) => b.invalid - a.invalid || b.warnings - a.warnings || b.valid - a.valid || (a.name < b.name ? -1 : 1));
        const shown = rows.slice(0, SUMMARY_ROWS);
        const w = Math.max(5, ...shown.map((e) => e.name.length));
        out.push(c.dim(`  ${'event'.padEnd(w)}  ${'valid'.padStart(10)}  ${'invalid'.padStart(10)}  ${'warned'.padStart(10)}`));
        for (const e of shown) {
          out.push(`  ${e.name.padEnd(w)}  ${n(e.valid).padStart(10)}  ${(e.invalid ? c.red : String)(n(e.invalid).padStart(10))}  ${(e.warnings ? c.yellow : String)(n(e.warnings).padStart(10))}`);
        }
        if (rows.length > shown.length) out.push(c.dim(`  ... and ${plural(rows.length - shown.length, 'more event')} (--format json lists them all)`));
        out.push('');
      }
      if (s.stopped) out.push(c.yellow(`Stopped at line ${n(s.stopped.line)} of ${s.stopped.file} (--max-errors): the lines after it were not checked.`));
      if (s.idLimit !== undefined) out.push(c.yellow(`Repeated event ids were looked for among the first ${n(s.idLimit)} ids only; later ids were checked against those, not against each other.`));
      const tally = `${plural(s.lines, 'line')}: ${n(s.valid)} valid, ${n(s.invalid)} invalid${s.warnings ? `, ${plural(s.warnings, 'warning')}` : ''}`;
      out.push(s.invalid ? c.bold(c.red(`✖ ${tally}`)) : c.bold(c.green(`✔ ${tally}`)), '');
      write(out.join('\n'));
    },
  };
}
