// compile: the registry model -> every output file, in memory. Pure apart from the time
// json-schema-to-typescript takes; the CLI writes the result with write.ts. Each event is
// compiled on its own (compileEvent) and the files are assembled from those parts (assemble), so
// a build can keep an unchanged event's part instead of compiling it again.
import path from 'node:path';
import type { EventDef, Registry, SharedPropertyDef } from '../model.js';
import { catalog, catalogEntry, type Shape } from './catalog.js';
import { catalogPage, pageEvent, pageProperty, type PageEvent, type PageProperty } from './catalog-page.js';
import { byName, CompileError, json, notice, type Artifacts } from './common.js';
import { dbtEvent, dbtFiles, type DbtEvent, type WarehouseNames } from './dbt.js';
import { anyEventSchema, eventId, eventSchema } from './json-schema.js';
import { warehouseEvent, type WarehouseEvent } from './sql/model.js';
import { WAREHOUSE_DEFAULTS, warehouseFiles, type WarehouseSettings } from './sql/warehouse.js';
import { trackerFile } from './tracker.js';
import { eventInterface, typesFile, type TypesCache } from './types.js';

export { CompileError, type Artifacts } from './common.js';
export type { TypesCache } from './types.js';
export type { WarehouseNames } from './dbt.js';

/** What the outputs take from the config besides the registry. */
export interface CompileOptions {
  /** The warehouse scripts' engines, and where the raw events table is (the dbt fragment's source too): by default analytics.events. */
  warehouse?: WarehouseSettings;
}

/** What one event contributes to the output: plain data, the same for the same event and shared properties. */
export interface EventOutput extends Pick<EventDef, 'name' | 'version' | 'status' | 'owner' | 'replacedBy' | 'aliases'> {
  /** The event's file, relative to the registry folder. */
  source: string;
  /** schemas/<name>.schema.json */
  schema: string;
  /** Its interface in types/index.ts. */
  types: string;
  /** Its entry in catalog.json. */
  catalog: Shape;
  /** What catalog/index.html shows of it. */
  page: PageEvent;
  /** Its staging model in dbt/. */
  dbt: DbtEvent;
  /** What the warehouse scripts need of it. */
  warehouse: WarehouseEvent;
}

/** A name becomes a file name: it must be one plain path segment. */
const FILE_SAFE = /^(?!\.\.?$)[^/\\\0-\x1f:*?"<>|]+$/;

/** The event's file relative to the registry folder `root`, with forward slashes. */
export const sourceOf = (root: string, e: { file: string }): string => path.relative(root, e.file).split(path.sep).join('/');

/** `typesCache` only saves time: the output is the same with or without it. */
export async function compileEvent(e: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string, typesCache?: TypesCache): Promise<EventOutput> {
  return {
    name: e.name,
    version: e.version,
    status: e.status,
    ...(e.owner !== undefined ? { owner: e.owner } : {}),
    ...(e.replacedBy !== undefined ? { replacedBy: e.replacedBy } : {}),
    ...(e.aliases?.length ? { aliases: e.aliases } : {}),
    source,
    schema: json(eventSchema(e, source, shared)),
    types: await eventInterface(e, shared, source, typesCache),
    catalog: catalogEntry(e, shared, source),
    page: pageEvent(e, shared, source),
    dbt: dbtEvent(e, shared, source),
    warehouse: warehouseEvent(e, shared, source),
  };
}

/** What the catalog page shows of the shared properties, whose files are relative to `root`. */
export const sharedPages = (root: string, shared: ReadonlyMap<string, SharedPropertyDef>): PageProperty[] =>
  [...shared.values()].map((p) => pageProperty(p, shared, sourceOf(root, p)));

/**
 * Every output file from the events' parts, in any order; with `only: 'warehouse'`, the
 * warehouse scripts alone (what the warehouse commands run: the rest is most of the time).
 */
export function assemble(parts: readonly EventOutput[], properties: readonly PageProperty[], options: CompileOptions = {}, only?: 'warehouse'): Artifacts {
  const events = [...parts].sort(byName);
  // Lowercased: on macOS and Windows, schemas/Foo.schema.json and schemas/foo.schema.json are one file.
  const files = new Map<string, EventOutput>();
  for (const e of events) {
    if (!FILE_SAFE.test(e.name)) throw new CompileError(`${e.source}: the event name ${JSON.stringify(e.name)} cannot be a file name.`);
    const other = files.get(e.name.toLowerCase());
    if (other) throw new CompileError(`${e.source}: the event \`${e.name}\` clashes with \`${other.name}\` in ${other.source}.`);
    files.set(e.name.toLowerCase(), e);
  }
  const out: Artifacts = new Map();
  const warehouse = (): Array<[string, string]> => warehouseFiles(events.map((e) => e.warehouse), options.warehouse ?? WAREHOUSE_DEFAULTS);
  if (only === 'warehouse') return new Map(warehouse());
  const schemaPath = (e: EventOutput): string => `schemas/${e.name}.schema.json`;
  for (const e of events) out.set(schemaPath(e), e.schema);
  out.set('schemas/index.json', json({
    $comment: notice(),
    events: events.map((e) => ({
      name: e.name,
      version: e.version,
      status: e.status,
      ...(e.owner !== undefined ? { owner: e.owner } : {}),
      ...(e.aliases ? { aliases: e.aliases } : {}),
      $id: eventId(e),
      schema: path.posix.basename(schemaPath(e)),
    })),
    schema: anyEventSchema(events),
  }));
  out.set('types/index.ts', typesFile(events));
  out.set('types/tracker.ts', trackerFile());
  // Git keeps these files exactly as written (else `check` fails on Windows checkouts), and
  // GitHub folds them in diffs.
  out.set('.gitattributes', `# ${notice()}\n* text eol=lf linguist-generated=true\n`);
  out.set('catalog.json', json(catalog(events)));
  out.set('catalog/index.html', catalogPage(events.map((e) => e.page), properties));
  for (const [file, text] of dbtFiles(events, options.warehouse)) out.set(file, text);
  for (const [file, text] of warehouse()) out.set(file, text);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function compile(registry: Pick<Registry, 'root' | 'events' | 'properties'>, typesCache?: TypesCache, options: CompileOptions = {}): Promise<Artifacts> {
  const shared = new Map(registry.properties.map((p) => [p.name, p]));
  const parts: EventOutput[] = [];
  for (const e of registry.events) parts.push(await compileEvent(e, shared, sourceOf(registry.root, e), typesCache));
  return assemble(parts, sharedPages(registry.root, shared), options);
}
