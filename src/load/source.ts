// Turns the bytes of one registry file into a YAML document, or into located problems.
// Registry files are data written by people: the loader accepts plain YAML 1.2 and refuses the
// features that make a file do more than state data (anchors and aliases, which also make alias
// bombs possible, and tags such as `!!js/function`).
import { LineCounter, parseDocument, visit, isAlias, isScalar, isCollection, type Node } from 'yaml';
import { parseFast } from './fast-yaml.js';
import type { Loc, Problem } from '../model.js';

/** Files above this size are refused: an event definition is a few kilobytes. */
export const MAX_FILE_BYTES = 1 << 20;

export interface Source {
  file: string;
  /** The document's root node; null for a file with no content. Absent when the file cannot be read. */
  root?: Node | null;
  /** Where an offset of the text is, 1-based. */
  locAt(offset: number): Loc;
  problems: Problem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseSource(file: string, bytes: Uint8Array): Source {
  const lines = new LineCounter();
  // yaml's LineCounter.linePos, giving a Loc at once: readers ask where every key is.
  const starts = lines.lineStarts;
  const locAt = (offset: number): Loc => {
    let low = 0, high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, column: 1 };
    if (low === 0) return { line: 0, column: offset };
    return { line: low, column: offset - starts[low - 1]! + 1 };
  };
  const start: Loc = { line: 1, column: 1 };
  const problem = (loc: Loc, message: string, suggestion?: string): Problem =>
    ({ ruleId: 'yaml-syntax', file, loc, message, ...(suggestion ? { suggestion } : {}) });

  if (bytes.length > MAX_FILE_BYTES) {
    return { file, locAt, problems: [problem(start, `The file is ${(bytes.length / (1 << 20)).toFixed(1)} MB; a registry file may be at most ${MAX_FILE_BYTES >> 20} MB.`, 'Split it: one event per file.')] };
  }
  let text: string;
  try {
    text = utf8.decode(bytes); // also drops a leading BOM
  } catch {
    const { line, column } = firstInvalidUtf8(bytes);
    return { file, locAt, problems: [problem({ line, column }, 'The file is not valid UTF-8 text.', 'Save it as UTF-8.')] };
  }

  // Control characters other than tab and line breaks are yaml's to report.
  const fast = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? undefined : parseFast(text);
  if (fast !== undefined) {
    starts.push(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return { file, root: fast, locAt, problems: [] };
  }

  const doc = parseDocument(text, {
    lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', merge: false,
  });
  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    problems.push(problem(locAt(e.pos[0]), yamlMessage(e.code, e.message, text.slice(e.pos[0]))));
  }
  // Anchors, aliases and tags all need one of these characters; most files have none, and
  // walking every node to find out costs as much as a tenth of the parse.
  if (problems.length === 0 && /[&*!]/.test(text)) {
    visit(doc, (_key, node) => {
      if (isAlias(node)) {
        problems.push(problem(locAt(node.range?.[0] ?? 0), 'Aliases (`*name`) are not allowed in registry files.', 'Write the value out in full.'));
        return visit.SKIP;
      }
      if (isScalar(node) || isCollection(node)) {
        const n = node as Node;
        if (n.anchor) problems.push(problem(locAt(n.range?.[0] ?? 0), `Anchors (\`&${n.anchor}\`) are not allowed in registry files.`, 'Write the value out in full.'));
        if (n.tag) problems.push(problem(locAt(n.range?.[0] ?? 0), `YAML tags (\`${shortTag(n.tag)}\`) are not allowed in registry files: they hold data, never code.`, 'Remove the tag.'));
      }
      return undefined;
    });
  }
  return { file, root: doc.contents as Node | null, locAt, problems };
}

const shortTag = (tag: string) => tag.replace(/^tag:yaml\.org,2002:/, '!!');

// A key at the start of `rest`: plain, or quoted (yaml points a duplicate-key error at its first character).
const KEY_AT = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s:#,{}[\]][^:#\n,{}]*?)\s*:(?:\s|$)/;

function yamlMessage(code: string, message: string, rest: string): string {
  if (code === 'DUPLICATE_KEY') {
    const key = KEY_AT.exec(rest)?.[1];
    return key
      ? `The key \`${key.replace(/^["']|["']$/g, '')}\` appears twice in the same mapping; YAML keys must be unique.`
      : 'A key appears twice in the same mapping; YAML keys must be unique.';
  }
  if (code === 'TAG_RESOLVE_FAILED') return `YAML tags (\`${shortTag(message.split('\n')[0]!.replace(/^Unresolved tag: | at line.*$/g, ''))}\`) are not allowed in registry files: they hold data, never code.`;
  if (code === 'MULTIPLE_DOCS') return 'The file holds several YAML documents; put one event per file.';
  const text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `The file is not valid YAML: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1, lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) { line++; lineStart = i + 1; continue; }
    if (b < 0x80) continue;
    const need = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    let ok = need > 0 && i + need < bytes.length + 0;
    for (let k = 1; ok && k <= need; k++) ok = ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (!ok) return { line, column: i - lineStart + 1 };
    i += need;
  }
  return { line, column: 1 };
}
