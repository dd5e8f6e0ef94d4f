// catalog/index.html: the plan as a page people read. One self-contained file (styles and script
// inline, nothing from the network) that works from file:// and any static host.
//
// Safety: registry text never reaches the page as markup. The overview list is written here with
// every text and attribute escaped; everything else is plain data in a JSON script block (`<`
// escaped, so no text can close it), which the page's script turns into elements with
// textContent only. A description holding `<script>` or `${x}` is shown as those characters.
import type { Constraints, EventDef, PropertyDef, SharedPropertyDef } from '../model.js';
import { CompileError, byName, notice } from './common.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './catalog-page-assets.js';

/**
 * One row of a property table: a property, a nested property or an array's items. A tuple, to
 * keep the page of 10,000 events small. A row that refers to a shared property leaves its type,
 * constraints and description (unless the use gives its own) to that property, whose nested rows
 * the page shows below it: the shared definition is written once, not at every use.
 */
export type PageRow = [
  name: string,
  depth: number,
  /** ROW_REQUIRED | ROW_NULLABLE | ROW_ITEMS */
  flags: number,
  type: string | null,
  /** Every constraint in words: `one of: a, b`, `1 to 1,000,000`, `at most 32 characters`. */
  rules: string[] | null,
  description: string | null,
  /** The shared property it comes from. */
  ref?: string,
];
export const ROW_REQUIRED = 1;
export const ROW_NULLABLE = 2;
/** The items of the array in the row above. */
export const ROW_ITEMS = 4;

/** What the page shows of one event: plain data, made per event so a build can keep it. */
export interface PageEvent {
  name: string;
  description?: string;
  owner?: string;
  status: string;
  version: number;
  source: string;
  replacedBy?: string;
  rows: PageRow[];
  /** A call with the generated tracker, required properties filled in. */
  sample: string;
}

export interface PageProperty {
  name: string;
  source: string;
  rows: PageRow[];
}

const MAX_DEPTH = 64;

/** 1000000 -> 1,000,000, by hand so no locale data can change the output. */
const num = (n: number): string => {
  const [whole, frac] = String(n).split('.');
  return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
};

const range = (min: number | undefined, max: number | undefined, unit = ''): string | undefined => {
  const u = (n: number): string => (unit ? ` ${unit}${n === 1 ? '' : 's'}` : '');
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${num(min)}${u(min)}` : `${num(min)} to ${num(max)}${u(max)}`;
  if (min !== undefined) return `at least ${num(min)}${u(min)}`;
  if (max !== undefined) return `at most ${num(max)}${u(max)}`;
  return undefined;
};

/** The constraints of a definition as a reader says them. */
export function ruleWords(c: Constraints): string[] {
  const out = [
    c.enum && `one of: ${c.enum.map(String).join(', ')}`,
    range(c.minimum, c.maximum),
    range(c.minLength, c.maxLength, 'character'),
    range(c.minItems, c.maxItems, 'item'),
    c.format !== undefined && `format: ${c.format}`,
    c.pattern !== undefined && `pattern ${c.pattern}`,
  ];
  return out.filter((w): w is string => typeof w === 'string');
}

function resolve(p: PropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>, file: string): PropertyDef {
  const def = p.ref === undefined ? p : shared.get(p.ref);
  if (!def) throw new CompileError(`${file}: \`$ref: ${p.ref}\` names no shared property.`);
  return def;
}

function rowsOf(p: PropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>, file: string, depth: number, out: PageRow[], items = false): void {
  if (depth > MAX_DEPTH) throw new CompileError(`${file}: \`${p.name}\` nests deeper than ${MAX_DEPTH} levels.`);
  const flags = (p.required ? ROW_REQUIRED : 0) | (p.nullable ? ROW_NULLABLE : 0) | (items ? ROW_ITEMS : 0);
  const name = items ? '[items]' : p.name;
  if (p.ref !== undefined) {
    resolve(p, shared, file); // a dangling $ref is a compile error, as in every other output
    out.push([name, depth, flags, null, null, p.description ?? null, p.ref]);
    return;
  }
  out.push([name, depth, flags, p.type ?? null, ruleWords(p), p.description ?? null]);
  if (p.items) rowsOf(p.items, shared, file, depth + 1, out, true);
  for (const child of p.properties ?? []) rowsOf(child, shared, file, depth + 1, out);
}

const rows = (props: readonly PropertyDef[], shared: ReadonlyMap<string, SharedPropertyDef>, file: string, depth = 0): PageRow[] => {
  const out: PageRow[] = [];
  for (const p of props) rowsOf(p, shared, file, depth, out);
  return out;
};

// The sample call: JavaScript source for values that a real call could send.
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const quote = (s: string): string => `'${s.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}'`;
const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: '3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9a0b3e',
  'date-time': '2026-01-31T12:00:00Z',
  date: '2026-01-31',
  email: 'ada@example.com',
  uri: 'https://example.com/',
};

function sampleValue(p: PropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>, file: string, indent: string, depth: number): string {
  const def = resolve(p, shared, file);
  if (def.enum?.length) return typeof def.enum[0] === 'string' ? quote(def.enum[0]) : String(def.enum[0]);
  if (depth > MAX_DEPTH) return '{}';
  switch (def.type) {
    case 'integer':
    case 'number': {
      const n = def.minimum ?? 1;
      return String(def.maximum !== undefined && n > def.maximum ? def.maximum : n);
    }
    case 'boolean': return 'true';
    case 'array': {
      const count = Math.min(def.minItems ?? 0, 3);
      if (!def.items || count === 0) return '[]';
      return `[${Array.from({ length: count }, () => sampleValue(def.items!, shared, file, indent, depth + 1)).join(', ')}]`;
    }
    case 'object': return sampleObject(def.properties ?? [], shared, file, indent, depth + 1);
    default: {
      const text = (def.format !== undefined ? FORMAT_EXAMPLES[def.format] : undefined) ?? 'example';
      return quote(text.padEnd(def.minLength ?? 0, 'x'));
    }
  }
}

function sampleObject(props: readonly PropertyDef[], shared: ReadonlyMap<string, SharedPropertyDef>, file: string, indent: string, depth: number): string {
  const required = props.filter((p) => p.required);
  if (!required.length) return '{}';
  const inner = `${indent}  `;
  const lines = required.map((p) => `${inner}${IDENT.test(p.name) ? p.name : quote(p.name)}: ${sampleValue(p, shared, file, inner, depth)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

export function pageEvent(e: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string): PageEvent {
  return {
    name: e.name,
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.owner !== undefined ? { owner: e.owner } : {}),
    status: e.status,
    version: e.version,
    source,
    ...(e.replacedBy !== undefined ? { replacedBy: e.replacedBy } : {}),
    rows: rows(e.properties, shared, source),
    sample: `tracker.track(${quote(e.name)}, ${sampleObject(e.properties, shared, source, '', 0)});`,
  };
}

export function pageProperty(p: SharedPropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string): PageProperty {
  // The shared property's own row holds its definition; `required` belongs to each use, not to it.
  return { name: p.name, source, rows: rows([{ ...p, required: false }], shared, source) };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text or an attribute value, as characters. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Up to the first sentence end followed by a space, or all of it. */
export const firstSentence = (text: string): string => {
  const m = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim());
  return (m ? m[0] : text.trim()).replace(/\s+/g, ' ');
};

/** Entries in the list as the page opens; the page's script adds the rest right after. */
const FIRST_SHOWN = 100;

const STATUS_ORDER = ['active', 'proposed', 'deprecated'];

function overviewItem(e: PageEvent): string {
  const desc = e.description !== undefined ? firstSentence(e.description) : '';
  return `<li data-event="${escapeHtml(e.name)}">`
    + `<a href="#${escapeHtml(encodeURIComponent(e.name))}"><span class="name">${escapeHtml(e.name)}</span></a>`
    + `<span class="status status-${escapeHtml(e.status)}">${escapeHtml(e.status)}</span>`
    + `<span class="meta">v${e.version}${e.owner !== undefined ? ` · ${escapeHtml(e.owner)}` : ''}</span>`
    + (desc ? `<span class="desc">${escapeHtml(desc)}</span>` : '')
    + '</li>';
}

/** JSON inside a <script> block: `<` escaped so no text can end the block or open a comment. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export function catalogPage(events: readonly PageEvent[], properties: readonly PageProperty[], title = 'Tracking plan'): string {
  const sorted = [...events].sort(byName);
  const owners = [...new Set(sorted.flatMap((e) => (e.owner !== undefined ? [e.owner] : [])))].sort();
  const deprecated = sorted.filter((e) => e.status === 'deprecated').length;
  const statuses = STATUS_ORDER.filter((s) => sorted.some((e) => e.status === s));
  const option = (value: string, label = value): string => `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const count = (n: number, one: string, many: string): string => `<li><strong>${num(n)}</strong> ${n === 1 ? one : many}</li>`;
  // Rows are written once and named by their index: plans repeat the same property in many
  // events, and the page's size, which the browser reads through before it can show anything,
  // is mostly rows (a 10,000-event plan: 14 MB of rows, 0.4 MB of them distinct).
  const table: PageRow[] = [];
  const index = new Map<string, number>();
  const refs = (rs: readonly PageRow[]): number[] => rs.map((r) => {
    const key = JSON.stringify(r);
    let i = index.get(key);
    if (i === undefined) { i = table.push(r) - 1; index.set(key, i); }
    return i;
  });
  const data = {
    events: sorted.map((e) => ({ ...e, rows: refs(e.rows) })),
    properties: [...properties].sort(byName).map((p) => ({ ...p, rows: refs(p.rows) })),
    rows: table,
  };
  return `<!doctype html>
<!-- ${escapeHtml(notice())} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="#">${escapeHtml(title)}</a>
<nav aria-label="Views"><ul><li><a href="#">Events</a></li><li><a href="#owners">Owners</a></li></ul></nav>
</header>
<main id="main" tabindex="-1">
<section id="overview" aria-labelledby="overview-title">
<h1 id="overview-title">Events</h1>
<ul class="counts" aria-label="Plan summary">${count(sorted.length, 'event', 'events')}${count(properties.length, 'shared property', 'shared properties')}${count(owners.length, 'owner', 'owners')}${count(deprecated, 'deprecated', 'deprecated')}</ul>
<form class="filters" role="search" onsubmit="return false">
<label for="q">Search events</label>
<input type="search" id="q" name="q" autocomplete="off" spellcheck="false" placeholder="Search names, descriptions, properties, owners  ( / )" aria-describedby="matches">
<label for="owner">Owner</label>
<select id="owner">${option('', 'All owners')}${owners.map((o) => option(o)).join('')}</select>
<label for="status">Status</label>
<select id="status">${option('', 'All statuses')}${statuses.map((s) => option(s)).join('')}</select>
</form>
<p id="matches" class="matches" role="status" aria-live="polite">${num(sorted.length)} events</p>
<ul id="events" class="events" aria-label="All events">${sorted.slice(0, FIRST_SHOWN).map(overviewItem).join('')}</ul>
${sorted.length > FIRST_SHOWN ? `<template id="more-events">${sorted.slice(FIRST_SHOWN).map(overviewItem).join('')}</template>` : ''}
<ul id="results" class="events" aria-label="Matching events" hidden></ul>
<button type="button" id="more" class="more" hidden></button>
</section>
<section id="detail" hidden></section>
</main>
<script type="application/json" id="plan">${scriptJson(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
