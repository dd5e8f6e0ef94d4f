import { eventNameStateProblem } from '../naming/index.js';
import { eventNameRule } from './naming-rule.js';
import { exampleEvent } from './rule.js';

export const rule = eventNameRule({
  id: 'event-name-state',
  description: 'Event names describe an action, not a state (`is_active_user`, `user_status`, `subscription_active`).',
  defaultSeverity: 'error',
  docs: {
    rationale: 'A state is true for a stretch of time; an event happens once. States are derived downstream from the events that change them (`subscription_started`, `subscription_cancelled`), never sent as events. The rule reads the places of the name: an auxiliary at the start or before the rest (`is_active_user`, `user_is_active`), a state noun at the end (status, state, flag, mode, health: `user_status`), or an adjective where the past-tense verb belongs (`subscription_active`).',
    bad: { 'events/subscription_active.yaml': exampleEvent('subscription_active') },
    good: { 'events/subscription_started.yaml': exampleEvent('subscription_started') },
  },
}, eventNameStateProblem);
