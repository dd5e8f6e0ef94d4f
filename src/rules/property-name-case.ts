import { toSnakeCase } from '../naming/index.js';
import { caseProblem } from './event-name-case.js';
import { allNamedProperties, exampleEvent, type Rule } from './rule.js';

export const MAX_PROPERTY_NAME = 64;

export const rule: Rule = {
  id: 'property-name-case',
  description: `Property names are snake_case ASCII, at most ${MAX_PROPERTY_NAME} characters, at every depth.`,
  defaultSeverity: 'error',
  docs: {
    rationale: 'Property names become columns, JSON keys and TypeScript fields. One convention means `planType`, `plan-type` and `plan_type` never exist side by side.',
    bad: { 'events/project_created.yaml': exampleEvent('project_created', '  planType:\n    type: string\n    description: Plan of the account.\n') },
    good: { 'events/project_created.yaml': exampleEvent('project_created', '  plan_type:\n    type: string\n    description: Plan of the account.\n') },
  },
  check(ctx) {
    for (const { prop, file } of allNamedProperties(ctx.registry)) {
      const why = caseProblem(prop.name, MAX_PROPERTY_NAME);
      if (!why) continue;
      const fixed = toSnakeCase(prop.name).slice(0, MAX_PROPERTY_NAME);
      ctx.report({
        file, loc: prop.loc, subject: prop.name,
        message: `The property name \`${prop.name}\` ${why}: property names are snake_case, like \`plan_type\`.`,
        ...(fixed && fixed !== prop.name ? { suggestion: `Use \`${fixed}\`.` } : {}),
      });
    }
  },
};
