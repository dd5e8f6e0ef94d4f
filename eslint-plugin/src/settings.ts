// `settings.trackplan` in the ESLint config: where the registry is and which calls send events.
import path from 'node:path';

/** The calls that send an event when no `callees` are set: the common SDKs and the generated tracker. */
export const DEFAULT_CALLEES: readonly string[] = Object.freeze([
  'analytics.track', // Segment, browser (analytics.js) and Node
  'track', // a bare or destructured `track`, the generated tracker's included
  'tracker.track', // the generated tracker: `const tracker = createTracker({ send })`
  'mixpanel.track',
  'posthog.capture',
  'amplitude.track',
  'rudderanalytics.track',
]);

export interface TrackplanSettings {
  /** The trackplan config file, relative to ESLint's working directory (default: found from each linted file, project.ts). */
  config?: string;
  /** The registry folder, relative to ESLint's working directory; overrides the config's `registry`. */
  registry?: string;
  /** Dotted callee names that send an event (`analytics.track`); replaces the defaults. */
  callees?: string[];
}

export interface Resolved {
  cwd: string;
  config?: string;
  registry?: string;
  callees: readonly string[];
}

const KEYS = ['config', 'registry', 'callees'];
const memo = new WeakMap<object, Resolved>();

/** Reads and checks `settings.trackplan`; a malformed one throws, as ESLint does for a bad rule option. */
export function readSettings(settings: Record<string, unknown> | undefined, cwd: string): Resolved {
  const raw = settings?.trackplan;
  if (raw === undefined || raw === null) return { cwd, callees: DEFAULT_CALLEES };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('eslint-plugin-trackplan: `settings.trackplan` must be an object { config?, registry?, callees? }.');
  const hit = memo.get(raw);
  if (hit && hit.cwd === cwd) return hit;
  const s = raw as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!KEYS.includes(key)) throw new Error(`eslint-plugin-trackplan: unknown key \`${key}\` in \`settings.trackplan\` (keys: ${KEYS.join(', ')}).`);
  }
  const str = (key: string): string | undefined => {
    const v = s[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !v) throw new Error(`eslint-plugin-trackplan: \`settings.trackplan.${key}\` must be a non-empty path.`);
    return path.resolve(cwd, v);
  };
  let callees: readonly string[] = DEFAULT_CALLEES;
  if (s.callees !== undefined) {
    const ok = Array.isArray(s.callees) && s.callees.every((c) => typeof c === 'string' && /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(c));
    if (!ok) throw new Error('eslint-plugin-trackplan: `settings.trackplan.callees` must be a list of dotted names such as "analytics.track".');
    callees = s.callees as string[];
  }
  const resolved: Resolved = { cwd, callees };
  const config = str('config'), registry = str('registry');
  if (config) resolved.config = config;
  if (registry) resolved.registry = registry;
  memo.set(raw, resolved);
  return resolved;
}
