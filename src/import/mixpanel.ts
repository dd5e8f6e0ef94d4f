// Mixpanel Lexicon's schemas as JSON, in the shape its Lexicon Schemas API documents
// (mixpanel/docs: openapi/src/lexicon-schemas.openapi.yaml): the List Schemas response
// `{ results: [{ entityType, name, schemaJson }], status }`, the body of Create/Replace Multiple
// `{ entries: [...], truncate }`, or the list of entries alone. `schemaJson` is a JSON Schema of
// the event's properties with Mixpanel's `metadata["com.mixpanel"]` beside it (display name,
// tags, hidden, dropped, owners) and on each property (display name, hidden, dropped).
import { ImportError, parseJson, type InputFile, type SourceEvent, type SourcePlan } from './index.js';
import type { Json, JsonObject } from './schema.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const mixpanel = (o: JsonObject): JsonObject => (isObject(o.metadata) && isObject(o.metadata['com.mixpanel']) ? o.metadata['com.mixpanel'] : {});
const pointer = (...keys: Array<string | number>): string => keys.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Mixpanel's metadata the format has no place for, as `key value` for the report. */
function unheld(meta: JsonObject, keys: readonly string[]): string[] {
  return keys.flatMap((k) => (meta[k] === undefined || meta[k] === null || meta[k] === false || (Array.isArray(meta[k]) && !(meta[k] as Json[]).length) ? [] : [`${k} ${JSON.stringify(meta[k])}`]));
}

export function readMixpanel(inputs: readonly InputFile[]): SourcePlan {
  const plan: SourcePlan = { events: [], report: [] };
  for (const input of inputs) {
    const doc = parseJson(input);
    const f = input.path;
    const [list, base] = Array.isArray(doc) ? [doc, ''] : isObject(doc) && Array.isArray(doc.results) ? [doc.results, '/results'] : isObject(doc) && Array.isArray(doc.entries) ? [doc.entries, '/entries'] : [undefined, ''];
    if (!list) {
      throw new ImportError(`${f} is not Mixpanel Lexicon's schemas as JSON: expected \`results\` (the List Schemas response of the Lexicon Schemas API), \`entries\` (its upload body) or a list of \`{ entityType, name, schemaJson }\`.`);
    }
    const seen = new Map<string, string>();
    list.forEach((entry, index) => {
      const at = `${f}#${base}/${index}`;
      if (!isObject(entry) || str(entry.name) === undefined) { plan.report.push({ kind: 'skipped', at, message: 'is not a schema entry with a `name`.' }); return; }
      const name = entry.name as string;
      if (entry.entityType !== 'event') {
        plan.report.push({ kind: 'skipped', at, message: `\`${name}\` is a schema of ${typeof entry.entityType === 'string' ? `entity type \`${entry.entityType}\`` : 'no entity type'}: only events are imported (the properties of user and group profiles are not events).` });
        return;
      }
      if (!isObject(entry.schemaJson)) { plan.report.push({ kind: 'skipped', at, message: `\`${name}\` has no \`schemaJson\` (its JSON Schema): nothing to import.` }); return; }
      if (seen.has(name)) { plan.report.push({ kind: 'merged', at, message: `\`${name}\` is listed again (first at ${seen.get(name)}): only the first is imported.` }); return; }
      seen.set(name, at);
      const schemaAt = `${at}/schemaJson`;
      const { metadata: _, ...schema } = entry.schemaJson;
      const meta = mixpanel(entry.schemaJson);
      const owners = (Array.isArray(meta.owners) ? meta.owners : []).flatMap((o) => (isObject(o) && (str(o.name) ?? str(o.email)) ? [(str(o.name) ?? str(o.email))!] : []));
      const dropped = [...unheld(meta, ['displayName', 'tags', 'hidden', '$source']), ...(owners.length > 1 ? [`owners ${JSON.stringify(owners.slice(1))} (the first is the owner)`] : [])];
      if (dropped.length) plan.report.push({ kind: 'approximated', at: `${schemaAt}/metadata`, message: `${dropped.join(', ')}: the registry format has no place for ${dropped.length > 1 ? 'them' : 'it'}, dropped.` });
      if (meta.dropped === true) plan.report.push({ kind: 'approximated', at: `${schemaAt}/metadata`, message: `\`${name}\` is dropped by Mixpanel at ingestion (no data of it is kept): imported as deprecated, so that validate warns where it is still sent.` });
      if (schema.additionalProperties === true || isObject(schema.additionalProperties)) {
        plan.report.push({ kind: 'approximated', at: `${schemaAt}/additionalProperties`, message: '`additionalProperties` other than false: Mixpanel accepts properties the schema does not list; a registry event lists all of its properties, so data with others is refused. Add the ones that are sent.' });
      }
      // Each property's own metadata: what the format cannot hold is said once per event.
      const props = isObject(schema.properties) ? schema.properties : {};
      const clean: JsonObject = {};
      const perProperty: string[] = [];
      for (const [p, def] of Object.entries(props)) {
        if (!isObject(def)) { clean[p] = def; continue; }
        const { metadata: __, ...rest } = def;
        clean[p] = rest;
        const m = mixpanel(def);
        const lost = unheld(m, ['displayName', 'hidden']);
        if (lost.length) perProperty.push(`\`${p}\` ${lost.join(', ')}`);
        if (m.dropped === true) plan.report.push({ kind: 'approximated', at: `${schemaAt}/properties${pointer(p)}/metadata`, message: `property \`${p}\` is dropped by Mixpanel at ingestion: imported as any other property (the format cannot say that a property is dropped). Remove it once nothing sends it.` });
      }
      if (perProperty.length) plan.report.push({ kind: 'approximated', at: `${schemaAt}/properties`, message: `Mixpanel metadata of ${perProperty.length} propert${perProperty.length > 1 ? 'ies' : 'y'} (${perProperty.join('; ')}): the registry format has no place for it, dropped.` });
      const event: SourceEvent = {
        wire: name, at: schemaAt, root: entry.schemaJson, schema: { ...schema, properties: clean }, version: 1,
        ...(str(schema.description) ? { description: schema.description as string } : {}),
        ...(owners.length ? { owner: owners[0]! } : {}),
        ...(meta.dropped === true ? { status: 'deprecated' as const } : {}),
      };
      plan.events.push(event);
    });
  }
  return plan;
}
