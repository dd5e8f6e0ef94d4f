// The generated JSON Schemas compile in Ajv's strict mode (draft 2020-12, formats checked),
// accept a valid event and refuse the usual mistakes, for the bundled registry, a registry of
// hostile text, and the 478 real schemas of the Iglu corpus.
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/index.js';
import { cleanup, registryProject, ROOT, event } from '../helpers.js';
import { compileDir, eventSchemas, hostileProject, IGLU, sample, validators, type Json, type Schema } from './support.js';
import { loadRegistry } from '../../src/load/registry.js';

afterAll(cleanup);

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const envelope = (schema: Schema): { [key: string]: Json } => ({
  event_id: UUID,
  event_name: schema.title as string,
  event_time: '2024-05-01T12:00:00.000Z',
  user_id: 'user-1',
  properties: sample((schema.properties as Record<string, Schema>).properties!, schema)!,
});
const withProps = (e: { [key: string]: Json }, change: (p: { [key: string]: Json }) => void) => {
  const properties = { ...(e.properties as { [key: string]: Json }) };
  change(properties);
  return { ...e, properties };
};

describe('the bundled registry', async () => {
  const artifacts = await compileDir(ROOT);
  const schemas = eventSchemas(artifacts);
  const { byName, any } = validators(artifacts);

  it('has a schema per event, each with a versioned $id and its $defs local', () => {
    expect(schemas.map((s) => s.title)).toContain('project_created');
    for (const s of schemas) {
      expect(s.$id).toMatch(new RegExp(`^trackplan:events/${s.title as string}/v[1-9][0-9]*$`));
      expect(JSON.stringify(s)).not.toMatch(/"\$ref":"(?!#\/\$defs\/)/);
    }
    expect(schemas.find((s) => s.title === 'report_downloaded')!.deprecated).toBe(true);
  });

  it.each(schemas.map((s) => [s.title as string, s] as const))('%s accepts a valid event and refuses invalid ones', (name, schema) => {
    const validate = byName.get(name)!;
    const ok = envelope(schema);
    expect(validate(ok), JSON.stringify(validate.errors)).toBe(true);
    expect(any(ok), JSON.stringify(any.errors)).toBe(true);
    const refuse = (e: Json, keyword: string) => {
      expect(validate(e)).toBe(false);
      expect(validate.errors!.map((x) => x.keyword)).toContain(keyword);
      expect(any(e)).toBe(false);
    };
    refuse(withProps(ok, (p) => { p.not_in_the_plan = 1; }), 'additionalProperties');
    refuse({ ...ok, event_id: 'not-a-uuid' }, 'format');
    refuse({ ...ok, user_id: '' }, 'minLength');
    refuse({ ...ok, event_time: 'yesterday' }, 'format');
    const props = (schema.properties as Record<string, Schema>).properties!;
    const required = (props.required ?? []) as string[];
    if (required[0]) {
      refuse(withProps(ok, (p) => { delete p[required[0]!]; }), 'required');
      const value = (ok.properties as Record<string, Json>)[required[0]];
      refuse(withProps(ok, (p) => { p[required[0]!] = typeof value === 'string' ? 12345 : 'text'; }), typeof value === 'string' ? 'type' : 'type');
    }
  });

  it('refuses a value outside an enum, inline or from a shared property', () => {
    const validate = byName.get('project_created')!;
    const ok = envelope(schemas.find((s) => s.title === 'project_created')!);
    for (const [key, value] of [['template', 'gantt'], ['plan_type', 'platinum']] as const) {
      expect(validate(withProps(ok, (p) => { p[key] = value; }))).toBe(false);
      expect(validate.errors!.map((e) => e.keyword)).toContain('enum');
    }
  });

  it('the index lists every event and refuses an unknown event name', () => {
    const index = JSON.parse(artifacts.get('schemas/index.json')!) as { events: Array<{ name: string; schema: string }> };
    expect(index.events.map((e) => e.name)).toEqual(schemas.map((s) => s.title));
    for (const e of index.events) expect(artifacts.has(`schemas/${e.schema}`)).toBe(true);
    expect(any({ ...envelope(schemas[0]!), event_name: 'project_craeted' })).toBe(false);
  });
});

describe('schema details', () => {
  it('nullable, nested objects, arrays, free-form values and shared properties with extras', async () => {
    const dir = registryProject({
      'events/order_placed.yaml': event('order_placed', [
        '  coupon: { type: string, nullable: true, enum: [spring, summer], description: A coupon. }',
        '  plan_type: { $ref: plan_type, required: true, nullable: true, description: The plan here. }',
        '  address:',
        '    type: object',
        '    description: Where to.',
        '    required: true',
        '    properties:',
        '      city: { type: string, required: true, description: City. }',
        '      zip: { type: string, pattern: "^[0-9]{5}$", description: Zip. }',
        '  lines: { type: array, minItems: 1, items: { type: integer, minimum: 1 }, description: Quantities. }',
        '  extra: { type: object, description: Anything. }',
        '  anything: { type: array, description: Anything. }',
        '',
      ].join('\n')),
      'properties/plan_type.yaml': 'name: plan_type\ntype: string\nenum: [free, pro]\ndescription: The plan.\n',
    });
    const artifacts = await compileDir(dir);
    const schema = JSON.parse(artifacts.get('schemas/order_placed.schema.json')!) as Schema;
    const props = ((schema.properties as Record<string, Schema>).properties!.properties as Record<string, Schema>);
    expect(props.coupon).toEqual({ description: 'A coupon.', type: ['string', 'null'], enum: ['spring', 'summer', null] });
    expect(props.plan_type).toEqual({ description: 'The plan here.', anyOf: [{ $ref: '#/$defs/plan_type' }, { type: 'null' }] });
    expect(props.address!.additionalProperties).toBe(false);
    expect(props.address!.required).toEqual(['city']);
    expect(props.extra).toEqual({ description: 'Anything.', type: 'object' });
    expect(props.anything).toEqual({ description: 'Anything.', type: 'array' });
    const validate = validators(artifacts).byName.get('order_placed')!;
    const base = { event_id: UUID, event_name: 'order_placed', event_time: '2024-05-01T12:00:00Z', user_id: 'u' };
    const good = { plan_type: null, coupon: null, address: { city: 'Oslo', zip: '01234' }, lines: [2], extra: { any: { thing: 1 } }, anything: [1, 'a', null] };
    expect(validate({ ...base, properties: good }), JSON.stringify(validate.errors)).toBe(true);
    for (const bad of [{ address: { city: 'Oslo', street: 'x' } }, { address: {} }, { address: { city: 'Oslo', zip: '1' } }, { lines: [] }, { lines: [0] }, { plan_type: 'gold' }, { coupon: 'winter' }]) {
      expect(validate({ ...base, properties: { ...good, ...bad } }), JSON.stringify(bad)).toBe(false);
    }
  });

  it('an empty registry still gives valid schemas', async () => {
    const artifacts = await compile(await loadRegistry(registryProject({ 'events/.keep': '' })));
    const { any } = validators(artifacts);
    expect(any({ event_name: 'x' })).toBe(false);
  });
});

describe('hostile text', () => {
  it('gives valid JSON and schemas that Ajv compiles, with every name and text kept', async () => {
    const artifacts = await compileDir(hostileProject());
    for (const [file, text] of artifacts) if (file.endsWith('.json')) expect(() => JSON.parse(text), file).not.toThrow();
    const schema = eventSchemas(artifacts).find((s) => s.title === 'class_created')!;
    expect(schema.description).toContain('*/ early, `backticks`, ${injection}');
    const props = (schema.properties as Record<string, Schema>).properties!;
    expect(Object.keys(props.properties as object)).toEqual(expect.arrayContaining(['constructor', 'default', '__proto_x__', 'hasOwnProperty', 'toString', '*/', '${x}']));
    const validate = validators(artifacts).byName.get('class_created')!;
    const ok = envelope(schema);
    expect(validate(ok), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(withProps(ok, (p) => { Reflect.deleteProperty(p, 'hasOwnProperty'); }))).toBe(false);
    expect(validate(withProps(ok, (p) => { Object.assign(p, { toString: 1 }); }))).toBe(false);
    expect(validate(withProps(ok, (p) => { Object.assign(p, { valueOf: 1 }); })), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(withProps(ok, (p) => { Object.assign(p, { valueOf: 'one' }); }))).toBe(false);
  });

  it('refuses a property named __proto__, which validators ignore', async () => {
    const dir = registryProject({ 'events/x_done.yaml': event('x_done', '  __proto__: { type: string, description: P. }\n') });
    await expect(compileDir(dir)).rejects.toThrow(/__proto__/);
  });

  it('accepts an optional property named like a member of every object, absent or present', async () => {
    const dir = registryProject({
      'events/x_done.yaml': event('x_done', '  constructor: { type: string, description: C. }\n  meta:\n    type: object\n    description: M.\n    properties:\n      constructor: { type: integer, nullable: true, description: C. }\n      name: { type: string, required: true, description: N. }\n'),
    });
    const artifacts = await compileDir(dir);
    const props = (JSON.parse(artifacts.get('schemas/x_done.schema.json')!) as Schema).properties as Record<string, Schema>;
    expect(props.properties!.patternProperties).toEqual({ '^constructor$': { description: 'C.', type: 'string' } });
    const validate = validators(artifacts).byName.get('x_done')!;
    const base = { event_id: UUID, event_name: 'x_done', event_time: '2024-05-01T12:00:00Z', user_id: 'u' };
    for (const good of [{}, { constructor: 'c' }, { meta: { name: 'n' } }, { meta: { name: 'n', constructor: null } }, { constructor: 'c', meta: { name: 'n', constructor: 1 } }]) {
      expect(validate({ ...base, properties: good }), JSON.stringify(good) + JSON.stringify(validate.errors)).toBe(true);
    }
    for (const bad of [{ constructor: 1 }, { meta: { name: 'n', constructor: 'x' } }, { meta: {} }, { meta: { name: 'n', other: 1 } }]) {
      expect(validate({ ...base, properties: bad }), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('the Iglu corpus', async () => {
  const artifacts = await compileDir(IGLU);
  const schemas = eventSchemas(artifacts);

  it('gives 478 schemas that compile in Ajv strict mode', () => {
    expect(schemas).toHaveLength(478);
    const { byName, any } = validators(artifacts);
    expect(byName.size).toBe(478);
    // Where a valid event can be guessed from the schema (patterns aside), it is accepted.
    let checked = 0;
    for (const schema of schemas) {
      const props = sample((schema.properties as Record<string, Schema>).properties!, schema);
      if (props === undefined) continue;
      const e = { ...envelope({ ...schema, properties: { properties: {} } }), properties: props };
      const validate = byName.get(schema.title as string)!;
      expect(validate(e), `${schema.title as string}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(any(e)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
    // 478 strict compiles: seconds alone, past the default 60 s once at load 10+.
  }, 180_000);
});
