import path from 'node:path';
import { toSnakeCase } from '../naming/index.js';
import { caseProblem, MAX_EVENT_NAME } from './event-name-case.js';
import { exampleEvent, type Rule } from './rule.js';

export const rule: Rule = {
  id: 'file-name',
  description: 'A definition lives in a file named after it: events/<name>.yaml, properties/<name>.yaml.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'One event per file, named after the event, makes an event easy to find, makes a pull request show which events it touches, and lets git detect renames.',
    bad: { 'events/new_project.yaml': exampleEvent('project_created') },
    good: { 'events/project_created.yaml': exampleEvent('project_created') },
  },
  check(ctx) {
    const defs = [
      ...ctx.registry.events.map((d) => ({ name: d.name, file: d.file, loc: d.loc })),
      ...ctx.registry.properties.map((d) => ({ name: d.name, file: d.file, loc: d.keys.name ?? d.loc })),
    ];
    for (const { name, file, loc } of defs) {
      const base = path.basename(file).replace(/\.ya?ml$/i, '');
      if (!name || base === name) continue;
      ctx.report({
        file, loc, subject: name,
        message: `The name \`${name}\` differs from the file name \`${path.basename(file)}\`.`,
        suggestion: fix(name, base),
      });
    }
  },
};

/** Only fixes to a name the case rules accept: `ProjectCreated` is offered as neither file nor name. */
function fix(name: string, base: string): string {
  const good = (n: string) => n !== '' && caseProblem(n, MAX_EVENT_NAME) === undefined;
  if (good(name) && good(base)) return `Rename the file to ${name}.yaml, or set \`name: ${base}\`.`;
  if (good(name)) return `Rename the file to ${name}.yaml.`;
  if (good(base)) return `Set \`name: ${base}\`.`;
  const snake = toSnakeCase(name);
  return good(snake) ? `Set \`name: ${snake}\` and rename the file to ${snake}.yaml.` : 'Give the definition a snake_case name and its file the same name.';
}
