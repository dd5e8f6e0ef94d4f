// The grammar of an event name, `<object>_<past verb>[_<particle>][_<preposition>_<complement>]`,
// and what is wrong with a name that does not fit it.
import { isAdjective, isBaseVerb, takesAdjective, isNoun, isVerb, nounDominates, participle, pastOf, phrasalVerb, reading, unknownPastOf, verbAncestry, verbDominates, verbOfInflection } from './lexicon.js';
import type { NameProblem } from './index.js';
import {
  ANALYSIS_WORDS, ARTIFACTS, PERSONAL_ANALYSIS, AGGREGATES, AUXILIARIES, CLASSIFYING_ADJECTIVES, JUDGED, ORDINAL_NOUN_PHRASES, ORDINALS, PARTICLES, PEOPLE,
  PREPOSITIONS, STATE_NOUNS, STRANDED, WINDOWS, ALWAYS_CLASSES, ACTIVITIES, CLASSES, CLASSIFIED_BY, COMPUTING, GRADED, VALUE_GRADES,
  CLASSIFYING_VERBS, DERIVED_QUANTITIES, INFERRED_FROM_ABSENCE, MARKETING_SOURCES, MEASURES, SETBACKS, SHARP_CHANGES, VISITS,
} from './words.js';

/**
 * Whether what follows the verb is `[particle][preposition complement...]`, or, after `verb`,
 * one adjective that says what the verb made of the object or what it became: a word that is only
 * an adjective (task_marked_complete), or any adjective after a verb WordNet gives such a frame
 * (file_made_public, user_went_idle).
 */
function validTail(tail: readonly string[], verb?: string): boolean {
  if (verb && tail.length === 1 && isAdjective(tail[0]!) && !PARTICLES.has(tail[0]!) && !PREPOSITIONS.has(tail[0]!)
    && (!isNoun(tail[0]!) || takesAdjective(verb))) return true;
  let i = 0;
  if (i < tail.length && PARTICLES.has(tail[i]!)) i++;
  if (i === tail.length) return true;
  // A prepositional verb may end the name: comment_replied_to, thread_subscribed_to.
  if (i === tail.length - 1 && STRANDED.has(tail[i]!)) return true;
  if (!PREPOSITIONS.has(tail[i]!)) return false;
  return tail.length - i >= 2 && !PREPOSITIONS.has(tail[tail.length - 1]!);
}

/** Where the past-tense verb is (the rightmost that leaves a valid tail), or -1. */
export function verbPosition(words: readonly string[], isPast: (w: string) => unknown = pastOf): number {
  for (let i = words.length - 1; i >= 0; i--) {
    const verb = isPast(words[i]!);
    if (verb !== undefined && validTail(words.slice(i + 1), typeof verb === 'string' ? verb : undefined)) return i;
  }
  return -1;
}

/** Noun classes of things and measures: `news_feed`, `page_speed`, `server_load` name one. */
const THING_CLASSES = new Set(['artifact', 'food', 'time', 'attribute', 'quantity', 'substance', 'plant', 'animal', 'body', 'object', 'shape', 'relation', 'person', 'state', 'possession', 'location', 'group']);
const MEASURE_CLASSES = new Set(['time', 'attribute', 'quantity', 'food', 'state', 'substance', 'plant', 'animal', 'body']);

/**
 * Whether a word that is both a noun and a verb clearly means the action in the verb slot of a
 * name, so that its past tense is a safe fix: `view`, `play` and `launch` are acts as nouns
 * too; `feed` (food), `speed` (a rate) and `seed` (a plant part) are things, and `news_fed`
 * would be wrong. WordNet's first noun sense is the most frequent one.
 */
function clearlyAction(word: string): boolean {
  if (!isNoun(word)) return true;
  const r = reading(word);
  // An abstract noun (view: cognition, play: communication) is the action when it has an act
  // sense or is not mostly a noun; `page_title` is not `page_titled`.
  if (!r.firstNounClass || !THING_CLASSES.has(r.firstNounClass)) return r.nounIsAct || !nounDominates(word);
  return verbDominates(word) && r.nounIsAct && !MEASURE_CLASSES.has(r.firstNounClass);
}

/**
 * `create_project` is an instruction, `file_upload` an object with a present verb: when the first
 * and the last word are both verbs, the one that is only a verb, or else the one whose verb
 * reading dominates against a noun-dominant other, is the action.
 */
function readsAsImperative(first: string, last: string): boolean {
  if (!isNoun(first)) return true;
  if (!isNoun(last)) return false;
  return verbDominates(first) && !verbDominates(last);
}

const code = (s: string) => `\`${s}\``;

/** A noun made from a verb: creation -> create, payment -> pay, removal -> remove. */
function verbOfNoun(word: string): string | undefined {
  for (const [suffix, repl] of [['ation', 'ate'], ['ation', ''], ['ation', 'e'], ['ition', 'ite'], ['tion', 'te'], ['ion', ''], ['ion', 'e'], ['ment', ''], ['al', ''], ['al', 'e'], ['ance', ''], ['ence', ''], ['ure', 'e'], ['ure', '']] as const) {
    if (!word.endsWith(suffix)) continue;
    const verb = word.slice(0, -suffix.length) + repl;
    if (verb.length >= 3 && isVerb(verb)) return verb;
  }
  return undefined;
}

interface Diagnosis { message: string; fixed?: string }

function diagnose(name: string, words: string[]): Diagnosis {
  const last = words[words.length - 1]!;

  // A past verb with nothing before it: what was signed up, created?
  if (pastOf(words[0]!) !== undefined && validTail(words.slice(1))) {
    return { message: `${code(name)} says what happened but not to what: put the object first, e.g. ${code(`user_${name}`)}.` };
  }
  if (words.length === 1) {
    const phrasal = phrasalVerb(last);
    if (phrasal) return { message: `${code(name)} is a noun. Name the object and the action in the past tense, e.g. ${code(`user_${participle(phrasal.verb)}_${phrasal.particle}`)}.` };
    if (isVerb(last)) return { message: `${code(name)} is a single word. Name the object, then the action in the past tense, e.g. ${code(`item_${participle(last)}`)}.` };
    return { message: `${code(name)} names a thing, not an action. Name the object, then what happened to it in the past tense, e.g. ${code(`${name}_completed`)}.` };
  }
  // Forms that can only be a verb or a noun made of one: playing, logs in, creation, login.
  for (let i = words.length - 1; i >= 1; i--) {
    const w = words[i]!;
    const tail = words.slice(i + 1);
    if (!validTail(tail)) continue;
    const before = words.slice(0, i), after = words.slice(i + 1);
    const inflected = verbOfInflection(w);
    if (inflected) {
      const fixed = [...before, participle(inflected.verb), ...after].join('_');
      if (inflected.form === 'progressive' && isNoun(w) && !clearlyAction(w)) {
        return { message: `${code(w)} is a noun or a progressive (-ing) verb, not a past-tense verb. If it is the action, use the past tense: ${code(fixed)}; if it is the object, add what happened to it: ${code(`${name}_<past verb>`)}.` };
      }
      if (inflected.form === 'progressive') return { message: `${code(w)} is progressive (-ing): an event records an action that has happened. Use the past tense: ${code(fixed)}.`, fixed };
      // `logs in` is a verb whatever `log` mostly is: the particle says so. Else a plural noun
      // (`search_results`) is the likelier reading unless the verb dominates.
      if ((verbDominates(inflected.verb) && clearlyAction(inflected.verb)) || (PARTICLES.has(tail[0] ?? '') && isVerb(`${inflected.verb}_${tail[0]}`))) {
        return { message: `${code(w)} is present tense: an event records an action that has happened. Use the past tense: ${code(fixed)}.`, fixed };
      }
      return { message: `${code(w)} is a plural noun or a present-tense verb, not a past-tense verb. If it is the action, use the past tense: ${code(fixed)}; if it is the object, add what happened to it: ${code(`${name}_<past verb>`)}.` };
    }
    const phrasal = i === words.length - 1 ? phrasalVerb(w) : undefined;
    if (phrasal) {
      const fixed = [...before, participle(phrasal.verb), phrasal.particle].join('_');
      return { message: `${code(w)} is a noun, not a past-tense verb. Name the action that happened: ${code(fixed)}.`, fixed };
    }
    const verb = isVerb(w) ? undefined : verbOfNoun(w);
    if (verb) {
      const fixed = [...before, participle(verb), ...after].join('_');
      return { message: `${code(w)} is a noun. Name the action that happened, with a past-tense verb: ${code(fixed)}.`, fixed };
    }
  }
  // The verb slot: the rightmost base verb that leaves a valid tail (view in page_view).
  let slot = -1;
  for (let i = words.length - 1; i >= 1 && slot < 0; i--) {
    if (validTail(words.slice(i + 1)) && isBaseVerb(words[i]!)) slot = i;
  }
  const verbAt = slot >= 1 ? words[slot]! : undefined;
  // A name ending in a state noun is the state rule's to explain (plan_state is not "state the plan").
  const stateNoun = STATE_NOUNS.has(last);

  // An instruction: create_project, add_to_cart, change_form.
  const first = words[0]!;
  if (isBaseVerb(first) && !stateNoun) {
    const imperative = verbAt ? readsAsImperative(first, verbAt) : !nounDominates(first);
    const object = words.slice(1);
    if (imperative) {
      const fixed = PREPOSITIONS.has(object[0]!) ? undefined : `${object.join('_')}_${participle(first)}`;
      return { message: `${code(name)} is an instruction (imperative), not a record of what happened. Put the object first and the verb in the past tense${fixed ? `: ${code(fixed)}` : `, e.g. ${code(`item_${participle(first)}_${object.join('_')}`)}`}.`, ...(fixed ? { fixed } : {}) };
    }
    if (!verbAt) {
      // view_item: `view` is mostly a noun, but read as the action the fix is plain.
      return { message: `${code(name)} does not end with a past-tense verb. If ${code(first)} is the action, put it last, in the past tense: ${code(`${object.join('_')}_${participle(first)}`)}.` };
    }
  }
  // A word that is a verb or a noun in the verb slot: view, feed, load.
  if (verbAt && !stateNoun) {
    const past = [...words.slice(0, slot), participle(verbAt), ...words.slice(slot + 1)].join('_');
    if (!isNoun(verbAt)) return { message: `${code(verbAt)} is present tense, not past: an event records an action that has happened. Use ${code(past)}.`, fixed: past };
    // Offer both readings; propose a name only where the verb reading is clear.
    return {
      message: `${code(verbAt)} is a noun or a present-tense verb, not a past-tense verb. If it is the action, use the past tense: ${code(past)}; if it is the object, add what happened to it: ${code(`${name}_<past verb>`)}.`,
      ...(clearlyAction(verbAt) ? { fixed: past } : {}),
    };
  }
  return { message: `${code(name)} does not end with a past-tense verb. Name the object, then what happened to it: ${code('<object>_<past verb>')}, e.g. ${code('project_created')}.` };
}

export function eventNameVerbProblem(name: string): NameProblem | undefined {
  const words = name.split('_');
  if (verbPosition(words) >= 1) return undefined;
  const guessed = verbPosition(words, unknownPastOf);
  if (guessed >= 1) {
    const w = words[guessed]!;
    return { severity: 'warning', message: `${code(w)} is not in the dictionary. If it is the past tense of a verb, the name is fine; if not, name the action that happened with a past-tense verb, e.g. ${code(`${words.slice(0, guessed).join('_')}_updated`)}.` };
  }
  const { message, fixed } = diagnose(name, words);
  return { message, severity: 'error', ...(fixed ? { suggestion: `Rename it to ${code(fixed)}.` } : {}) };
}

export function suggestEventName(name: string): string | undefined {
  const words = name.split('_');
  if (verbPosition(words) >= 1 || verbPosition(words, unknownPastOf) >= 1) return name;
  return diagnose(name, words).fixed;
}

export function eventNameStateProblem(name: string): NameProblem | undefined {
  const words = name.split('_');
  const aux = words.findIndex((w, i) => AUXILIARIES.has(w) && (i === 0 || ['is', 'are', 'was', 'were', 'am', 'has', 'have', 'had', 'been', 'being'].includes(w)));
  if (aux >= 0) {
    return { severity: 'error', message: `${code(name)} describes a state ("${words[aux]} ..."), not an action. Record the action that changed it instead, e.g. ${code('subscription_started')} or ${code('user_activated')}.` };
  }
  const last = words[words.length - 1]!;
  if (STATE_NOUNS.has(last)) {
    return { severity: 'error', message: `${code(name)} names a state (${last}), not an action. Record the action that changed it, e.g. ${code(`${name}_changed`)}.` };
  }
  if (verbPosition(words) < 0 && isAdjective(last) && !isVerb(last) && pastOf(last) === undefined && !PARTICLES.has(last) && !PREPOSITIONS.has(last)) {
    return { severity: 'error', message: `${code(name)} describes a state (${last}), not an action. Record the action that made it so, e.g. ${code(`${words.slice(0, -1).join('_') || 'account'}_started`)}.` };
  }
  return undefined;
}

/** A name read by its grammar: `<object words>_<verb>[_<particle>][_<preposition>_<complement>]`. */
/** `result`: the adjective after the verb, what the object was made or became (went idle). */
interface Parts { object: string[]; head: string; verb: string; particle?: string; complement: string[]; result?: string }

function parts(words: readonly string[]): Parts | undefined {
  const at = verbPosition(words);
  const verb = at >= 1 ? pastOf(words[at]!) : undefined;
  if (!verb) return undefined;
  const tail = words.slice(at + 1);
  const particle = PARTICLES.has(tail[0] ?? '') && !(PREPOSITIONS.has(tail[0]!) && tail.length > 1) ? tail.shift() : undefined;
  const result = !particle && tail.length === 1 && !STRANDED.has(tail[0]!) ? tail[0] : undefined;
  return { object: words.slice(0, at), head: words[at - 1]!, verb, ...(particle ? { particle } : {}), complement: tail.slice(1), ...(result ? { result } : {}) };
}

const isPerson = (word: string) => PEOPLE.has(word) || (isNoun(word) && reading(word).firstNounClass === 'person');
/** A quantity summed or judged over many events: usage, revenue, a streak, a login count, a conversion rate. */
const derivedQuantity = (p: Parts) => DERIVED_QUANTITIES.has(p.head) || (p.head.endsWith('s') && ACTIVITIES.has(p.head))
  || (MEASURES.has(p.head) && p.object.slice(0, -1).some((w) => DERIVED_QUANTITIES.has(w) || ACTIVITIES.has(w) || ANALYSIS_WORDS.has(w)));

/**
 * Whether a verb, in its common WordNet senses, changes a value rather than acting on a thing:
 * a change of magnitude (drop, rise, grow, increase, extend) or of state (decline, worsen), an
 * end (break, interrupt, end), WordNet's own `change` (change, alter, modify), a sharp change.
 */
function changesValue(verb: string): boolean {
  if (SHARP_CHANGES.has(verb) || SETBACKS.has(verb)) return true;
  const senses = verbAncestry(verb);
  if (senses.some((s) => s.has('change_magnitude') || s.has('increase') || s.has('decrease') || s.has('change_state'))) return true;
  const first = senses[0];
  return !!first && (first.has('end') || first.has('terminate') || verbAncestry('change', 1)[0]!.has(verb));
}

/** Verbs with a common WordNet sense of "attribute or credit to": credit, attribute, ascribe, assign. */
const attributes = (verb: string) => verbAncestry(verb).some((s) => s.has('ascribe'));

/** A verb that only acts on its object: shared, created, selected, deleted; not assigned, changed, detected. */
const plainAction = (p: Parts) => !CLASSIFYING_VERBS.has(p.verb) && !COMPUTING.has(participle(p.verb)) && !changesValue(p.verb)
  && !INFERRED_FROM_ABSENCE.has(p.verb) && !attributes(p.verb);

/** Verbs that record a conclusion rather than something that happened, read with their subject. */
function inferredEvent(name: string, p: Parts): NameProblem | undefined {
  const problem = (message: string, suggestion: string): NameProblem => ({ severity: 'error', message, suggestion });
  const object = p.object.join('_');
  if (p.verb === 'abandon') {
    const done = p.head === 'form' || p.head === 'survey' || p.head === 'application' ? 'submitted' : 'completed';
    return problem(`${code(name)} records something that did not happen: abandoning is concluded when a ${code(`${object}_started`)} has no ${code(`${object}_${done}`)} after it.`,
      `Record ${code(`${object}_started`)} and ${code(`${object}_${done}`)}, and compute abandonment in SQL.`);
  }
  // An email or a push bounces when the server returns it, a fact; a visit or a visitor
  // bounces when no second page follows, a conclusion. A trial lapses on a date; a user lapses
  // when they stop coming back.
  const aboutActivity = isPerson(p.head) || VISITS.has(p.head) || (p.verb !== 'bounce' && ACTIVITIES.has(p.head));
  if ((p.verb === 'bounce' || p.verb === 'lapse' || p.verb === 'idle' || (p.verb === 'drop' && p.particle === 'off')) && aboutActivity) {
    const what = p.verb === 'bounce' ? 'a bounce is concluded when nothing follows the first page'
      : `${p.verb === 'drop' ? 'dropping off' : p.verb === 'idle' ? 'idling' : 'lapsing'} is concluded from a time with no activity`;
    return problem(`${code(name)} records something that did not happen: ${what}.`,
      `Record what the user did (${code('page_viewed')}, ${code('session_started')}) and find ${p.verb === 'bounce' ? 'bounces' : 'inactive users'} in SQL.`);
  }
  // Went idle, became inactive: the state a person or their activity is said to be in is read
  // off their history (a time with nothing in it, a classification); nothing was done.
  if (p.result && (INFERRED_FROM_ABSENCE.has(p.result) || CLASSIFYING_ADJECTIVES.has(p.result) || PERSONAL_ANALYSIS.has(p.result)) && aboutActivity) {
    return problem(`${code(name)} records a conclusion, not an action: that ${code(object)} became ${code(p.result)} is read off a history of events (or of their absence).`,
      `Record what was done (${code('session_started')}, ${code('page_viewed')}) and find ${p.result} ${isPerson(p.head) ? 'users' : `${object.replace(/_/g, ' ')}s`} in SQL.`);
  }
  // page_viewed_daily: how often something happens is counted over a period.
  if (p.result && WINDOWS.has(p.result)) {
    const period = ({ hourly: 'hour', daily: 'day', nightly: 'night', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year', annually: 'year', annual: 'year' } as Record<string, string>)[p.result];
    return problem(`${code(name)} is a metric over a period (${code(p.result)}), not an action.`,
      `Record ${code(`${object}_${participle(p.verb)}`)} each time it happens, and count it ${period ? `per ${period}` : 'over the period'} in SQL.`);
  }
  if (SHARP_CHANGES.has(p.verb) || (derivedQuantity(p) && changesValue(p.verb))) {
    const made = p.object.slice(0, -1).find((w) => ACTIVITIES.has(w));
    return problem(`${code(name)} records a change of ${code(object)}, a quantity summed or judged over many events: no one did it.`,
      `Record the actions it is made of${made ? ` (each ${made})` : ''} as events, and chart ${code(object)} in SQL.`);
  }
  // Crediting an amount (revenue) or crediting anything to a campaign is a model; one install
  // reported as attributed by the attribution partner (Segment's `Install Attributed`) is its event.
  if ((DERIVED_QUANTITIES.has(p.head) || p.complement.some((w) => MARKETING_SOURCES.has(w))) && attributes(p.verb)) {
    return problem(`${code(name)} is attribution: which campaign or channel gets credit for ${code(object)} is a model applied downstream.`,
      `Record ${code(object)} with the source it came from (a \`utm_campaign\` property), and attribute in SQL.`);
  }
  return undefined;
}

/**
 * Whether an analysis or class word in the object is the thing acted on: a cohort or a segment
 * the user built and shared, a lifetime license, a churn reason picked. In the object before a
 * plain action it is an object, unless it qualifies a person (a churned user) or a measure (the
 * lifetime value). After the verb (added to a cohort) or with a classifying verb it is a verdict.
 */
function actedOn(p: Parts, word: string, at: number): boolean {
  if (at >= p.object.length || !plainAction(p)) return false;
  // As the head, only a class the user builds (a cohort, a persona) is a thing; a metric (`mrr_updated`) is not.
  if (at === p.object.length - 1) return ALWAYS_CLASSES.has(word);
  return !isPerson(p.head) && !derivedQuantity(p) && !measureNoun(p.head);
}

/** A noun whose main WordNet sense is a quantity: amount, total. */
const measureNoun = (word: string) => isNoun(word) && reading(word).firstNounClass === 'quantity';

export function eventNameDerivedProblem(name: string): NameProblem | undefined {
  const words = name.split('_');
  const tell = (message: string): NameProblem => ({ severity: 'error', message: `${message} Events record raw actions; such conclusions are computed downstream, in SQL, from the events.` });
  const p = parts(words);
  const inferred = p && inferredEvent(name, p);
  if (inferred) return inferred;
  const analysis = words.find((w, i) => (ANALYSIS_WORDS.has(w) || ALWAYS_CLASSES.has(w))
    && (PERSONAL_ANALYSIS.has(w) || !ARTIFACTS.has(words[i + 1] ?? '')) && !(p && actedOn(p, w, i)));
  // at_risk_user_flagged: being at risk is a model's conclusion.
  const atRisk = words.findIndex((w, i) => w === 'at' && words[i + 1] === 'risk');
  if (atRisk >= 0) return tell(`${code(name)} holds business logic: being ${code('at_risk')} is a conclusion drawn from many events, not an action.`);
  if (analysis) return tell(`${code(name)} holds business logic: ${code(analysis)} is a conclusion drawn from many events, not an action.`);
  for (let i = 0; i + 1 < words.length; i++) {
    if (CLASSIFYING_ADJECTIVES.has(words[i]!) && PEOPLE.has(words[i + 1]!) && words[i] !== 'new' && words[i] !== 'existing') {
      return tell(`${code(name)} classifies people (${code(`${words[i]}_${words[i + 1]}`)}), which is derived from their history.`);
    }
  }
  const ordinal = words.findIndex((w, i) => ORDINALS.has(w) && i + 1 < words.length && !ORDINAL_NOUN_PHRASES.has(words[i + 1]!) && i < Math.max(1, verbPosition(words)));
  if (ordinal >= 0 && ['first', 'last', 'second', 'third', 'nth', 'latest', 'earliest', 'repeat'].includes(words[ordinal]!)) {
    return tell(`${code(name)} says which occurrence this is (${code(words[ordinal]!)}), which depends on the user's history. Send ${code(words.filter((_, i) => i !== ordinal).join('_'))} and find the ${words[ordinal]} one in SQL.`);
  }
  const windowWord = words.find((w) => WINDOWS.has(w));
  const aggregate = words.find((w) => (AGGREGATES.has(w) && w !== 'number') || COMPUTING.has(w));
  if (windowWord && (aggregate || words.some((w) => PEOPLE.has(w)))) {
    return tell(`${code(name)} is a metric over a period (${code(windowWord)}${aggregate ? `, ${code(aggregate)}` : ''}), not an action.`);
  }
  // A count of past activity (logins, sessions) or of people is a metric; `seat_count_changed` is not.
  const counting = words.find((w) => ['count', 'counts', 'counted', 'counter', 'tally', 'tallied'].includes(w));
  if (counting && words.some((w) => ACTIVITIES.has(w) || PEOPLE.has(w))) return tell(`${code(name)} is a count (${code(counting)}) of activity, not an action.`);
  for (let i = 0; i + 1 < words.length; i++) {
    if (VALUE_GRADES.has(words[i]!) && GRADED.has(words[i + 1]!)) {
      return tell(`${code(name)} classifies by a threshold (${code(`${words[i]}_${words[i + 1]}`)}) that is defined downstream.`);
    }
  }
  const klass = words.find((w) => CLASSES.has(w));
  const by = words.find((w) => CLASSIFIED_BY.has(w) && w !== klass);
  // A player's or a user's level is a fact of a game; a risk or activity level is a verdict.
  if (klass && by && !(klass === 'level' && PEOPLE.has(by))) return tell(`${code(name)} is about a classification (${code(`${by} ${klass}`)}) defined downstream.`);
  const scored = words.findIndex((w) => w === 'scored' || w === 'score');
  if (scored >= 0 && words.some((w) => JUDGED.has(w) && w !== 'user' && w !== 'account' && w !== 'customer')) {
    return tell(`${code(name)} records a computed score, not an action.`);
  }
  return undefined;
}
