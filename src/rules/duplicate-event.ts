import path from 'node:path';
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
  checkRegistry(ctx) {
    const first = new Map<string, { name: string; file: string; line: number; column: number }>();
    for (const { file, index: { defines } } of ctx.files) {
      if (defines?.kind !== 'event') continue;
      const key = eventKey(defines.name);
      const earlier = first.get(key);
      if (!earlier) { first.set(key, { name: defines.name, file, line: defines.line, column: defines.column }); continue; }
      // Both places: this diagnostic is at the later one, its message names the first.
      const where = `${path.relative(path.dirname(ctx.root), earlier.file).split(path.sep).join('/')}:${earlier.line}:${earlier.column}`;
      ctx.report({
        file, loc: defines, subject: defines.name,
        message: earlier.name === defines.name
          ? `The event \`${defines.name}\` is already defined in ${where}.`
          : `The event \`${defines.name}\` is the same as \`${earlier.name}\` (${where}): names that differ only in case or separators are one event.`,
        suggestion: 'Keep one definition; give a genuinely different action a different name.',
      });
    }
  },
};
