// Segment Protocols tracking plans, as JSON: the Public API (v2) shape `{ rules: [{ key, type,
// version, jsonSchema }] }`, the Config API (v1) shape `{ rules: { events: [...] } }`, and the
// `{ events: [...] }` of typewriter's local plans.
import { ImportError, parseJson, type InputFile, type SourceEvent, type SourcePlan } from './index.js';
import type { Json, JsonObject } from './schema.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const ENVELOPE = new Set(['context', 'properties', 'traits']);

/**
 * The schema of an event's properties: Segment wraps it in the whole call's schema
 * (`properties: { context, properties: {...}, traits }`) in the Config API, and sometimes in v2.
 */
export function propertiesOf(schema: JsonObject, at: string): { schema: JsonObject; at: string } {
  const top = schema.properties;
  if (isObject(top) && isObject(top.properties) && Object.keys(top).every((k) => ENVELOPE.has(k))) {
    return { schema: top.properties, at: `${at}/properties/properties` };
  }
  return { schema, at };
}

function labels(schema: JsonObject, at: string, plan: SourcePlan): void {
  if (isObject(schema.labels) && Object.keys(schema.labels).length) {
    plan.report.push({ kind: 'approximated', at: `${at}/labels`, message: `labels ${JSON.stringify(schema.labels)} were dropped: the format has no labels (an \`owner\` or the description can say it).` });
  }
}

export function readSegment(inputs: readonly InputFile[]): SourcePlan {
  const plan: SourcePlan = { events: [], report: [] };
  for (const input of inputs) {
    let doc = parseJson(input);
    if (isObject(doc) && isObject(doc.data) && 'rules' in doc.data) doc = doc.data; // a Public API response as returned
    if (isObject(doc) && isObject(doc.trackingPlan)) doc = doc.trackingPlan;
    const f = input.path;
    if (isObject(doc) && Array.isArray(doc.rules)) readV2(doc.rules, f, plan);
    else if (isObject(doc) && isObject(doc.rules) && Array.isArray(doc.rules.events)) readV1(doc.rules, '/rules', f, plan);
    else if (isObject(doc) && Array.isArray(doc.events)) readV1(doc, '', f, plan);
    else throw new ImportError(`${f} is not a Segment tracking plan: expected \`rules\` (a list, as the Public API gives it, or \`{ events }\`, as the Config API does) or \`events\`.`);
  }
  return plan;
}

function readV2(rules: Json[], file: string, plan: SourcePlan): void {
  // The highest version of each event.
  const latest = new Map<string, { rule: JsonObject; index: number }>();
  rules.forEach((rule, index) => {
    const at = `${file}#/rules/${index}`;
    if (!isObject(rule)) { plan.report.push({ kind: 'skipped', at, message: 'is not a rule (an object).' }); return; }
    const type = typeof rule.type === 'string' ? rule.type.toUpperCase() : 'TRACK';
    if (type !== 'TRACK') {
      plan.report.push({ kind: 'skipped', at, message: `${type.toLowerCase()} rule: only events (TRACK rules) are imported; traits are not events.` });
      return;
    }
    const key = typeof rule.key === 'string' ? rule.key : isObject(rule.jsonSchema) && isObject(rule.jsonSchema.eventMetadata) && typeof rule.jsonSchema.eventMetadata.name === 'string' ? rule.jsonSchema.eventMetadata.name : undefined;
    if (key === undefined || !isObject(rule.jsonSchema)) { plan.report.push({ kind: 'skipped', at, message: 'has no `key` or no `jsonSchema`.' }); return; }
    const earlier = latest.get(key);
    const version = (r: JsonObject) => (typeof r.version === 'number' ? r.version : 1);
    if (earlier && version(earlier.rule) >= version(rule)) {
      plan.report.push({ kind: 'merged', at, message: `\`${key}\` version ${version(rule)}: an older version of the event at #/rules/${earlier.index}; only the highest version is imported.` });
      return;
    }
    if (earlier) plan.report.push({ kind: 'merged', at: `${file}#/rules/${earlier.index}`, message: `\`${key}\` version ${version(earlier.rule)}: an older version of the event at #/rules/${index}; only the highest version is imported.` });
    latest.set(key, { rule, index });
  });
  for (const [key, { rule, index }] of latest) {
    const js = rule.jsonSchema as JsonObject;
    const at = `${file}#/rules/${index}/jsonSchema`;
    labels(js, at, plan);
    const { schema, at: where } = propertiesOf(js, at);
    plan.events.push({
      wire: key, at: where, root: js, schema, version: typeof rule.version === 'number' && Number.isInteger(rule.version) && rule.version >= 1 ? rule.version : 1,
      ...(typeof js.description === 'string' && js.description ? { description: js.description } : {}),
    });
  }
}

function readV1(doc: JsonObject, base: string, file: string, plan: SourcePlan): void {
  for (const key of ['identify', 'identify_traits', 'group', 'group_traits']) {
    const v = doc[key];
    if (isObject(v) && Object.keys(v).length) plan.report.push({ kind: 'skipped', at: `${file}#${base}/${key}`, message: `${key.replace('_traits', '')} traits: only events are imported; traits are not events.` });
  }
  (doc.events as Json[]).forEach((event, index) => {
    const at = `${file}#${base}/events/${index}`;
    if (!isObject(event) || typeof event.name !== 'string') { plan.report.push({ kind: 'skipped', at, message: 'is not an event with a `name`.' }); return; }
    const rules = isObject(event.rules) ? event.rules : {};
    labels(rules, `${at}/rules`, plan);
    const { schema, at: where } = propertiesOf(rules, `${at}/rules`);
    plan.events.push({
      wire: event.name, at: where, root: rules, schema,
      version: typeof event.version === 'number' && Number.isInteger(event.version) && event.version >= 1 ? event.version : 1,
      ...(typeof event.description === 'string' && event.description ? { description: event.description } : {}),
    });
  });
}

export type { SourceEvent };
