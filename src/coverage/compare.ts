// Which events of the plan the code sends, and which it never does: the sends found by the ESLint
// plugin's call analysis set against the registry. Plain data in, plain data out.
import type { EventDef, EventStatus } from '../model.js';

export interface Send {
  file: string;
  line: number;
  column: number;
  /** The events it sends; undefined when the name is computed at run time. */
  names?: string[];
}

export interface Where { file: string; line: number; column: number }

export interface EventCoverage {
  name: string;
  status: EventStatus;
  owner?: string;
  replacedBy?: string;
  /** The definition file. */
  file: string;
  sends: Where[];
}

export interface CoverageResult {
  files: number;
  /** Every event of the plan, by name. */
  events: EventCoverage[];
  /** Active events no code sends (deprecated and proposed ones are not expected to be sent). */
  unused: EventCoverage[];
  /** Names the code sends that the plan does not define. */
  unknown: Array<{ name: string; sends: Where[] }>;
  /** Old names (`aliases:`) the code sends: counted as their event's sends too. */
  aliased: Array<{ name: string; event: string; sends: Where[] }>;
  /** Deprecated events the code still sends. */
  deprecated: EventCoverage[];
  /** Sends whose name is computed at run time: they may send any event. */
  dynamic: Where[];
  /** Files ESLint could not parse. */
  unparsed: Array<Where & { message: string }>;
}

const byPlace = (a: Where, b: Where): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function coverage(events: readonly EventDef[], sends: readonly Send[], files: number, unparsed: CoverageResult['unparsed'] = []): CoverageResult {
  const plan = new Map<string, EventCoverage>();
  for (const e of events) {
    if (plan.has(e.name)) continue; // a duplicate: `trackplan lint` reports it
    const c: EventCoverage = { name: e.name, status: e.status, file: e.file, sends: [] };
    if (e.owner) c.owner = e.owner;
    if (e.replacedBy) c.replacedBy = e.replacedBy;
    plan.set(e.name, c);
  }
  const aliasOf = new Map<string, EventCoverage>();
  for (const e of events) for (const alias of e.aliases ?? []) if (!plan.has(alias) && !aliasOf.has(alias)) aliasOf.set(alias, plan.get(e.name)!);
  const unknown = new Map<string, Where[]>();
  const aliased = new Map<string, Where[]>();
  const dynamic: Where[] = [];
  for (const s of sends) {
    const where = { file: s.file, line: s.line, column: s.column };
    if (!s.names) { dynamic.push(where); continue; }
    for (const name of s.names) {
      const hit = plan.get(name);
      const alias = hit ? undefined : aliasOf.get(name);
      if (hit) hit.sends.push(where);
      else if (alias) { alias.sends.push(where); aliased.set(name, [...(aliased.get(name) ?? []), where]); }
      else unknown.set(name, [...(unknown.get(name) ?? []), where]);
    }
  }
  const all = [...plan.values()].sort(byName);
  for (const e of all) e.sends.sort(byPlace);
  return {
    files,
    events: all,
    unused: all.filter((e) => e.status === 'active' && e.sends.length === 0),
    unknown: [...unknown].map(([name, at]) => ({ name, sends: at.sort(byPlace) })).sort(byName),
    aliased: [...aliased].map(([name, at]) => ({ name, event: aliasOf.get(name)!.name, sends: at.sort(byPlace) })).sort(byName),
    deprecated: all.filter((e) => e.status === 'deprecated' && e.sends.length > 0),
    dynamic: dynamic.sort(byPlace),
    unparsed: [...unparsed].sort(byPlace),
  };
}
