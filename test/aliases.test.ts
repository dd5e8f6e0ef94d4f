// `aliases`: the names an event or property was sent under before. The loader reads them, the
// format's JSON Schema accepts them, duplicate-event keeps each to one event, the generated
// schemas and `validate` accept data sent under them (with a warning naming the event).
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
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
    expect(r.stdout).toContain('3  error    orderCompleted properties.order_id: `order_id` is required but missing (nor sent under its old name `orderId`).');
    expect(r.stdout).not.toMatch(/^\s+2 /m);
    expect(r.code).toBe(1);
  });
});

describe('property aliases', () => {
  const CART = [
    '  coupon: { type: string, description: A coupon., aliases: [couponCode] }',
    '  currency: { $ref: currency, required: true }',
    '  billing_currency: { $ref: currency }',
    '  cart:',
    '    type: object',
    '    description: The cart.',
    '    properties:',
    '      cart_id: { type: string, required: true, description: The cart., aliases: [cartId] }',
    '      items: { type: array, description: Lines., items: { type: object, properties: { sku_id: { type: string, required: true, description: SKU., aliases: [skuId] } } } }',
    '',
  ].join('\n');
  const dir = registryProject({
    'events/order_completed.yaml': ORDER + CART,
    'properties/currency.yaml': 'name: currency\ntype: string\nenum: [EUR, USD]\ndescription: ISO 4217 code.\naliases: [Currency]\n',
  });
  const envelope = (props: object) => ({ event_id: '0f8fad5b-d9cb-469f-a165-70867728950e', event_name: 'order_completed', event_time: '2026-05-01T12:00:00Z', user_id: 'u1', properties: props });

  it('the generated schema accepts a property under an alias, its own or its shared property\'s, at any depth; either name satisfies required, not both', () => {
    expect(cli(['build', '--no-cache'], dir)).toMatchObject({ code: 0, stderr: '' });
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'generated', 'schemas', 'order_completed.schema.json'), 'utf8'));
    const props = schema.properties.properties;
    expect(props.properties.orderId).toEqual({ ...props.properties.order_id, deprecated: true });
    expect(props.properties.Currency).toEqual({ $ref: '#/$defs/currency', deprecated: true });
    // The shared property's old name is its own, not that of another property made from it.
    expect(Object.keys(props.properties)).toEqual(['order_id', 'orderId', 'coupon', 'couponCode', 'currency', 'Currency', 'billing_currency', 'cart']);
    expect(props.required).toBeUndefined(); // both required properties have aliases: `not: <none of its names>`
    for (const own of [false, true]) {
      const ajv = new Ajv2020({ strict: true, allErrors: true, ownProperties: own });
      ajv.addFormat('uuid', /./).addFormat('date-time', /./);
      const ok = ajv.compile(schema);
      const base = { order_id: 'o1', currency: 'EUR', cart: { cart_id: 'c1', items: [{ sku_id: 's1' }] } };
      const accepted = [base, { orderId: 'o1', Currency: 'EUR', couponCode: 'x', cart: { cartId: 'c1', items: [{ skuId: 's1' }, { sku_id: 's2' }] } }];
      for (const p of accepted) expect(ok(envelope(p)), JSON.stringify([p, ok.errors])).toBe(true);
      const refused = [
        { ...base, orderId: 'o2' }, { ...base, Currency: 'USD' }, { ...base, coupon: 'a', couponCode: 'b' },
        { currency: 'EUR', cart: base.cart }, { ...base, cart: { cart_id: 'c1', cartId: 'c2', items: [] } },
        { ...base, cart: { items: [{ skuId: 's', sku_id: 's' }] } }, { ...base, billing_currency: 'EUR', Billing_currency: 'EUR' },
        { ...base, orderId: 1 },
      ];
      for (const p of refused) expect(ok(envelope(p)), JSON.stringify(p)).toBe(false);
    }
  });

  it('the generated types offer the names only', () => {
    const types = fs.readFileSync(path.join(dir, 'generated', 'types', 'index.ts'), 'utf8');
    expect(types).toMatch(/ order_id: string\n/);
    expect(types).not.toMatch(/orderId|couponCode|Currency\b|cartId|skuId/);
  });

  it('validate accepts a property under an alias with one warning per alias and event, naming the property; refuses both names, or none', () => {
    const rows: object[] = [
      { order_id: 'o1', currency: 'EUR', cart: { cart_id: 'c', items: [] } },
      { orderId: 'o2', Currency: 'EUR', cart: { cartId: 'c', items: [{ skuId: 's' }] } },
      { orderId: 'o3', currency: 'EUR', cart: { cart_id: 'c', items: [{ skuId: 's' }] } },
      { order_id: 'o4', orderId: 'o4', currency: 'EUR', cart: { cart_id: 'c', items: [] } },
      { currency: 'EUR', cart: { items: [{}] } },
    ];
    const text = rows.map((p, i) => JSON.stringify({ ...envelope(p), event_id: `0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}` })).join('\n');
    // The same line with an escaped key is decided by the slow path: the same warnings.
    for (const input of [text, text.replace(/"orderId"/g, '"order\\u0049d"')]) {
      const r = cli(['validate', '-', '--no-cache'], dir, `${input}\n`);
      const lines = r.stdout.split('\n').filter((l) => /^\s+\d+ {2}/.test(l)).map((l) => l.trim().replace(/\s+/g, ' '));
      expect(lines).toEqual([
        '2 warning order_completed properties.orderId: `orderId` is an old name (alias) of the property `order_id`: it was checked as `order_id`; send `order_id` in new code. Other lines that send it are counted in the summary.',
        '2 warning order_completed properties.Currency: `Currency` is an old name (alias) of the property `currency`: it was checked as `currency`; send `currency` in new code. Other lines that send it are counted in the summary.',
        '2 warning order_completed properties.cart.cartId: `cartId` is an old name (alias) of the property `cart_id`: it was checked as `cart_id`; send `cart_id` in new code. Other lines that send it are counted in the summary.',
        '2 warning order_completed properties.cart.items[0].skuId: `skuId` is an old name (alias) of the property `sku_id`: it was checked as `sku_id`; send `sku_id` in new code. Other lines that send it are counted in the summary.',
        '4 error    order_completed properties.orderId: `orderId` is an old name (alias) of `order_id`, and the line also has `order_id`: one property sent twice. Send it once, as `order_id`.',
        '5 error    order_completed properties.cart.cart_id: `cart_id` is required but missing (nor sent under its old name `cartId`).',
        '5 error    order_completed properties.cart.items[0].sku_id: `sku_id` is required but missing (nor sent under its old name `skuId`).',
        '5 error    order_completed properties.order_id: `order_id` is required but missing (nor sent under its old name `orderId`).',
      ].map((l) => l.replace(/\s+/g, ' ')));
      // Lines 2, 3 and 4 send an old name: warned once each, counted per line.
      expect(r.stdout).toMatch(/order_completed +3 +2 +3\n/);
      expect(r.code).toBe(1);
    }
  });

  it('counts the lines that send an old name when --max-errors stops in the middle of a batch', () => {
    const lines = [{ orderId: 'a', currency: 'EUR', cart: { cart_id: 'c', items: [] } }, {}, {}]
      .map((p, i) => JSON.stringify({ ...envelope(p), event_id: `0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}` }));
    const r = cli(['validate', '-', '--no-cache', '--format', 'json', '--max-errors', '1'], dir, `${lines.join('\n')}\n`);
    expect(JSON.parse(r.stdout)).toMatchObject({ lines: 2, valid: 1, warnings: 1, events: [{ name: 'order_completed', valid: 1, invalid: 1, warnings: 1 }] });
  });

  it('keeps an alias to one property of an object (schema), also through a shared property (build)', async () => {
    const r = await lintFiles({ 'events/a_created.yaml': event('a_created', '  a_id: { type: string, description: A., aliases: [aId, b_id] }\n  b_id: { type: string, description: B., aliases: [aId] }\n') });
    expect(r.diagnostics.filter((d) => d.ruleId === 'schema').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '5:51 The alias "b_id" of `a_id` is already a property beside it: data sent under it could not tell which property it is.',
      '6:51 The alias "aId" of `b_id` is already an alias of `a_id` beside it: data sent under it could not tell which property it is.',
    ]);
    const shared = registryProject({
      'events/a_created.yaml': event('a_created', '  currency: { $ref: currency }\n  currency_code: { type: string, description: Old. }\n'),
      'properties/currency.yaml': 'name: currency\ntype: string\ndescription: ISO 4217 code.\naliases: [currency_code]\n',
    });
    const b = cli(['build', '--no-cache'], shared);
    expect(b.code).not.toBe(0);
    expect(b.stderr + b.stdout).toContain('events/a_created.yaml:5:3: the alias `currency_code` of `currency` is already a property beside it');
  });
});
