// The properties of an event as the rules check them, shared by event-properties and no-event-alias.
import type { PropertyType, Scalar } from 'trackplan';
import type { EventShape, PropertyShape, RegistryCache } from './registry.js';

/**
 * The properties of an event, or of an object property, by name: built once per event and
 * registry generation rather than at every call, and each property resolved the first time a call
 * sends it (so a `$ref` loads its shared property only when some call needs it).
 */
export class Properties {
  readonly required: string[];
  private readonly defs: Map<string, PropertyShape>;
  private readonly checks = new Map<string, Check>();
  private aliases?: Map<string, string>;
  constructor(list: PropertyShape[], private readonly registry: RegistryCache) {
    this.defs = new Map(list.map((p) => [p.name, p]));
    this.required = list.filter((p) => p.required).map((p) => p.name);
  }
  names(): Iterable<string> { return this.defs.keys(); }

  /** The property that `key` is an old name (`aliases:`) of: its own, or its shared property's for a `$ref`. */
  aliasOf(key: string): string | undefined {
    if (!this.aliases) {
      this.aliases = new Map();
      for (const def of this.defs.values()) {
        const shared = def.ref === undefined ? undefined : this.registry.sharedProperty(def.ref);
        for (const alias of [...def.aliases ?? [], ...shared?.aliases ?? []]) {
          if (!this.defs.has(alias) && !this.aliases.has(alias)) this.aliases.set(alias, def.name);
        }
      }
    }
    return this.aliases.get(key);
  }
  get(name: string): Check | undefined {
    let check = this.checks.get(name);
    if (check) return check;
    const def = this.defs.get(name);
    if (def) this.checks.set(name, (check = new Check(def, this.registry)));
    return check;
  }
}

/** A property as a call must send it: a `$ref` is replaced by the shared property it names. */
export class Check {
  readonly type?: PropertyType;
  readonly enum?: Scalar[];
  readonly nullable: boolean;
  private readonly def?: PropertyShape;
  private itemsCheck?: Check;
  private nestedProperties?: Properties;
  constructor(def: PropertyShape, private readonly registry: RegistryCache) {
    const shared = def.ref === undefined ? def : registry.sharedProperty(def.ref);
    // A `$ref` to nothing: `trackplan lint` reports it; here the value cannot be checked.
    this.nullable = !shared || def.nullable || shared.nullable;
    if (!shared) return;
    this.def = shared;
    this.type = shared.type;
    this.enum = shared.enum;
  }
  items(): Check | undefined {
    const items = this.def?.items;
    return items && (this.itemsCheck ??= new Check(items, this.registry));
  }
  properties(): Properties | undefined {
    const properties = this.def?.properties;
    return properties && (this.nestedProperties ??= new Properties(properties, this.registry));
  }
}

const compiled = new WeakMap<EventShape, { generation: number; properties: Properties }>();

export function propertiesOf(event: EventShape, registry: RegistryCache): Properties {
  let hit = compiled.get(event);
  if (hit?.generation !== registry.generation) {
    hit = { generation: registry.generation, properties: new Properties(event.properties, registry) };
    compiled.set(event, hit);
  }
  return hit.properties;
}
