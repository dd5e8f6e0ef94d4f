// compile: the registry model -> every output file, in memory. Pure apart from the time
// json-schema-to-typescript takes; the CLI writes the result with write.ts.
import path from 'node:path';
import type { EventDef, Registry } from '../model.js';
import { catalog } from './catalog.js';
import { byName, CompileError, json, notice, type Artifacts } from './common.js';
import { anyEventSchema, eventId, eventSchema } from './json-schema.js';
import { trackerFile } from './tracker.js';
import { typesFile, type TypesCache } from './types.js';

export { CompileError, type Artifacts } from './common.js';
export type { TypesCache } from './types.js';

/** A name becomes a file name: it must be one plain path segment. */
const FILE_SAFE = /^(?!\.\.?$)[^/\\\0-\x1f:*?"<>|]+$/;

/** `typesCache` only saves time: the output is the same with or without it. */
export async function compile(registry: Registry, typesCache?: TypesCache): Promise<Artifacts> {
  const sourceOf = (e: { file: string }): string => path.relative(registry.root, e.file).split(path.sep).join('/');
  const events = [...registry.events].sort(byName);
  const shared = new Map(registry.properties.map((p) => [p.name, p]));
  // Lowercased: on macOS and Windows, schemas/Foo.schema.json and schemas/foo.schema.json are one file.
  const files = new Map<string, EventDef>();
  for (const e of events) {
    if (!FILE_SAFE.test(e.name)) throw new CompileError(`${sourceOf(e)}: the event name ${JSON.stringify(e.name)} cannot be a file name.`);
    const other = files.get(e.name.toLowerCase());
    if (other) throw new CompileError(`${sourceOf(e)}: the event \`${e.name}\` clashes with \`${other.name}\` in ${sourceOf(other)}.`);
    files.set(e.name.toLowerCase(), e);
  }
  const out: Artifacts = new Map();
  const schemaPath = (e: EventDef): string => `schemas/${e.name}.schema.json`;
  for (const e of events) out.set(schemaPath(e), json(eventSchema(e, sourceOf(e), shared)));
  out.set('schemas/index.json', json({
    $comment: notice(),
    events: events.map((e) => ({
      name: e.name,
      version: e.version,
      status: e.status,
      ...(e.owner !== undefined ? { owner: e.owner } : {}),
      $id: eventId(e),
      schema: path.posix.basename(schemaPath(e)),
    })),
    schema: anyEventSchema(events),
  }));
  out.set('types/index.ts', await typesFile(events, shared, sourceOf, typesCache));
  out.set('types/tracker.ts', trackerFile());
  // Git keeps these files exactly as written (else `check` fails on Windows checkouts), and
  // GitHub folds them in diffs.
  out.set('.gitattributes', `# ${notice()}\n* text eol=lf linguist-generated=true\n`);
  out.set('catalog.json', json(catalog(events, shared, sourceOf)));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
