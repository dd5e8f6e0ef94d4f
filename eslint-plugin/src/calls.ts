// Finding tracking calls in a file, shared by the four rules: each call is looked at once however
// many rules ask, and the registry is looked up once per file.
import type { Rule, SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import { readSettings, type Resolved } from './settings.js';
import { registryFor, type RegistryView } from './registry.js';

export interface StaticName {
  value: string;
  /** The string literal or template that holds the name: where a fix rewrites it. */
  literal: ESTree.Node;
}

export interface TrackingCall {
  call: ESTree.CallExpression;
  form: 'positional' | 'object';
  /** The expression that gives the event name; undefined in an object form without `event`. */
  nameNode?: ESTree.Node;
  /** The name, when the rules can know it statically. */
  name?: StaticName;
  /** The properties argument (positional) or the `properties` value (object form), if any. */
  propsNode?: ESTree.Node;
  /** False when a spread could supply the properties (`track(...args)`, `{ ...base }` in the object form). */
  propsVisible: boolean;
}

interface FileState {
  sourceCode: SourceCode;
  settings: Resolved;
  matcher: Matcher;
  /** The call looked at last, and what it is: the four rules ask about each call one after another. */
  node?: ESTree.CallExpression;
  call: TrackingCall | null;
  registry?: RegistryView;
}

// ESLint lints one file at a time and runs every rule's listeners for a node before the next node,
// so remembering the last file and the last call is all the sharing the rules need, and it costs
// no allocation per call (a WeakMap entry per call node made the garbage collector work harder).
let current: FileState | undefined;

function state(context: Rule.RuleContext): FileState {
  const sourceCode = context.sourceCode;
  if (current?.sourceCode === sourceCode) return current;
  const settings = readSettings(context.settings as Record<string, unknown>, context.cwd);
  return (current = { sourceCode, settings, matcher: matcherFor(settings.callees), call: null });
}

/** The registry for this file's settings (looked up once per file). */
export function registryOf(context: Rule.RuleContext): RegistryView {
  const s = state(context);
  return (s.registry ??= registryFor(s.settings, context.filename));
}

// ---------------------------------------------------------------------------------------------
// Callees

interface Matcher { bare: Set<string>; dotted: string[][]; last: Set<string> }
const matchers = new Map<string, Matcher>();

function matcherFor(callees: readonly string[]): Matcher {
  const key = callees.join(',');
  let m = matchers.get(key);
  if (!m) {
    m = { bare: new Set(), dotted: [], last: new Set() };
    for (const c of callees) {
      const parts = c.split('.');
      if (parts.length === 1) m.bare.add(c);
      else { m.dotted.push(parts); m.last.add(parts[parts.length - 1]!); }
    }
    matchers.set(key, m);
  }
  return m;
}

/** Strips what TypeScript adds around an expression: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrap(node: ESTree.Node): ESTree.Node {
  let n = node as { type: string; expression?: ESTree.Node };
  while ((n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion' || n.type === 'TSSatisfiesExpression' || n.type === 'ParenthesizedExpression') && n.expression) {
    n = n.expression as typeof n;
  }
  return n as ESTree.Node;
}

function memberName(node: ESTree.MemberExpression): string | undefined {
  const p = node.property;
  if (!node.computed) return p.type === 'Identifier' ? p.name : undefined;
  if (p.type === 'Literal' && typeof p.value === 'string') return p.value;
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `window.analytics.track` -> ['window', 'analytics', 'track']; undefined when not a plain chain. */
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
    case 'CallExpression': {
      if (node.callee.type === 'Super') return undefined;
      const callee = chainOf(node.callee, depth + 1);
      // `createTracker({ send })` is the generated tracker; `analytics.track.bind(analytics)` is the callee itself.
      if (callee?.[callee.length - 1] === 'createTracker') return ['tracker'];
      if (callee && callee.length > 1 && callee[callee.length - 1] === 'bind') return callee.slice(0, -1);
      return undefined;
    }
    default: return undefined;
  }
}

// Declarations are looked up by walking up from the call through its enclosing blocks, which is
// how `const` and `let` are scoped, rather than through ESLint's scope analysis: with no other rule
// asking for it, scope analysis would cost more than everything else the plugin does.

type Block = ESTree.Program | ESTree.BlockStatement | ESTree.StaticBlock;
interface Declared { declarator: ESTree.VariableDeclarator; kind: string; id: ESTree.Pattern }
const declaredIn = new WeakMap<ESTree.Node, Map<string, Declared | null>>();

/** The variables a block declares directly (null: a name declared otherwise, e.g. imported, or twice). */
function declarations(block: Block): Map<string, Declared | null> {
  let map = declaredIn.get(block);
  if (map) return map;
  map = new Map();
  const add = (name: string, d: Declared | null) => map!.set(name, map!.has(name) ? null : d);
  for (const raw of block.body as ESTree.Node[]) {
    const stmt = raw.type === 'ExportNamedDeclaration' && raw.declaration ? raw.declaration : raw;
    if (stmt.type === 'VariableDeclaration') {
      for (const declarator of stmt.declarations) {
        if (declarator.id.type === 'Identifier') add(declarator.id.name, { declarator, kind: stmt.kind, id: declarator.id });
        else if (declarator.id.type === 'ObjectPattern') {
          for (const p of declarator.id.properties) {
            const target = p.type === 'Property' ? (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) : p.argument;
            if (target.type === 'Identifier') add(target.name, { declarator, kind: stmt.kind, id: target });
          }
        }
      }
    } else if (stmt.type === 'ImportDeclaration') {
      for (const spec of stmt.specifiers) add(spec.local.name, null);
    } else if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) {
      add(stmt.id.name, null);
    }
  }
  declaredIn.set(block, map);
  return map;
}

/** The declaration that `name` refers to at `from`, if it is a variable declared in an enclosing block. */
function lookup(name: string, from: ESTree.Node): Declared | undefined {
  for (let n = (from as { parent?: ESTree.Node }).parent; n; n = (n as { parent?: ESTree.Node }).parent) {
    if (n.type === 'Program' || n.type === 'BlockStatement' || n.type === 'StaticBlock') {
      const map = declarations(n);
      if (map.has(name)) return map.get(name) ?? undefined;
    } else if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      if (n.params.some((p) => p.type === 'Identifier' && p.name === name)) return undefined; // a parameter
    } else if (n.type === 'CatchClause' && n.param?.type === 'Identifier' && n.param.name === name) {
      return undefined;
    }
  }
  return undefined;
}

/**
 * What a name bound to a callee or to an object on the way to one stands for:
 * `const { track } = analytics`, `const { track: send } = analytics`, `const send = analytics.track`,
 * `const a = window.analytics`, `const tracker = createTracker(...)`.
 */
function aliasOf(name: string, from: ESTree.Node): string[] | undefined {
  const d = lookup(name, from);
  if (!d?.declarator.init) return undefined;
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

function isCallee(s: FileState, callee: ESTree.Node): boolean {
  const node = unwrap(callee);
  const m = s.matcher;
  if (node.type === 'Identifier') {
    if (m.bare.has(node.name)) return true;
  } else if (node.type === 'MemberExpression') {
    const last = memberName(node);
    if (last === undefined || !m.last.has(last)) return false;
  } else {
    return false;
  }
  let chain = chainOf(node);
  if (!chain) return false;
  for (let i = 0; i < 4; i++) {
    const alias: string[] | undefined = chain[0] === 'this' ? undefined : aliasOf(chain[0]!, node);
    if (!alias) break;
    chain = [...alias, ...chain.slice(1)];
    if (chain.length === 1 && m.bare.has(chain[0]!)) return true;
  }
  for (const p of m.dotted) {
    if (chain.length < p.length) continue;
    let ok = true;
    for (let j = 1; j <= p.length && ok; j++) ok = chain[chain.length - j] === p[p.length - j];
    if (ok) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Names

/** The initialiser of a `const` that `node` names, if it is one declared in this file. */
function constInit(node: ESTree.Identifier): ESTree.Node | undefined {
  const d = lookup(node.name, node);
  return d && d.kind === 'const' && d.declarator.id.type === 'Identifier' ? d.declarator.init ?? undefined : undefined;
}

/** A string known without running the code: a literal, a template without `${}`, or a `const` of one. */
export function staticString(sourceCode: SourceCode, input: ESTree.Node, depth = 0): StaticName | undefined {
  if (depth > 8) return undefined;
  const node = unwrap(input);
  if (node.type === 'Literal' && typeof node.value === 'string') return { value: node.value, literal: node };
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    const cooked = node.quasis[0]?.value.cooked;
    return typeof cooked === 'string' ? { value: cooked, literal: node } : undefined;
  }
  if (node.type === 'Identifier') {
    const init = constInit(node);
    return init ? staticString(sourceCode, init, depth + 1) : undefined;
  }
  if (node.type === 'MemberExpression' && node.object.type !== 'Super') {
    // EVENTS.PROJECT_CREATED, with `const EVENTS = { PROJECT_CREATED: 'project_created' } as const`
    const object = unwrap(node.object);
    const key = memberName(node);
    if (object.type !== 'Identifier' || key === undefined) return undefined;
    const init = constInit(object);
    const literal = init && unwrap(init);
    if (literal?.type !== 'ObjectExpression') return undefined;
    for (const p of literal.properties) {
      if (p.type === 'Property' && !p.computed && propertyKey(p) === key) return staticString(sourceCode, p.value, depth + 1);
    }
  }
  return undefined;
}

/** The name of an object literal's key, when it is written out (`a`, `'a'`, `['a']`). */
export function propertyKey(p: ESTree.Property): string | undefined {
  if (!p.computed && p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal' && (typeof p.key.value === 'string' || typeof p.key.value === 'number')) return String(p.key.value);
  if (p.key.type === 'TemplateLiteral' && p.key.expressions.length === 0) return p.key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** The tracking call that `node` is, or null when it is none (most calls). */
export function trackingCall(context: Rule.RuleContext, node: ESTree.CallExpression): TrackingCall | null {
  const s = state(context);
  if (s.node !== node) {
    s.node = node;
    s.call = analyse(s, s.sourceCode, node);
  }
  return s.call;
}

/**
 * The registry event a call sends, when the call is a tracking call with a static name that the
 * registry knows; otherwise undefined (known-event and no-dynamic-event-name say why).
 */
export function sentEvent(context: Rule.RuleContext, node: ESTree.CallExpression) {
  const call = trackingCall(context, node);
  if (!call?.name) return undefined;
  const named = call as TrackingCall & { name: StaticName };
  const view = registryOf(context);
  if (view.error !== undefined) return undefined;
  const def = view.registry.has(call.name.value) ? view.registry.event(call.name.value)?.def : undefined;
  return def ? { call: named, def, registry: view.registry } : undefined;
}

function analyse(s: FileState, sourceCode: SourceCode, call: ESTree.CallExpression): TrackingCall | null {
  if (call.callee.type === 'Super' || !isCallee(s, call.callee)) return null;
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
    out = { call, form: 'object', propsVisible: !spread || propsNode !== undefined };
    if (nameNode) out.nameNode = nameNode;
    if (propsNode) out.propsNode = propsNode;
  } else {
    out = { call, form: 'positional', nameNode: first, propsVisible: second?.type !== 'SpreadElement' };
    if (second && second.type !== 'SpreadElement') out.propsNode = second;
  }
  if (out.nameNode) {
    const name = staticString(sourceCode, out.nameNode);
    if (name) out.name = name;
  }
  return out;
}
