// `aliases`: the names an event or property was sent under before. The loader reads them, the
// format's JSON Schema accepts them, duplicate-event keeps each to one event, the generated
// schemas and `validate` accept data sent under them (with a warning naming the event).
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, event, lintFiles, registryProject, ROOT } from './helpers.js';

afterAll(cleanup);

const ORDER = event('order_completed', '  order_id: { type: string, required: true, description: The order., aliases: [orderId] }\n',
  'aliases: [Order Completed, orderCompleted]\n');

describe('aliases in the registry format', () => {
  it('loads aliases of events and properties with no finding', async () => {
    expect((await lintFiles({ 'events/order_completed.yaml': ORDER })).diagnostics).toEqual([]);
  });

  it('refuses an alias list that is not a list, repeats a name or repeats the name itself', async () => {
    const r = await lintFiles({
      'events/a_created.yaml': event('a_created', '  x_id: { type: string, description: X., aliases: x }\n', 'aliases: [a_created, Old, Old]\n'),
    });
    const messages = r.diagnostics.filter((d) => d.ruleId === 'schema').map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(messages).toEqual([
      '4:11 The alias "a_created" is the event\'s name itself.',
      '4:27 The alias "Old" appears twice.',
      '6:51 `aliases` must be a list of the names it was sent under, not the text "x".',
    ]);
  });

  it('keeps an alias to one event (duplicate-event), matched exactly as data sends it', async () => {
    const r = await lintFiles({
      'events/order_completed.yaml': ORDER,
      'events/order_placed.yaml': event('order_placed', '', 'aliases: [orderCompleted, order_completed]\n'),
      // `Event Collided` differs from the event `event_collided` in data: allowed.
      'events/event_collided.yaml': event('event_collided'),
      'events/event_collided_2.yaml': event('event_collided_2', '', 'aliases: [Event Collided]\n'),
    });
    expect(r.diagnostics.filter((d) => d.ruleId === 'duplicate-event').map((d) => [path.basename(d.file), d.line, d.column, d.ruleId, d.message])).toEqual([
      ['order_placed.yaml', 4, 11, 'duplicate-event', 'The alias `orderCompleted` of `order_placed` is already an alias of `order_completed` (registry/events/order_completed.yaml): data sent under it could not tell which event it is.'],
      ['order_placed.yaml', 4, 27, 'duplicate-event', 'The alias `order_completed` of `order_placed` is already the name of an event (registry/events/order_completed.yaml): data sent under it could not tell which event it is.'],
    ]);
  });

  it('is accepted by trackplan.schema.json and trackplan.property.schema.json', () => {
    const ajv = new Ajv({ strict: false });
    const ok = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'trackplan.schema.json'), 'utf8')));
    expect(ok(parse(ORDER)), JSON.stringify(ok.errors)).toBe(true);
    expect(ok(parse(`${ORDER}  total: { $ref: total, aliases: [Total] }\n`)), JSON.stringify(ok.errors)).toBe(true);
    expect(ok(parse('name: a_created\naliases: Old\n'))).toBe(false);
    const prop = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'trackplan.property.schema.json'), 'utf8')));
    expect(prop(parse('name: order_id\ntype: string\ndescription: The order.\naliases: [orderId]\n')), JSON.stringify(prop.errors)).toBe(true);
  });
});

describe('aliases in the output', () => {
  const dir = registryProject({ 'events/order_completed.yaml': ORDER });
  const line = (n: number, name: string, props: object) => JSON.stringify({
    event_id: `0f8fad5b-d9cb-469f-a165-${String(n).padStart(12, '0')}`, event_name: name, event_time: '2026-05-01T12:00:00Z', user_id: 'u1', properties: props,
  });

  it('generated schemas accept the event under its aliases', () => {
    const r = cli(['build'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'generated', 'schemas', 'order_completed.schema.json'), 'utf8'));
    expect(schema.properties.event_name).toEqual({ enum: ['order_completed', 'Order Completed', 'orderCompleted'] });
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'generated', 'schemas', 'index.json'), 'utf8'));
    expect(index.events[0].aliases).toEqual(['Order Completed', 'orderCompleted']);
    expect(index.schema.properties.event_name.enum).toEqual(['order_completed', 'Order Completed', 'orderCompleted']);
  });

  it('validate accepts data sent under an alias, with one warning naming the event, and checks it as that event', () => {
    const input = [line(1, 'Order Completed', { order_id: 'a' }), line(2, 'Order Completed', { order_id: 'b' }),
      line(3, 'orderCompleted', {}), line(4, 'order_completed', { order_id: 'c' })].join('\n') + '\n';
    const r = cli(['validate', '-', '--no-cache'], dir, input);
    expect(r.stdout).toContain('1  warning  Order Completed event_name: `Order Completed` is an old name (alias) of `order_completed`');
    expect(r.stdout).toContain('3  warning  orderCompleted event_name: `orderCompleted` is an old name (alias) of `order_completed`');
    expect(r.stdout).toContain('3  error    orderCompleted properties.order_id: `order_id` is required but missing.');
    expect(r.stdout).not.toMatch(/^\s+2 /m);
    expect(r.code).toBe(1);
  });
});
