// Finding tracking calls in a file, shared by the four rules: each call is looked at once however
// many rules ask, and the registry is looked up once per file.
import type { Rule, SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import { readSettings, type ArgPath, type Resolved, type Signature } from './settings.js';
import { registryFor, type EventShape, type RegistryCache, type RegistryView } from './registry.js';
import { lookup, memberName, objectOf, propertyKey, scopeOf, staticNames, unwrap, type Scope, type StaticName } from './names.js';

export { propertyKey, staticString, unwrap, type StaticName } from './names.js';

export interface TrackingCall {
  /** The call, or the JSX attribute, that sends the event. */
  node: ESTree.Node;
  /** The expression that gives the event name; undefined when the call has none. */
  nameNode?: ESTree.Node;
  /** The names it sends, when the rules can know them statically (a ternary sends one of several). */
  names?: StaticName[];
  /** The properties: an object literal (or what the call passes instead), if any. */
  propsNode?: ESTree.Node;
  /** Keys of `propsNode` that are not properties: the event's own, when the properties sit flat beside it. */
  propsExclude?: string[];
  /** False when the properties cannot be seen: a spread could supply them, or the signature names none. */
  propsVisible: boolean;
}

interface FileState {
  sourceCode: SourceCode;
  settings: Resolved;
  scope: Scope;
  matcher: Matcher;
  /** The node looked at last, and what it is: the four rules ask about each one after another. */
  node?: ESTree.Node;
  call: TrackingCall | null;
  registry?: RegistryView;
  /** Whether the text names any callee's last segment: without one, no plain call can be an alias of a callee. */
  mayAlias?: boolean;
}

// ESLint lints one file at a time and runs every rule's listeners for a node before the next node,
// so remembering the last file and the last call is all the sharing the rules need, and it costs
// no allocation per call (a WeakMap entry per call node made the garbage collector work harder).
let current: FileState | undefined;

function state(context: Rule.RuleContext): FileState {
  const sourceCode = context.sourceCode;
  if (current?.sourceCode === sourceCode) return current;
  const settings = readSettings(context.settings as Record<string, unknown>, context.cwd);
  return (current = { sourceCode, settings, scope: scopeOf(context), matcher: matcherFor(settings.callees), call: null });
}

/** The registry for this file's settings (looked up once per file). */
export function registryOf(context: Rule.RuleContext): RegistryView {
  const s = state(context);
  return (s.registry ??= registryFor(s.settings, context.filename));
}

/** What is wrong with `settings.trackplan`, if anything. */
export function settingsError(context: Rule.RuleContext): string | undefined {
  return state(context).settings.error;
}

/**
 * A setting the plugin cannot use is a configuration error, as ESLint's own are: the run stops
 * with exit code 2 and the message, once (the ESLint CLI prints a thrown error's `stack`, and
 * prints the same text only once; this one's is the message alone, so no stack trace shows).
 * Each rule calls this when ESLint creates it for a file.
 */
export function requireUsableSettings(context: Rule.RuleContext): void {
  const message = settingsError(context);
  if (message === undefined) return;
  const error = new Error(`${message} Fix it in the ESLint config; nothing is linted until then.`);
  error.name = 'TrackplanSettingsError';
  error.stack = error.message;
  throw error;
}

// ---------------------------------------------------------------------------------------------
// Callees

interface Matcher {
  bare: Map<string, Signature>;
  dotted: Array<{ parts: string[]; sig: Signature }>;
  last: Set<string>;
  jsx: Map<string, Signature>;
  /** Any of the words a callee ends with, as an identifier in a file's text. */
  words: RegExp;
}
const matchers = new WeakMap<readonly Signature[], Matcher>();

function matcherFor(callees: readonly Signature[]): Matcher {
  let m = matchers.get(callees);
  if (!m) {
    m = { bare: new Map(), dotted: [], last: new Set(), jsx: new Map(), words: /$^/ };
    for (const sig of callees) {
      if (sig.jsxAttribute !== undefined) { if (!m.jsx.has(sig.jsxAttribute)) m.jsx.set(sig.jsxAttribute, sig); continue; }
      const parts = sig.callee!;
      if (parts.length === 1 && !parts[0]!.endsWith('()')) { if (!m.bare.has(parts[0]!)) m.bare.set(parts[0]!, sig); }
      else { m.dotted.push({ parts, sig }); m.last.add(parts[parts.length - 1]!); }
    }
    const words = [...m.last, ...m.bare.keys()].map((w) => w.replace(/\(\)$/, '').replaceAll('$', '\\$'));
    if (words.length) m.words = new RegExp(`(?<![\\w$])(?:${words.join('|')})(?![\\w$])`);
    matchers.set(callees, m);
  }
  return m;
}

/**
 * `window.analytics.track` -> ['window', 'analytics', 'track'], `posthog()?.capture` ->
 * ['posthog()', 'capture']; undefined when not a plain chain.
 */
function chainOf(input: ESTree.Node, depth = 0): string[] | undefined {
  if (depth > 16) return undefined;
  const node = unwrap(input);
  switch (node.type) {
    case 'Identifier': return [node.name];
    case 'ThisExpression': return ['this'];
    case 'MemberExpression': {
      const name = memberName(node);
      if (name === undefined) return undefined;
      const head = node.object.type === 'Super' ? ['super'] : chainOf(node.object, depth + 1);
      return head ? [...head, name] : undefined;
    }
    case 'CallExpression':
    case 'NewExpression': { // `new PostHog(key)` is `PostHog()` too: the client it makes
      if (node.callee.type === 'Super') return undefined;
      const callee = chainOf(node.callee, depth + 1);
      if (!callee) return undefined;
      const last = callee[callee.length - 1]!;
      // `createTracker({ send })` is the generated tracker; `analytics.track.bind(analytics)` is the callee itself.
      if (last === 'createTracker') return ['tracker'];
      if (callee.length > 1 && last === 'bind' && node.type === 'CallExpression') return callee.slice(0, -1);
      return [...callee.slice(0, -1), `${last}()`];
    }
    default: return undefined;
  }
}

/**
 * What a name bound to a callee or to an object on the way to one stands for:
 * `const { track } = analytics`, `const { track: send } = analytics`, `const send = analytics.track`,
 * `const a = window.analytics`, `const tracker = createTracker(...)`, `const client = posthog()`.
 */
function aliasOf(name: string, from: ESTree.Node): string[] | undefined {
  const d = lookup(name, from)?.binding;
  if (d?.kind !== 'variable' || !d.declarator.init) return undefined;
  const init = chainOf(d.declarator.init);
  if (!init) return undefined;
  if (d.declarator.id.type === 'Identifier') return init.length === 1 && init[0] === name ? undefined : init;
  if (d.declarator.id.type !== 'ObjectPattern') return undefined;
  for (const p of d.declarator.id.properties) {
    if (p.type !== 'Property') continue;
    const target = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
    if (target !== d.id) continue;
    const key = propertyKey(p);
    return key === undefined ? undefined : [...init, key];
  }
  return undefined;
}

const endsWith = (chain: string[], parts: string[]): boolean => {
  if (chain.length < parts.length) return false;
  for (let j = 1; j <= parts.length; j++) if (chain[chain.length - j] !== parts[parts.length - j]) return false;
  return true;
};

/** The signature of the callee a call's callee is, if it is one. */
function signatureOf(s: FileState, callee: ESTree.Node): Signature | undefined {
  const node = unwrap(callee);
  const m = s.matcher;
  if (node.type === 'Identifier') {
    const sig = m.bare.get(node.name);
    if (sig) return sig;
    // `send(...)` is a callee only through an alias (`const send = analytics.track`), whose
    // declaration names the callee's last word: a file that never does has none, and most calls
    // are plain calls, so the look-up of each one's declaration is skipped there.
    if (!(s.mayAlias ??= m.words.test(s.sourceCode.text))) return undefined;
  } else if (node.type === 'MemberExpression') {
    const last = memberName(node);
    if (last === undefined || !m.last.has(last)) return undefined;
  } else {
    return undefined;
  }
  let chain = chainOf(node);
  // The chain as written, then as each alias on its way rewrites it: `posthog.capture` with
  // `const posthog = usePostHog()` matches as written, `send(...)` with `const send = analytics.track` once rewritten.
  for (let i = 0; chain && i < 5; i++) {
    if (i > 0 && chain.length === 1) {
      const sig = m.bare.get(chain[0]!);
      if (sig) return sig;
    }
    for (const { parts, sig } of m.dotted) if (endsWith(chain, parts)) return sig;
    const alias: string[] | undefined = chain[0] === 'this' ? undefined : aliasOf(chain[0]!, node);
    chain = alias && [...alias, ...chain.slice(1)];
  }
  return undefined;
}

/**
 * What a rule listens to: every call, and JSX attributes only when some callee is one (React code
 * has many more attributes than calls, and each listener costs a call per node).
 */
export function sendListeners(context: Rule.RuleContext, check: (node: ESTree.Node) => void): Rule.RuleListener {
  return (state(context).matcher.jsx.size > 0 ? { CallExpression: check, JSXAttribute: check } : { CallExpression: check }) as Rule.RuleListener;
}

// ---------------------------------------------------------------------------------------------

/** The tracking call (or JSX attribute) that `node` is, or null when it is none (most calls). */
export function trackingCall(context: Rule.RuleContext, node: ESTree.Node): TrackingCall | null {
  const s = state(context);
  if (s.node !== node) {
    s.node = node;
    s.call = node.type === 'CallExpression' ? analyse(s, node) : analyseAttribute(s, node as unknown as JSXAttribute);
  }
  return s.call;
}

export interface SentEvent {
  call: TrackingCall;
  /** The name as the call sends it: `def.name`, or one of its `aliases`. */
  name: StaticName;
  def: EventShape;
  registry: RegistryCache;
}

/**
 * The registry events a call sends, when it is a tracking call with static names that the
 * registry knows (one, or each branch of a ternary), under their names or an alias;
 * known-event and no-dynamic-event-name say why not.
 */
export function sentEvents(context: Rule.RuleContext, node: ESTree.Node): SentEvent[] {
  const call = trackingCall(context, node);
  if (!call?.names) return [];
  const view = registryOf(context);
  if (view.error !== undefined) return [];
  const out: SentEvent[] = [];
  const registry = view.registry;
  for (const name of call.names) {
    const event = registry.has(name.value) ? name.value : registry.aliasOf(name.value);
    const def = event === undefined ? undefined : registry.event(event)?.def;
    if (def) out.push({ call, name, def, registry });
  }
  return out;
}

function withNames(s: FileState, out: TrackingCall): TrackingCall {
  if (out.nameNode) {
    const names = staticNames(s.scope, out.nameNode);
    if (names) out.names = names;
  }
  return out;
}

type Reached = { node: ESTree.Node } | 'missing' | 'hidden' | { opaque: ESTree.Node };

/** The value at `path` in a call's arguments (its first `keys` keys): a node, nothing, or hidden by a spread. */
function follow(s: FileState, args: ESTree.CallExpression['arguments'], path: ArgPath, keys = path.keys.length): Reached {
  for (let i = 0; i < path.arg; i++) if (args[i]?.type === 'SpreadElement') return 'hidden';
  const arg = args[path.arg];
  if (!arg) return 'missing';
  if (arg.type === 'SpreadElement') return 'hidden';
  let node: ESTree.Node = arg;
  for (const key of path.keys.slice(0, keys)) {
    const object = objectOf(s.scope, node);
    if (!object) return { opaque: node };
    let found: ESTree.Node | undefined, spread = false;
    for (const p of object.properties) {
      if (p.type === 'SpreadElement') spread = true;
      else if (propertyKey(p) === key) found = p.value;
    }
    if (!found) return spread ? 'hidden' : 'missing';
    node = found;
  }
  return { node };
}

function analyse(s: FileState, call: ESTree.CallExpression): TrackingCall | null {
  if (call.callee.type === 'Super') return null;
  const sig = signatureOf(s, call.callee);
  if (!sig) return null;
  if (!sig.event) return analysePlain(s, call);
  const event = follow(s, call.arguments, sig.event);
  if (event === 'hidden') return null; // nothing the rules can see
  const out: TrackingCall = { node: call, propsVisible: false };
  if (event !== 'missing') out.nameNode = 'node' in event ? event.node : event.opaque;
  const props = sig.properties;
  if (props?.rest) {
    // The properties sit flat beside the event: `track({ event: 'a', plan: 'pro' })`.
    const holder = follow(s, call.arguments, sig.event, sig.event.keys.length - 1);
    const object = typeof holder === 'object' && 'node' in holder ? objectOf(s.scope, holder.node) : undefined;
    if (object) Object.assign(out, { propsNode: object, propsExclude: [sig.event.keys[sig.event.keys.length - 1]!], propsVisible: true });
  } else if (props) {
    const at = follow(s, call.arguments, props);
    if (at === 'missing') out.propsVisible = true;
    else if (typeof at === 'object' && 'node' in at) Object.assign(out, { propsNode: objectOf(s.scope, at.node) ?? at.node, propsVisible: true });
  }
  return withNames(s, out);
}

/** A plain callee: the event first and the properties second, or the object form `{ event, properties }`. */
function analysePlain(s: FileState, call: ESTree.CallExpression): TrackingCall | null {
  const [first, second] = call.arguments;
  if (!first || first.type === 'SpreadElement') return null; // nothing the rules can see
  const arg = unwrap(first);
  let out: TrackingCall;
  if (arg.type === 'ObjectExpression') {
    // Segment Node and PostHog Node: track({ userId, event, properties })
    let nameNode: ESTree.Node | undefined, propsNode: ESTree.Node | undefined, spread = false;
    for (const p of arg.properties) {
      if (p.type === 'SpreadElement') { spread = true; continue; }
      const key = propertyKey(p);
      if (key === 'event') nameNode = p.value;
      else if (key === 'properties') propsNode = p.value;
    }
    if (!nameNode && spread) return null;
    out = { node: call, propsVisible: !spread || propsNode !== undefined };
    if (nameNode) out.nameNode = nameNode;
    if (propsNode) out.propsNode = objectOf(s.scope, propsNode) ?? propsNode;
  } else {
    out = { node: call, nameNode: first, propsVisible: second?.type !== 'SpreadElement' };
    if (second && second.type !== 'SpreadElement') out.propsNode = objectOf(s.scope, second) ?? second;
  }
  return withNames(s, out);
}

interface JSXAttribute { type: 'JSXAttribute'; name: { type: string; name?: string }; value: { type: string; expression?: ESTree.Node } | null }

/** `<CtaButton captureEvent="landing:cta_click">`: the attribute names an event, with no properties to check. */
function analyseAttribute(s: FileState, node: JSXAttribute): TrackingCall | null {
  if (node.type !== 'JSXAttribute' || node.name.type !== 'JSXIdentifier' || !s.matcher.jsx.has(node.name.name!)) return null;
  const value = (node.value?.type === 'JSXExpressionContainer' ? node.value.expression : node.value) as ESTree.Node | null | undefined;
  if (!value || (value.type as string) === 'JSXEmptyExpression') return null;
  return withNames(s, { node: node as unknown as ESTree.Node, nameNode: value, propsVisible: false });
}
