// `trackplan import`: an existing tracking plan as registry files. Pure: the input files go in,
// the files to write (path inside the registry -> YAML) and a report come out; the command
// (cli/import.ts) reads and writes. Every event keeps the name it was sent under in `aliases`; a
// property the same in several events is written once, as a shared property they refer to.
import path from 'node:path';
import { lint } from '../lint.js';
import { loadFile } from '../load/file.js';
import { registryOf } from '../load/registry.js';
import type { Config } from '../load/config.js';
import type { Diagnostic } from '../model.js';
import { assignNames, snakeName } from './names.js';
import { toYaml } from './yaml-out.js';
import { convertObject, type Json, type JsonObject, type PropertyOut, type ReportItem } from './schema.js';
import { readJsonSchemas, type Owners } from './jsonschema.js';
import { readSegment } from './segment.js';
import { readAvo } from './avo.js';
import { readAmplitude } from './amplitude.js';
import { readMixpanel } from './mixpanel.js';

export type { ReportItem } from './schema.js';
export const IMPORT_FORMATS = ['segment', 'jsonschema', 'amplitude', 'avo', 'mixpanel'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One input file: its path as the report names it, and its text. */
export interface InputFile { path: string; text: string }

/** An event as an input format defines it, before names and properties are converted. */
export interface SourceEvent {
  wire: string;
  /** Where it is: `file#/json/pointer`. */
  at: string;
  description?: string;
  owner?: string;
  version: number;
  /** The object schema of the event's properties, and the document it is in (for `$ref`s). */
  schema: JsonObject;
  root: JsonObject;
  /** Other names data was sent under, besides `wire`. */
  aliases?: string[];
  /** The name to convert instead of `wire` when several events convert to one name (Iglu: with the vendor's). */
  prefixed?: string;
  /** The name with its vendor (`vendor/name`), the alias when several events share `wire`. */
  qualified?: string;
  /** Where each top-level property is, when not at `at`'s JSON pointer (a CSV row: `file:line#`). */
  propertyAt?: Record<string, string>;
  /** Names each top-level property was also sent under (Avo's name mappings). */
  propertyAliases?: Record<string, string[]>;
  /** Deprecated: no longer kept by the tool it comes from (Mixpanel's dropped events). */
  status?: 'deprecated';
}

/** What the readers give: the events, and what they already report (skipped rules, versions). */
export interface SourcePlan { events: SourceEvent[]; report: ReportItem[] }

export interface ImportResult {
  /** Files to write, by path inside the registry folder (`events/order_completed.yaml`). */
  files: Map<string, string>;
  report: ReportItem[];
}

/** Thrown for input that is no plan of the format: a usage error, said for the user. */
export class ImportError extends Error {}

export function parseJson(file: InputFile): Json {
  try {
    return JSON.parse(file.text) as Json;
  } catch (e) {
    throw new ImportError(`${file.path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function importPlan(format: ImportFormat, inputs: readonly InputFile[], owners: Owners = {}): ImportResult {
  const source = format === 'segment' ? readSegment(inputs) : format === 'amplitude' ? readAmplitude(inputs) : format === 'avo' ? readAvo(inputs)
    : format === 'mixpanel' ? readMixpanel(inputs) : readJsonSchemas(inputs, owners);
  const report: ReportItem[] = [...source.report];
  const files = new Map<string, string>();

  // Events whose names convert to the same one: each takes its prefixed name when it has one
  // (Iglu: the vendor's), else numbered; all are kept, and the report says so.
  const group = new Map<string, SourceEvent[]>();
  for (const e of source.events) {
    const base = snakeName(e.wire, 'event');
    group.set(base, [...group.get(base) ?? [], e]);
  }
  const keys = uniqueKeys(source.events.map((e) => (e.prefixed !== undefined && group.get(snakeName(e.wire, 'event'))!.length > 1 ? e.prefixed : e.wire)));
  const names = assignNames(keys, 'event');
  const built: Built[] = [];
  source.events.forEach((e, i) => {
    const name = names.get(keys[i]!)!;
    const placed: Record<string, string> = {};
    const walk = { root: e.root, report: (item: ReportItem) => report.push(item), placed, ...(e.propertyAt ? { propertyAt: e.propertyAt } : {}), ...(e.propertyAliases ? { propertyAliases: e.propertyAliases } : {}) };
    const members = group.get(snakeName(e.wire, 'event'))!;
    // A wire name several events share would be an alias of each: the vendor tells them apart.
    const wire = members.some((o) => o !== e && o.wire === e.wire) && e.qualified !== undefined ? e.qualified : e.wire;
    const aliases = [...(e.aliases ?? []), wire].filter((a, k, all) => a !== name && all.indexOf(a) === k);
    const others = members.filter((o) => o !== e).map((o) => `\`${o.qualified ?? o.wire}\``);
    if (name !== e.wire) {
      report.push({ kind: 'renamed', at: e.at, message: `event \`${e.qualified ?? e.wire}\` -> \`${name}\`${others.length ? ` (${others.join(', ')} ${others.length > 1 ? 'also convert' : 'also converts'} to \`${snakeName(e.wire, 'event')}\`; all are kept)` : ''}; the old name is kept in \`aliases\`.` });
    }
    const properties = convertObject(e.schema, `${e.at}`, walk, 1);
    const doc: Record<string, unknown> = {
      name,
      ...(e.description ? { description: e.description } : {}),
      ...(e.owner ? { owner: e.owner } : {}),
      ...(e.status ? { status: e.status } : {}),
      ...(aliases.length ? { aliases } : {}),
      ...(e.version !== 1 ? { version: e.version } : {}),
      ...(Object.keys(properties).length ? { properties } : {}),
    };
    const file = `events/${name}.yaml`;
    built.push({ name, file, doc, properties, placed });
    report.push({ kind: 'imported', at: e.at, message: `\`${e.wire}\` as ${file} (${Object.keys(properties).length} properties).` });
  });
  for (const [file, text] of shareProperties(built, report)) files.set(file, text);
  for (const b of built) files.set(b.file, toYaml(b.doc));

  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { files: sorted, report };
}

/** An event converted: its file, its document, and the document's properties (shareProperties replaces some). */
interface Built { name: string; file: string; doc: Record<string, unknown>; properties: Record<string, PropertyOut>; placed: Record<string, string> }

const EVENTS_LISTED = 5;

/**
 * Each property that is the same (name and definition; whether it is required and the names it
 * was sent under aside) in several events, as a shared property file: the events refer to it with
 * `$ref`, and keep `required` and, when their aliases differ, their `aliases` beside it. Of a name
 * defined several ways, the definition most events share is the shared one (the first met, among
 * equals); the others stay in their events. Said in the report as merged.
 */
function shareProperties(built: readonly Built[], report: ReportItem[]): Map<string, string> {
  const groups = new Map<string, Map<string, Array<{ event: Built; def: PropertyOut }>>>();
  for (const event of built) {
    for (const [name, def] of Object.entries(event.properties)) {
      const { required: _, aliases: __, ...rest } = def;
      const key = JSON.stringify(rest);
      const byDef = groups.get(name) ?? new Map<string, Array<{ event: Built; def: PropertyOut }>>();
      groups.set(name, byDef);
      byDef.set(key, [...byDef.get(key) ?? [], { event, def }]);
    }
  }
  const files = new Map<string, string>();
  for (const [name, byDef] of groups) {
    let uses: Array<{ event: Built; def: PropertyOut }> | undefined;
    for (const u of byDef.values()) if (u.length > 1 && u.length > (uses?.length ?? 0)) uses = u;
    if (!uses) continue;
    const sameAliases = new Set(uses.map((u) => JSON.stringify(u.def.aliases ?? []))).size === 1;
    const { required: _, ...def } = uses[0]!.def;
    if (!sameAliases) delete def.aliases;
    const file = `properties/${name}.yaml`;
    files.set(file, toYaml({ name, ...def }));
    for (const { event, def: d } of uses) {
      event.properties[name] = { $ref: name, ...(!sameAliases && d.aliases ? { aliases: d.aliases } : {}), ...(d.required ? { required: true } : {}) };
    }
    const listed = uses.slice(0, EVENTS_LISTED).map((u) => `\`${u.event.name}\``).join(', ');
    const more = uses.length > EVENTS_LISTED ? ` and ${uses.length - EVENTS_LISTED} more` : '';
    report.push({ kind: 'merged', at: uses[0]!.event.placed[name] ?? uses[0]!.event.file,
      message: `property \`${name}\` is the same in ${uses.length} events (${listed}${more}): written once as ${file}, which they refer to with \`$ref: ${name}\`.` });
  }
  return files;
}

/** Input names made distinct (two events sent under one name are still two events). */
function uniqueKeys(wires: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return wires.map((w) => { const n = (seen.get(w) ?? 0) + 1; seen.set(w, n); return n === 1 ? w : `${w} ${n}`; });
}


/**
 * What `trackplan lint` says of imported files as a registry of their own (paths relative to
 * it), with a root no file system holds: the import checks that what it writes loads.
 */
export function lintImported(files: ReadonlyMap<string, string>, settings: Pick<Config, 'rules' | 'allow'>): Diagnostic[] {
  const root = path.resolve('/trackplan-import/registry');
  const loaded = [...files].map(([rel, text]) => loadFile(path.join(root, rel), rel.startsWith('events/') ? 'event' : 'property', Buffer.from(text)));
  return lint(registryOf(loaded, root), settings).diagnostics.map((d) => ({ ...d, file: path.relative(root, d.file).split(path.sep).join('/') }));
}

export type { PropertyOut };
