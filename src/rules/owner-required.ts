import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'owner-required',
  description: 'Every event names the team that answers for it.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'When an event breaks, changes or should be removed, someone must decide. The owner is who reviewers ask, and who the pull-request summary names.',
    bad: { 'events/project_created.yaml': 'name: project_created\ndescription: A user created a project.\n' },
    good: { 'events/project_created.yaml': 'name: project_created\ndescription: A user created a project.\nowner: workspace-team\n' },
  },
  check(ctx) {
    for (const e of ctx.registry.events) {
      if (!e.owner || !e.owner.trim()) ctx.report({ file: e.file, loc: e.keys.owner ?? e.loc, subject: e.name, message: `The event \`${e.name}\` has no owner.`, suggestion: 'Add `owner:` with the team that answers for it, e.g. `owner: growth-team`.' });
    }
  },
};
