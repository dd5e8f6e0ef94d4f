// `settings.trackplan` in the ESLint config: where the registry is and which calls send events.
import path from 'node:path';

/**
 * The calls that send an event when no `callees` are set: the common SDKs and the generated tracker.
 * A bare `track` is not among them: it matched any function of that name (an app's own
 * `track(user, { event })`). `track` destructured from one of these (`const { track } = analytics`,
 * `const { track } = createTracker(...)`) still matches, through the alias.
 */
export const DEFAULT_CALLEES: readonly string[] = Object.freeze([
  'analytics.track', // Segment, browser (analytics.js) and Node
  'tracker.track', // the generated tracker: `const tracker = createTracker({ send })`
  'mixpanel.track',
  'posthog.capture',
  'amplitude.track',
  'rudderanalytics.track',
]);

/** Where in a call a value is: an argument, or a key path into an object argument; `*` is the other keys. */
export interface ArgPath { arg: number; keys: string[]; rest: boolean }

/** One entry of `callees`, read. */
export interface Signature {
  /** The entry as written, for messages. */
  text: string;
  /** The callee's segments; a segment ending in `()` is the result of calling it. */
  callee?: string[];
  /** An attribute whose value is an event name: `<Button captureEvent="signup_click">`. */
  jsxAttribute?: string;
  /** Undefined for a plain string: the event first and the properties second, or the object form. */
  event?: ArgPath;
  properties?: ArgPath;
}

/** An entry of `settings.trackplan.callees`. */
export type CalleeSetting =
  | string
  | { callee: string; event: number | string; properties?: number | string }
  | { jsxAttribute: string };

export interface TrackplanSettings {
  /** The trackplan config file, relative to ESLint's working directory (default: found from each linted file, project.ts). */
  config?: string;
  /** The registry folder, relative to ESLint's working directory; overrides the config's `registry`. */
  registry?: string;
  /** The calls that send an event (`analytics.track`, or a call signature); replaces the defaults. */
  callees?: CalleeSetting[];
}

export interface Resolved {
  cwd: string;
  config?: string;
  registry?: string;
  callees: readonly Signature[];
  /** Set when the settings cannot be used: the rules report it instead of reading calls. */
  error?: string;
}

const KEYS = ['config', 'registry', 'callees'];
const memo = new WeakMap<object, Resolved>();
const SEGMENT = /^[A-Za-z_$][\w$]*(\(\))?$/;

class SettingError extends Error {}

function calleeOf(text: string, where: string): string[] {
  // `?.` is written as in code; a member chain matches with or without it.
  const parts = text.replaceAll('?.', '.').split('.');
  if (!parts.every((p) => SEGMENT.test(p))) {
    throw new SettingError(`\`${where}\` \`${text}\` is not a dotted name such as "analytics.track" or "posthog().capture"`);
  }
  return parts;
}

function pathOf(value: unknown, where: string, rest: boolean): ArgPath {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { arg: value, keys: [], rest: false };
  const bad = `\`${where}\` must be an argument position (0, 1, ...) or a path into one ("1.event"${rest ? ', "0.*"' : ''})`;
  if (typeof value !== 'string') throw new SettingError(`${bad}, not ${JSON.stringify(value) ?? String(value)}`);
  const [arg, ...keys] = value.split('.');
  const star = keys[keys.length - 1] === '*';
  if (star) keys.pop();
  if (!/^\d+$/.test(arg!) || keys.some((k) => k === '' || k === '*') || (star && !rest)) throw new SettingError(`${bad}, not "${value}"`);
  return { arg: Number(arg), keys, rest: star };
}

function signatureOf(entry: unknown, i: number): Signature {
  const where = `settings.trackplan.callees[${i}]`;
  if (typeof entry === 'string') return { text: entry, callee: calleeOf(entry, where) };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new SettingError(`\`${where}\` must be a dotted name or an object { callee, event, properties? } or { jsxAttribute }, not ${JSON.stringify(entry)}`);
  }
  const e = entry as Record<string, unknown>;
  const allowed = 'jsxAttribute' in e ? ['jsxAttribute'] : ['callee', 'event', 'properties'];
  const extra = Object.keys(e).find((k) => !allowed.includes(k));
  if (extra) throw new SettingError(`\`${where}\` has an unknown key \`${extra}\` (keys: ${allowed.join(', ')})`);
  if ('jsxAttribute' in e) {
    if (typeof e.jsxAttribute !== 'string' || !/^[A-Za-z_$][\w$:-]*$/.test(e.jsxAttribute)) throw new SettingError(`\`${where}.jsxAttribute\` must be an attribute name such as "captureEvent"`);
    return { text: `<… ${e.jsxAttribute}>`, jsxAttribute: e.jsxAttribute };
  }
  if (typeof e.callee !== 'string') throw new SettingError(`\`${where}.callee\` must be a dotted name such as "analytics.track"`);
  if (e.event === undefined) throw new SettingError(`\`${where}\` (\`${e.callee}\`) needs \`event\`: where the event name is, such as 1 or "0.event"`);
  const sig: Signature = { text: e.callee, callee: calleeOf(e.callee, `${where}.callee`), event: pathOf(e.event, `${where}.event`, false) };
  if (e.properties !== undefined) sig.properties = pathOf(e.properties, `${where}.properties`, true);
  if (sig.properties?.rest && (sig.event!.keys.length === 0 || sig.properties.arg !== sig.event!.arg || sig.properties.keys.join('.') !== sig.event!.keys.slice(0, -1).join('.'))) {
    throw new SettingError(`\`${where}.properties\` "${String(e.properties)}": \`*\` stands for the keys beside the event's, so it must be in the same object as \`event\``);
  }
  return sig;
}

const DEFAULTS: readonly Signature[] = Object.freeze(DEFAULT_CALLEES.map((c, i) => signatureOf(c, i)));

/**
 * Reads and checks `settings.trackplan`. A malformed one never throws (ESLint would print a stack
 * trace): it comes back as `error`, which known-event reports once per file, and no call is read.
 */
export function readSettings(settings: Record<string, unknown> | undefined, cwd: string): Resolved {
  const raw = settings?.trackplan;
  if (raw === undefined || raw === null) return { cwd, callees: DEFAULTS };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { cwd, callees: [], error: 'eslint-plugin-trackplan: `settings.trackplan` must be an object { config?, registry?, callees? }.' };
  const hit = memo.get(raw);
  if (hit && hit.cwd === cwd) return hit;
  let resolved: Resolved;
  try {
    resolved = read(raw as Record<string, unknown>, cwd);
  } catch (e) {
    if (!(e instanceof SettingError)) throw e;
    resolved = { cwd, callees: [], error: `eslint-plugin-trackplan: ${e.message}.` };
  }
  memo.set(raw, resolved);
  return resolved;
}

function read(s: Record<string, unknown>, cwd: string): Resolved {
  for (const key of Object.keys(s)) {
    if (!KEYS.includes(key)) throw new SettingError(`unknown key \`${key}\` in \`settings.trackplan\` (keys: ${KEYS.join(', ')})`);
  }
  const str = (key: string): string | undefined => {
    const v = s[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !v) throw new SettingError(`\`settings.trackplan.${key}\` must be a non-empty path`);
    return path.resolve(cwd, v);
  };
  let callees = DEFAULTS;
  if (s.callees !== undefined) {
    if (!Array.isArray(s.callees)) throw new SettingError('`settings.trackplan.callees` must be a list of dotted names such as "analytics.track" or call signatures');
    callees = s.callees.map(signatureOf);
  }
  const resolved: Resolved = { cwd, callees };
  const config = str('config'), registry = str('registry');
  if (config) resolved.config = config;
  if (registry) resolved.registry = registry;
  return resolved;
}
