import { propertyDerivedProblem } from '../naming/index.js';
import { caseProblem } from './event-name-case.js';
import { MAX_PROPERTY_NAME } from './property-name-case.js';
import { allNamedProperties, exampleEvent, type Rule } from './rule.js';

export const rule: Rule = {
  id: 'property-derived',
  description: 'Properties describe the action; they hold no derived insight, classification, counter, cumulative value, score or prediction.',
  defaultSeverity: 'error',
  docs: {
    rationale: [
      'An event is a fact at one moment. `is_power_user`, `retention_bucket`, `session_count`, `lifetime_value` or `churn_risk_score` are computed from many events with definitions that change; stored in events they freeze yesterday\'s definition and disagree with the warehouse. Facts of the action itself stay: `item_count` of this order, `order_total`, `is_private` of the project created, `nps_score` the user gave (these may warn).',
      'Durations are judged by what they measure. A length measured inside the action is a fact: `render_time_ms`, `upload_duration_ms`, `video_duration`. The length of a session or a visit is not, because a session ends only when no event follows for a while (`session_length_ms`). A countdown is computed from a state and the clock (`days_left_in_trial`: send `trial_ends_at` once), and so is the time between two events (`days_to_first_purchase`, `time_since_last_visit_s`): compute them in SQL.',
      'An analysis word before a word that points at a thing or at what the user said names an object, as in event names: `cohort_id` and `cohort_name` on `cohort_shared`, `churn_reason` on `subscription_cancelled`. The cohort of the user (`user_cohort`, `signup_cohort`) or a participle about a person (`churned_user_id`) stays a verdict.',
    ].join('\n\n'),
    bad: { 'events/order_completed.yaml': exampleEvent('order_completed', '  lifetime_value:\n    type: number\n    description: Revenue of the customer so far.\n') },
    good: { 'events/order_completed.yaml': exampleEvent('order_completed', '  order_total:\n    type: number\n    description: Total of this order.\n') },
  },
  check(ctx) {
    for (const { prop, file } of allNamedProperties(ctx.registry)) {
      if (caseProblem(prop.name, MAX_PROPERTY_NAME)) continue;
      const problem = propertyDerivedProblem(prop.name);
      if (!problem) continue;
      ctx.report({
        file, loc: prop.loc, subject: prop.name, message: problem.message,
        ...(problem.suggestion ? { suggestion: problem.suggestion } : {}),
        ...(problem.severity === 'warning' ? { severity: 'warning' as const } : {}),
      });
    }
  },
};
