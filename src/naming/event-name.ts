// The grammar of an event name, `<object>_<past verb>[_<particle>][_<preposition>_<complement>]`,
// and what is wrong with a name that does not fit it.
import { isAdjective, isBaseVerb, isNoun, isVerb, participle, pastOf, phrasalVerb, senseCounts, verbOfInflection } from './lexicon.js';
import type { NameProblem } from './index.js';
import {
  ANALYSIS_WORDS, AGGREGATES, AUXILIARIES, CLASSIFYING_ADJECTIVES, JUDGED, ORDINAL_NOUN_PHRASES, ORDINALS, PARTICLES, PEOPLE,
  PREPOSITIONS, STATE_NOUNS, WINDOWS, ALWAYS_CLASSES, ACTIVITIES, CLASSES, CLASSIFIED_BY, COMPUTING, GRADED, VALUE_GRADES,
} from './words.js';

/** Whether what follows the verb is `[particle][preposition complement...]`. */
function validTail(tail: readonly string[]): boolean {
  let i = 0;
  if (i < tail.length && PARTICLES.has(tail[i]!)) i++;
  if (i === tail.length) return true;
  if (!PREPOSITIONS.has(tail[i]!)) return false;
  return tail.length - i >= 2 && !PREPOSITIONS.has(tail[tail.length - 1]!);
}

/** Where the past-tense verb is (the rightmost that leaves a valid tail), or -1. */
export function verbPosition(words: readonly string[]): number {
  for (let i = words.length - 1; i >= 0; i--) {
    if (pastOf(words[i]!) !== undefined && validTail(words.slice(i + 1))) return i;
  }
  return -1;
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
      if (inflected.form === 'progressive') return { message: `${code(w)} is progressive (-ing): an event records an action that has happened. Use the past tense: ${code(fixed)}.`, fixed };
      const s = senseCounts(inflected.verb);
      // `logs in` is a verb whatever `log` mostly is: the particle says so.
      if (s.verb >= s.noun || (PARTICLES.has(tail[0] ?? '') && isVerb(`${inflected.verb}_${tail[0]}`))) {
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
  // An instruction: create_project, add_to_cart, change_form. A first word that is mostly a noun
  // (page_view) is the object instead.
  const first = words[0]!;
  const senses = senseCounts(first);
  if (isBaseVerb(first) && (!isNoun(first) || senses.verb >= senses.noun)) {
    const object = words.slice(1);
    const fixed = PREPOSITIONS.has(object[0]!) ? undefined : `${object.join('_')}_${participle(first)}`;
    return { message: `${code(name)} is an instruction (imperative), not a record of what happened. Put the object first and the verb in the past tense${fixed ? `: ${code(fixed)}` : `, e.g. ${code(`item_${participle(first)}_${object.join('_')}`)}`}.`, ...(fixed ? { fixed } : {}) };
  }
  // A word that is a verb or a noun, at the end: view, feed, load.
  for (let i = words.length - 1; i >= 1; i--) {
    const w = words[i]!;
    if (!validTail(words.slice(i + 1)) || !isBaseVerb(w)) continue;
    const past = [...words.slice(0, i), participle(w), ...words.slice(i + 1)].join('_');
    if (!isNoun(w)) return { message: `${code(w)} is present tense, not past: an event records an action that has happened. Use ${code(past)}.`, fixed: past };
    // Offer both readings; propose a name only if the verb reading dominates.
    const s = senseCounts(w);
    return {
      message: `${code(w)} is a noun or a present-tense verb, not a past-tense verb. If it is the action, use the past tense: ${code(past)}; if it is the object, add what happened to it: ${code(`${name}_<past verb>`)}.`,
      ...(s.verb > s.noun ? { fixed: past } : {}),
    };
  }
  return { message: `${code(name)} does not end with a past-tense verb. Name the object, then what happened to it: ${code('<object>_<past verb>')}, e.g. ${code('project_created')}.` };
}

export function eventNameVerbProblem(name: string): NameProblem | undefined {
  const words = name.split('_');
  if (verbPosition(words) >= 1) return undefined;
  const { message, fixed } = diagnose(name, words);
  return { message, severity: 'error', ...(fixed ? { suggestion: `Rename it to ${code(fixed)}.` } : {}) };
}

export function suggestEventName(name: string): string | undefined {
  const words = name.split('_');
  if (verbPosition(words) >= 1) return name;
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

export function eventNameDerivedProblem(name: string): NameProblem | undefined {
  const words = name.split('_');
  const tell = (message: string): NameProblem => ({ severity: 'error', message: `${message} Events record raw actions; such conclusions are computed downstream, in SQL, from the events.` });
  const analysis = words.find((w) => ANALYSIS_WORDS.has(w) || ALWAYS_CLASSES.has(w));
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
  if (klass && by) return tell(`${code(name)} is about a classification (${code(`${by} ${klass}`)}) defined downstream.`);
  const scored = words.findIndex((w) => w === 'scored' || w === 'score');
  if (scored >= 0 && words.some((w) => JUDGED.has(w) && w !== 'user' && w !== 'account' && w !== 'customer')) {
    return tell(`${code(name)} records a computed score, not an action.`);
  }
  return undefined;
}
