import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'yaml-syntax',
  description: 'Registry files must be readable YAML: UTF-8, well-formed, unique keys, no anchors, aliases or tags.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'A file trackplan cannot read is a file nothing downstream can trust. Registry files hold data only: anchors, aliases (which also allow "billion laughs" bombs) and tags such as `!!js/function` are refused, and a key may appear only once.',
    bad: { 'events/project_created.yaml': 'name: project_created\ndescription: A user created a project.\ndescription: Duplicate.\nowner: workspace-team\n' },
    good: { 'events/project_created.yaml': 'name: project_created\ndescription: A user created a project.\nowner: workspace-team\n' },
  },
  check(ctx) {
    for (const f of ctx.registry.files) for (const p of f.problems) if (p.ruleId === 'yaml-syntax') ctx.report(p);
  },
};
