// A folder of JSON Schemas, one event each; Snowplow's self-describing schemas (`self: { vendor,
// name, format, version }`, as in Iglu Central's `vendor/name/jsonschema/1-0-0`) give one event
// per vendor and name, at its latest SchemaVer, whose MODEL is the event's version.
import path from 'node:path';
import { ImportError, parseJson, type InputFile, type SourceEvent, type SourcePlan } from './index.js';
import { snakeName } from './names.js';
import type { JsonObject } from './schema.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCHEMAVER = /^([1-9]\d*)-(0|[1-9]\d*)-(0|[1-9]\d*)$/;

/** `vendor` -> team, when the config names one (else the vendor is the owner). */
export type Owners = Record<string, string>;

const compareVersions = (a: number[], b: number[]): number => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

export function readJsonSchemas(inputs: readonly InputFile[], owners: Owners = {}): SourcePlan {
  const plan: SourcePlan = { events: [], report: [] };
  const latest = new Map<string, { event: SourceEvent; ver: number[]; vendor: string; name: string }>();
  for (const input of inputs) {
    const at = `${input.path}#`;
    let doc;
    try { doc = parseJson(input); } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      plan.report.push({ kind: 'skipped', at, message: `is not valid JSON: ${e.message.replace(/^.* is not valid JSON: /, '')}` });
      continue;
    }
    if (!isObject(doc)) { plan.report.push({ kind: 'skipped', at, message: 'is not a JSON Schema (an object).' }); continue; }
    const self = doc.self;
    if (isObject(self)) {
      const { vendor, name, version, format } = self;
      const ver = typeof version === 'string' ? SCHEMAVER.exec(version) : null;
      if (typeof vendor !== 'string' || typeof name !== 'string' || !ver) {
        plan.report.push({ kind: 'skipped', at: `${at}/self`, message: '`self` needs `vendor`, `name` and a SchemaVer `version` (MODEL-REVISION-ADDITION, e.g. 1-0-0).' });
        continue;
      }
      if (format !== undefined && format !== 'jsonschema') { plan.report.push({ kind: 'skipped', at: `${at}/self/format`, message: `format ${String(format)}: only jsonschema is imported.` }); continue; }
      const key = `${vendor}/${name}`;
      const v = ver.slice(1).map(Number);
      const earlier = latest.get(key);
      if (earlier && compareVersions(v, earlier.ver) <= 0) { plan.report.push({ kind: 'merged', at, message: `${key} ${version as string}: ${earlier.event.at.replace(/#$/, '')} is a later version; only the latest is imported.` }); continue; }
      if (earlier) plan.report.push({ kind: 'merged', at: earlier.event.at, message: `${key} ${earlier.ver.join('-')}: ${input.path} is a later version; only the latest is imported.` });
      latest.set(key, {
        ver: v, vendor, name,
        event: {
          wire: name, at, root: doc, schema: doc, version: v[0]!, owner: owners[vendor] ?? vendor,
          prefixed: `${snakeName(vendor.split('.').pop()!, 'vendor')}_${name}`, qualified: key,
          ...(typeof doc.description === 'string' && doc.description ? { description: doc.description } : {}),
        },
      });
    } else {
      const title = typeof doc.title === 'string' && doc.title ? doc.title : path.basename(input.path).replace(/\.json$/i, '');
      plan.events.push({
        wire: title, at, root: doc, schema: doc, version: 1,
        ...(typeof doc.description === 'string' && doc.description ? { description: doc.description } : {}),
      });
    }
  }
  plan.events.push(...[...latest.values()].sort((a, b) => (a.event.qualified! < b.event.qualified! ? -1 : 1)).map((l) => l.event));
  return plan;
}
