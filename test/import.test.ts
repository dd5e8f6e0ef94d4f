// `trackplan import`: real plans (typewriter's Segment test plans, both API versions; every raw
// schema of Iglu Central) through the CLI, and the hostile JSON Schema constructs one by one
// through importPlan. Fixtures: test/fixtures/segment (segmentio/typewriter d8382953, MIT) and
// test/fixtures/iglu-raw (snowplow/iglu-central cbac22ed, Apache-2.0); test/fixtures/amplitude and
// test/fixtures/avo are written from Amplitude's and Avo's documented shapes (their READMEs say where).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { importPlan, lintImported, type ReportItem } from '../src/import/index.js';
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
    expect(r.stdout).toMatch(/Imported 25 events into registry \(29 files\): \d+ approximated, 4 merged, \d+ renamed\.\n$/);
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
    expect(again.stderr).toMatch(/^trackplan: 29 of the files to write already exist \(such as .*\); nothing was written\. Use --force/);
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
    expect(cli(['import', 'heap', 'other.json'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown format "heap": use one of segment, jsonschema, amplitude, avo, mixpanel/) });
    expect(cli(['import', 'mixpanel', 'other.json'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^trackplan: other\.json is not Mixpanel Lexicon's schemas as JSON: expected `results`/) });
    expect(cli(['import', 'avo', 'other.json'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^trackplan: other\.json is not Avo's tracking plan as JSON/) });
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
    expect(click.properties.target_url).toEqual({ $ref: 'target_url', required: true });
    expect(read(dir, 'properties/target_url.yaml')).toEqual({ name: 'target_url', type: 'string', aliases: ['targetUrl'], minLength: 1 });
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

describe('import amplitude', () => {
  const dir = project({});
  const r = cli(['import', 'amplitude', path.join(FIXTURES, 'amplitude', 'events.csv')], dir);
  const csv = path.relative(dir, path.join(FIXTURES, 'amplitude', 'events.csv')).split(path.sep).join('/');
  const has = (kind: string, line: number, text: string) => expect(r.stdout).toMatch(new RegExp(`^${kind} \\(\\d+\\):\\n(  .*\\n)*  ${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));

  it('reads the columns by name in any order, events and their property rows, and says which columns are unknown', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(events(dir)).toEqual(['app_opened.yaml', 'event_collided.yaml', 'event_collided_2.yaml', 'order_completed.yaml', 'signup_complete.yaml', 'terrible_event_name_3.yaml']);
    has('skipped', 1, ': column "Event Hidden From Dropdowns" is not among the columns Amplitude documents: ignored.');
    const order = read(dir, 'events/order_completed.yaml');
    expect(order).toMatchObject({ name: 'order_completed', owner: 'checkout-team', aliases: ['Order Completed'], description: 'Sent when the payment is captured, "once", even on retries,\nnot on refunds.' });
    expect(order.properties).toEqual({
      order_id: { type: 'string', description: 'The order.', aliases: ['orderId'], required: true, pattern: '^ord_[0-9a-z]+$', minLength: 5, maxLength: 40 },
      total_price: { type: 'integer', description: 'Amount charged, in cents.', aliases: ['Total Price'], required: true, minimum: 0, maximum: 100000000 },
      payment_method: { type: 'string', aliases: ['payment method'], enum: ['card', 'paypal', 'apple pay'] },
      coupon_codes: { type: 'array', items: { type: 'string' }, minItems: 0, maxItems: 10 },
      platform: { type: 'string', enum: ['web'] },
      metadata: { type: 'object', description: 'Whatever the client adds.' },
      cart_id: { type: 'string', description: 'The cart.', required: true }, // from its property group
    });
    expect(read(dir, 'events/app_opened.yaml')).toEqual({ name: 'app_opened', aliases: ['App Opened'] });
  });

  it('reports, with its line, everything not carried over exactly', () => {
    has('approximated', 2, ': display name "Order completed (web)"; category "Checkout"; tags "revenue, web"; source "web, ios": the registry format has no place for them, dropped.');
    has('approximated', 7, '#/uniqueItems: `uniqueItems` cannot be held by the format: dropped.');
    has('approximated', 9, ': has no type (any value is valid): imported as a free-form object');
    has('approximated', 12, '#/pattern: `pattern` is not a valid JavaScript regular expression');
    has('approximated', 13, '#/minimum: `minimum: "abc"` is not a number: dropped.');
    has('merged', 14, ': property `age` of `signupComplete` is defined again (first at ');
    has('merged', 25, ': property group `Cart Context` (2 properties): trackplan has no property groups, so its properties are written into each event that uses it.');
    has('merged', 27, ': property `orderId` of group `Cart Context` is also `Order Completed`\'s own: the event\'s definition is kept.');
    has('skipped', 22, ': event `Legacy Ping`: its action is Ignore (in an export: unexpected, blocked or deleted); it and its rows are not imported.');
    has('skipped', 24, ': event `Old Thing`: its action is Remove');
    has('skipped', 28, ': object type "Custom Event": only events and property groups are imported.');
    expect(r.stdout).not.toContain('ping_ms');
  });

  it('converts names, keeps colliding ones apart, and offers trackplan new\'s name where the converted one still breaks a rule', () => {
    expect(read(dir, 'events/terrible_event_name_3.yaml').aliases).toEqual(['42_--terrible=="event\'++name~!3']);
    expect(read(dir, 'events/terrible_event_name_3.yaml').properties).toEqual({ property_collided: { type: 'string' }, property_collided_2: { type: 'string', aliases: ['Property Collided'] } });
    expect(read(dir, 'events/event_collided_2.yaml').aliases).toEqual(['Event Collided']);
    expect(read(dir, 'events/signup_complete.yaml').aliases).toEqual(['signupComplete']);
    expect(r.stdout).toContain('    `trackplan new` suggests `signup_completed` (to take it, rename the file and its `name:`; `aliases` already keep the names data was sent under).');
  });

  it('says what is wrong with a CSV that is not Amplitude\'s events file (exit 2)', () => {
    const bad = project({ 'users.csv': 'Action,Property Type,Property Name\n,User Property,plan\n', 'other.csv': 'a,b\n1,2\n', 'quote.csv': 'Object Type,Object Name,Event Property Name\nEvent,"open\n' });
    expect(cli(['import', 'amplitude', 'users.csv'], bad)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^trackplan: users\.csv is Amplitude's export of user properties, which are not events/) });
    expect(cli(['import', 'amplitude', 'other.csv'], bad)).toMatchObject({ code: 2, stderr: 'trackplan: other.csv is not Amplitude\'s CSV of events: it has no column "Object Type", "Object Name", "Event Property Name" (the header is its first line).\n' });
    expect(cli(['import', 'amplitude', 'quote.csv'], bad)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^trackplan: quote\.csv is not a CSV file Amplitude could have written: Quote Not Closed/) });
  });
});

describe('import avo', () => {
  const dir = project({});
  const r = cli(['import', 'avo', path.join(FIXTURES, 'avo', 'tracking-plan.json')], dir);

  it('imports each event with its owner, and keeps the names it is mapped to for destinations as aliases', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(events(dir)).toEqual(['debugger_started.yaml', 'event_collided.yaml', 'event_collided_2.yaml', 'signup_complete.yaml']);
    const e = read(dir, 'events/debugger_started.yaml');
    expect(e).toMatchObject({ name: 'debugger_started', owner: 'devtools-team', aliases: ['Debugger Opened', 'Debugger Started'] });
    expect(e.properties.debugger_location).toEqual({ type: 'string', description: 'Describes from where the debugger was started.', aliases: ['Debugger Location', 'debuggerLocation'], required: true });
    expect(e.properties.client).toEqual({ type: 'string', description: 'The client, pinned.', aliases: ['Client'], enum: ['web'] });
    expect(e.properties.session_length).toEqual({ type: 'integer', description: 'Seconds.', aliases: ['Session Length'], nullable: true });
  });

  it('reports variants, dropped metadata and every construct the format cannot hold', () => {
    const p = (i: number, rest: string) => `tracking-plan.json#/events/${i}${rest}`;
    for (const line of [
      p(1, ': variant "From Extension" of `Debugger Started`: the format has no event variants; the base event is imported.'),
      p(5, ': variant "V" of `Only A Variant`: the format has no event variants; no base event is in the file'),
      p(0, ': tags ["Tag1"], categories ["Onboarding"]: the registry format has no place for them, dropped.'),
      p(0, '/rules/properties/properties/properties/Context/operations: `operations` cannot be held by the format: dropped.'),
      p(0, '/rules/properties/properties/properties/Anything: has no type (any value is valid): imported as a free-form object'),
      p(0, '/rules/properties/properties/properties/Items/items: a tuple (`items` as a list of schemas) cannot be held: imported as a list of any items.'),
      p(2, '/rules/properties/properties/properties/Plan/type: has the union type string | integer'),
      p(2, '/rules/properties/properties/properties/Referral/oneOf: `oneOf` of 2 schemas cannot be held'),
      p(2, '/rules/properties/properties/properties/Extra/additionalProperties: `additionalProperties` other than false cannot be held'),
      p(2, '/rules/properties/properties/properties/Ref: `$ref: other.json#/definitions/x` points to another file: imported as a free-form object.'),
    ]) expect(r.stdout).toContain(line);
  });
});

describe('import mixpanel', () => {
  const dir = project({});
  const r = cli(['import', 'mixpanel', path.join(FIXTURES, 'mixpanel', 'schemas.json')], dir);
  const file = path.relative(dir, path.join(FIXTURES, 'mixpanel', 'schemas.json')).split(path.sep).join('/');
  const lines = (kind: string) => r.stdout.split(`${kind} (`)[1]!.split('\n\n')[0]!.split('\n').slice(1).map((l) => l.trim().replace(`${file}#`, ''));

  it('imports each event of the List Schemas response with its description, required properties and first owner, as Mixpanel documents it', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(events(dir)).toEqual(['added_to_cart.yaml', 'checkout_started.yaml', 'old_banner_clicked.yaml', 'page_viewed.yaml', 'page_viewed_2.yaml', 'terrible_event_name_3.yaml']);
    expect(read(dir, 'events/added_to_cart.yaml')).toEqual({
      name: 'added_to_cart', description: 'Tracked when a user adds an item to their cart.', owner: 'Pat Davis', aliases: ['Added To Cart'],
      properties: {
        item_name: { type: 'string', description: 'The name of the item', required: true },
        item_id: { $ref: 'item_id', required: true },
        item_price: { type: 'number', description: 'The current price of the item', required: true },
        promo_id: { type: 'integer', description: 'The id of any promo in progress for this item' },
        date_added_to_catalog: { type: 'string', description: 'The date this item was added to the store catalog', format: 'date-time' },
      },
    });
    const checkout = read(dir, 'events/checkout_started.yaml');
    expect(checkout.owner).toBe('checkout@example.com');
    expect(checkout.properties.browser).toEqual({ type: 'string', description: 'Set by Mixpanel\'s JavaScript library.', aliases: ['$browser'] });
    expect(checkout.properties.cart_size).toEqual({ type: 'integer', description: 'Items in the cart.', aliases: ['cartSize'], required: true, minimum: 1 });
    expect(checkout.properties.coupon).toEqual({ type: 'string', description: 'A coupon code, or null.', nullable: true });
    expect(checkout.properties.lines.items.properties).toEqual({ sku: { type: 'string', required: true }, qty: { type: 'integer', minimum: 1 } });
    expect(read(dir, 'events/old_banner_clicked.yaml').status).toBe('deprecated');
    expect(read(dir, 'properties/item_id.yaml')).toEqual({ name: 'item_id', type: 'integer', description: 'The internal id of the item' });
  });

  it('reports, with its place, what is not an event, not carried over exactly, or listed twice', () => {
    expect(lines('skipped')).toEqual([
      '/results/1: `$user` is a schema of entity type `profile`: only events are imported (the properties of user and group profiles are not events).',
      '/results/8: `No Schema` has no `schemaJson` (its JSON Schema): nothing to import.',
      '/results/9: `company_id` is a schema of entity type `group`: only events are imported (the properties of user and group profiles are not events).',
      '/results/10: is not a schema entry with a `name`.',
    ]);
    expect(lines('approximated')).toEqual([
      '/results/0/schemaJson/metadata: displayName "Item Purchased", tags ["Shopping","KPIs"], owners ["growth@example.com"] (the first is the owner): the registry format has no place for them, dropped.',
      '/results/0/schemaJson/additionalProperties: `additionalProperties` other than false: Mixpanel accepts properties the schema does not list; a registry event lists all of its properties, so data with others is refused. Add the ones that are sent.',
      '/results/0/schemaJson/properties: Mixpanel metadata of 4 properties (`item_name` displayName "Item Name"; `item_id` displayName "Item ID"; `item_price` displayName "Price"; `promo_id` displayName "Promo ID", hidden true): the registry format has no place for it, dropped.',
      '/results/2/schemaJson/metadata: $source "partner-sync": the registry format has no place for it, dropped.',
      '/results/2/schemaJson/properties/legacy_flag/metadata: property `legacy_flag` is dropped by Mixpanel at ingestion: imported as any other property (the format cannot say that a property is dropped). Remove it once nothing sends it.',
      '/results/3/schemaJson/metadata: hidden true: the registry format has no place for it, dropped.',
      '/results/3/schemaJson/metadata: `Old Banner Clicked` is dropped by Mixpanel at ingestion (no data of it is kept): imported as deprecated, so that validate warns where it is still sent.',
      '/results/2/schemaJson/properties/anything: has no type (any value is valid): imported as a free-form object, which refuses text, numbers and lists. Set the type its values have.',
    ]);
    expect(lines('merged')[0]).toBe('/results/4: `Added To Cart` is listed again (first at ' + file + '#/results/0): only the first is imported.');
    expect(r.stdout).toContain('event `Page Viewed` -> `page_viewed_2` (`page_viewed` also converts to `page_viewed`; all are kept)');
    expect(r.stdout).toMatch(/Imported 6 events into registry \(7 files\): 4 skipped, 8 approximated, 2 merged, 7 renamed\.\n$/);
  });

  it('reads the upload body (`entries`) and a bare list of entries alike, and writes files with no format error', () => {
    const entries = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'mixpanel', 'schemas.json'), 'utf8')).results;
    const text = (doc: unknown) => [{ path: 'm.json', text: JSON.stringify(doc) }];
    const asResults = importPlan('mixpanel', text({ results: entries }));
    expect(importPlan('mixpanel', text({ entries, truncate: false })).files).toEqual(asResults.files);
    expect(importPlan('mixpanel', text(entries)).files).toEqual(asResults.files);
    const lint = cli(['lint', '--no-cache'], dir);
    expect(lint.stdout).not.toMatch(/error .*(schema|yaml-syntax|duplicate-event|file-name)$/m);
  });
});

describe('shared properties: a property the same in several events is written once', () => {
  it('segment: as properties/<name>.yaml, which each event refers to with $ref, keeping its own required; reported as merged, with where it came from', () => {
    const dir = project({});
    const r = cli(['import', 'segment', path.join(SEGMENT, 'plan.json')], dir);
    expect(fs.readdirSync(path.join(dir, 'registry', 'properties')).sort()).toEqual(['optional_any.yaml', 'regex_property.yaml', 'required_any.yaml', 'universe.yaml']);
    expect(read(dir, 'properties/regex_property.yaml')).toEqual({ name: 'regex_property', type: 'string', aliases: ['regex property'], pattern: 'Lawyer Morty|Evil Morty' });
    expect(read(dir, 'events/custom_violation_handler.yaml').properties).toEqual({ regex_property: { $ref: 'regex_property', required: true } });
    expect(read(dir, 'events/default_violation_handler.yaml').properties).toEqual({ regex_property: { $ref: 'regex_property', required: true } });
    expect(read(dir, 'events/every_required_type.yaml').properties.required_any).toEqual({ $ref: 'required_any', required: true });
    expect(r.stdout).toMatch(/^merged \(4\):\n/m);
    expect(r.stdout).toContain('plan.json#/rules/3/jsonSchema/properties/regex property: property `regex_property` is the same in 2 events (`custom_violation_handler`, `default_violation_handler`): written once as properties/regex_property.yaml, which they refer to with `$ref: regex_property`.');
    // The same files again, byte for byte.
    const again = project({});
    cli(['import', 'segment', path.join(SEGMENT, 'plan.json')], again);
    for (const f of ['properties/universe.yaml', 'events/property_object_name_collision_2.yaml']) {
      expect(fs.readFileSync(path.join(again, 'registry', f), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'registry', f), 'utf8'));
    }
  });

  const plan = (events: Record<string, object>) => importPlan('jsonschema', Object.entries(events).map(([title, properties], i) => ({ path: `e${i}.json`, text: JSON.stringify({ title, type: 'object', properties, required: Object.keys(properties).filter((k) => /^order/i.test(k)) }) })));

  it('jsonschema: only the same definition is shared (the one most events have), aliases that differ stay beside $ref, and the files lint clean', () => {
    const money = { type: 'integer', minimum: 0, description: 'In cents.' };
    const r = plan({
      order_completed: { orderId: { type: 'string', maxLength: 40 }, total: money, note: { type: 'string' } },
      order_refunded: { order_id: { type: 'string', maxLength: 40 }, total: money, note: { type: 'integer' } },
      order_shipped: { order_id: { type: 'string', maxLength: 40 }, total: { ...money, description: 'Another total.' } },
      order_paid: { order_id: { type: 'string', maxLength: 30 }, total: money },
    });
    const doc = (f: string) => parse(r.files.get(f)!) as Record<string, any>;
    expect([...r.files.keys()].filter((f) => f.startsWith('properties/'))).toEqual(['properties/order_id.yaml', 'properties/total.yaml']);
    expect(doc('properties/order_id.yaml')).toEqual({ name: 'order_id', type: 'string', maxLength: 40 });
    expect(doc('properties/total.yaml')).toEqual({ name: 'total', type: 'integer', description: 'In cents.', minimum: 0 });
    expect(doc('events/order_completed.yaml').properties).toEqual({ order_id: { $ref: 'order_id', aliases: ['orderId'], required: true }, total: { $ref: 'total' }, note: { type: 'string' } });
    expect(doc('events/order_refunded.yaml').properties).toEqual({ order_id: { $ref: 'order_id', required: true }, total: { $ref: 'total' }, note: { type: 'integer' } });
    expect(doc('events/order_shipped.yaml').properties.total).toEqual({ type: 'integer', description: 'Another total.', minimum: 0 });
    expect(doc('events/order_paid.yaml').properties.order_id).toEqual({ type: 'string', required: true, maxLength: 30 });
    expect(r.report.filter((i) => i.kind === 'merged').map((i) => `${i.at} ${i.message}`)).toEqual([
      'e0.json#/properties/orderId property `order_id` is the same in 3 events (`order_completed`, `order_refunded`, `order_shipped`): written once as properties/order_id.yaml, which they refer to with `$ref: order_id`.',
      'e0.json#/properties/total property `total` is the same in 3 events (`order_completed`, `order_refunded`, `order_paid`): written once as properties/total.yaml, which they refer to with `$ref: total`.',
    ]);
    expect(lintImported(r.files, { rules: {}, allow: {} }).filter((d) => ['schema', 'yaml-syntax', 'duplicate-event', 'file-name'].includes(d.ruleId))).toEqual([]);
    expect(plan({ a_created: { x: { type: 'string' } }, b_created: { x: { type: 'string' } } }).files).toEqual(plan({ a_created: { x: { type: 'string' } }, b_created: { x: { type: 'string' } } }).files);
  });

  it('shares nothing that only one event has', () => {
    expect([...plan({ a_created: { x: { type: 'string' } }, b_created: { x: { type: 'number' } } }).files.keys()]).toEqual(['events/a_created.yaml', 'events/b_created.yaml']);
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
    expect(one({ type: 'integer', maximum: '9' })).toEqual({ prop: { type: 'integer' }, report: ['e.json#/properties/p/maximum `maximum: "9"` is not a number: dropped.'] });
    expect(one({ const: null })).toEqual({ prop: { type: 'object', nullable: true }, report: expect.arrayContaining(['e.json#/properties/p/const `const: null` (only null) cannot be held: dropped; the property is imported as nullable.']) });
    expect(one({ const: { a: 1 } }).report[0]).toBe('e.json#/properties/p/const `const` with a list or object value cannot be held: dropped.');
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
});

export type { ReportItem };
