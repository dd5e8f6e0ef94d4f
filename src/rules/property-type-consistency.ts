import path from 'node:path';
import { exampleEvent, type Rule } from './rule.js';

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
  checkRegistry(ctx) {
    const shared = new Map<string, string | undefined>();
    for (const { index: { defines } } of ctx.files) if (defines?.kind === 'property') shared.set(defines.name, defines.signature);

    // First the meanings of each name, counted without a record per use (there are one or more
    // per property of every event); then the uses of the names with two meanings or more.
    const meanings = new Map<string, Set<string>>();
    const meaning = (name: string, sig: string) => {
      const set = meanings.get(name);
      if (set) set.add(sig);
      else meanings.set(name, new Set([sig]));
    };
    for (const { index: { defines, uses } } of ctx.files) {
      if (defines?.kind === 'property' && defines.signature) meaning(defines.name, defines.signature);
      for (const [name, , , depth, how, value] of uses) {
        if (depth !== 1) continue; // nested names are scoped by the object that holds them
        const sig = how === 'signature' ? value : shared.get(value);
        if (sig) meaning(name, sig);
      }
    }
    const mixed = new Set([...meanings].filter(([, sigs]) => sigs.size > 1).map(([name]) => name));
    if (mixed.size === 0) return;

    interface Use { file: string; owner: string; line: number; column: number; sig: string; isShared: boolean }
    const byName = new Map<string, Use[]>();
    const add = (name: string, use: Use) => {
      const list = byName.get(name);
      if (list) list.push(use);
      else byName.set(name, [use]);
    };
    for (const { file, index: { defines, uses } } of ctx.files) {
      if (defines?.kind === 'property' && defines.signature && mixed.has(defines.name)) add(defines.name, { file, owner: defines.name, line: defines.line, column: defines.column, sig: defines.signature, isShared: true });
      for (const [name, line, column, depth, how, value] of uses) {
        if (depth !== 1 || !mixed.has(name)) continue;
        const sig = how === 'signature' ? value : shared.get(value);
        if (sig) add(name, { file, owner: defines?.name ?? path.basename(file), line, column, sig, isShared: false });
      }
    }
    for (const [name, uses] of byName) {
      const counts = new Map<string, number>();
      for (const u of uses) counts.set(u.sig, (counts.get(u.sig) ?? 0) + 1);
      if (counts.size < 2) continue;
      // The shared definition, else the most common meaning, is the reference; the others differ.
      const reference = uses.find((u) => u.isShared)?.sig ?? [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
      const example = uses.find((u) => u.sig === reference)!;
      for (const u of uses) {
        if (u.sig === reference) continue;
        ctx.report({
          file: u.file, loc: u, subject: name,
          message: `\`${name}\` is ${u.sig} here but ${reference} in \`${example.owner}\` (${path.relative(ctx.root, example.file)}): one name must mean one thing.`,
          suggestion: shared.has(name) ? `Use \`${name}: { $ref: ${name} }\`.` : `Define it once in properties/${name}.yaml and use \`$ref: ${name}\`, or give a different meaning a different name.`,
        });
      }
    }
  },
};
