import path from 'node:path';
import type { EventDef } from '../model.js';
import { exampleEvent, type Rule } from './rule.js';

/** Case and separators do not make two events different: `app_opened` is `AppOpened`. */
export const eventKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export const rule: Rule = {
  id: 'duplicate-event',
  description: 'Each event is defined once, also across case and separators (`app_opened` and `AppOpened` are one event).',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Two definitions of one action split its data in two: dashboards count half of it, and warehouses get two tables. Names that differ only by case or separators are the same event to a reader, and to most analytics tools.',
    bad: { 'events/app_opened.yaml': exampleEvent('app_opened'), 'events/nested/app_opened.yaml': exampleEvent('app_opened') },
    good: { 'events/app_opened.yaml': exampleEvent('app_opened') },
  },
  check(ctx) {
    const first = new Map<string, EventDef>();
    for (const event of ctx.registry.events) {
      if (!event.name) continue;
      const key = eventKey(event.name);
      const earlier = first.get(key);
      if (!earlier) { first.set(key, event); continue; }
      const where = path.relative(ctx.registry.root, earlier.file);
      ctx.report({
        file: event.file, loc: event.loc, subject: event.name,
        message: earlier.name === event.name
          ? `The event \`${event.name}\` is already defined in ${where}.`
          : `The event \`${event.name}\` is the same as \`${earlier.name}\` (${where}): names that differ only in case or separators are one event.`,
        suggestion: 'Keep one definition; give a genuinely different action a different name.',
      });
    }
  },
};
