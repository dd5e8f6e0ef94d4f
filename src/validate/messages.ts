// Ajv's errors, in words a product manager reads: where (a path such as `properties.tags[2]`)
// and what is wrong with the value that was sent.
import type { ErrorObject } from 'ajv';
import { closest } from '../text.js';

export interface Problem { path: string; message: string }

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `/properties/tags/2` -> `properties.tags[2]`, from a JSON pointer. */
export function jsonPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9]\d*)$/.test(key)) out += `[${key}]`;
    else if (IDENT.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The JSON pointer of `key` inside the value at `pointer`. */
export const childPointer = (pointer: string, key: string): string => `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** A property that is required and absent. */
export const missing = (parent: string, name: string): Problem => ({ path: jsonPath(childPointer(parent, name)), message: `\`${name}\` is required but missing.` });

/** A property the schema does not define: `where` names its object; `known` are the ones it defines. */
export function unknownProperty(parent: string, name: string, where: string, known: readonly string[]): Problem {
  const guess = closest(name, known);
  return { path: jsonPath(childPointer(parent, name)), message: `\`${name}\` is not a property of ${where}${guess ? `: did you mean \`${guess}\`?` : known.length ? '.' : ', which has none.'}` };
}

/** A value as it appears in the data, cut short when long. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'number' ? (Number.isInteger(v) ? 'an integer' : 'a number') : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const article = (t: string): string => (t === 'null' ? 'null' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const either = (xs: string[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);
const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

const FORMATS: Record<string, string> = {
  uuid: 'a UUID, such as 0f8fad5b-d9cb-469f-a165-70867728950e',
  'date-time': 'an RFC 3339 date-time with a time zone, such as 2026-01-31T09:30:00Z',
  date: 'a date, such as 2026-01-31',
  time: 'a time with a time zone, such as 09:30:00Z',
  email: 'an email address',
  uri: 'an absolute URI, such as https://example.com/page',
  ipv4: 'an IPv4 address, such as 192.0.2.1',
  ipv6: 'an IPv6 address',
  hostname: 'a host name',
};

/** One plain problem per Ajv error (run with `verbose: true`, so errors carry the data and schema). */
export function describe(errors: readonly ErrorObject[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  // A nullable shared property is `anyOf: [<property>, { type: 'null' }]`: a wrong value fails
  // both branches. The property's own error says what is wrong; "must be null" does not.
  const nullables = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'anyOf' || (e.keyword === 'type' && e.params.type === 'null' && nullables.has(e.instancePath))) continue;
    const p = problem(e, nullables.has(e.instancePath));
    const key = `${p.path}\n${p.message}`;
    if (!seen.has(key)) { seen.add(key); out.push(p); }
  }
  return out;
}

function problem(e: ErrorObject, nullable: boolean): Problem {
  const at = jsonPath(e.instancePath);
  const v = e.data;
  const orNull = nullable ? ' (or null)' : '';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return missing(e.instancePath, params.missingProperty as string);
    case 'additionalProperties': {
      const known = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties) ?? {});
      return unknownProperty(e.instancePath, params.additionalProperty as string, at ? `\`${at}\`` : 'the event envelope', known);
    }
    case 'type': {
      const types = String(params.type).split(',').map(article);
      return { path: at, message: `must be ${either(types)}${orNull}, not ${kind(v)} (${show(v)}).` };
    }
    case 'enum':
      return { path: at, message: `must be one of ${either((params.allowedValues as unknown[]).filter((x) => x !== null).map(show))}${orNull}, not ${show(v)}.` };
    case 'const':
      return { path: at, message: `must be ${show(params.allowedValue)}, not ${show(v)}.` };
    case 'format': {
      const f = params.format as string;
      return { path: at, message: `must be ${FORMATS[f] ?? `a valid ${f}`}${orNull}, not ${show(v)}.` };
    }
    case 'pattern':
      return { path: at, message: `must match the pattern ${params.pattern as string}, not ${show(v)}.` };
    case 'minLength':
      return { path: at, message: params.limit === 1 ? 'must not be empty.' : `must be at least ${plural(params.limit as number, 'character')} long, not ${show(v)}.` };
    case 'maxLength':
      return { path: at, message: `must be at most ${plural(params.limit as number, 'character')} long; it has ${[...String(v)].length}.` };
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return { path: at, message: `must be ${params.comparison as string} ${params.limit as number}, not ${show(v)}.` };
    case 'minItems':
      return { path: at, message: `must have at least ${plural(params.limit as number, 'item')}; it has ${(v as unknown[]).length}.` };
    case 'maxItems':
      return { path: at, message: `must have at most ${plural(params.limit as number, 'item')}; it has ${(v as unknown[]).length}.` };
    default:
      return { path: at, message: `${e.message ?? 'is not valid'}.` };
  }
}
