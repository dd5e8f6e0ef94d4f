// Avo's tracking plan as JSON, the "Json Schema" payload its webhook publishes and its export API
// returns (avohq/docs: pages/publishing/publishing/webhook-publishing.mdx, pages/avoapi/
// export-tracking-plan.mdx): `{ events: [{ name, description, rules: { properties: { properties:
// <JSON Schema> }, nameMapping } }], destinations, categories }`. Segment's v1 shape with Avo's
// metadata: the names an event or property is mapped to for a destination are names data was
// sent under, so they are kept as aliases; event variants, which the format cannot hold, are
// reported and their base event imported.
import { ImportError, parseJson, type InputFile, type SourcePlan } from './index.js';
import type { Json, JsonObject } from './schema.js';
import { propertiesOf } from './segment.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** `nameMapping` (as the examples have it) or `nameMappings` (as the model table does): the mapped names. */
function mapped(o: JsonObject): string[] {
  const list = [o.nameMapping, o.nameMappings].flatMap((m) => (Array.isArray(m) ? m : []));
  return [...new Set(list.flatMap((m) => (isObject(m) && str(m.name) !== undefined ? [m.name as string] : [])))];
}

export function readAvo(inputs: readonly InputFile[]): SourcePlan {
  const plan: SourcePlan = { events: [], report: [] };
  for (const input of inputs) {
    const doc = parseJson(input);
    const f = input.path;
    if (!isObject(doc) || !Array.isArray(doc.events)) {
      throw new ImportError(`${f} is not Avo's tracking plan as JSON: expected \`events\`, a list (the "Json Schema" payload of Avo's webhook, or its export API).`);
    }
    const categories = isObject(doc.categories) ? doc.categories : {};
    const names = new Set(doc.events.flatMap((e) => (isObject(e) && str(e.name) && e.eventType !== 'variant' ? [e.name as string] : [])));
    doc.events.forEach((event, index) => {
      const at = `${f}#/events/${index}`;
      if (!isObject(event) || str(event.name) === undefined) { plan.report.push({ kind: 'skipped', at, message: 'is not an event with a `name`.' }); return; }
      const name = event.name as string;
      if (event.eventType === 'variant') {
        const variant = str(event.variantName) ?? '(unnamed)';
        plan.report.push({ kind: 'skipped', at, message: `variant "${variant}" of \`${name}\`: the format has no event variants; ${names.has(name) ? 'the base event is imported' : 'no base event is in the file, so nothing of it is imported'}. Make it an event of its own if its rules differ.` });
        return;
      }
      const rules = isObject(event.rules) ? event.rules : {};
      const { schema: wrapped, at: where } = propertiesOf(rules, `${at}/rules`);
      // Avo's own keys beside each property's JSON Schema: ids, order, name mappings.
      const props = isObject(wrapped.properties) ? wrapped.properties : {};
      const propertyAliases: Record<string, string[]> = {};
      const clean: JsonObject = {};
      for (const [p, def] of Object.entries(props)) {
        if (!isObject(def)) { clean[p] = def; continue; }
        const { nameMapping: _m, nameMappings: _ms, index: _i, ...rest } = def;
        clean[p] = rest;
        const aliases = mapped(def).filter((a) => a !== p);
        if (aliases.length) propertyAliases[p] = aliases;
      }
      const schema = { ...wrapped, properties: clean };
      const owner = Array.isArray(event.stakeholderDomains) ? event.stakeholderDomains.find((s) => isObject(s) && s.isOwner === true && str(s.name)) : undefined;
      const tags = Array.isArray(event.tags) ? event.tags.filter((t): t is string => typeof t === 'string') : [];
      const cats = Array.isArray(event.categories) ? event.categories.map((c) => (typeof c === 'string' && isObject(categories[c]) && str((categories[c] as JsonObject).name)) || c) : [];
      const dropped = [tags.length ? `tags ${JSON.stringify(tags)}` : '', cats.length ? `categories ${JSON.stringify(cats)}` : ''].filter(Boolean);
      if (dropped.length) plan.report.push({ kind: 'approximated', at, message: `${dropped.join(', ')}: the registry format has no place for ${dropped.length > 1 ? 'them' : 'it'}, dropped.` });
      const aliases = mapped(rules).filter((a) => a !== name);
      plan.events.push({
        wire: name, at: where, root: rules, schema, version: 1,
        ...(str(event.description) ? { description: event.description as string } : {}),
        ...(owner ? { owner: (owner as JsonObject).name as string } : {}),
        ...(aliases.length ? { aliases } : {}),
        ...(Object.keys(propertyAliases).length ? { propertyAliases } : {}),
      });
    });
  }
  return plan;
}
