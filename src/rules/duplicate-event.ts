import path from 'node:path';
import { exampleEvent, type Rule } from './rule.js';

/** Case and separators do not make two events different: `app_opened` is `AppOpened`. */
export const eventKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export const rule: Rule = {
  id: 'duplicate-event',
  description: 'Each event is defined once, also across case and separators (`app_opened` and `AppOpened` are one event), and each alias names one event only.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Two definitions of one action split its data in two: dashboards count half of it, and warehouses get two tables. Names that differ only by case or separators are the same event to a reader, and to most analytics tools.',
    bad: { 'events/app_opened.yaml': exampleEvent('app_opened'), 'events/nested/app_opened.yaml': exampleEvent('app_opened') },
    good: { 'events/app_opened.yaml': exampleEvent('app_opened') },
  },
  checkRegistry(ctx) {
    const first = new Map<string, { name: string; file: string; line: number; column: number }>();
    // Aliases are wire names, matched exactly as data sends them (`Event Collided` may be an alias
    // while `event_collided` is another event's name); each may mean one event only.
    const exact = new Map<string, { event: string; file: string; alias: boolean }>();
    for (const { file, index: { defines } } of ctx.files) {
      if (defines?.kind !== 'event') continue;
      if (!exact.has(defines.name)) exact.set(defines.name, { event: defines.name, file, alias: false });
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
    for (const { file, index: { defines } } of ctx.files) {
      if (defines?.kind !== 'event') continue;
      for (const alias of defines.aliases ?? []) {
        const other = exact.get(alias.name);
        if (!other) { exact.set(alias.name, { event: defines.name, file, alias: true }); continue; }
        if (other.event === defines.name && other.file === file) continue;
        ctx.report({
          file, loc: alias, subject: defines.name,
          message: `The alias \`${alias.name}\` of \`${defines.name}\` is already ${other.alias ? `an alias of \`${other.event}\`` : 'the name of an event'} (${path.relative(path.dirname(ctx.root), other.file).split(path.sep).join('/')}): data sent under it could not tell which event it is.`,
          suggestion: 'Keep the alias on one event only.',
        });
      }
    }
  },
};
