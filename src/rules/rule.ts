// What a lint rule is. Like an ESLint or buf rule: an id that is part of the interface, a
// one-line description, a default severity, documentation whose examples are tested, and a check
// over the registry model that reports problems. Rules judge; they never format or exit.
import type { EventDef, FileIndex, Loc, Problem, PropertyDef, Registry, SharedPropertyDef } from '../model.js';

export interface RuleContext {
  registry: Registry;
  report(problem: Omit<Problem, 'ruleId'>): void;
}

export interface RegistryContext {
  root: string;
  /** Every file of the registry, sorted by path, with what it defines and uses. */
  files: ReadonlyArray<{ file: string; index: FileIndex }>;
  report(problem: Omit<Problem, 'ruleId'>): void;
}

/** Registry files keyed by their path inside the registry, e.g. `events/page_viewed.yaml`. */
export type ExampleFiles = Record<string, string>;

export interface Rule {
  id: string;
  description: string;
  defaultSeverity: 'error' | 'warn';
  docs: {
    /** Why the rule exists, for the rule's page. */
    rationale: string;
    /** A registry the rule reports on, and the same registry fixed. */
    bad: ExampleFiles;
    good: ExampleFiles;
  };
  /** Judges one file at a time (the registry holds that file only): what it finds is cached
   * with the file's content hash, so a warm lint re-runs it for changed files only. */
  check?(ctx: RuleContext): void;
  /** Judges what only the whole registry shows (duplicates, consistency, references), from
   * each file's compact index. It runs on every lint, cached or not. */
  checkRegistry?(ctx: RegistryContext): void;
}

/** A property as the walks below list it: its depth (1 = top level), and whether it is an array's items. */
export interface Walked { prop: PropertyDef; depth: number; isItems: boolean }

// Arrays rather than generators: four rules walk every property of every file, and nested
// generators (`yield*` at each level) cost several times the loop they drive.

/** Every property of an event or shared property with its depth (1 = top level), items included. */
export function walkProperties(props: readonly PropertyDef[], depth = 1, out: Walked[] = []): Walked[] {
  for (const prop of props) walkProperty(prop, depth, false, out);
  return out;
}

function walkProperty(prop: PropertyDef, depth: number, isItems: boolean, out: Walked[]): Walked[] {
  out.push({ prop, depth, isItems });
  if (prop.items) walkProperty(prop.items, depth + 1, true, out);
  if (prop.properties) walkProperties(prop.properties, depth + 1, out);
  return out;
}

/** Every named property in the registry (not array items), with the file that holds it. */
export function allNamedProperties(registry: Registry): Array<{ prop: PropertyDef; file: string; depth: number; owner: EventDef | SharedPropertyDef }> {
  const out: Array<{ prop: PropertyDef; file: string; depth: number; owner: EventDef | SharedPropertyDef }> = [];
  for (const event of registry.events) {
    for (const { prop, depth, isItems } of walkProperties(event.properties)) if (!isItems) out.push({ prop, file: event.file, depth, owner: event });
  }
  for (const shared of registry.properties) {
    for (const { prop, depth, isItems } of walkProperty(shared, 1, false, [])) if (!isItems) out.push({ prop, file: shared.file, depth, owner: shared });
  }
  return out;
}

export const loc = (l: Loc | undefined): Loc => l ?? { line: 1, column: 1 };

/** An event file for rule examples. */
export function exampleEvent(name: string, properties = '', extra = ''): string {
  return `name: ${name}\ndescription: A user did something.\nowner: growth-team\n${extra}${properties ? `properties:\n${properties}` : ''}`;
}
