// What the SQL generators need of an event: plain data with shared properties (`$ref`) resolved
// into each use, so a generator never looks anything up. Part of each event's build output
// (compile/index.ts: EventOutput), kept by the build cache like the rest.
import type { Constraints, EventDef, EventStatus, PropertyDef, PropertyType, Scalar, SharedPropertyDef } from '../../model.js';
import { CompileError } from '../common.js';

export interface WarehouseProperty extends Constraints {
  name: string;
  type?: PropertyType;
  description?: string;
  required: boolean;
  nullable: boolean;
  enum?: Scalar[];
  items?: WarehouseProperty;
  /** Nested properties of an object; absent for a free-form one (anything goes). */
  properties?: WarehouseProperty[];
}

export interface WarehouseEvent {
  name: string;
  /** Names the event was sent under before: its rows are this event's too. */
  aliases: string[];
  status: EventStatus;
  replacedBy?: string;
  description?: string;
  version: number;
  properties: WarehouseProperty[];
}

const CONSTRAINTS = ['enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;

function property(p: PropertyDef, shared: ReadonlyMap<string, SharedPropertyDef>, file: string, stack: string[]): WarehouseProperty {
  let def: PropertyDef = p;
  let nullable = p.nullable;
  let description = p.description;
  if (p.ref !== undefined) {
    const s = shared.get(p.ref);
    if (!s) throw new CompileError(`${file}: \`$ref: ${p.ref}\` names no shared property.`);
    if (stack.includes(p.ref)) throw new CompileError(`${file}: shared property \`${p.ref}\` contains itself (${[...stack, p.ref].join(' -> ')}).`);
    stack = [...stack, p.ref];
    def = s;
    nullable ||= s.nullable;
    description ??= s.description;
  }
  const out: WarehouseProperty = { name: p.name, required: p.required, nullable };
  if (def.type !== undefined) out.type = def.type;
  if (description !== undefined) out.description = description;
  for (const key of CONSTRAINTS) if (def[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = def[key];
  if (def.type === 'array' && def.items) out.items = property(def.items, shared, file, stack);
  if (def.type === 'object' && def.properties) out.properties = def.properties.map((q) => property(q, shared, file, stack));
  return out;
}

export function warehouseEvent(e: EventDef, shared: ReadonlyMap<string, SharedPropertyDef>, source: string): WarehouseEvent {
  return {
    name: e.name,
    aliases: e.aliases ?? [],
    status: e.status,
    ...(e.replacedBy !== undefined ? { replacedBy: e.replacedBy } : {}),
    ...(e.description !== undefined ? { description: e.description } : {}),
    version: e.version,
    properties: e.properties.map((p) => property(p, shared, source, [])),
  };
}
