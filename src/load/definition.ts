// Reads a parsed YAML document as an event or shared-property definition. It takes whatever is
// valid and reports everything else as `schema` problems at the node at fault, so one typo
// gives one precise message rather than a cascade. These problems name no subject on purpose:
// `allow` cannot excuse a definition that does not fit the format, as nothing could compile it.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { closest } from '../text.js';
import {
  EVENT_STATUSES, PROPERTY_TYPES,
  type EventDef, type Loc, type Problem, type PropertyDef, type PropertyType, type Scalar, type SharedPropertyDef,
} from '../model.js';
import { FORMATS } from './formats.js';

/** Deeper nesting than this is a mistake, not a schema: it also bounds every recursive walk. */
export const MAX_DEPTH = 32;

const EVENT_KEYS = ['name', 'description', 'owner', 'status', 'replaced_by', 'aliases', 'version', 'properties'];
const CONSTRAINT_KEYS = ['enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;
const PROPERTY_KEYS = ['type', 'description', 'aliases', 'required', 'nullable', 'items', 'properties', '$ref', ...CONSTRAINT_KEYS];
/** Keywords each type accepts; anything else contradicts the type, as igluctl reports. */
const KEYWORDS_BY_TYPE: Record<PropertyType, readonly string[]> = {
  string: ['enum', 'format', 'pattern', 'minLength', 'maxLength'],
  integer: ['enum', 'minimum', 'maximum'],
  number: ['enum', 'minimum', 'maximum'],
  boolean: ['enum'],
  array: ['items', 'minItems', 'maxItems'],
  object: ['properties'],
};
const REF_SIBLINGS = ['$ref', 'required', 'description', 'nullable', 'aliases'];
/** The keys that apply to some types only, in the order their misuse is reported. */
const TYPED_KEYS = [...CONSTRAINT_KEYS, 'items', 'properties'];
const TYPED = new Set(TYPED_KEYS);
const PROPERTY_KEY_SET = new Set(PROPERTY_KEYS);

type Where = (node: Node | Pair | null | undefined) => Loc;

interface Ctx {
  file: string;
  where: Where;
  problems: Problem[];
}

function report(ctx: Ctx, loc: Loc, message: string, suggestion?: string): void {
  ctx.problems.push({ ruleId: 'schema', file: ctx.file, loc, message, ...(suggestion ? { suggestion } : {}) });
}

const describe = (node: unknown): string => {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    return v === null ? 'empty' : typeof v === 'string' ? `the text "${v}"` : `${typeof v} ${String(v)}`;
  }
  return 'empty';
};

/** The entries of a mapping with text keys; other keys are reported. */
function entries(ctx: Ctx, map: YAMLMap): Array<{ key: string; pair: Pair; value: Node | null }> {
  const out: Array<{ key: string; pair: Pair; value: Node | null }> = [];
  for (const pair of map.items) {
    const k = pair.key as Node | null;
    const key = isScalar(k) ? k.value : undefined;
    if (typeof key !== 'string' && typeof key !== 'number') {
      report(ctx, ctx.where(k ?? pair), 'Keys must be plain names, not lists or mappings.');
      continue;
    }
    out.push({ key: String(key), pair, value: (pair.value as Node | null) ?? null });
  }
  return out;
}

function unknownKey(ctx: Ctx, key: string, loc: Loc, known: readonly string[], what: string): void {
  const guess = closest(key, known);
  report(ctx, loc, `Unknown key \`${key}\` in ${what}.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
    guess ? `Rename \`${key}\` to \`${guess}\`.` : `Allowed keys: ${known.join(', ')}.`);
}

function text(ctx: Ctx, node: Node | null, key: string): string | undefined {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  if (isScalar(node) && node.value === null) return undefined; // `description:` left empty: the *-required rules say so
  report(ctx, ctx.where(node), `\`${key}\` must be text, not ${describe(node)}.`);
  return undefined;
}

function bool(ctx: Ctx, node: Node | null, key: string): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  report(ctx, ctx.where(node), `\`${key}\` must be true or false, not ${describe(node)}.`);
  return undefined;
}

function num(ctx: Ctx, node: Node | null, key: string, integer: boolean): number | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) {
    if (!integer || (Number.isInteger(node.value) && node.value >= 0)) return node.value;
  }
  report(ctx, ctx.where(node), `\`${key}\` must be ${integer ? 'a whole number, 0 or more' : 'a number'}, not ${describe(node)}.`);
  return undefined;
}

/** Type names of other languages and schema formats, to the JSON Schema type they mean. */
const TYPE_ALIASES = new Map<string, PropertyType>(Object.entries({
  int: 'integer', int32: 'integer', int64: 'integer', long: 'integer', bigint: 'integer',
  float: 'number', double: 'number', decimal: 'number', numeric: 'number',
  bool: 'boolean', str: 'string', text: 'string', varchar: 'string',
  list: 'array', dict: 'object', map: 'object', struct: 'object',
}) as Array<[string, PropertyType]>);

/** `aliases:`, a list of distinct names other than the definition's own. */
function aliases(ctx: Ctx, node: Node | null, own?: string): { names: string[]; locs: Loc[] } | undefined {
  if (!isSeq(node)) {
    report(ctx, ctx.where(node), `\`aliases\` must be a list of the names it was sent under, not ${describe(node)}.`, 'Write `aliases: [Old Name]`.');
    return undefined;
  }
  const names: string[] = [];
  const locs: Loc[] = [];
  for (const item of node.items as Node[]) {
    const v = isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') ? String(item.value) : undefined;
    if (v === undefined || v === '') report(ctx, ctx.where(item), `An alias must be a name, not ${describe(item)}.`);
    else if (v === own) report(ctx, ctx.where(item), `The alias "${v}" is the name itself.`, 'Remove it.');
    else if (names.includes(v)) report(ctx, ctx.where(item), `The alias "${v}" appears twice.`, 'Remove the repeated alias.');
    else { names.push(v); locs.push(ctx.where(item)); }
  }
  return { names, locs };
}

export function readEvent(root: Node | null, file: string, where: Where, problems: Problem[]): EventDef | undefined {
  const ctx: Ctx = { file, where, problems };
  const start: Loc = { line: 1, column: 1 };
  if (!isMap(root)) {
    report(ctx, root ? where(root) : start, root
      ? `An event file must be a mapping of keys such as \`name:\` and \`description:\`, not ${describe(root)}.`
      : 'The file is empty: an event needs at least `name`, `description` and `owner`.',
    'Start from `trackplan new <event_name>`.');
    return undefined;
  }
  const event: EventDef = { name: '', file, loc: start, status: 'active', version: 1, properties: [], keys: {} };
  for (const { key, pair, value } of entries(ctx, root)) {
    event.keys[key] = where(value ?? pair);
    switch (key) {
      case 'name': {
        const v = text(ctx, value, key);
        if (v) { event.name = v; event.loc = where(value); }
        else report(ctx, where(value ?? pair), 'The event\'s `name` is empty.', 'Set `name:` to the file\'s base name.');
        break;
      }
      case 'description': { const v = text(ctx, value, key); if (v !== undefined) event.description = v; break; }
      case 'owner': { const v = text(ctx, value, key); if (v !== undefined) event.owner = v; break; }
      case 'replaced_by': { const v = text(ctx, value, key); if (v !== undefined) event.replacedBy = v; break; }
      case 'aliases': { const v = aliases(ctx, value); if (v) { event.aliases = v.names; event.aliasLocs = v.locs; } break; }
      case 'status': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v === 'string' && (EVENT_STATUSES as readonly string[]).includes(v)) event.status = v as EventDef['status'];
        else report(ctx, where(value), `\`status\` must be one of ${EVENT_STATUSES.join(', ')}, not ${describe(value)}.`,
          typeof v === 'string' && closest(v, EVENT_STATUSES) ? `Use \`${closest(v, EVENT_STATUSES)}\`.` : undefined);
        break;
      }
      case 'version': {
        // One message for -1, 0, 1.5 and "two": a version counts revisions from 1.
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1) event.version = v;
        else report(ctx, where(value), `\`version\` must be a whole number from 1 (the first revision), not ${describe(value)}.`, 'Use `version: 1` for a new event; raise it by one for each breaking change.');
        break;
      }
      case 'properties':
        event.properties = readProperties(ctx, value, 1);
        break;
      default:
        unknownKey(ctx, key, where(pair.key as Node), EVENT_KEYS, 'an event');
    }
  }
  const self = event.aliases?.indexOf(event.name) ?? -1;
  if (self >= 0) {
    report(ctx, event.aliasLocs![self]!, `The alias "${event.name}" is the event's name itself.`, 'Remove it.');
    event.aliases!.splice(self, 1); event.aliasLocs!.splice(self, 1);
  }
  if (!('name' in event.keys)) report(ctx, start, 'The event has no `name`.', 'Add `name:` with the file\'s base name.');
  if (event.replacedBy !== undefined && event.status !== 'deprecated') {
    report(ctx, event.keys.replaced_by!, '`replaced_by` only applies to a deprecated event.', 'Set `status: deprecated` or remove `replaced_by`.');
  }
  return event;
}

export function readSharedProperty(root: Node | null, file: string, where: Where, problems: Problem[]): SharedPropertyDef | undefined {
  const ctx: Ctx = { file, where, problems };
  if (!isMap(root)) {
    report(ctx, root ? where(root) : { line: 1, column: 1 }, root
      ? `A shared property file must be a mapping with \`name:\` and \`type:\`, not ${describe(root)}.`
      : 'The file is empty: a shared property needs at least `name`, `type` and `description`.');
    return undefined;
  }
  const nameNode = root.items.find((p) => isScalar(p.key) && p.key.value === 'name');
  const name = nameNode ? text(ctx, (nameNode.value as Node | null) ?? null, 'name') : undefined;
  if (!nameNode) report(ctx, { line: 1, column: 1 }, 'The shared property has no `name`.', 'Add `name:` with the file\'s base name.');
  const def = readProperty(ctx, name ?? '', root, where(nameNode?.value as Node ?? root), 1, 'shared', ['name']);
  if (!def) return undefined;
  if (nameNode) def.keys.name = where(nameNode.value as Node);
  return { ...def, file };
}

function readProperties(ctx: Ctx, node: Node | null, depth: number): PropertyDef[] {
  if (isScalar(node) && node.value === null) return [];
  if (!isMap(node)) {
    report(ctx, ctx.where(node), `\`properties\` must be a mapping of property names to definitions, not ${describe(node)}.`);
    return [];
  }
  const out: PropertyDef[] = [];
  for (const { key, pair, value } of entries(ctx, node)) {
    const def = readProperty(ctx, key, value, ctx.where(pair.key as Node), depth, 'property');
    if (def) out.push(def);
  }
  // Data under an alias is its property: no other property beside it may have that name.
  const owner = new Map(out.map((p) => [p.name, p.name]));
  for (const p of out) {
    for (const a of p.aliases ?? []) {
      const other = owner.get(a);
      if (other === undefined) { owner.set(a, p.name); continue; }
      report(ctx, p.keys.aliases!, `The alias "${a}" of \`${p.name}\` is already ${other === a ? 'a property' : `an alias of \`${other}\``} beside it: data sent under it could not tell which property it is.`, 'Remove it from one of them.');
      p.aliases = p.aliases!.filter((x) => x !== a);
    }
  }
  return out;
}

type Role = 'property' | 'items' | 'shared';

function readProperty(ctx: Ctx, name: string, node: Node | null, loc: Loc, depth: number, role: Role,
  extraKeys: string[] = []): PropertyDef | undefined {
  const what = role === 'items' ? `the items of \`${name}\`` : `property \`${name}\``;
  if (depth > MAX_DEPTH) {
    report(ctx, loc, `${what} is nested more than ${MAX_DEPTH} levels deep.`, 'Flatten the structure.');
    return undefined;
  }
  if (!isMap(node)) {
    report(ctx, node ? ctx.where(node) : loc, `${what} must be a mapping with at least \`type:\` or \`$ref:\`, not ${describe(node)}.`);
    return undefined;
  }
  const def: PropertyDef = { name, loc, required: false, nullable: false, keys: {} };
  // Array items and shared properties are not named uses: `required` and `$ref` mean nothing there.
  const known = role === 'property' ? PROPERTY_KEYS : [...PROPERTY_KEYS.filter((k) => k !== 'required' && k !== '$ref' && (role === 'shared' || k !== 'aliases')), ...extraKeys];
  const knownSet = role === 'property' ? PROPERTY_KEY_SET : new Set(known);
  let itemsNode: { value: Node | null; loc: Loc } | undefined;
  let propsNode: Node | null | undefined;
  for (const { key, pair, value } of entries(ctx, node)) {
    const at = ctx.where(value ?? pair);
    if (!knownSet.has(key)) {
      unknownKey(ctx, key, ctx.where(pair.key as Node), known.filter((k) => !extraKeys.includes(k)), role === 'items' ? 'array items' : role === 'shared' ? 'a shared property' : 'a property');
      continue;
    }
    def.keys[key] = at;
    switch (key) {
      case 'name': break; // read by the caller
      case 'type': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v === 'string' && (PROPERTY_TYPES as readonly string[]).includes(v)) def.type = v as PropertyType;
        else {
          const guess = typeof v === 'string' ? TYPE_ALIASES.get(v.toLowerCase()) ?? closest(v, PROPERTY_TYPES) : undefined;
          report(ctx, at, `${typeof v === 'string' ? `Unknown type "${v}"` : `\`type\` must be a type name, not ${describe(value)},`} for ${what}: use one of ${PROPERTY_TYPES.join(', ')}.`,
            guess ? `Use \`type: ${guess}\`.` : undefined);
        }
        break;
      }
      case '$ref': { const v = text(ctx, value, key); if (v !== undefined) def.ref = v; break; }
      case 'description': { const v = text(ctx, value, key); if (v !== undefined) def.description = v; break; }
      case 'aliases': { const v = aliases(ctx, value, name); if (v) def.aliases = v.names; break; }
      case 'required': def.required = bool(ctx, value, key) ?? false; break;
      case 'nullable': def.nullable = bool(ctx, value, key) ?? false; break;
      case 'items': itemsNode = { value, loc: ctx.where(pair.key as Node) }; break;
      case 'properties': propsNode = value; break;
      case 'enum': {
        if (!isSeq(value) || value.items.length === 0) { report(ctx, at, `\`enum\` must be a non-empty list of values, not ${describe(value)}.`); break; }
        const values: Scalar[] = [];
        const seen = new Set<Scalar>(); // not values.includes: quadratic, minutes for a 100,000-value enum
        for (const item of value.items as Node[]) {
          const v = isScalar(item) ? item.value : undefined;
          if (typeof v === 'number' && !Number.isFinite(v)) {
            // JSON has no such number: the schema would say `null` instead.
            report(ctx, ctx.where(item), `\`enum\` values must be finite numbers, not ${String(v)}: JSON has no such number.`);
          } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
            if (seen.has(v)) report(ctx, ctx.where(item), `The value ${JSON.stringify(v)} appears twice in \`enum\`.`, 'Remove the repeated value.');
            else { seen.add(v); values.push(v); }
          } else if (isScalar(item) && item.value === null) {
            report(ctx, ctx.where(item), '`enum` cannot hold an empty value.', 'Use `nullable: true` to allow null.');
          } else report(ctx, ctx.where(item), `\`enum\` values must be text, numbers or booleans, not ${describe(item)}.`);
        }
        def.enum = values;
        break;
      }
      case 'format': {
        const v = text(ctx, value, key);
        if (v === undefined) break;
        if (FORMATS.includes(v)) def.format = v;
        else {
          const guess = closest(v, FORMATS);
          report(ctx, at, `Unknown format "${v}".`, guess ? `Did you mean \`${guess}\`?` : `Known formats: ${FORMATS.join(', ')}.`);
        }
        break;
      }
      case 'pattern': {
        const v = text(ctx, value, key);
        if (v === undefined) break;
        try { new RegExp(v, 'u'); def.pattern = v; } catch (e) {
          report(ctx, at, `\`pattern\` is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}.`);
        }
        break;
      }
      case 'minLength': case 'maxLength': case 'minItems': case 'maxItems': {
        const v = num(ctx, value, key, true);
        if (v !== undefined) def[key] = v;
        break;
      }
      case 'minimum': case 'maximum': {
        const v = num(ctx, value, key, false);
        if (v !== undefined) def[key] = v;
        break;
      }
    }
  }

  if (def.ref !== undefined) {
    for (const key of Object.keys(def.keys)) {
      if (!REF_SIBLINGS.includes(key)) {
        report(ctx, def.keys[key]!, `\`${key}\` cannot be set beside \`$ref\`: ${what} takes its definition from the shared property \`${def.ref}\`.`,
          'Change the shared property, or define this property in full without `$ref`.');
      }
    }
    return def;
  }
  if (def.type === undefined) {
    if (!('type' in def.keys)) report(ctx, loc, `${what} has no \`type\`.`, `Add \`type:\` (${PROPERTY_TYPES.join(', ')})${role === 'property' ? ' or `$ref:` to a shared property' : ''}.`);
    return def;
  }

  const allowed = KEYWORDS_BY_TYPE[def.type];
  let misplaced = false;
  for (const key in def.keys) if (TYPED.has(key) && !allowed.includes(key)) misplaced = true;
  for (const key of misplaced ? TYPED_KEYS : []) {
    if (key in def.keys && !allowed.includes(key)) {
      report(ctx, def.keys[key]!, `\`${key}\` does not apply to a property of type ${def.type}.`,
        allowed.length ? `Remove it; ${def.type} takes ${allowed.map((k) => `\`${k}\``).join(', ')}.` : 'Remove it.');
      delete (def as unknown as Record<string, unknown>)[key];
    }
  }
  checkBounds(ctx, def, what, 'minLength', 'maxLength');
  checkBounds(ctx, def, what, 'minimum', 'maximum');
  checkBounds(ctx, def, what, 'minItems', 'maxItems');
  if (def.enum) {
    const wrong = def.enum.find((v) => !fitsType(v, def.type!));
    if (wrong !== undefined) report(ctx, def.keys.enum!, `\`enum\` of ${what} holds ${JSON.stringify(wrong)}, which is not a ${def.type}.`);
  }

  if (def.type === 'array') {
    if (itemsNode) def.items = readProperty(ctx, name, itemsNode.value, itemsNode.loc, depth + 1, 'items');
  } else if (def.type === 'object' && propsNode !== undefined) {
    def.properties = readProperties(ctx, propsNode, depth + 1);
  }
  return def;
}

function fitsType(v: Scalar, type: PropertyType): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    default: return false;
  }
}

function checkBounds(ctx: Ctx, def: PropertyDef, what: string, min: 'minLength' | 'minimum' | 'minItems', max: 'maxLength' | 'maximum' | 'maxItems'): void {
  const lo = def[min], hi = def[max];
  if (lo !== undefined && hi !== undefined && lo > hi) {
    report(ctx, def.keys[min]!, `${what} has \`${min}: ${lo}\` above \`${max}: ${hi}\`: no value can satisfy both.`, `Lower \`${min}\` or raise \`${max}\`.`);
  }
}
