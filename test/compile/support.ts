// Shared by the compile tests: builds in memory, Ajv in strict mode over the generated schemas,
// valid example events made from a schema, and registries with hostile text.
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { compile, type Artifacts } from '../../src/compile/index.js';
import { loadConfig } from '../../src/load/config.js';
import { loadRegistry } from '../../src/load/registry.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { ROOT, project } from '../helpers.js';

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

export const IGLU = path.join(ROOT, 'test/fixtures/iglu');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: Json };

/** What `trackplan build` would write for the project in `dir`, without writing it. */
export async function compileDir(dir: string): Promise<Artifacts> {
  const config = loadConfig(dir, undefined, RULE_IDS);
  // One thread: the loader's workers are compiled scripts (dist/), which tests do not build.
  return compile(await loadRegistry(config.registry, { parallelThreshold: Infinity }), undefined, { warehouse: config.warehouse });
}

export const eventSchemas = (artifacts: Artifacts): Schema[] => [...artifacts]
  .filter(([file]) => /^schemas\/.*\.schema\.json$/.test(file))
  .map(([, text]) => JSON.parse(text) as Schema);

export interface Validators {
  byName: Map<string, ValidateFunction>;
  /** The schema of schemas/index.json that accepts any known event. */
  any: ValidateFunction;
}

/** Compiles every generated schema in Ajv's strict mode (it throws on any doubtful keyword). */
export function validators(artifacts: Artifacts): Validators {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const byName = new Map<string, ValidateFunction>();
  for (const schema of eventSchemas(artifacts)) {
    ajv.addSchema(schema);
    byName.set(schema.title as string, ajv.getSchema(schema.$id as string)!);
  }
  for (const v of byName.values()) v({}); // getSchema compiles lazily: compile them all now
  const index = JSON.parse(artifacts.get('schemas/index.json')!) as { schema: Schema };
  return { byName, any: ajv.compile(index.schema) };
}

const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
  'date-time': '2024-05-01T12:00:00Z',
  date: '2024-05-01',
  time: '12:00:00Z',
  email: 'ada@example.com',
  uri: 'https://example.com/a',
  'uri-reference': '/a',
  url: 'https://example.com/a',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/** A string that fits a string schema, or undefined when none of the candidates does. */
function sampleString(s: Schema): string | undefined {
  if (typeof s.format === 'string') return FORMAT_EXAMPLES[s.format];
  const min = (s.minLength as number | undefined) ?? 0, max = (s.maxLength as number | undefined) ?? Infinity;
  const candidates = ['example', 'a', 'ABC', 'a_b', 'abc123', 'x'.repeat(Math.max(min, 1)), '1', ''];
  const re = typeof s.pattern === 'string' ? new RegExp(s.pattern, 'u') : undefined;
  return candidates.find((c) => [...c].length >= min && [...c].length <= max && (!re || re.test(c)));
}

/** A valid instance of `schema` (required properties only), or undefined when it cannot guess one. */
export function sample(schema: Schema, root: Schema): Json | undefined {
  if (typeof schema.$ref === 'string') {
    const name = decodeURIComponent(schema.$ref.replace('#/$defs/', '')).replace(/~1/g, '/').replace(/~0/g, '~');
    return sample((root.$defs as Record<string, Schema>)[name]!, root);
  }
  if ('const' in schema) return schema.const!;
  if (Array.isArray(schema.enum)) return schema.enum[0]!;
  if (Array.isArray(schema.anyOf)) return sample(schema.anyOf[0] as Schema, root);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': return sampleString(schema);
    case 'integer': case 'number': {
      const min = schema.minimum as number | undefined, max = schema.maximum as number | undefined;
      return min !== undefined ? Math.ceil(min) : max !== undefined ? Math.floor(max) : 1;
    }
    case 'boolean': return true;
    case 'array': {
      const n = (schema.minItems as number | undefined) ?? 0;
      const item = n && schema.items ? sample(schema.items as Schema, root) : null;
      return n && item === undefined ? undefined : Array.from({ length: n }, () => item!);
    }
    case 'object': case undefined: {
      const out: { [key: string]: Json } = {};
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const patterns = (schema.patternProperties ?? {}) as Record<string, Schema>;
      // A required property with aliases is `not: <none of its names>` (see aliasRules): its name.
      const aliased = ((schema.allOf ?? []) as Schema[]).map((r) => r.not as Schema | undefined).filter((n) => n !== undefined)
        .map((n) => Object.keys(Object.values(n)[0] as Schema)[0]!.replace(/^\^(.*)\$$/, '$1'));
      for (const name of [...(schema.required ?? []) as string[], ...aliased]) {
        const v = sample(props[name] ?? patterns[`^${name}$`]!, root);
        if (v === undefined) return undefined;
        Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default: return undefined;
  }
}

/** A registry whose text tries to break the generated TypeScript, JSON and JSDoc. */
export function hostileProject(): string {
  const desc = 'Ends a comment */ early, `backticks`, ${injection}, "quotes", \\\\ backslash, </script> and \u2028 a line separator.';
  return project({
    'trackplan.config.yaml': 'rules:\n' + ['event-name-verb', 'event-name-state', 'event-name-derived', 'property-name-case', 'property-derived', 'property-type-consistency', 'description-required']
      .map((r) => `  ${r}: off\n`).join(''),
    'registry/events/class_created.yaml': [
      'name: class_created',
      `description: ${JSON.stringify(desc)}`,
      'owner: "team */ x"',
      'properties:',
      `  constructor: { type: string, required: true, description: ${JSON.stringify(desc)} }`,
      '  default: { type: integer, required: true, minimum: 0 }',
      '  __proto_x__: { type: string, enum: ["a*/b", "`c`", "${d}", "\'e\'", "f\\\\g"], required: true }',
      '  hasOwnProperty: { type: boolean, nullable: true, required: true }',
      '  toString: { type: string, required: true }',
      '  prototype: { type: object, required: true, properties: { constructor: { type: number, required: true }, "kebab-key": { type: string }, "with space": { type: array, items: { type: string } }, isPrototypeOf: { type: boolean } } }',
      '  valueOf: { type: integer, description: "Optional, named like what every object inherits." }',
      '  "*/": { type: string }',
      '  "${x}": { type: string }',
      '  "`y`": { type: string }',
      '  enum: { $ref: plan_type, required: true, nullable: true, description: "Nullable */ ref." }',
      '  interface: { type: object }',
      '  function: { type: array }',
      '',
    ].join('\n'),
    'registry/events/e2e_step_2_done.yaml': 'name: e2e_step_2_done\ndescription: "/* nested */ */"\nowner: qa\nstatus: deprecated\nreplaced_by: class_created\n',
    'registry/properties/plan_type.yaml': `name: plan_type\ntype: string\nenum: [free, "p*/"]\ndescription: ${JSON.stringify(desc)}\n`,
  });
}

/**
 * A registry whose properties are sent under old names (aliases): required and optional, several
 * aliases, at depth, in array items, from a shared property (kept under its name, and under
 * another), nullable, and names of what every object inherits on either side.
 */
export function aliasesProject(): string {
  return project({
    'trackplan.config.yaml': 'rules:\n' + ['description-required', 'owner-required', 'property-name-case', 'property-derived', 'property-type-consistency']
      .map((r) => `  ${r}: off\n`).join(''),
    'registry/events/order_completed.yaml': [
      'name: order_completed',
      'aliases: [Order Completed]',
      'properties:',
      '  order_id: { type: string, required: true, minLength: 2, aliases: [orderId, OrderID] }',
      '  coupon: { type: string, aliases: [couponCode] }',
      '  currency: { $ref: currency, required: true }',
      '  billing_currency: { $ref: currency, aliases: [billingCurrency] }',
      '  cart:',
      '    type: object',
      '    nullable: true',
      '    aliases: [Cart]',
      '    properties:',
      '      cart_id: { type: string, required: true, aliases: [cartId] }',
      '      items: { type: array, items: { type: object, properties: { sku_id: { type: string, required: true, aliases: [skuId] }, qty: { type: integer, minimum: 1 } } } }',
      '  constructor: { type: string, required: true, aliases: [ctor] }',
      '  to_string: { type: string, aliases: [toString] }',
      '  value_of: { type: integer, required: true, aliases: [valueOf, value] }',
      '',
    ].join('\n'),
    'registry/events/order_refunded.yaml': 'name: order_refunded\nproperties:\n  order_id: { type: string, required: true, minLength: 2 }\n  currency: { $ref: currency }\n',
    'registry/properties/currency.yaml': 'name: currency\ntype: string\nenum: [EUR, USD]\naliases: [Currency, currencyCode]\n',
  });
}
