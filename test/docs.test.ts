// The published documentation and editor schemas: every rule has its page and the generated docs
// are up to date; trackplan.schema.json (and the property and config schemas) accept what the
// loader accepts, the bundled registry and the Iglu corpus included, and refuse typical mistakes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_IDS } from '../src/rules/index.js';
import { FORMATS } from '../src/load/formats.js';
import { PROPERTY_TYPES } from '../src/model.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const IGLU = path.join(HERE, 'fixtures/iglu');

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

function compile(file: string): ValidateFunction {
  // Draft-07, as editors read it. `markdownDescription` is the editors' rich help text.
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword('markdownDescription');
  return ajv.compile(readJson(file));
}

const yamlFiles = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/i.test(f))
  .sort()
  .map((f) => path.join(dir, f));

/** The files a schema refuses, with Ajv's first errors, so a failure names the file and the key. */
function refused(validate: ValidateFunction, files: string[]): string[] {
  return files.flatMap((file) => (validate(parse(fs.readFileSync(file, 'utf8')))
    ? []
    : [`${file}: ${(validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`]));
}

describe('rule docs', () => {
  it('every rule has a docs page, linked from the README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const rule of RULES) {
      const page = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      expect(fs.existsSync(page), `docs/rules/${rule.id}.md`).toBe(true);
      const text = fs.readFileSync(page, 'utf8');
      expect(text.startsWith(`# ${rule.id}\n`)).toBe(true);
      expect(text).toContain('## Bad');
      expect(text).toContain('## Good');
      expect(readme).toContain(`(docs/rules/${rule.id}.md)`);
    }
  });

  it('the README starts with the commands that work on a fresh clone', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme.startsWith('# trackplan\n\n```sh\nnpm ci && npx trackplan build ')).toBe(true);
    expect(readme).toMatch(/^npm test\b/m);
  });

  it('docs/rules and the README rule section are up to date (`node scripts/docs.mjs --check`)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'docs.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('trackplan.schema.json', () => {
  const validate = compile('trackplan.schema.json');
  const schema = readJson('trackplan.schema.json') as { definitions: { property: { properties: Record<string, { enum?: string[] }> } } };
  const accepts = (text: string) => validate(parse(text));

  it('lists the formats and types the loader accepts', () => {
    const keys = schema.definitions.property.properties;
    expect(keys.format!.enum).toEqual([...FORMATS]);
    expect(keys.type!.enum).toEqual([...PROPERTY_TYPES]);
  });

  it('accepts every event of the bundled registry', () => {
    const files = yamlFiles(path.join(ROOT, 'registry', 'events'));
    expect(files.length).toBeGreaterThan(0);
    expect(refused(validate, files)).toEqual([]);
  });

  it('accepts every event of the Iglu corpus', () => {
    const files = yamlFiles(path.join(IGLU, 'registry', 'events'));
    expect(files.length).toBeGreaterThan(400);
    expect(refused(validate, files)).toEqual([]);
  });

  it('accepts the full format: $ref, nesting, items, deprecation, nulls the rules report', () => {
    expect(accepts([
      'name: order_completed',
      'description: A customer completed an order.',
      'owner: checkout-team',
      'status: deprecated',
      'replaced_by: order_placed',
      'version: 3',
      'properties:',
      '  plan_type: { $ref: plan_type, required: true, nullable: true, description: The plan. }',
      '  total: { type: number, minimum: 0, maximum: 1000000, enum: [1, 2.5] }',
      '  quantity: { type: integer, minimum: 1, enum: [1, 2, 3] }',
      '  gift: { type: boolean, enum: [true] }',
      '  coupon: { type: string, format: uuid, pattern: "^[A-Z]+$", minLength: 1, maxLength: 20, enum: [A, B] }',
      '  metadata: { type: object }',
      '  anything: { type: array }',
      '  lines:',
      '    type: array',
      '    minItems: 1',
      '    maxItems: 50',
      '    items:',
      '      type: object',
      '      nullable: true',
      '      properties:',
      '        sku: { type: string, required: true }',
      '        currency: { $ref: currency }',
      '        tags: { type: array, items: { type: array, items: { type: string } } }',
    ].join('\n'))).toBe(true);
    // An empty description or owner loads; description-required and owner-required report it.
    expect(accepts('name: order_completed\ndescription:\nowner:\nproperties:\n')).toBe(true);
  });

  it.each([
    ['an unknown key', 'name: a_created\ndescriptoin: A typo.\n'],
    ['an unknown property key', 'name: a_created\nproperties:\n  p: { type: string, descriptoin: A typo. }\n'],
    ['an unknown type', 'name: a_created\nproperties:\n  p: { type: strng }\n'],
    ['minimum on a string', 'name: a_created\nproperties:\n  p: { type: string, minimum: 1 }\n'],
    ['maxLength on an integer', 'name: a_created\nproperties:\n  p: { type: integer, maxLength: 1 }\n'],
    ['items on an object', 'name: a_created\nproperties:\n  p: { type: object, items: { type: string } }\n'],
    ['type beside $ref', 'name: a_created\nproperties:\n  p: { $ref: plan_type, type: string }\n'],
    ['enum beside $ref', 'name: a_created\nproperties:\n  p: { $ref: plan_type, enum: [a] }\n'],
    ['neither type nor $ref', 'name: a_created\nproperties:\n  p: { description: What? }\n'],
    ['required in array items', 'name: a_created\nproperties:\n  p: { type: array, items: { type: string, required: true } }\n'],
    ['$ref in array items', 'name: a_created\nproperties:\n  p: { type: array, items: { $ref: plan_type } }\n'],
    ['an unknown format', 'name: a_created\nproperties:\n  p: { type: string, format: uid }\n'],
    ['enum values of another type', 'name: a_created\nproperties:\n  p: { type: integer, enum: [one] }\n'],
    ['an empty enum', 'name: a_created\nproperties:\n  p: { type: string, enum: [] }\n'],
    ['a repeated enum value', 'name: a_created\nproperties:\n  p: { type: string, enum: [a, a] }\n'],
    ['a negative maxLength', 'name: a_created\nproperties:\n  p: { type: string, maxLength: -1 }\n'],
    ['a fractional minItems', 'name: a_created\nproperties:\n  p: { type: array, minItems: 1.5 }\n'],
    ['a nested typo', 'name: a_created\nproperties:\n  p: { type: object, properties: { q: { type: object, properties: { r: { type: string, minimun: 1 } } } } }\n'],
    ['no name', 'description: Nameless.\n'],
    ['an unknown status', 'name: a_created\nstatus: retired\n'],
    ['replaced_by on an active event', 'name: a_created\nstatus: active\nreplaced_by: b_created\n'],
    ['replaced_by without a status', 'name: a_created\nreplaced_by: b_created\n'],
    ['version 0', 'name: a_created\nversion: 0\n'],
    ['a fractional version', 'name: a_created\nversion: 1.5\n'],
    ['a list of properties', 'name: a_created\nproperties: [a, b]\n'],
  ])('refuses %s', (_what, text) => {
    expect(accepts(text)).toBe(false);
  });
});

describe('trackplan.property.schema.json', () => {
  const validate = compile('trackplan.property.schema.json');
  const accepts = (text: string) => validate(parse(text));

  it('accepts every shared property of the bundled registry', () => {
    const files = yamlFiles(path.join(ROOT, 'registry', 'properties'));
    expect(files.length).toBeGreaterThan(0);
    expect(refused(validate, files)).toEqual([]);
  });

  it('accepts nested shared properties', () => {
    expect(accepts('name: address\ntype: object\ndescription: A postal address.\nproperties:\n  city: { type: string, required: true }\n  country: { $ref: country_code }\n')).toBe(true);
    expect(accepts('name: tags\ntype: array\nitems: { type: string, maxLength: 32 }\nmaxItems: 10\n')).toBe(true);
  });

  it.each([
    ['no name', 'type: string\n'],
    ['no type', 'name: plan_type\ndescription: The plan.\n'],
    ['a $ref', 'name: plan_type\n$ref: other_plan\n'],
    ['minimum on a string', 'name: plan_type\ntype: string\nminimum: 1\n'],
    ['an unknown key', 'name: plan_type\ntype: string\ndescriptoin: A typo.\n'],
  ])('refuses %s', (_what, text) => {
    expect(accepts(text)).toBe(false);
  });
});

describe('trackplan.config.schema.json', () => {
  const validate = compile('trackplan.config.schema.json');
  const schema = readJson('trackplan.config.schema.json') as { properties: Record<string, { properties: Record<string, unknown> }> };

  it('names every rule, and only rules', () => {
    expect(Object.keys(schema.properties.rules!.properties)).toEqual([...RULE_IDS]);
    expect(Object.keys(schema.properties.allow!.properties)).toEqual([...RULE_IDS]);
  });

  it('accepts a sample config, and the Iglu corpus config', () => {
    const sample = [
      'registry: registry',
      'output: generated',
      'rules:',
      '  event-name-verb: warn',
      '  owner-required: off',
      '  schema: error',
      'allow:',
      '  property-derived:',
      '    - name: lifetime_value',
      '      reason: Sent by the billing system for this order, not computed from events.',
      'warehouse:',
      '  dialects: [duckdb, postgres]',
      '  schema: raw_events',
      '  table: events',
      'eslint:',
      '  callees:',
      '    - posthog.capture',
      '    - posthog()?.capture',
      '    - { callee: posthogCaptureEvent, event: 1, properties: 2 }',
      '    - { callee: track, event: "1.event", properties: "1.properties" }',
      '    - { callee: trackAnalytics, event: "0.event", properties: "0.*" }',
      '    - { callee: trackFirstTimeEvent, event: "0.event" }',
      '    - { jsxAttribute: captureEvent }',
    ].join('\n');
    expect(validate(parse(sample)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse(fs.readFileSync(path.join(IGLU, 'trackplan.config.yaml'), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['an unknown key', 'registy: registry\n'],
    ['an unknown rule', 'rules:\n  event-name-verbs: warn\n'],
    ['an unknown setting', 'rules:\n  schema: warning\n'],
    ['an exception without a reason', 'allow:\n  property-derived:\n    - name: lifetime_value\n'],
    ['an exception with a blank reason', 'allow:\n  property-derived:\n    - { name: lifetime_value, reason: " " }\n'],
    ['an unknown dialect', 'warehouse:\n  dialects: [mysql]\n'],
    ['callees that are no list', 'eslint:\n  callees: analytics.track\n'],
    ['a callee that is no dotted name', 'eslint:\n  callees: [analytics track]\n'],
    ['a call signature without its event', 'eslint:\n  callees: [{ callee: track }]\n'],
    ['an event that is no argument position', 'eslint:\n  callees: [{ callee: track, event: first }]\n'],
    ['an event at `*`', 'eslint:\n  callees: [{ callee: track, event: "0.*" }]\n'],
    ['a call signature with an unknown key', 'eslint:\n  callees: [{ callee: track, event: 0, when: 1 }]\n'],
    ['a JSX attribute that is no name', 'eslint:\n  callees: [{ jsxAttribute: 3 }]\n'],
  ])('refuses %s', (_what, text) => {
    expect(validate(parse(text))).toBe(false);
  });
});
