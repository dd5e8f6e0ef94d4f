import { eventNameDerivedProblem } from '../naming/index.js';
import { eventNameRule } from './naming-rule.js';
import { exampleEvent } from './rule.js';

export const rule = eventNameRule({
  id: 'event-name-derived',
  description: 'Event names hold no business logic or classification (`user_churned`, `power_user_identified`, `first_project_created`, `daily_login_count`).',
  defaultSeverity: 'error',
  docs: {
    rationale: [
      'Churn, cohorts, "power users", "first" and daily counts are conclusions drawn from many events; their definitions change, and the events must not. Send the raw action (`project_created`) and derive the rest in SQL.',
      'The rule reads a name by its grammar, `<object>_<verb>[_<particle>][_<preposition>_<complement>]`, and judges a word by its place in it:',
      [
        '- **An analysis word in the object, before a plain action, is the thing acted on.** A cohort, a segment or a funnel the user built, a lifetime license, a churn reason the user picked: `cohort_shared`, `segment_deleted`, `funnel_created`, `lifetime_license_activated` and `churn_reason_selected` pass. The same word is a verdict when it qualifies a person (`churned_user_emailed`) or a measure (`lifetime_value_updated`), when it comes after the verb (`user_added_to_cohort`), or when the verb classifies or computes (`cohort_assigned`, `churn_risk_detected`, `ltv_calculated`).',
        '- **Verbs that record something that did not happen are conclusions.** `form_abandoned` means a `form_started` had no `form_submitted` after it: record those two and compute abandonment in SQL. Bounce, lapse and drop off said of a person or a visit are concluded from inactivity (`visit_bounced`, `user_lapsed`); said of a thing they are facts (`push_notification_bounced`: the server returned it; `trial_lapsed`: it ended on its date). So is a person or a visit said to have become idle, dormant or inactive (`user_went_idle`, `user_became_inactive`), while `file_made_public` is what someone did.',
        '- **A change of a quantity that exists only summed over many events is a chart, not an action.** Usage, revenue, traffic, a streak, a login count or a conversion rate do not act: `usage_spiked`, `health_score_dropped` and `login_streak_broken` fail. Which verbs change a value comes from WordNet (its senses of changing magnitude or state and of ending: drop, rise, increase, decline, break), plus the sharp changes WordNet lacks (spike, surge, plummet). A price or a file may change or drop: `file_dropped` passes.',
        '- **Attribution is a model.** Crediting an amount, or crediting anything to a campaign or a channel (`revenue_credited_to_campaign`), is decided downstream; the attribution verbs are those whose main WordNet sense is "attribute or credit to". `points_credited_to_wallet` is accounting and passes.',
        '- **Classes, ordinals and periods.** A class defined downstream (`loyalty_tier_changed`), an occurrence in the user\'s history (`first_project_created`) or a metric over a period (`daily_login_count`) are derived too.',
      ].join('\n'),
    ].join('\n\n'),
    bad: { 'events/first_project_created.yaml': exampleEvent('first_project_created') },
    good: { 'events/project_created.yaml': exampleEvent('project_created') },
  },
}, eventNameDerivedProblem);
