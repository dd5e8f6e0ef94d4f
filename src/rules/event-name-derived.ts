import { eventNameDerivedProblem } from '../naming/index.js';
import { eventNameRule } from './naming-rule.js';
import { exampleEvent } from './rule.js';

export const rule = eventNameRule({
  id: 'event-name-derived',
  description: 'Event names hold no business logic or classification (`user_churned`, `power_user_identified`, `first_project_created`, `daily_login_count`).',
  defaultSeverity: 'error',
  docs: {
    rationale: 'Churn, cohorts, "power users", "first" and daily counts are conclusions drawn from many events; their definitions change, and the events must not. Send the raw action (`project_created`) and derive the rest in SQL.',
    bad: { 'events/first_project_created.yaml': exampleEvent('first_project_created') },
    good: { 'events/project_created.yaml': exampleEvent('project_created') },
  },
}, eventNameDerivedProblem);
