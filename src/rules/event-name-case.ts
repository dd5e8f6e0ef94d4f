import { toSnakeCase } from '../naming/index.js';
import { exampleEvent, type Rule } from './rule.js';

export const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const MAX_EVENT_NAME = 64;

/** Why a name is not snake_case, or undefined when it is. Shared with property-name-case. */
export function caseProblem(name: string, max: number): string | undefined {
  if (!name) return 'is empty';
  if (name.length > max) return `is ${name.length} characters long; the limit is ${max}`;
  if (SNAKE_CASE.test(name)) return undefined;
  if (/[^\x00-\x7f]/.test(name)) return 'contains characters outside ASCII';
  if (/[A-Z]/.test(name)) return 'contains capital letters';
  if (/__|^_|_$/.test(name)) return 'has an empty word between underscores';
  if (/^[0-9]/.test(name)) return 'starts with a digit';
  return 'contains characters other than lowercase letters, digits and underscores';
}

export const rule: Rule = {
  id: 'event-name-case',
  description: `Event names are snake_case ASCII (\`${SNAKE_CASE.source}\`), at most ${MAX_EVENT_NAME} characters.`,
  defaultSeverity: 'error',
  docs: {
    rationale: 'One spelling convention means one way to type, search and join an event name. Warehouses fold case and many tools limit name length; snake_case ASCII survives every system the event passes through.',
    bad: { 'events/Project-Created.yaml': exampleEvent('Project-Created') },
    good: { 'events/project_created.yaml': exampleEvent('project_created') },
  },
  check(ctx) {
    for (const event of ctx.registry.events) {
      if (!event.name) continue;
      const why = caseProblem(event.name, MAX_EVENT_NAME);
      if (!why) continue;
      const fixed = toSnakeCase(event.name).slice(0, MAX_EVENT_NAME);
      ctx.report({
        file: event.file, loc: event.loc, subject: event.name,
        message: `The event name \`${event.name}\` ${why}: event names are snake_case, like \`project_created\`.`,
        ...(fixed && fixed !== event.name ? { suggestion: `Use \`${fixed}\`.` } : {}),
      });
    }
  },
};
