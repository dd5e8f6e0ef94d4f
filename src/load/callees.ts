// The calls that send an event, as `settings.trackplan.callees` of the ESLint plugin and the
// config's `eslint.callees` both write them: one reader, so that a mistake gets the same message
// wherever it is made. The plugin reads the entries it is given; the config loader checks its own
// at load time, to report them at their line.

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

/** An entry of `callees`. */
export type CalleeSetting =
  | string
  | { callee: string; event: number | string; properties?: number | string }
  | { jsxAttribute: string };

/** An entry that cannot be used; the message names it by `where` and ends without a period. */
export class CalleeError extends Error {}

const SEGMENT = /^[A-Za-z_$][\w$]*(\(\))?$/;

function calleeOf(text: string, where: string): string[] {
  // `?.` is written as in code; a member chain matches with or without it.
  const parts = text.replaceAll('?.', '.').split('.');
  if (!parts.every((p) => SEGMENT.test(p))) {
    throw new CalleeError(`\`${where}\` \`${text}\` is not a dotted name such as "analytics.track" or "posthog().capture"`);
  }
  return parts;
}

function pathOf(value: unknown, where: string, rest: boolean): ArgPath {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { arg: value, keys: [], rest: false };
  const bad = `\`${where}\` must be an argument position (0, 1, ...) or a path into one ("1.event"${rest ? ', "0.*"' : ''})`;
  if (typeof value !== 'string') throw new CalleeError(`${bad}, not ${JSON.stringify(value) ?? String(value)}`);
  const [arg, ...keys] = value.split('.');
  const star = keys[keys.length - 1] === '*';
  if (star) keys.pop();
  if (!/^\d+$/.test(arg!) || keys.some((k) => k === '' || k === '*') || (star && !rest)) throw new CalleeError(`${bad}, not "${value}"`);
  return { arg: Number(arg), keys, rest: star };
}

/** Reads one entry; `where` names it in messages (`settings.trackplan.callees[2]`). Throws CalleeError. */
export function signatureOf(entry: unknown, where: string): Signature {
  if (typeof entry === 'string') return { text: entry, callee: calleeOf(entry, where) };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new CalleeError(`\`${where}\` must be a dotted name or an object { callee, event, properties? } or { jsxAttribute }, not ${JSON.stringify(entry)}`);
  }
  const e = entry as Record<string, unknown>;
  const allowed = 'jsxAttribute' in e ? ['jsxAttribute'] : ['callee', 'event', 'properties'];
  const extra = Object.keys(e).find((k) => !allowed.includes(k));
  if (extra) throw new CalleeError(`\`${where}\` has an unknown key \`${extra}\` (keys: ${allowed.join(', ')})`);
  if ('jsxAttribute' in e) {
    if (typeof e.jsxAttribute !== 'string' || !/^[A-Za-z_$][\w$:-]*$/.test(e.jsxAttribute)) throw new CalleeError(`\`${where}.jsxAttribute\` must be an attribute name such as "captureEvent"`);
    return { text: `<… ${e.jsxAttribute}>`, jsxAttribute: e.jsxAttribute };
  }
  if (typeof e.callee !== 'string') throw new CalleeError(`\`${where}.callee\` must be a dotted name such as "analytics.track"`);
  if (e.event === undefined) throw new CalleeError(`\`${where}\` (\`${e.callee}\`) needs \`event\`: where the event name is, such as 1 or "0.event"`);
  const sig: Signature = { text: e.callee, callee: calleeOf(e.callee, `${where}.callee`), event: pathOf(e.event, `${where}.event`, false) };
  if (e.properties !== undefined) sig.properties = pathOf(e.properties, `${where}.properties`, true);
  if (sig.properties?.rest && (sig.event!.keys.length === 0 || sig.properties.arg !== sig.event!.arg || sig.properties.keys.join('.') !== sig.event!.keys.slice(0, -1).join('.'))) {
    throw new CalleeError(`\`${where}.properties\` "${String(e.properties)}": \`*\` stands for the keys beside the event's, so it must be in the same object as \`event\``);
  }
  return sig;
}

/** The message for a `callees` value that is no list; `where` names it. */
export const notAList = (where: string): string => `\`${where}\` must be a list of dotted names such as "analytics.track" or call signatures`;
