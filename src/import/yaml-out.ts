// YAML for the files import writes: block mappings and lists, plain scalars where YAML reads
// them back as the same text, JSON's double quotes (valid YAML) elsewhere. Written here rather
// than with yaml's stringify, which took half of the import of 1,000 events (0.9 s of 2).
// test/import.test.ts reads every written file back with the yaml parser.

/** Text YAML reads as itself unquoted: no indicator first, no `: ` or ` #`, no number, boolean or null look. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .,()/'-]*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

function scalar(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') ? s : JSON.stringify(s);
}

function lines(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) out.push(`${indent}- ${scalar(item)}`);
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const k = scalar(key);
    if (v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length : Object.keys(v).length)) {
      out.push(`${indent}${k}:`);
      lines(v, `${indent}  `, out);
    } else if (v !== null && typeof v === 'object') {
      out.push(`${indent}${k}: ${Array.isArray(v) ? '[]' : '{}'}`);
    } else out.push(`${indent}${k}: ${scalar(v)}`);
  }
}

/** A mapping of scalars, lists of scalars and mappings, as a YAML document. */
export function toYaml(doc: Record<string, unknown>): string {
  const out: string[] = [];
  lines(doc, '', out);
  return `${out.join('\n')}\n`;
}
