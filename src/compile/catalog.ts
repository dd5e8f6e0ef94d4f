// catalog.json: what the ESLint plugin needs to check `track()` calls without reading YAML:
// each event's status and its properties' shapes, shared properties resolved. Events and
// properties are sorted by name, as lookups do not depend on order.
import type { EventDef, PropertyDef, SharedPropertyDef } from '../model.js';
import { CompileError, byName, notice } from './common.js';

export type Shape = { [key: string]: unknown };

function shape(p: PropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>, file: string, depth = 0): Shape {
  const def = p.ref === undefined ? p : shared.get(p.ref);
  if (!def) throw new CompileError(`${file}: \`$ref: ${p.ref}\` names no shared property.`);
  if (depth > 64) throw new CompileError(`${file}: shared property \`${p.ref}\` contains itself.`);
  const s: Shape = {};
  if (def.type !== undefined) s.type = def.type;
  if (p.ref !== undefined) s.ref = p.ref;
  s.required = p.required;
  if (p.nullable || def.nullable) s.nullable = true;
  if (def.enum) s.enum = def.enum;
  if (def.items) s.items = shape(def.items, shared, file, depth + 1);
  if (def.properties) s.properties = shapes(def.properties, shared, file, depth + 1);
  return s;
}

const shapes = (props: readonly PropertyDef[], shared: ReadonlyMap<string, SharedPropertyDef>, file: string, depth = 0): Shape =>
  Object.fromEntries([...props].sort(byName).map((p) => [p.name, shape(p, shared, file, depth)]));

/** One event's entry in catalog.json. */
export function catalogEntry(e: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string): Shape {
  return {
    status: e.status,
    version: e.version,
    ...(e.replacedBy !== undefined ? { replaced_by: e.replacedBy } : {}),
    properties: shapes(e.properties, shared, source),
  };
}

export const catalog = (entries: ReadonlyArray<{ name: string; catalog: Shape }>): Shape =>
  ({ $comment: notice(), events: Object.fromEntries(entries.map((e) => [e.name, e.catalog])) });
