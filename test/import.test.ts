// `trackplan import`: real plans (typewriter's Segment test plans, both API versions; every raw
// schema of Iglu Central) through the CLI, and the hostile JSON Schema constructs one by one
// through importPlan. Fixtures: test/fixtures/segment (segmentio/typewriter d8382953, MIT) and
// test/fixtures/iglu-raw (snowplow/iglu-central cbac22ed, Apache-2.0).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { importPlan, type ReportItem } from '../src/import/index.js';
import { cleanup, cli, FIXTURES, project } from './helpers.js';

afterAll(cleanup);

const SEGMENT = path.join(FIXTURES, 'segment');
const IGLU = path.join(FIXTURES, 'iglu-raw');
const read = (dir: string, rel: string) => parse(fs.readFileSync(path.join(dir, 'registry', rel), 'utf8')) as Record<string, any>;
const events = (dir: string) => fs.readdirSync(path.join(dir, 'registry', 'events')).sort();

describe('import segment', () => {
  const v2 = project({});
  const r = cli(['import', 'segment', path.join(SEGMENT, 'plan.json')], v2);

  it('writes one event file per event, keeping each wire name as an alias, and exits 1 for what it approximated', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(events(v2)).toHaveLength(25);
    expect(r.stdout).toMatch(/Imported 25 events into registry \(25 files\): \d+ approximated, \d+ renamed\.\n$/);
    expect(read(v2, 'events/terrible_event_name_3.yaml').aliases).toEqual(['42_--terrible==\\"event\'++name~!3']);
    expect(read(v2, 'events/every_required_type.yaml').aliases).toEqual(['Every Required Type']);
  });

  it('keeps both events and both properties that convert to one name', () => {
    expect(read(v2, 'events/event_collided.yaml').aliases).toBeUndefined();
    expect(read(v2, 'events/event_collided_2.yaml').aliases).toEqual(['Event Collided']);
    expect(r.stdout).toContain('event `Event Collided` -> `event_collided_2` (`event_collided` also converts to `event_collided`; all are kept)');
    const props = read(v2, 'events/properties_collided.yaml').properties;
    expect(props.property_collided).toEqual({ type: 'string', required: true });
    expect(props.property_collided_2).toEqual({ type: 'string', aliases: ['Property Collided'], required: true });
  });

  it('maps nullable types exactly and reports unions and untyped properties', () => {
    expect(read(v2, 'events/union_type.yaml').properties.universe_name).toEqual({ type: 'string', nullable: true, required: true });
    expect(r.stdout).toContain('plan.json#/rules/22/jsonSchema/properties/universe_name/type: has the union type string | integer, which the format cannot hold');
    expect(r.stdout).toMatch(/#\/rules\/13\/jsonSchema\/properties\/required any: has no type \(any value is valid\): imported as a free-form object/);
    const large = read(v2, 'events/large_numbers_event.yaml').properties;
    expect(large.large_nullable_required_integer).toEqual({ type: 'integer', aliases: ['large nullable required integer'], required: true, nullable: true });
    const nested = read(v2, 'events/nested_arrays.yaml').properties.universe_characters;
    expect(nested.items.items.properties.name).toEqual({ type: 'string', description: 'The character\'s name.', required: true });
  });

  it('writes files with no format error: only naming and documentation findings are left', () => {
    const lint = cli(['lint', '--no-cache'], v2);
    expect(lint.stdout).toMatch(/error .*event-name-verb$/m);
    expect(lint.stdout).not.toMatch(/error .*(schema|yaml-syntax|duplicate-event|file-name)$/m);
  });

  it('reads the Config API (v1) shape of the same plan into the same events, and skips traits', () => {
    const v1 = project({});
    const r1 = cli(['import', 'segment', path.join(SEGMENT, 'plan-v1.json')], v1);
    expect(r1.stderr).toBe('');
    // typewriter's v1 plan lacks `NoID Type`; every other event is the same.
    expect(events(v1)).toEqual(events(v2).filter((e) => e !== 'no_id_type.yaml'));
    expect(r1.stdout).not.toContain('skipped');
    expect(read(v1, 'events/union_type.yaml')).toEqual(read(v2, 'events/union_type.yaml'));
  });

  it('refuses to overwrite, replaces with --force, writes nothing with --dry-run', () => {
    const again = cli(['import', 'segment', path.join(SEGMENT, 'plan.json')], v2);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^trackplan: 25 of the files to write already exist \(such as .*\); nothing was written\. Use --force/);
    expect(cli(['import', 'segment', path.join(SEGMENT, 'plan.json'), '--force'], v2).code).toBe(1);
    const dry = project({});
    const d = cli(['import', 'segment', path.join(SEGMENT, 'telemetry-plan.json'), '--dry-run'], dry);
    expect(d.stdout).toMatch(/Would import 6 events into registry/);
    expect(fs.existsSync(path.join(dry, 'registry'))).toBe(false);
  });

  it('says what is wrong with input that is no plan, with exit 2', () => {
    const dir = project({ 'bad.json': '{"rules": ', 'other.json': '{"hello": 1}' });
    expect(cli(['import', 'segment', 'bad.json'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^trackplan: bad\.json is not valid JSON: /) });
    expect(cli(['import', 'segment', 'other.json'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^trackplan: other\.json is not a Segment tracking plan/) });
    expect(cli(['import', 'avo', 'other.json'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown format "avo"/) });
    expect(cli(['import', 'segment', 'missing.json'], dir)).toMatchObject({ code: 2, stderr: 'trackplan: missing.json does not exist.\n' });
  });
});

describe('import jsonschema (Iglu Central)', () => {
  const dir = project({});
  const r = cli(['import', 'jsonschema', IGLU], dir);

  it('imports one event per vendor and name at its latest SchemaVer, MODEL as version, vendor as owner', () => {
    expect(r.stderr).toBe('');
    expect(events(dir)).toHaveLength(519);
    const click = read(dir, 'events/link_click.yaml');
    expect(click).toMatchObject({ name: 'link_click', owner: 'com.snowplowanalytics.snowplow', description: 'Schema for a link click event' });
    expect(click.version).toBeUndefined(); // 1-0-1: MODEL 1
    expect(click.properties.target_url).toEqual({ type: 'string', aliases: ['targetUrl'], required: true, minLength: 1 });
    expect(r.stdout).toContain('link_click/jsonschema/1-0-0: com.snowplowanalytics.snowplow/link_click 1-0-0: ');
  });

  it('keeps every event whose name clashes across vendors, under the vendor\'s word, with vendor/name as alias', () => {
    expect(read(dir, 'events/ecommerce_transaction.yaml').aliases).toEqual(['com.google.analytics.ecommerce/transaction']);
    expect(read(dir, 'events/measurement_protocol_transaction.yaml').aliases).toEqual(['com.google.analytics.measurement-protocol/transaction']);
    expect(r.stdout).toContain('event `com.google.analytics.ecommerce/transaction` -> `ecommerce_transaction`');
  });

  it('writes files with no format error', () => {
    const lint = cli(['lint', '--no-cache'], dir);
    expect(lint.stdout).not.toMatch(/error .*(schema|yaml-syntax|duplicate-event|file-name)$/m);
  });
});

describe('importPlan: what the format cannot hold is reported, never changed silently', () => {
  const one = (schema: object) => {
    const r = importPlan('jsonschema', [{ path: 'e.json', text: JSON.stringify({ title: 'Thing Happened', type: 'object', properties: { p: schema } }) }]);
    return { prop: (parse(r.files.get('events/thing_happened.yaml')!) as any).properties.p, report: r.report.filter((i) => i.kind === 'approximated').map((i) => `${i.at} ${i.message}`) };
  };

  it('maps exactly what has an exact equivalent', () => {
    expect(one({ type: ['integer', 'null'], minimum: 0, exclusiveMaximum: 10 })).toEqual({ prop: { type: 'integer', nullable: true, minimum: 0, maximum: 9 }, report: [] });
    expect(one({ anyOf: [{ type: 'string', format: 'email' }, { type: 'null' }] })).toEqual({ prop: { type: 'string', nullable: true, format: 'email' }, report: [] });
    expect(one({ const: 'web' })).toEqual({ prop: { type: 'string', enum: ['web'] }, report: [] });
    expect(one({ type: 'string', enum: ['a', 'b', null] })).toEqual({ prop: { type: 'string', nullable: true, enum: ['a', 'b'] }, report: [] });
    expect(one({ type: 'object', properties: { x: { type: 'boolean' } }, additionalProperties: false })).toEqual({ prop: { type: 'object', properties: { x: { type: 'boolean' } } }, report: [] });
  });

  it('approximates the rest, saying where and how', () => {
    expect(one({ oneOf: [{ type: 'string' }, { type: 'integer' }] }).report).toEqual(['e.json#/properties/p/oneOf `oneOf` of 2 schemas cannot be held (a property has one type): imported as its first choice only. Split the property, or pick the type its values have.']);
    expect(one({ type: 'array', items: [{ type: 'string' }, { type: 'integer' }] })).toEqual({ prop: { type: 'array' }, report: ['e.json#/properties/p/items a tuple (`items` as a list of schemas) cannot be held: imported as a list of any items.'] });
    expect(one({ $ref: 'other.json#/x' })).toEqual({ prop: { type: 'object' }, report: ['e.json#/properties/p `$ref: other.json#/x` points to another file: imported as a free-form object. Define it here, or as a shared property.'] });
    expect(one({ type: 'object', properties: { x: { type: 'string' } }, additionalProperties: true }).report).toEqual(['e.json#/properties/p/additionalProperties `additionalProperties` other than false cannot be held beside listed properties: properties it does not list are refused.']);
    expect(one({ type: 'number', exclusiveMinimum: 0.5 })).toEqual({ prop: { type: 'number', minimum: 0.5 }, report: ['e.json#/properties/p/exclusiveMinimum `exclusiveMinimum: 0.5` cannot be held: imported as the inclusive `minimum: 0.5`.'] });
    expect(one({ type: 'string', format: 'phone' }).report).toEqual(['e.json#/properties/p/format `format: phone` is no format trackplan checks: dropped.']);
    expect(one({ type: 'integer', multipleOf: 5 }).report).toEqual(['e.json#/properties/p/multipleOf `multipleOf` cannot be held by the format: dropped.']);
  });

  it('resolves local $refs', () => {
    const r = importPlan('jsonschema', [{ path: 'e.json', text: JSON.stringify({ title: 'a_created', definitions: { id: { type: 'string', maxLength: 36 } }, properties: { a_id: { $ref: '#/definitions/id' } } }) }]);
    expect((parse(r.files.get('events/a_created.yaml')!) as any).properties.a_id).toEqual({ type: 'string', maxLength: 36 });
  });

  it('writes YAML that reads back as what it means (quoting), for hostile names', () => {
    const wires = ['yes', 'null', 'a: b', '#x', '- y', 'ok name', 'trailing ', '"q"', 'multi\nline', '3'];
    const r = importPlan('jsonschema', [{ path: 'e.json', text: JSON.stringify({ title: 'Order Completed', description: 'true', properties: Object.fromEntries(wires.map((w) => [w, { type: 'string', description: w, enum: [w] }])) }) }]);
    const doc = parse(r.files.get('events/order_completed.yaml')!) as any;
    expect(doc.description).toBe('true');
    const back = Object.values(doc.properties as Record<string, any>).map((p) => [p.description, p.enum[0], (p.aliases ?? [p.description])[0]]);
    expect(back).toEqual(['3', ...wires.slice(0, -1)].map((w) => [w, w, w])); // JavaScript puts integer keys first
  });

  it('imports 1,000 events in under 2 s', () => {
    const rules = Array.from({ length: 1000 }, (_, i) => ({
      key: `Thing ${i} Happened`, type: 'TRACK', version: 1,
      jsonSchema: { description: `Thing ${i}.`, type: 'object', required: ['prop0 field'], properties: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`prop${k} field`, k % 2 ? { type: 'integer', minimum: 0 } : { type: ['string', 'null'], description: 'A value.' }])) },
    }));
    const text = JSON.stringify({ rules });
    const started = performance.now();
    const r = importPlan('segment', [{ path: 'plan.json', text }]);
    const ms = performance.now() - started;
    expect(r.files.size).toBe(1000);
    console.log(`import of 1,000 events: ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});

export type { ReportItem };
