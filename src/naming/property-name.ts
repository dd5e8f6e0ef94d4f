// Whether a property name describes the action or analyses the user: the word classes of
// words.ts applied to the parts of a snake_case name.
import type { NameProblem } from './index.js';
import { pastOf } from './lexicon.js';
import {
  ACTIVITIES, ALWAYS_CLASSES, ANALYSIS_WORDS, ARTIFACTS, PERSONAL_ANALYSIS, CLASSES, CLASSIFIED_BY, CLASSIFYING_ADJECTIVES, JUDGED, METRIC_RATES,
  ORDINAL_NOUN_PHRASES, PEOPLE, WINDOWS,
} from './words.js';

const code = (s: string) => `\`${s}\``;
const TIMESTAMP = new Set(['at', 'date', 'time', 'ts', 'on', 'timestamp', 'day']);
const COUNTS = new Set(['count', 'counts', 'counter', 'number', 'num', 'tally', 'nb']);
/** is_/has_ adjectives that only a history can tell. */
const HISTORY_ADJECTIVES = new Set(['churned', 'dormant', 'inactive', 'returning', 'loyal', 'engaged', 'disengaged', 'power', 'whale', 'vip', 'lapsed', 'resurrected', 'reactivated', 'retained', 'frequent', 'heavy', 'repeat', 'active']);

/** Heads that point at a thing or at what the user said: cohort_id, segment_name, churn_reason. */
const REFERENCES = new Set(['id', 'ids', 'uuid', 'name', 'names', 'key', 'title', 'label', 'slug', 'url', 'reason', 'reasons', 'answer', 'feedback', 'comment', 'note', 'text']);
const TIME_UNITS = new Set(['days', 'weeks', 'months', 'hours', 'minutes', 'years']);
/** How long something lasted: session_length, visit_duration, engagement_time. */
const DURATIONS = new Set(['length', 'duration', 'time', 'span', 'seconds', 'secs', 'minutes', 'mins', 'hours']);
/**
 * Spans that exist only once events are grouped: a session or a visit ends after some minutes
 * with no event, engagement and dwell time are the gaps between events. The length of an upload
 * or a render is measured inside the action; the length of a session is not.
 */
const SPANS = new Set(['session', 'sessions', 'visit', 'visits', 'engagement', 'dwell', 'inactivity', 'idle', 'absence']);
/** What a countdown runs to, with `to`: days to expiry, hours to renewal. */
const DEADLINES = new Set(['expiry', 'expiration', 'expire', 'renewal', 'renew', 'end', 'deadline', 'due', 'cancellation', 'churn']);
/** Activities a time-to measures up to: time to convert, days to first purchase. */
const MILESTONES = new Set([...ACTIVITIES, 'convert', 'activate', 'activation', 'upgrade', 'onboard', 'onboarding', 'subscribe']);
/** Qualifiers of a value not yet observed; with a value about the user they make a forecast. */
const FORECASTING = new Set(['expected', 'projected', 'estimated', 'potential', 'likely', 'anticipated']);
const FORECAST_TARGETS = new Set(['revenue', 'value', 'ltv', 'clv', 'spend', 'churn', 'conversion', 'lifetime', 'arr', 'mrr', 'sales', 'profit', 'income', 'purchases', 'orders', 'retention', 'upgrade']);

const memo = new Map<string, NameProblem | null>();

export function propertyDerivedProblem(name: string): NameProblem | undefined {
  let p = memo.get(name);
  if (p === undefined) {
    p = judge(name, name.split('_')) ?? null;
    memo.set(name, p);
  }
  return p ?? undefined;
}

function judge(name: string, w: string[]): NameProblem | undefined {
  const has = (set: Set<string>) => w.find((x) => set.has(x));
  const error = (why: string, fix: string): NameProblem => ({
    severity: 'error',
    message: `${code(name)} ${why}. Properties describe this action; values computed over many events are derived downstream, in SQL.`,
    suggestion: fix,
  });
  const joined = `_${name}_`;

  // A word that points at a thing (an id, a name) or at what the user said (a reason) makes the
  // analysis word before it the name of an object: the cohort being shared, the churn reason
  // picked. A participle still classifies a person: churned_user_id.
  const refersTo = REFERENCES.has(w[w.length - 1]!);
  const analysis = w.find((x, i) => ANALYSIS_WORDS.has(x) && (PERSONAL_ANALYSIS.has(x) || !ARTIFACTS.has(w[i + 1] ?? ''))
    && !(refersTo && i < w.length - 1 && pastOf(x) === undefined));
  if (analysis) return error(`is derived: ${code(analysis)} is a conclusion drawn from many events`, 'Remove it; compute it in the warehouse.');

  if (['is', 'has', 'was', 'are', 'were'].includes(w[0]!) && w.length >= 2) {
    const adj = w[1]!;
    if (['first', 'last', 'second', 'repeat', 'nth'].includes(adj) && w.length >= 3) {
      return error(`depends on the user's history (is it the ${adj} ${w.slice(2).join(' ')}?)`, 'Remove it; find first and repeat occurrences in SQL.');
    }
    if (HISTORY_ADJECTIVES.has(adj) && (w.length === 2 ? adj !== 'active' : true) || (CLASSIFYING_ADJECTIVES.has(adj) && PEOPLE.has(w[2] ?? ''))) {
      return error(`classifies the user (${code(w.slice(1).join('_'))}) from their history`, 'Remove it; derive the classification in SQL from the events.');
    }
  }
  for (let i = 0; i + 1 < w.length; i++) {
    if (CLASSIFYING_ADJECTIVES.has(w[i]!) && PEOPLE.has(w[i + 1]!) && w[i] !== 'new' && w[i] !== 'existing') {
      return error(`classifies the user (${code(`${w[i]}_${w[i + 1]}`)})`, 'Remove it; derive the classification in SQL from the events.');
    }
  }

  if (/_(to_date|so_far|all_time|ltd|running_total|since_signup)_/.test(joined) || w.includes('since') || w.includes('ago') || w.includes('tenure')
    || /_age_(seconds|minutes|hours|days|weeks|months|years)_/.test(joined)) {
    return error('is a cumulative or elapsed value over the user\'s history', 'Send the facts of this action; compute running totals and durations in SQL.');
  }
  // A countdown is computed from a state and a clock: days left in the trial, hours to renewal.
  const countdown = w.some((x, i) => TIME_UNITS.has(x) && x !== 'minutes' && (['left', 'remaining', 'until', 'till'].includes(w[i + 1] ?? '')
    || ['left', 'remaining'].includes(w[i - 1] ?? '') || (w[i + 1] === 'to' && DEADLINES.has(w[i + 2] ?? ''))
    || (w[i - 1] === 'in' && (DEADLINES.has(w[i - 2] ?? '') || w[i - 2] === 'expires' || w[i - 2] === 'ends'))));
  if (countdown) return error(`is a countdown, computed from the state of a plan or a trial and today's date`, 'Send the end date once (e.g. `trial_ends_at`) and compute what is left in SQL.');
  const span = w.find((x, i) => SPANS.has(x) && DURATIONS.has(w[i + 1] ?? ''));
  if (span) {
    return error(`is the length of a ${span}, which is measured across many events (a ${span} ends when no event follows for a while)`, 'Remove it; compute session and visit lengths in SQL from the events\' timestamps.');
  }
  // The time between two events: time to convert, days to first purchase.
  const to = w.findIndex((x, i) => (DURATIONS.has(x) || TIME_UNITS.has(x)) && ['to', 'between', 'until'].includes(w[i + 1] ?? ''));
  if (to >= 0 && w.slice(to + 2).some((x) => MILESTONES.has(x))) {
    return error(`is the time between two events (${code(w.slice(to).join('_'))})`, 'Remove it; compute it in SQL from the two events\' timestamps.');
  }
  if (['first', 'last', 'latest', 'earliest', 'nth', 'second', 'third', 'recent', 'most'].includes(w[0]!) && w.length >= 2 && !ORDINAL_NOUN_PHRASES.has(w[1]!)
    && (TIMESTAMP.has(w[w.length - 1]!) || ACTIVITIES.has(w[1]!) || ['seen', 'active', 'touch', 'used', 'visited', 'logged', 'purchased', 'ordered'].includes(w[1]!))) {
    return error(`depends on the user's history (the ${w[0]} occurrence)`, 'Remove it; find first and last occurrences in SQL.');
  }

  // Days active, a login streak, expected revenue: computed over the user's history or forecast.
  if ((w.includes('active') || w.includes('activity')) && w.some((x) => TIME_UNITS.has(x))) {
    return error('counts periods of activity over the user\'s history', 'Remove it; compute activity in SQL.');
  }
  if (w.includes('streak') || w.includes('streaks')) return error('is a streak, a running count over the user\'s history', 'Remove it; compute streaks in SQL.');
  if ((w.includes('at') && w[w.indexOf('at') + 1] === 'risk') || w[w.length - 1] === 'risk') {
    return error('is a risk estimate, a model\'s conclusion about the user', 'Remove it; estimate risk downstream.');
  }
  if (FORECASTING.has(w[0]!) && w.slice(1).some((x) => FORECAST_TARGETS.has(x))) {
    return error(`is a forecast (${code(w[0]!)})`, 'Remove it; forecast downstream.');
  }
  const windowWord = has(WINDOWS);
  const count = has(COUNTS);
  const activity = has(ACTIVITIES);
  if (windowWord && (count || activity || w.includes('total') || w.includes('active') || w.includes('unique'))) {
    return error(`is an aggregate over a period (${code(windowWord)})`, 'Remove it; aggregate the events in SQL.');
  }
  // What is counted is the word next to the counter: session_count, number_of_logins; in
  // search_results_count it is the results of this search, a fact.
  const at = count ? w.indexOf(count) : -1;
  const counted = at < 0 ? undefined : at > 0 && at === w.length - 1 ? w[at - 1] : w[at + 1] === 'of' ? w[at + 2] : w[at + 1] ?? w[at - 1];
  if (count && counted && ACTIVITIES.has(counted)) {
    return error(`counts past activity (${code(counted)})`, 'Remove it; count the events in SQL.');
  }
  if (w[0] === 'total' && activity) return error(`is a cumulative count of ${code(activity)}`, 'Remove it; count the events in SQL.');
  const aggregate = w.find((x) => ['avg', 'average', 'mean', 'median', 'stddev', 'p50', 'p90', 'p95', 'p99'].includes(x));
  if (aggregate) return error(`is an aggregate (${code(aggregate)}) over many events`, 'Send the value of this action; average in SQL.');
  if (w[w.length - 1] === 'rate' && w.length >= 2 && METRIC_RATES.has(w[w.length - 2]!)) {
    return error(`is a funnel or retention metric (${code(name)})`, 'Remove it; compute rates in SQL.');
  }

  if (w.includes('score') || w.includes('scoring')) {
    const judged = w.find((x) => JUDGED.has(x));
    if (judged) return error(`is a computed score (${code(judged)})`, 'Remove it; score users downstream.');
    return { severity: 'warning', message: `${code(name)} is a score: fine when the user gave it in this action (an NPS answer, a quiz result); derived if it is computed about the user.`, suggestion: 'If it is computed, remove it and score downstream.' };
  }
  const always = w.find((x, i) => ALWAYS_CLASSES.has(x) && !(refersTo && i < w.length - 1));
  if (always) return error(`is a classification (${code(always)}) defined downstream`, 'Remove it; assign classes in SQL.');
  const klass = w.find((x) => CLASSES.has(x));
  const by = w.find((x) => CLASSIFIED_BY.has(x) && x !== klass);
  // A player's or a user's level is a fact of a game; a risk or activity level is a verdict.
  if (klass && by && !(klass === 'level' && PEOPLE.has(by))) {
    return error(`classifies by ${code(by)} (${code(klass)}), which is derived from history`, 'Remove it; assign classes in SQL.');
  }
  if (count) {
    return { severity: 'warning', message: `${code(name)} is a count: fine when it counts things in this action (items in this order); derived if it counts events over time.`, suggestion: 'Make sure it describes this action only.' };
  }
  return undefined;
}
