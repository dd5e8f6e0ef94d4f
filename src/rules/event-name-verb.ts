import { eventNameVerbProblem } from '../naming/index.js';
import { eventNameRule } from './naming-rule.js';
import { exampleEvent } from './rule.js';

export const rule = eventNameRule({
  id: 'event-name-verb',
  description: 'Event names read `<object>_<past-tense verb>[_<particle>][_<preposition>_<complement>]`: `project_created`, `user_signed_up`, `product_added_to_wishlist`.',
  defaultSeverity: 'error',
  docs: {
    rationale: 'An event records an action that has happened. Object first, then a past-tense verb, makes every name say what happened to what, sorts events by object, and rules out imperatives (`create_project`), present tense (`user_logs_in`), progressive (`video_playing`) and nouns (`page_view`, `login_success`). Verb forms come from an English lexicon (WordNet and a list of irregular verbs), not from a suffix test: `news_feed` and `page_speed` are nouns; `invite_sent` and `password_reset` are past forms. The verb is the rightmost past-tense word that only a particle (`up`, `in`, `out`) and a complement opened by a preposition (`to_cart`, `as_spam`) follow, or one adjective that says what the action made of the object (`file_made_public`, `task_marked_complete`: a word that is only an adjective, or any adjective after a verb that WordNet gives a frame with an adjective, such as make, turn, go and become); the words before it are the object, which `event-name-derived` reads by their place.',
    bad: { 'events/create_project.yaml': exampleEvent('create_project') },
    good: { 'events/project_created.yaml': exampleEvent('project_created') },
  },
}, eventNameVerbProblem);
