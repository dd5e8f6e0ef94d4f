// Word classes the naming rules share. General vocabulary of English and of analytics, never a
// list of event names: the rules are judged on names nobody has written yet.

/** Adverbs that complete a phrasal verb: signed up, logged in, hung up, opted out. */
export const PARTICLES = new Set(['up', 'down', 'in', 'out', 'on', 'off', 'back', 'over', 'away', 'through', 'around', 'along', 'about', 'forward', 'ahead', 'apart', 'aside', 'together', 'again']);

/** Prepositions that open a complement after the verb: added to cart, marked as spam. */
export const PREPOSITIONS = new Set(['to', 'from', 'into', 'onto', 'as', 'for', 'with', 'by', 'via', 'at', 'in', 'on', 'of', 'under', 'over', 'between', 'within', 'without', 'after', 'before', 'during', 'against', 'per', 'through', 'across', 'toward', 'towards', 'upon', 'off', 'inside', 'outside', 'behind', 'beyond', 'near', 'about', 'among', 'around', 'than', 'until']);

/** Prepositions a prepositional verb leaves at the end of a name: replied to, subscribed to. */
export const STRANDED = new Set(['to', 'for', 'with', 'on', 'at', 'from', 'into', 'onto', 'about', 'upon']);

/** Auxiliaries and copulas: a name built on them states how things are, not what happened. */
export const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'am', 'be', 'been', 'being', 'has', 'have', 'had', 'does', 'do', 'did', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must']);

/** Nouns that name a state or a standing value rather than an action. */
export const STATE_NOUNS = new Set(['status', 'state', 'flag', 'condition', 'health', 'mode', 'standing']);

/** Concepts that only exist as conclusions drawn over many events. */
export const ANALYSIS_WORDS = new Set([
  'churn', 'churned', 'churning', 'churner', 'churners', 'cohort', 'cohorts', 'retention', 'ltv', 'clv', 'cltv', 'arpu', 'arppu', 'mrr', 'arr', 'dau', 'wau', 'mau',
  'engagement', 'propensity', 'likelihood', 'probability', 'prediction', 'predicted', 'forecast', 'forecasted', 'segmentation',
  'persona', 'decile', 'percentile', 'quartile', 'quintile', 'cumulative', 'lifetime', 'stickiness', 'virality', 'retained',
  'aov', 'arpa', 'arpdau', 'nrr', 'ndr', 'grr', 'cac', 'roas', 'inactivity', 'dormancy', 'segmented', 'recency',
]);

/**
 * Things made for people, which an analysis word may merely name: a retention offer is accepted,
 * a churn survey submitted, an engagement email sent. Acting on them is an action like any other.
 */
export const ARTIFACTS = new Set([
  'email', 'emails', 'offer', 'offers', 'survey', 'surveys', 'report', 'reports', 'campaign', 'campaigns', 'message', 'messages',
  'notification', 'notifications', 'push', 'sms', 'dashboard', 'dashboards', 'chart', 'charts', 'modal', 'banner', 'popup',
  'prompt', 'page', 'screen', 'flow', 'discount', 'coupon', 'promo', 'promotion', 'form', 'tab', 'widget', 'link', 'export',
  'template', 'playbook', 'workflow', 'journey', 'tool', 'feature', 'setting', 'settings', 'filter', 'view', 'tutorial', 'guide',
]);

/** Analysis words that are about the person whatever follows: churned, retained, lifetime. */
export const PERSONAL_ANALYSIS = new Set(['churned', 'churning', 'churner', 'churners', 'retained', 'cumulative', 'lifetime', 'predicted', 'forecasted', 'segmented']);

/** Qualifiers that classify a person by their history: power user, returning visitor, dormant account. */
export const CLASSIFYING_ADJECTIVES = new Set(['power', 'returning', 'inactive', 'active', 'dormant', 'loyal', 'engaged', 'disengaged', 'churned', 'lapsed', 'repeat', 'frequent', 'occasional', 'heavy', 'casual', 'whale', 'vip', 'valuable', 'new', 'existing', 'resurrected', 'reactivated', 'retained', 'risky', 'qualified', 'unqualified', 'hot', 'cold', 'warm']);

/** Who the classifying adjectives classify. */
export const PEOPLE = new Set(['user', 'users', 'customer', 'customers', 'member', 'members', 'visitor', 'visitors', 'account', 'accounts', 'buyer', 'buyers', 'player', 'players', 'subscriber', 'subscribers', 'lead', 'leads', 'client', 'clients', 'shopper', 'shoppers', 'reader', 'readers', 'viewer', 'viewers', 'learner', 'learners']);

/** Words that make a modifier ordinal over a history: the first project, the last login. */
export const ORDINALS = new Set(['first', 'last', 'second', 'third', 'nth', 'latest', 'earliest', 'initial', 'final', 'newest', 'oldest', 'previous', 'prior', 'recent', 'repeat']);

/** After an ordinal, these make it an ordinary noun phrase, not a position in a history. */
export const ORDINAL_NOUN_PHRASES = new Set(['name', 'names', 'party', 'aid', 'person', 'page', 'step', 'item', 'line', 'letter', 'digits', 'four', 'mile', 'class', 'half', 'quarter', 'hand', 'round', 'option', 'choice', 'slide']);

/** Time windows: an aggregate over a period. */
export const WINDOWS = new Set(['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'annual', 'annually', 'hourly', 'nightly', 'mtd', 'ytd', 'wtd', 'qtd', 'l7d', 'l28d', 'l30d', 'l90d', '7d', '14d', '28d', '30d', '60d', '90d', 'rolling', 'trailing']);

/** Aggregates: what a count or a sum over many events produces. */
export const AGGREGATES = new Set(['count', 'counts', 'counted', 'counter', 'tally', 'total', 'totals', 'sum', 'summed', 'average', 'averaged', 'avg', 'mean', 'median', 'unique', 'uniques', 'distinct', 'number', 'num', 'rate', 'ratio', 'aggregate', 'aggregated', 'rollup', 'active']);

/** Things that happen many times to one person: counting them is analysis. */
export const ACTIVITIES = new Set([
  'session', 'sessions', 'visit', 'visits', 'login', 'logins', 'signin', 'signins', 'event', 'events', 'pageview', 'pageviews', 'view', 'views', 'page_view', 'page_views',
  'click', 'clicks', 'open', 'opens', 'order', 'orders', 'purchase', 'purchases', 'transaction', 'transactions', 'action', 'actions', 'interaction', 'interactions',
  'use', 'uses', 'usage', 'activity', 'activities', 'download', 'downloads', 'play', 'plays', 'play_count', 'booking', 'bookings', 'trip', 'trips', 'game', 'games',
  'message', 'messages', 'post', 'posts', 'comment', 'comments', 'search', 'searches', 'day', 'days', 'week', 'weeks', 'month', 'months', 'time', 'times',
  'conversion', 'conversions', 'impression', 'impressions', 'install', 'installs', 'launch', 'launches', 'signup', 'signups', 'payment', 'payments', 'referral', 'referrals',
]);

/** Model outputs and judgements: a score of these is computed, not observed. */
export const JUDGED = new Set(['engagement', 'churn', 'risk', 'lead', 'health', 'propensity', 'activity', 'loyalty', 'intent', 'fraud', 'credit', 'value', 'quality', 'relevance', 'affinity', 'satisfaction_prediction', 'rfm', 'priority', 'trust', 'spam', 'toxicity', 'sentiment', 'predicted', 'ai', 'ml', 'model', 'propensity', 'retention', 'conversion', 'upsell', 'expansion', 'fit', 'account', 'customer', 'user']);

/** Rates of these are funnel or retention metrics, not facts of one action. */
export const METRIC_RATES = new Set(['conversion', 'churn', 'retention', 'bounce', 'click', 'clickthrough', 'ctr', 'open', 'growth', 'engagement', 'completion', 'success', 'failure', 'error', 'response', 'activation', 'adoption', 'attrition', 'return', 'repeat', 'renewal', 'drop', 'dropoff', 'abandonment', 'cancellation', 'usage']);

/** Classification heads: a position on a scale someone defined downstream. */
export const CLASSES = new Set(['cohort', 'segment', 'tier', 'bucket', 'band', 'cluster', 'persona', 'decile', 'percentile', 'quartile', 'quintile', 'grade', 'rank', 'ranking', 'stage', 'classification', 'level']);

/** Heads that are classes in their own right, whatever qualifies them. */
export const ALWAYS_CLASSES = new Set(['cohort', 'bucket', 'persona', 'decile', 'percentile', 'quartile', 'quintile']);

/** What a classification head is about when it classifies a person's history. */
export const CLASSIFIED_BY = new Set(['risk', 'churn', 'engagement', 'value', 'ltv', 'loyalty', 'activity', 'usage', 'user', 'customer', 'rfm', 'retention', 'signup', 'lifecycle', 'spend', 'spender', 'buyer', 'visitor', 'lead', 'health', 'maturity', 'propensity', 'behavior', 'behaviour', 'behavioral', 'behavioural', 'recency', 'frequency', 'tenure', 'age', 'acquisition', 'activation', 'cohort', 'intent']);

/** Verbs of computation: a metric being computed is not something a user did. */
export const COMPUTING = new Set(['calculated', 'computed', 'aggregated', 'summarized', 'summarised', 'rolled', 'counted', 'tallied', 'recomputed', 'recalculated']);

/** Thresholds on a scale defined downstream: high-value order, top spender, low intent. */
export const VALUE_GRADES = new Set(['high', 'low', 'top', 'bottom', 'big', 'small', 'heavy', 'light', 'medium', 'mid']);
export const GRADED = new Set(['value', 'spend', 'spender', 'spenders', 'intent', 'risk', 'engagement', 'usage', 'ltv', 'potential', 'priority_user', 'propensity', 'tier', 'volume_user']);

/**
 * Verbs that record nothing the user or the system did, only what an analyst concludes when
 * something did not happen: a form is abandoned when no submit follows its start, a visit bounces
 * when no second page follows, a user lapses or drops off when they stop coming back.
 */
export const INFERRED_FROM_ABSENCE = new Set(['abandon', 'bounce', 'lapse', 'churn', 'idle']);

/**
 * Sharp changes of a quantity (WordNet lacks these senses of spike and tank): only a chart of
 * many events shows that usage spiked or sales tanked.
 */
export const SHARP_CHANGES = new Set(['spike', 'soar', 'plummet', 'skyrocket', 'nosedive', 'surge', 'tank', 'crater']);

/** What a web visit is made of: a visit, a session or a landing page bounces when nothing follows it. */
export const VISITS = new Set(['visit', 'visits', 'session', 'sessions', 'page', 'pageview', 'pageviews', 'landing']);

/** Verbs of a value lost or set back, besides those WordNet files under change and end. */
export const SETBACKS = new Set(['lose', 'reset']);

/**
 * Verbs of judging or computing about something: they put it in a class or give it a value,
 * which is a definition someone keeps downstream (a cohort assigned, a churn risk detected).
 */
export const CLASSIFYING_VERBS = new Set([
  'assign', 'classify', 'categorize', 'categorise', 'segment', 'bucket', 'cluster', 'rank', 'score', 'grade', 'flag', 'qualify',
  'disqualify', 'detect', 'identify', 'predict', 'forecast', 'estimate', 'infer', 'determine', 'deem', 'calculate', 'compute',
  'recalculate', 'recompute', 'aggregate', 'summarize', 'summarise', 'count', 'tally',
]);

/**
 * Quantities that exist only summed or judged over many events: usage spikes, revenue drops,
 * a streak breaks. A price or a file is a thing and may change or drop as a fact.
 */
export const DERIVED_QUANTITIES = new Set([
  'usage', 'activity', 'engagement', 'traffic', 'revenue', 'sales', 'spend', 'spending', 'streak', 'streaks', 'retention',
  'conversion', 'conversions', 'growth', 'demand', 'mrr', 'arr', 'ltv', 'gmv', 'nps', 'churn', 'stickiness', 'adoption', 'momentum',
]);

/** Measures that are derived when they measure activity: a login count, a conversion rate, an activity level. */
export const MEASURES = new Set(['count', 'rate', 'ratio', 'total', 'average', 'score', 'level', 'index', 'trend', 'value', 'volume']);

/** Where attribution credits a result: a campaign, a channel, an ad. */
export const MARKETING_SOURCES = new Set(['campaign', 'campaigns', 'channel', 'channels', 'source', 'sources', 'medium', 'ad', 'ads', 'advert', 'creative', 'keyword', 'referrer', 'affiliate', 'partner', 'touchpoint', 'touch', 'utm', 'publisher', 'network']);
