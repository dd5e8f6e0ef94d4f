import { ENVELOPE_FIELDS } from '../model.js';
import { exampleEvent, type Rule } from './rule.js';

export const rule: Rule = {
  id: 'property-reserved',
  description: `No property shadows a field of the event envelope (${ENVELOPE_FIELDS.join(', ')}).`,
  defaultSeverity: 'error',
  docs: {
    rationale: 'Every event already carries `event_id`, `event_name`, `event_time`, `user_id` and `properties`. A property with one of those names is either a copy, or a second value that contradicts the first.',
    bad: { 'events/project_created.yaml': exampleEvent('project_created', '  user_id:\n    type: string\n    description: Who created it.\n') },
    good: { 'events/project_created.yaml': exampleEvent('project_created', '  project_id:\n    type: string\n    description: The new project.\n') },
  },
  check(ctx) {
    const reserved: readonly string[] = ENVELOPE_FIELDS;
    const check = (file: string, name: string, loc: { line: number; column: number }) => {
      if (!reserved.includes(name)) return;
      ctx.report({
        file, loc, subject: name,
        message: `\`${name}\` is a field of every event's envelope; a property must not shadow it.`,
        suggestion: name === 'user_id' ? 'The envelope already has the user; for another person use a name such as `invitee_user_id`.' : `Remove it, or name what it really holds (e.g. \`source_${name}\`).`,
      });
    };
    for (const event of ctx.registry.events) for (const p of event.properties) check(event.file, p.name, p.loc);
    for (const p of ctx.registry.properties) check(p.file, p.name, p.keys.name ?? p.loc);
  },
};
