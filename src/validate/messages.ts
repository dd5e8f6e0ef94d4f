// Ajv's errors, in words a product manager reads: where (a path such as `properties.tags[2]`)
// and what is wrong with the value that was sent.
import type { ErrorObject } from 'ajv';
import { absentNames } from '../compile/json-schema.js';
import { closest, series } from '../text.js';

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

const code = (s: string): string => `\`${s}\``;

/** A property that is required and absent, under its name and its aliases. */
export const missing = (parent: string, name: string, aliases: readonly string[] = []): Problem => ({
  path: jsonPath(childPointer(parent, name)),
  message: `\`${name}\` is required but missing${aliases.length ? ` (nor sent under its old name${aliases.length > 1 ? 's' : ''} ${either(aliases.map(code))})` : ''}.`,
});

/** An alias of `property` sent beside another of its names (`beside`). */
export const sentTwice = (parent: string, alias: string, property: string, beside: string): Problem => ({
  path: jsonPath(childPointer(parent, alias)),
  message: `\`${alias}\` is an old name (alias) of \`${property}\`, and the line also has \`${beside}\`: one property sent twice. Send it once, as \`${property}\`.`,
});

/** A property the schema does not define: `where` names its object; `known` are the ones it defines. */
export function unknownProperty(parent: string, name: string, where: string, known: readonly string[]): Problem {
  const guess = closest(name, known);
  return { path: jsonPath(childPointer(parent, name)), message: `\`${name}\` is not a property of ${where}${guess ? `: did you mean \`${guess}\`?` : known.length ? '.' : ', which has none.'}` };
}

const SHOWN = 60;

/**
 * A value as it appears in the data, cut short when long. Written here rather than by
 * JSON.stringify, which would write all of a large value to show 60 characters of it, and
 * overflow the stack on one nested thousands deep: this stops once it has enough, so it goes
 * no deeper than that many characters.
 */
export function show(value: unknown): string {
  let text = '';
  const write = (v: unknown): void => {
    if (text.length > SHOWN) return;
    if (Array.isArray(v)) {
      text += '[';
      for (let i = 0; i < v.length && text.length <= SHOWN; i++) { if (i) text += ','; write(v[i]); }
      text += ']';
    } else if (v !== null && typeof v === 'object') {
      text += '{';
      let first = true;
      for (const k of Object.keys(v)) {
        if (text.length > SHOWN) break;
        text += `${first ? '' : ','}${JSON.stringify(k)}:`;
        first = false;
        write((v as Record<string, unknown>)[k]);
      }
      text += '}';
    } else {
      // A long string is cut before it is quoted whole.
      text += typeof v === 'string' ? JSON.stringify(v.length > SHOWN ? v.slice(0, SHOWN) : v) : (JSON.stringify(v) ?? String(v));
    }
  };
  write(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 3)}...` : text;
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'number' ? (Number.isInteger(v) ? 'an integer' : 'a number') : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
export const article = (t: string): string => (t === 'null' ? 'null' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
export const either = (xs: string[]): string => series(xs, 'or');
export const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** How each format is told: `must be <this>`. */
export const FORMATS: Record<string, string> = {
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

/** Enum values listed in full up to this many; beyond, their number and the first few. */
const LISTED = 10;
/** Enums up to this size get a did-you-mean by edit distance; larger ones by a normalised spelling only. */
const NEAR = 1000;
/**
 * Per enum (Ajv hands over the schema's own array), made once: its values as the message lists
 * them, its guesses so far, and for a large one its values by normalised spelling. Made per
 * message, the list alone took as long as checking the line, with 100,000 values.
 */
interface Enum { told: string; values: string[]; guesses: Map<string, string | undefined>; byForm?: Map<string, string> }
const enums = new WeakMap<unknown[], Enum>();
const form = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function enumOf(allowedValues: unknown[]): Enum {
  let e = enums.get(allowedValues);
  if (!e) {
    const allowed = allowedValues.filter((x) => x !== null);
    const told = allowed.length <= LISTED ? either(allowed.map(show))
      : `${allowed.length.toLocaleString('en-US')} values (e.g. ${allowed.slice(0, 3).map(show).join(', ')})`;
    enums.set(allowedValues, (e = { told, values: allowed.filter((x): x is string => typeof x === 'string'), guesses: new Map() }));
  }
  return e;
}

/** A close value of the enum for a wrong string: for thousands of values, without comparing it with each. */
function enumGuess(e: Enum, v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (e.guesses.has(v)) return e.guesses.get(v);
  let guess: string | undefined;
  if (e.values.length <= NEAR) guess = closest(v, e.values);
  else {
    e.byForm ??= new Map(e.values.map((x) => [form(x), x]));
    guess = e.byForm.get(form(v));
  }
  if (e.guesses.size >= NEAR) e.guesses.clear(); // a stream of random values must not grow this without bound
  e.guesses.set(v, guess);
  return guess;
}

/** "must be one of ..." for an enum: every value when there are a few, else how many and the first few; a did-you-mean. */
function oneOf(allowedValues: unknown[], v: unknown, orNull: string): string {
  const e = enumOf(allowedValues);
  const guess = enumGuess(e, v);
  return `must be one of ${e.told}${orNull}, not ${show(v)}${guess !== undefined ? `: did you mean ${show(guess)}?` : '.'}`;
}

/** The values of an enum as a message lists them: all of a few, else how many and the first few. */
export function allowedText(values: readonly unknown[]): string {
  return enumOf(values as unknown[]).told;
}

/**
 * One plain problem per Ajv error (run with `verbose: true`, so errors carry the data and
 * schema), into `out` while it has fewer than `room`; returns how many more there were.
 */
export function describe(errors: readonly ErrorObject[], out: Problem[], room = Infinity): number {
  const seen = new Set<string>();
  let more = 0;
  // A nullable shared property is `anyOf: [<property>, { type: 'null' }]`: a wrong value fails
  // both branches. The property's own error says what is wrong; "must be null" does not.
  const nullables = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  // An alias sent beside another name of its property fails `anyOf: [<alias absent>, <the other
  // names absent>]` (see aliasRules in compile/json-schema.ts): said once, by the `anyOf`, not
  // by its branches' `false` schemas.
  const twice = errors.filter((e) => e.keyword === 'anyOf' && aliasRule(e) !== undefined).map((e) => `${e.schemaPath}/`);
  for (const e of errors) {
    if (twice.some((t) => e.schemaPath.startsWith(t))) continue;
    if ((e.keyword === 'anyOf' && aliasRule(e) === undefined) || (e.keyword === 'type' && e.params.type === 'null' && nullables.has(e.instancePath))) continue;
    if (out.length >= room) { more++; continue; }
    const p = problem(e, nullables.has(e.instancePath));
    const key = `${p.path}\n${p.message}`;
    if (!seen.has(key)) { seen.add(key); out.push(p); }
  }
  return more;
}

/** For the `anyOf` of an alias (see describe): the alias and its property's other names. */
function aliasRule(e: ErrorObject): [alias: string, others: string[]] | undefined {
  const branches = e.schema as unknown;
  if (!Array.isArray(branches) || branches.length !== 2) return undefined;
  const [alias, others] = branches.map(absentNames);
  return alias?.length === 1 && others ? [alias[0]!, others] : undefined;
}

function problem(e: ErrorObject, nullable: boolean): Problem {
  const at = jsonPath(e.instancePath);
  const v = e.data;
  const orNull = nullable ? ' (or null)' : '';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'anyOf': { // an alias beside another name of its property (see describe)
      const [alias, [property, ...rest]] = aliasRule(e)!;
      const data = v as Record<string, unknown>;
      return sentTwice(e.instancePath, alias, property!, [property!, ...rest].find((n) => Object.hasOwn(data, n)) ?? property!);
    }
    case 'not': { // a required property with aliases, sent under none of its names
      const names = absentNames(e.schema);
      if (names) return missing(e.instancePath, names[0]!, names.slice(1));
      return { path: at, message: `${e.message ?? 'is not valid'}.` };
    }
    case 'required':
      return missing(e.instancePath, params.missingProperty as string);
    case 'additionalProperties': {
      const parent = e.parentSchema as { properties?: Record<string, unknown>; patternProperties?: Record<string, unknown> } | undefined;
      // Optional members named like Object.prototype's are `^name$` patterns (see objectSchema);
      // aliases (`deprecated`) are not offered: the property's name is.
      const names = (o: Record<string, unknown> = {}): string[] => Object.keys(o).filter((k) => (o[k] as { deprecated?: boolean } | undefined)?.deprecated !== true);
      const known = [...names(parent?.properties), ...names(parent?.patternProperties).map((p) => p.replace(/^\^|\$$/g, ''))];
      return unknownProperty(e.instancePath, params.additionalProperty as string, at ? `\`${at}\`` : 'the event envelope', known);
    }
    case 'type': {
      const types = String(params.type).split(',').map(article);
      return { path: at, message: `must be ${either(types)}${orNull}, not ${kind(v)} (${show(v)}).` };
    }
    case 'enum':
      return { path: at, message: oneOf(params.allowedValues as unknown[], v, orNull) };
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
