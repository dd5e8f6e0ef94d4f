// `settings.trackplan` in the ESLint config: where the registry is and which calls send events.
import path from 'node:path';
import { CalleeError, DEFAULT_CALLEES, notAList, signatureOf, type CalleeSetting, type Signature } from 'trackplan';

export { DEFAULT_CALLEES, type ArgPath, type CalleeSetting, type Signature } from 'trackplan';

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

class SettingError extends Error {}

const DEFAULTS: readonly Signature[] = Object.freeze(DEFAULT_CALLEES.map((c, i) => signatureOf(c, `DEFAULT_CALLEES[${i}]`)));

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
    if (!(e instanceof SettingError || e instanceof CalleeError)) throw e;
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
    if (!Array.isArray(s.callees)) throw new SettingError(notAList('settings.trackplan.callees'));
    callees = s.callees.map((entry, i) => signatureOf(entry, `settings.trackplan.callees[${i}]`));
  }
  const resolved: Resolved = { cwd, callees };
  const config = str('config'), registry = str('registry');
  if (config) resolved.config = config;
  if (registry) resolved.registry = registry;
  return resolved;
}
