// The registry model: plain, serialisable data (it crosses worker threads and the lint cache),
// produced by load/ and read by every later stage. Every node remembers where it came from.

/** A position in a source file; line and column are 1-based, as editors show them. The file is
 * known from the definition that holds the position (kept out of here to keep the cache small). */
export interface Loc {
  line: number;
  column: number;
}

export const PROPERTY_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const EVENT_STATUSES = ['proposed', 'active', 'deprecated'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** The fields of the event model that every event carries; no property may shadow them. */
export const ENVELOPE_FIELDS = ['event_id', 'event_name', 'event_time', 'user_id', 'properties'] as const;

export type Scalar = string | number | boolean;

/** Constraint keywords, named as in JSON Schema. */
export interface Constraints {
  enum?: Scalar[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface PropertyDef extends Constraints {
  name: string;
  /** Where the property's key is (for an array's items: the `items` key). */
  loc: Loc;
  /** Name of a shared property this one refers to, by `$ref`. */
  ref?: string;
  type?: PropertyType;
  description?: string;
  /** Names the property was sent under before (an import's wire name, a hand rename). */
  aliases?: string[];
  required: boolean;
  nullable: boolean;
  items?: PropertyDef;
  /** Nested properties of an object, in file order; absent for a free-form object. */
  properties?: PropertyDef[];
  /** Where each key's value is, so a rule can point at `maxLength: 3` rather than the property. */
  keys: Record<string, Loc>;
}

export interface EventDef {
  name: string;
  file: string; // absolute path
  loc: Loc; // the `name:` value, or the file's start when the name is missing
  description?: string;
  owner?: string;
  status: EventStatus;
  replacedBy?: string;
  /** Names the event was sent under before; data under them is this event. */
  aliases?: string[];
  /** Where each of `aliases` is, in the same order. */
  aliasLocs?: Loc[];
  version: number;
  properties: PropertyDef[];
  keys: Record<string, Loc>;
}

/** A shared property (registry/properties/<name>.yaml): one property plus its name. */
export interface SharedPropertyDef extends PropertyDef {
  file: string;
}

export type FileKind = 'event' | 'property';

/** What loading one file yields; this is the unit cached by content hash. */
export interface LoadedFile {
  file: string;
  kind: FileKind;
  hash: string;
  event?: EventDef;
  property?: SharedPropertyDef;
  /** Problems found while loading (rules `yaml-syntax`, `schema`), before any severity is applied. */
  problems: Problem[];
}

export interface Registry {
  /** Absolute path of the registry folder. */
  root: string;
  files: LoadedFile[];
  events: EventDef[];
  properties: SharedPropertyDef[];
}

/** A finding before configuration decides its severity. */
export interface Problem {
  ruleId: string;
  file: string;
  loc: Loc;
  message: string;
  suggestion?: string;
  /** The event or property name the finding is about, matched against `allow` exceptions. */
  subject?: string;
  /** A rule may soften one finding below its configured severity (a fact that only looks derived). */
  severity?: 'warning';
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: Severity;
  message: string;
  suggestion?: string;
  /** The event or property the finding is about, when the rule names one (the lint baseline knows findings by it). */
  subject?: string;
}

/**
 * What the registry-wide rules need to know of one file: the names it defines, and its
 * properties' meanings and references. Compact on purpose: it is what the lint cache keeps of a
 * file, and a warm lint of 10,000 files reads it for every one of them.
 */
export interface FileIndex {
  /** The event or shared property the file defines, with where its name is. */
  defines?: { kind: FileKind; name: string; line: number; column: number; signature?: string; replacedBy?: { name: string; line: number; column: number };
    aliases?: Array<{ name: string; line: number; column: number }> };
  /** Properties at the top level, and nested ones that refer to a shared property. */
  uses: PropertyUse[];
}

/** `signature` is what the value means (type and values); `ref` names a shared property instead. */
export type PropertyUse = [name: string, line: number, column: number, depth: number, how: 'signature' | 'ref', value: string];
