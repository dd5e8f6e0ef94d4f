import { allNamedProperties, type Rule } from './rule.js';

export const rule: Rule = {
  id: 'description-required',
  description: 'Every event and every property has a description.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'The description is how an analyst a year from now knows what the data means and when it is sent. It becomes the JSDoc of the generated types and the description of the JSON Schema.',
    bad: { 'events/project_created.yaml': 'name: project_created\nowner: workspace-team\n' },
    good: { 'events/project_created.yaml': 'name: project_created\ndescription: A user created a project.\nowner: workspace-team\n' },
  },
  check(ctx) {
    const blank = (s: string | undefined) => !s || !s.trim();
    for (const e of ctx.registry.events) {
      if (blank(e.description)) ctx.report({ file: e.file, loc: e.keys.description ?? e.loc, subject: e.name, message: `The event \`${e.name}\` has no description.`, suggestion: 'Add `description:` saying what happened and when it is sent.' });
    }
    for (const { prop, file } of allNamedProperties(ctx.registry)) {
      if (prop.ref === undefined && blank(prop.description)) {
        ctx.report({ file, loc: prop.keys.description ?? prop.loc, subject: prop.name, message: `The property \`${prop.name}\` has no description.`, suggestion: 'Add `description:` saying what the value is.' });
      }
    }
  },
};
