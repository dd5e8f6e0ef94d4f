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
