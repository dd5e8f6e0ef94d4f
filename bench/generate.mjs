#!/usr/bin/env node
// Deterministic generator of synthetic trackplan registries, for benchmarks.
//
//   node bench/generate.mjs --events 10000 [--properties 12 | --properties 3-15] [--shared 20] [--seed trackplan]
//                           [--style flow|block|mixed] [--comments] [--multiline] --out DIR
//
// writes DIR/registry/events/<name>.yaml and DIR/registry/properties/<name>.yaml. The same
// parameters always give byte-identical files (a seeded PRNG, never Math.random), and the
// registry is meant to lint clean under every trackplan rule:
// - event names `<object>_<past verb>` from word lists (`invoice_paid`, `team_report_exported`),
//   regular and irregular past forms; a number word (`invoice_2_paid`) only if a name is taken;
// - property names snake_case (`plan_type`, `project_id`), none reserved, none derived;
// - every property name has one definition (type, enum) everywhere, inline or by `$ref`, so
//   `property-type-consistency` has real work to do and nothing to report.
//
// Style (the defaults write what they always wrote): `--style flow` lists in flow style
// (`enum: [a, b]`) and `$ref` uses as `{ $ref: x }`; `block` writes both as block collections;
// `mixed` picks per file (60% block lists, 50% block `$ref` mappings, some quoted keys and
// values). `--comments` adds comments to half the files (whole-line, indented and trailing);
// `--multiline` gives 40% of the events a longer description over several lines (a folded or
// literal block scalar with a chomping indicator, or a wrapped plain scalar). `--properties LO-HI`
// draws each event's number of properties from that range.
//
// As a library: `generateRegistry(options)` returns the definitions as plain objects plus their
// YAML text; `writeRegistry(dir, options)` writes them. Later benches (build, validate, diff)
// reuse both.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULTS = Object.freeze({ events: 1000, properties: 12, shared: 20, seed: 'trackplan', style: 'flow', comments: false, multiline: false });

// ---------------------------------------------------------------------------------------------
// PRNG: xmur3 string hash to seed sfc32 (public domain, small and fast).

function xmur3(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

/** A seeded random source: `next()` in [0, 1), plus helpers. */
export function createRandom(seed) {
  const s = xmur3(String(seed));
  let a = s(), b = s(), c = s(), d = s();
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const shuffle = (list) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const sample = (list, n) => shuffle(list).slice(0, n);
  return { next, int, pick, chance, shuffle, sample };
}

// ---------------------------------------------------------------------------------------------
// Word lists. Plain nouns as objects (no words that name a state, a classification, a metric or
// a time window: no `active`, `status`, `first`, `daily`, `count`, `score`, `cohort`, `churn`).

export const OBJECT_NOUNS = [
  'account', 'invoice', 'report', 'project', 'dashboard', 'workspace', 'member', 'comment', 'file',
  'folder', 'task', 'ticket', 'payment', 'subscription', 'order', 'cart', 'product', 'message',
  'channel', 'document', 'page', 'widget', 'integration', 'webhook', 'template', 'workflow', 'board',
  'card', 'label', 'milestone', 'sprint', 'deployment', 'repository', 'snippet', 'calendar',
  'meeting', 'invite', 'password', 'profile', 'avatar', 'team', 'role', 'permission', 'seat',
  'coupon', 'refund', 'receipt', 'contract', 'vendor', 'customer', 'contact', 'campaign', 'survey',
  'question', 'attachment', 'image', 'video', 'playlist', 'bookmark', 'chart', 'notification',
  'reminder', 'budget', 'expense', 'shipment', 'address', 'device', 'token', 'license', 'plugin',
  'theme', 'layout', 'spreadsheet', 'wishlist', 'checkout', 'article', 'podcast', 'album', 'photo',
];

/** Qualifiers that make a two-word object (`billing_invoice_paid`). */
export const QUALIFIER_NOUNS = [
  'team', 'billing', 'admin', 'customer', 'vendor', 'partner', 'sales', 'support', 'calendar',
  'email', 'audit', 'template', 'workflow', 'inventory', 'warehouse', 'tax', 'expense', 'budget',
  'contract', 'campaign', 'product', 'storage', 'security', 'device', 'browser', 'guest', 'project',
  'workspace', 'invoice', 'payroll',
];

export const REGULAR_PAST = [
  'created', 'updated', 'deleted', 'archived', 'restored', 'exported', 'imported', 'shared',
  'viewed', 'opened', 'closed', 'renamed', 'duplicated', 'approved', 'rejected', 'submitted',
  'published', 'scheduled', 'assigned', 'moved', 'copied', 'downloaded', 'uploaded', 'starred',
  'pinned', 'tagged', 'edited', 'completed', 'cancelled', 'renewed', 'verified', 'disabled',
  'enabled', 'expanded', 'collapsed', 'printed', 'previewed', 'reviewed', 'flagged', 'merged',
  'locked', 'unlocked', 'resized', 'reordered', 'configured', 'connected', 'disconnected',
  'requested', 'received', 'accepted', 'declined', 'expired', 'refunded', 'charged', 'clicked',
];

export const IRREGULAR_PAST = [
  'sent', 'paid', 'sold', 'bought', 'read', 'set', 'hidden', 'withdrawn', 'written', 'drawn',
  'chosen', 'taken', 'shown', 'frozen', 'built', 'given', 'found', 'held', 'won', 'forgotten',
];

export const PAST_VERBS = [...REGULAR_PAST, ...IRREGULAR_PAST];

const OWNERS = ['growth-team', 'billing-team', 'workspace-team', 'platform-team', 'mobile-team',
  'integrations-team', 'data-team', 'support-team', 'commerce-team', 'content-team'];

const ENUM_WORDS = ['basic', 'advanced', 'custom', 'standard', 'compact', 'detailed', 'manual',
  'automatic', 'bulk', 'single', 'inline', 'modal', 'sidebar', 'toolbar', 'keyboard', 'menu', 'button',
  'link', 'drag', 'grid', 'list', 'kanban', 'timeline', 'csv', 'pdf', 'xlsx', 'json', 'png', 'svg',
  'html', 'markdown', 'email', 'slack', 'sms', 'push', 'web', 'ios', 'android', 'api', 'cli',
  'draft', 'final', 'private', 'public', 'internal', 'external', 'small', 'medium', 'large'];

/** Property nouns; with the suffixes below they make names such as `project_id`, `file_size_bytes`. */
export const PROPERTY_NOUNS = [
  'project', 'document', 'invoice', 'order', 'item', 'page', 'file', 'folder', 'comment', 'message',
  'channel', 'team', 'workspace', 'widget', 'report', 'dashboard', 'chart', 'template', 'task',
  'ticket', 'coupon', 'product', 'cart', 'payment', 'refund', 'seat', 'plugin', 'theme', 'video',
  'image', 'attachment', 'invite', 'contact', 'campaign', 'survey', 'webhook', 'integration',
  'device', 'account', 'board', 'card', 'album', 'article', 'shipment', 'license', 'calendar',
];

const SUFFIXES = {
  id: (r) => ({ type: 'string', format: 'uuid' }),
  name: (r) => ({ type: 'string', minLength: 1, maxLength: r.pick([64, 80, 128, 255]) }),
  title: (r) => ({ type: 'string', maxLength: r.pick([120, 200, 255]) }),
  url: (r) => ({ type: 'string', format: 'uri', maxLength: 2048 }),
  key: (r) => ({ type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }),
  type: (r) => ({ type: 'string', enum: r.sample(ENUM_WORDS, r.int(3, 6)) }),
  mode: (r) => ({ type: 'string', enum: r.sample(ENUM_WORDS, r.int(2, 4)) }),
  method: (r) => ({ type: 'string', enum: r.sample(ENUM_WORDS, r.int(3, 5)) }),
  format: (r) => ({ type: 'string', enum: r.sample(['csv', 'pdf', 'xlsx', 'json', 'png', 'svg', 'html', 'markdown'], r.int(2, 5)) }),
  reason: (r) => ({ type: 'string', enum: r.sample(['expired', 'duplicate', 'invalid', 'requested', 'fraud', 'other', 'limit', 'policy'], r.int(3, 6)) }),
  email: (r) => ({ type: 'string', format: 'email', maxLength: 254 }),
  date: (r) => ({ type: 'string', format: 'date' }),
  size_bytes: (r) => ({ type: 'integer', minimum: 0, maximum: r.pick([10485760, 104857600, 1073741824]) }),
  duration_ms: (r) => ({ type: 'integer', minimum: 0, maximum: 86400000 }),
  position: (r) => ({ type: 'integer', minimum: 0, maximum: r.pick([100, 1000, 10000]) }),
  width: (r) => ({ type: 'integer', minimum: 1, maximum: 10000 }),
  height: (r) => ({ type: 'integer', minimum: 1, maximum: 10000 }),
  amount: (r) => ({ type: 'number', minimum: 0 }),
  price: (r) => ({ type: 'number', minimum: 0, maximum: 1000000 }),
  weight_kg: (r) => ({ type: 'number', minimum: 0 }),
  tags: (r) => ({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 32 }, maxItems: 20 }),
  ids: (r) => ({ type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: r.pick([50, 100, 500]) }),
  visible: (r) => ({ type: 'boolean' }),
  has: (r) => ({ type: 'boolean' }), // a prefix: has_<noun>
};

/** Shared properties (registry/properties/), in the order `--shared K` takes them. */
const SHARED_BASE = [
  ['plan_type', { type: 'string', enum: ['free', 'starter', 'pro', 'enterprise'], description: 'The subscription plan of the workspace when the action happened.' }],
  ['project_id', { type: 'string', format: 'uuid', description: 'Identifier of the project the action happened in.' }],
  ['feature_name', { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$', description: 'Identifier of the product feature, in snake_case, as listed in the feature catalog.' }],
  ['source', { type: 'string', enum: ['web', 'ios', 'android', 'api', 'cli'], description: 'The client the action was taken from.' }],
  ['currency', { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the currency of the amount.' }],
  ['workspace_id', { type: 'string', format: 'uuid', description: 'Identifier of the workspace the action happened in.' }],
  ['locale', { type: 'string', pattern: '^[a-z]{2}(-[A-Z]{2})?$', description: 'Language and region of the interface, as a BCP 47 tag.' }],
  ['app_version', { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$', description: 'Semantic version of the client application.' }],
  ['os_name', { type: 'string', maxLength: 64, description: 'Name of the operating system of the client.' }],
  ['browser_name', { type: 'string', maxLength: 64, description: 'Name of the web browser, when the client is the web app.' }],
  ['country_code', { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code of the country the request came from.' }],
  ['page_path', { type: 'string', maxLength: 2048, description: 'Path of the page the action was taken on.' }],
  ['referrer_url', { type: 'string', format: 'uri', description: 'Address of the page that linked to this one.' }],
  ['utm_source', { type: 'string', maxLength: 128, description: 'The utm_source parameter of the landing page, when present.' }],
  ['utm_medium', { type: 'string', maxLength: 128, description: 'The utm_medium parameter of the landing page, when present.' }],
  ['utm_campaign', { type: 'string', maxLength: 128, description: 'The utm_campaign parameter of the landing page, when present.' }],
  ['session_id', { type: 'string', format: 'uuid', description: 'Identifier of the client session the action happened in.' }],
  ['request_id', { type: 'string', format: 'uuid', description: 'Identifier of the server request that recorded the action.' }],
  ['client_ip', { type: 'string', format: 'ipv4', description: 'IPv4 address of the client, when the privacy settings allow it.' }],
  ['timezone', { type: 'string', maxLength: 64, description: 'IANA time zone of the client, such as Europe/Paris.' }],
  ['organization_id', { type: 'string', format: 'uuid', description: 'Identifier of the organization that owns the workspace.' }],
  ['screen_width', { type: 'integer', minimum: 1, maximum: 20000, description: 'Width of the screen, in pixels.' }],
  ['screen_height', { type: 'integer', minimum: 1, maximum: 20000, description: 'Height of the screen, in pixels.' }],
  ['experiment_variant', { type: 'string', enum: ['control', 'treatment'], description: 'Variant of the running experiment the client was assigned.' }],
];

/** The nested object every event carries (one of these names), with two levels of properties. */
function nestedObject(noun, r) {
  return {
    type: 'object',
    description: `Settings of the ${noun} at the time of the action.`,
    properties: {
      layout_mode: { type: 'string', enum: ['grid', 'list', 'board'], description: 'How the items were laid out.' },
      page_size: { type: 'integer', minimum: 1, maximum: 500, description: 'How many items one page showed.' },
      display: {
        type: 'object',
        description: 'Display options.',
        properties: {
          theme_name: { type: 'string', maxLength: 64, description: 'Name of the colour theme.' },
          font_size: { type: 'integer', minimum: 8, maximum: 72, description: 'Font size, in points.' },
          has_sidebar: { type: 'boolean', description: 'Whether the sidebar was shown.' },
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Catalog: every property name has exactly one definition, decided by its name alone.

function describeProperty(name, noun, suffix, def) {
  const n = noun.replace(/_/g, ' ');
  switch (suffix) {
    case 'id': return `Identifier of the ${n}.`;
    case 'ids': return `Identifiers of the ${n}s involved.`;
    case 'name': return `Name of the ${n}, as the user typed it.`;
    case 'title': return `Title of the ${n}.`;
    case 'url': return `Address of the ${n}.`;
    case 'key': return `Stable key of the ${n}, in lowercase.`;
    case 'email': return `Email address attached to the ${n}.`;
    case 'date': return `Date of the ${n}, in the workspace time zone.`;
    case 'size_bytes': return `Size of the ${n}, in bytes.`;
    case 'duration_ms': return `How long the ${n} took, in milliseconds.`;
    case 'weight_kg': return `Weight of the ${n}, in kilograms.`;
    case 'tags': return `Labels the user gave the ${n}.`;
    case 'visible': return `Whether the ${n} was visible to other members.`;
    case 'has': return `Whether the action involved ${a(n)}.`;
    default: return `The ${suffix.replace(/_/g, ' ')} of the ${n}${def.enum ? ', one of a fixed list' : ''}.`;
  }
}

function buildCatalog(seed) {
  const catalog = new Map();
  for (const noun of PROPERTY_NOUNS) {
    for (const [suffix, make] of Object.entries(SUFFIXES)) {
      const name = suffix === 'has' ? `has_${noun}` : `${noun}_${suffix}`;
      const def = make(createRandom(`${seed}/property/${name}`));
      catalog.set(name, { name, def, describe: () => describeProperty(name, noun, suffix, def) });
    }
  }
  return catalog;
}

// ---------------------------------------------------------------------------------------------
// Event names.

/** Two names that differ only by case or separators are one event to trackplan. */
const eventKey = (name) => name.replace(/[^a-z0-9]/g, '');

export function eventNames(count, seed = DEFAULTS.seed) {
  const r = createRandom(`${seed}/names`);
  const taken = new Set();
  const names = [];
  for (let i = 0; i < count; i++) {
    let name;
    for (let attempt = 0; attempt < 12 && !name; attempt++) {
      const object = r.chance(0.4) ? `${r.pick(QUALIFIER_NOUNS)}_${r.pick(OBJECT_NOUNS)}` : r.pick(OBJECT_NOUNS);
      const candidate = `${object}_${r.pick(PAST_VERBS)}`;
      if (!/^([a-z]+)_\1_/.test(candidate) && !taken.has(eventKey(candidate))) name = candidate;
    }
    if (!name) { // every drawn name was taken: a number word makes one unique (`invoice_2_paid`)
      const noun = r.pick(OBJECT_NOUNS), verb = r.pick(PAST_VERBS);
      for (let k = 2; !name; k++) if (!taken.has(eventKey(`${noun}_${k}_${verb}`))) name = `${noun}_${k}_${verb}`;
    }
    taken.add(eventKey(name));
    names.push(name);
  }
  return names;
}

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const a = (word) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function humanize(name) {
  const words = name.split('_');
  const verb = words.pop();
  return { object: words.join(' '), verb };
}

// ---------------------------------------------------------------------------------------------
// The registry.

/**
 * Generates a registry in memory.
 * @returns {{ options, events: Array<{ name, file, def, yaml }>, properties: Array<{ name, file, def, yaml }> }}
 *   `file` is relative to the registry folder (`events/invoice_paid.yaml`); `def` is the plain
 *   object the YAML encodes.
 */
export function generateRegistry(opts = {}) {
  const options = { ...DEFAULTS, ...opts };
  const { seed } = options;
  const nEvents = Math.max(0, options.events | 0);
  const [lo, hi] = String(options.properties).split('-').map((x) => Math.max(0, Number(x) | 0));
  const catalog = buildCatalog(seed);

  // Shared properties: the base list first, then names from the catalog.
  const sharedDefs = new Map(SHARED_BASE.slice(0, options.shared));
  if (options.shared > SHARED_BASE.length) {
    const extra = createRandom(`${seed}/shared`).sample([...catalog.keys()], options.shared - SHARED_BASE.length);
    for (const name of extra) {
      const { def, describe } = catalog.get(name);
      sharedDefs.set(name, { ...def, description: describe() });
    }
  }
  for (const name of sharedDefs.keys()) catalog.delete(name); // a shared name is only used by $ref
  const sharedNames = [...sharedDefs.keys()];
  const inlineNames = [...catalog.keys()];

  const properties = sharedNames.map((name) => {
    const def = { name, ...sharedDefs.get(name) };
    return { name, file: `properties/${name}.yaml`, def, yaml: toYaml(def) };
  });

  const names = eventNames(nEvents, seed);
  const events = names.map((name, i) => {
    const r = createRandom(`${seed}/event/${i}/${name}`);
    const nProps = hi === undefined ? lo : r.int(lo, hi);
    const { object, verb } = humanize(name);
    const def = {
      name,
      description: r.pick([
        `A user ${verb} ${a(object)}.`,
        `The ${object} was ${verb}. Sent once, by the server, when the change is saved.`,
        `Someone in the workspace ${verb} ${a(object)}; sent from the client that did it.`,
        `${cap(a(object))} was ${verb} by a member or by an automation rule.`,
      ]),
      owner: r.pick(OWNERS),
      status: r.chance(0.9) ? 'active' : r.pick(['proposed', 'deprecated']),
      version: r.chance(0.8) ? 1 : r.int(2, 4),
      properties: {},
    };
    const nRefs = Math.min(sharedNames.length, Math.round(nProps / 4));
    const nNested = nProps >= 4 ? 1 : 0;
    const nInline = Math.max(0, nProps - nRefs - nNested);
    for (const ref of r.sample(sharedNames, nRefs)) {
      def.properties[ref] = { $ref: ref, ...(r.chance(0.5) ? { required: true } : {}) };
    }
    for (const p of r.sample(inlineNames, nInline)) {
      const { def: pd, describe } = catalog.get(p);
      def.properties[p] = { ...pd, description: describe(), ...(r.chance(0.4) ? { required: true } : {}), ...(r.chance(0.1) ? { nullable: true } : {}) };
    }
    if (nNested) {
      const noun = r.pick(['view', 'editor', 'export', 'board', 'report']);
      def.properties[`${noun}_settings`] = nestedObject(noun, r);
    }
    // The first event stays on single lines: the benches' warm runs edit its description.
    const style = eventStyle(createRandom(`${seed}/style/${i}`), options, i > 0);
    return { name, file: `events/${name}.yaml`, def, yaml: toYaml(def, style) };
  });
  return { options, events, properties };
}

/** Writes the registry under DIR/registry/ (removing what was there) and returns what generateRegistry returned. */
export function writeRegistry(dir, opts = {}) {
  const reg = generateRegistry(opts);
  const root = path.join(dir, 'registry');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'events'), { recursive: true });
  fs.mkdirSync(path.join(root, 'properties'), { recursive: true });
  for (const f of [...reg.events, ...reg.properties]) fs.writeFileSync(path.join(root, f.file), f.yaml);
  fs.writeFileSync(path.join(dir, 'generated.json'), `${JSON.stringify({ generator: 1, ...reg.options }, null, 2)}\n`);
  return reg;
}

// ---------------------------------------------------------------------------------------------
// YAML: a small emitter for these shapes (mappings, lists of scalars, scalars), block style,
// with `$ref` uses in flow style as people write them.

const PLAIN = /^[A-Za-z][A-Za-z0-9 ,.;()'\/_-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n)$/i;

function scalar(v) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (PLAIN.test(v) && !YAML_WORDS.test(v) && !v.endsWith(' ') && !/: | #/.test(v)) return v;
  return JSON.stringify(v);
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How one file is written: see the header. The default is the flow style of old. */
function eventStyle(r, options, mayWrap) {
  const mixed = options.style === 'mixed';
  const block = options.style === 'block';
  return {
    blockLists: block || (mixed && r.chance(0.6)),
    blockRefs: block || (mixed && r.chance(0.5)),
    quoted: mixed && r.chance(0.15),
    comments: options.comments && r.chance(0.5) ? r : null,
    wrap: mayWrap && options.multiline && r.chance(0.4) ? r.pick(['>-', '|-', '>', '|', 'plain']) : null,
    r,
  };
}

const WRAP_TAIL = ' It is recorded once per action, after the change is saved, and carries the properties below; '
  + 'analysts derive every metric from it downstream.';

function wrapLines(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

function emit(obj, indent, out, style, top) {
  const pad = ' '.repeat(indent);
  const r = style.r;
  const key = (k) => (!KEY.test(k) || (style.quoted && r.chance(0.3)) ? JSON.stringify(k) : k);
  const value = (v) => (style.quoted && typeof v === 'string' && r.chance(0.3) ? `'${v.replace(/'/g, "''")}'` : scalar(v));
  const trailing = () => (style.comments && r.chance(0.08) ? '  # reviewed' : '');
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (style.comments && r.chance(0.06)) out.push(`${pad}# ${r.pick(['see the tracking plan guide', 'kept for the dashboards', 'TODO: confirm with the owner'])}`);
    if (Array.isArray(v)) {
      if (style.blockLists && v.length) { out.push(`${pad}${key(k)}:${trailing()}`); for (const x of v) out.push(`${pad}  - ${value(x)}`); }
      else out.push(`${pad}${key(k)}: [${v.map(scalar).join(', ')}]${trailing()}`);
    } else if (v && typeof v === 'object') {
      if (!Object.keys(v).length) out.push(`${pad}${key(k)}: {}`);
      else if ('$ref' in v && !style.blockRefs) out.push(`${pad}${key(k)}: { ${Object.entries(v).map(([a, b]) => `${a}: ${scalar(b)}`).join(', ')} }${trailing()}`);
      else {
        if (top && k === 'properties' && style.comments) out.push('', '# Properties');
        out.push(`${pad}${key(k)}:`);
        emit(v, indent + 2, out, style, false);
      }
    } else if (top && k === 'description' && style.wrap) {
      const lines = wrapLines(`${v}${WRAP_TAIL}`, 60);
      if (style.wrap === 'plain') out.push(`${pad}${key(k)}: ${lines[0]}`, ...lines.slice(1).map((l) => `${pad}  ${l}`));
      else out.push(`${pad}${key(k)}: ${style.wrap}`, ...lines.map((l) => `${pad}  ${l}`));
    } else out.push(`${pad}${key(k)}: ${value(v)}${trailing()}`);
  }
}

export function toYaml(obj, style = { r: null }) {
  const out = style.comments ? [`# ${obj.name}: owned by ${obj.owner ?? 'the data team'}`] : [];
  emit(obj, 0, out, style, true);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// CLI.

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const count = () => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${a} needs a whole number, not ${v}`);
      return Number(v);
    };
    switch (a) {
      case '--events': opts.events = count(); break;
      case '--properties': {
        const v = value();
        if (!/^\d+(-\d+)?$/.test(v)) throw new Error(`--properties needs a whole number or a range such as 3-15, not ${v}`);
        opts.properties = v.includes('-') ? v : Number(v);
        break;
      }
      case '--style': opts.style = value(); if (!['flow', 'block', 'mixed'].includes(opts.style)) throw new Error('--style is flow, block or mixed'); break;
      case '--comments': opts.comments = true; break;
      case '--multiline': opts.multiline = true; break;
      case '--shared': opts.shared = count(); break;
      case '--seed': opts.seed = value(); break;
      case '--out': opts.out = value(); break;
      case '-h': case '--help': opts.help = true; break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, help, ...opts } = parseArgs(process.argv.slice(2));
    if (help || !out) {
      process.stdout.write('usage: node bench/generate.mjs --events N [--properties 12|3-15] [--shared 20] [--seed S] [--style flow|block|mixed] [--comments] [--multiline] --out DIR\n');
      process.exit(help ? 0 : 2);
    }
    const t0 = performance.now();
    const reg = writeRegistry(out, opts);
    process.stdout.write(`wrote ${reg.events.length} events and ${reg.properties.length} shared properties to ${path.join(out, 'registry')} in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
  } catch (e) {
    process.stderr.write(`generate: ${e.message}\n`);
    process.exit(2);
  }
}
