import path from 'node:path';
import type { PropertyDef, Registry } from '../model.js';
import { allNamedProperties, exampleEvent, type Rule } from './rule.js';

/** What a property means, as far as data is concerned: its type and, if any, its values. */
function signature(prop: PropertyDef, shared: Map<string, PropertyDef>): string | undefined {
  const def = prop.ref !== undefined ? shared.get(prop.ref) : prop;
  if (!def?.type) return undefined;
  const itemType = def.type === 'array' && def.items?.type ? ` of ${def.items.type}` : '';
  const values = def.enum ? ` with values ${[...def.enum].map(String).sort().join(', ')}` : '';
  return `${def.type}${itemType}${values}`;
}

export const rule: Rule = {
  id: 'property-type-consistency',
  description: 'One property name means one thing: the same name has the same type and values in every event.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Warehouses and analysts join events on property names. `plan_type` as text in one event and as a number in another, or with other values, breaks every query that reads both. Define it once as a shared property and refer to it with `$ref`.',
    bad: {
      'events/user_signed_up.yaml': exampleEvent('user_signed_up', '  plan_type:\n    type: string\n    enum: [free, pro]\n    description: Plan chosen.\n'),
      'events/plan_upgraded.yaml': exampleEvent('plan_upgraded', '  plan_type:\n    type: integer\n    description: Plan chosen.\n'),
    },
    good: {
      'properties/plan_type.yaml': 'name: plan_type\ntype: string\nenum: [free, pro]\ndescription: Plan of the account.\n',
      'events/user_signed_up.yaml': exampleEvent('user_signed_up', '  plan_type: { $ref: plan_type }\n'),
      'events/plan_upgraded.yaml': exampleEvent('plan_upgraded', '  plan_type: { $ref: plan_type, required: true }\n'),
    },
  },
  check(ctx) {
    const { registry } = ctx;
    const shared = new Map(registry.properties.map((p) => [p.name, p as PropertyDef]));
    const byName = new Map<string, Array<{ sig: string; file: string; prop: PropertyDef; owner: string }>>();
    for (const { prop, file, depth, owner } of allNamedProperties(registry)) {
      if (depth !== 1) continue; // nested names are scoped by the object that holds them
      const sig = signature(prop, shared);
      if (sig === undefined) continue;
      const list = byName.get(prop.name) ?? [];
      list.push({ sig, file, prop, owner: owner.name });
      byName.set(prop.name, list);
    }
    for (const [name, uses] of byName) {
      const counts = new Map<string, number>();
      for (const u of uses) counts.set(u.sig, (counts.get(u.sig) ?? 0) + 1);
      if (counts.size < 2) continue;
      // The shared definition, else the most common meaning, is the reference; the rest differ.
      const reference = uses.find((u) => shared.get(name) && registry.properties.some((p) => p.file === u.file))?.sig
        ?? [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
      const example = uses.find((u) => u.sig === reference)!;
      for (const u of uses) {
        if (u.sig === reference) continue;
        ctx.report({
          file: u.file, loc: u.prop.keys.type ?? u.prop.keys.enum ?? u.prop.loc, subject: name,
          message: `\`${name}\` is ${u.sig} here but ${reference} in \`${example.owner}\` (${rel(registry, example.file)}): one name must mean one thing.`,
          suggestion: shared.has(name) ? `Use \`${name}: { $ref: ${name} }\`.` : `Define it once in properties/${name}.yaml and use \`$ref: ${name}\`, or give a different meaning a different name.`,
        });
      }
    }
  },
};

const rel = (registry: Registry, file: string) => path.relative(registry.root, file);
