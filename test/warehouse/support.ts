// Shared by the warehouse tests: the scripts of a project compiled in memory, valid events made
// from its schemas, and a registry whose names and texts try to break the SQL.
import { compile } from '../../src/compile/index.js';
import type { DialectName } from '../../src/compile/sql/dialects.js';
import { scriptPath } from '../../src/compile/sql/warehouse.js';
import { loadConfig } from '../../src/load/config.js';
import { loadRegistry } from '../../src/load/registry.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { eventSchemas, sample, type Json, type Schema } from '../compile/support.js';
import { project } from '../helpers.js';

export interface Compiled { scripts: Record<DialectName, string>; schemas: Schema[] }

/** What `trackplan build` would write for the project in `dir`: each engine's script, and the event schemas. */
export async function compileProject(dir: string): Promise<Compiled> {
  const config = loadConfig(dir, undefined, RULE_IDS);
  const artifacts = await compile(await loadRegistry(config.registry, { parallelThreshold: Infinity }), undefined, { warehouse: config.warehouse });
  const scripts = Object.fromEntries(config.warehouse.dialects.map((d) => [d, artifacts.get(scriptPath(d))!])) as Record<DialectName, string>;
  return { scripts, schemas: eventSchemas(artifacts) };
}

let n = 0;
/** A fresh UUID-shaped id, different on every call. */
export const newId = (): string => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;

/** A valid event of each schema that `sample` can fill (required properties only). */
export function validEvents(schemas: Schema[]): Array<{ event_id: string; event_name: string; event_time: string; user_id: string; properties: Json }> {
  return schemas.flatMap((schema) => {
    const properties = sample((schema.properties as Record<string, Schema>).properties!, schema);
    return properties === undefined ? [] : [{ event_id: newId(), event_name: schema.title as string, event_time: '2026-03-01T12:00:00Z', user_id: 'user_1', properties }];
  });
}

/** Text that would end a literal, a comment or a statement if it were pasted into SQL. */
export const HOSTILE_TEXT = "It's \"quoted\", ends */ a comment, -- starts one, $$ and $tag$ dollar quotes, \\ backslash; DROP TABLE x; and a\nnew line.";

/** Properties named like SQL keywords and JavaScript's inherited members, and worse. */
export const HOSTILE_PROPERTIES = ['select', 'order', 'default', 'constructor', 'user', "it's", 'say "hi"', 'a--b', '*/', '$$', 'semi;colon'];

export function hostileProject(extraConfig = ''): string {
  const props = HOSTILE_PROPERTIES.map((name, i) => {
    const type = ['string', 'integer', 'number', 'boolean', 'string'][i % 5]!;
    return `  ${JSON.stringify(name)}: { type: ${type}, required: ${i < 3}, description: ${JSON.stringify(`${HOSTILE_TEXT} (${name})`)}${type === 'string' && i === 0 ? ', enum: ["it\'s", "--", "*/", "$$"]' : ''} }`;
  });
  return project({
    'trackplan.config.yaml': `rules:\n${['event-name-verb', 'event-name-state', 'event-name-derived', 'property-name-case', 'property-derived', 'property-type-consistency', 'property-reserved'].map((r) => `  ${r}: off\n`).join('')}${extraConfig}`,
    'registry/events/order_placed.yaml': [
      'name: order_placed',
      `description: ${JSON.stringify(HOSTILE_TEXT)}`,
      'owner: "team */ -- x"',
      'properties:',
      ...props,
      '  quoted_pattern: { type: string, pattern: "^[a\'\\\\\\\\]+$", description: "A pattern with a quote and a backslash." }',
      '',
    ].join('\n'),
    'registry/events/select_done.yaml': `name: select_done\ndescription: ${JSON.stringify(`${HOSTILE_TEXT} Deprecated.`)}\nowner: qa\nstatus: deprecated\nreplaced_by: order_placed\n`,
  });
}

const sqlText = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** An INSERT of events into the raw table: values as text literals, properties as JSON text (absent: NULL). */
export function insertSql(events: ReadonlyArray<Record<string, unknown>>, table = 'analytics.events'): string {
  const value = (v: unknown): string => (v === undefined || v === null ? 'NULL' : sqlText(String(v)));
  return `INSERT INTO ${table} VALUES ${events.map((e) => `(${value(e.event_id)}, ${value(e.event_name)}, ${value(e.event_time)}, ${value(e.user_id)}, ${e.properties === undefined ? 'NULL' : sqlText(JSON.stringify(e.properties))})`).join(', ')};\n`;
}

/** Events of the bundled registry that break rules, and what event_violations says of each: [rule, path, message], sorted. */
export const BROKEN: Array<[Record<string, unknown>, Array<[string, string, string]>]> = [
  [{ event_name: 'project_created', properties: { project_id: 'p-1', plan_type: 'gold', template: 'blank', is_private: 1, tags: ['', 'x'.repeat(33), 5, null], colour: 'teal' } }, [
    ['enum', 'properties.plan_type', 'must be one of "free", "starter", "pro" or "enterprise", not "gold".'],
    ['format', 'properties.project_id', 'must be a UUID, such as 0f8fad5b-d9cb-469f-a165-70867728950e, not "p-1".'],
    ['maxLength', 'properties.tags[1]', 'must be at most 32 characters long; it has 33.'],
    ['minLength', 'properties.tags[0]', 'must not be empty.'],
    ['type', 'properties.is_private', 'must be a boolean, not an integer (1).'],
    ['type', 'properties.tags[2]', 'must be a string, not an integer (5).'],
    ['type', 'properties.tags[3]', 'must be a string, not null (null).'],
    ['unknown-property', 'properties.colour', '`colour` is not a property of `project_created`.'],
  ]],
  [{ event_name: 'project_created', properties: { project_id: '0f8fad5b-d9cb-469f-a165-70867728950e', plan_type: 'pro', template: 'blank', is_private: true, tags: Array.from({ length: 21 }, () => 't') } }, [
    ['maxItems', 'properties.tags', 'must have at most 20 items; it has 21.'],
  ]],
  [{ event_name: 'subscription_upgraded', properties: { plan_type: 'pro', billing: { interval: 'weekly', amount: -1, 'odd key': 1 } } }, [
    ['enum', 'properties.billing.interval', 'must be one of "monthly" or "yearly", not "weekly".'],
    ['minimum', 'properties.billing.amount', 'must be >= 0, not -1.'],
    ['required', 'properties.billing.currency', '`currency` is required but missing.'],
    ['required', 'properties.previous_plan_type', '`previous_plan_type` is required but missing.'],
    ['unknown-property', 'properties.billing["odd key"]', '`odd key` is not a property of `properties.billing`.'],
  ]],
  [{ event_name: 'subscription_upgraded', properties: { plan_type: 'pro', previous_plan_type: 'free', billing: { interval: 'yearly', amount: 1.5, currency: 'eur' } } }, [
    ['pattern', 'properties.billing.currency', 'must match the pattern ^[A-Z]{3}$, not "eur".'],
  ]],
  [{ event_name: 'trial_started', properties: { plan_type: 'pro', trial_length_days: 91.5 } }, [
    ['maximum', 'properties.trial_length_days', 'must be <= 90, not 91.5.'],
    ['type', 'properties.trial_length_days', 'must be an integer, not a number (91.5).'],
  ]],
  [{ event_name: 'user_signed_up', properties: { signup_method: 'email', plan_type: 'free', source: 'web', referral_code: null, utm_source: null } }, [
    ['type', 'properties.utm_source', 'must be a string, not null (null).'],
  ]],
  [{ event_name: 'project_deleted', properties: [] }, [['type', 'properties', 'must be an object, not an array ([]).']]],
  [{ event_name: 'project_deletd', properties: {} }, [['unknown-event', 'event_name', '`project_deletd` is not an event of the tracking plan.']]],
  [{ event_name: undefined, user_id: '', properties: undefined }, [
    ['minLength', 'user_id', 'must not be empty.'],
    ['required', 'event_name', '`event_name` is required but missing.'],
    ['required', 'properties', '`properties` is required but missing.'],
  ]],
];
