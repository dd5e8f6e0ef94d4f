import path from 'node:path';
import { closest } from '../text.js';
import { exampleEvent, walkProperties, type Rule } from './rule.js';

export const rule: Rule = {
  id: 'schema',
  description: 'Definitions must fit the registry format and must not contradict themselves.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Every event and property must say something a JSON Schema, a type and a validator can enforce: known keys and types, constraints that fit the type and can be met (as igluctl checks), known formats, valid patterns, and `$ref`s to shared properties that exist. A free-form `object` without `properties` or an `array` without `items` is accepted with a warning: nothing about its content can be checked.',
    bad: { 'events/project_created.yaml': exampleEvent('project_created', '  project_name:\n    type: string\n    descriptoin: Name of the project.\n    minLength: 10\n    maxLength: 3\n') },
    good: { 'events/project_created.yaml': exampleEvent('project_created', '  project_name:\n    type: string\n    description: Name of the project.\n    minLength: 1\n    maxLength: 80\n') },
  },
  check(ctx) {
    const { registry } = ctx;
    for (const f of registry.files) for (const p of f.problems) if (p.ruleId === 'schema') ctx.report(p);
    const freeForm = (file: string, props: Parameters<typeof walkProperties>[0]) => {
      for (const { prop } of walkProperties(props)) {
        if (prop.type === 'object' && !prop.properties) {
          ctx.report({ file, loc: prop.keys.type ?? prop.loc, subject: prop.name, severity: 'warning', message: `\`${prop.name}\` is a free-form object: nothing about its content can be checked.`, suggestion: 'Declare its `properties`.' });
        }
        if (prop.type === 'array' && !prop.items) {
          ctx.report({ file, loc: prop.keys.type ?? prop.loc, subject: prop.name, severity: 'warning', message: `\`${prop.name}\` is an array without \`items\`: its elements cannot be checked.`, suggestion: 'Declare `items` with a type.' });
        }
      }
    };
    for (const e of registry.events) freeForm(e.file, e.properties);
    for (const p of registry.properties) freeForm(p.file, [p]);
  },
  checkRegistry(ctx) {
    const shared = new Map<string, string>();
    for (const { file, index: { defines } } of ctx.files) {
      if (defines?.kind !== 'property') continue;
      const first = shared.get(defines.name);
      if (first === undefined) { shared.set(defines.name, file); continue; }
      ctx.report({ file, loc: defines, subject: defines.name, message: `The shared property \`${defines.name}\` is defined twice (also in ${path.relative(ctx.root, first)}).`, suggestion: 'Keep one definition.' });
    }
    const events = new Set(ctx.files.flatMap(({ index: { defines } }) => (defines?.kind === 'event' ? [defines.name] : [])));
    for (const { file, index: { defines } } of ctx.files) {
      const next = defines?.replacedBy;
      if (!next || events.has(next.name)) continue;
      const guess = closest(next.name, [...events]);
      ctx.report({
        file, loc: next, subject: defines.name,
        message: `\`replaced_by: ${next.name}\` names no event in the registry.`,
        suggestion: guess ? `Did you mean \`${guess}\`?` : 'Name the event that replaces this one, or remove `replaced_by`.',
      });
    }
    const names = [...shared.keys()];
    for (const { file, index: { uses } } of ctx.files) {
      for (const [name, line, column, , how, ref] of uses) {
        if (how !== 'ref' || shared.has(ref)) continue;
        const guess = closest(ref, names);
        ctx.report({
          file, loc: { line, column }, subject: name,
          // A URL or a path is never followed: nothing in a registry is fetched or read but its files.
          message: /^[a-z][a-z0-9_]*$/.test(ref)
            ? `\`$ref: ${ref}\` names no shared property (registry/properties/${ref}.yaml does not exist).`
            : `\`$ref: ${ref}\` is not the name of a shared property: \`$ref\` takes a name from registry/properties/, never a URL or a path.`,
          suggestion: guess ? `Did you mean \`${guess}\`?` : `Create registry/properties/${ref}.yaml or define the property here.`,
        });
      }
    }
  },
};
