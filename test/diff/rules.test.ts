// Every change rule, on registries loaded from YAML text, through the pure diff function.
import { describe, expect, it } from 'vitest';
import { CHANGE_RULES, CHANGE_RULE_IDS, forbids, COMPATIBILITY_MODES } from '../../src/diff/rules.js';
import { diff, ev, ids } from './support.js';

const one = (props: string) => ({ 'events/order_placed.yaml': ev('order_placed', props) });
const change = (before: string, after: string) => diff(one(before), one(after));

describe('property changes', () => {
  it.each([
    ['property-added-required', '  a: { type: string }\n', '  a: { type: string }\n  b: { type: string, required: true }\n', 'b'],
    ['property-added-optional', '  a: { type: string }\n', '  a: { type: string }\n  b: { type: string }\n', 'b'],
    ['property-made-required', '  a: { type: string }\n', '  a: { type: string, required: true }\n', 'a'],
    ['property-made-optional', '  a: { type: string, required: true }\n', '  a: { type: string }\n', 'a'],
    ['property-removed', '  a: { type: string }\n  b: { type: string }\n', '  a: { type: string }\n', 'b'],
    ['property-type-changed', '  a: { type: string }\n', '  a: { type: integer }\n', 'a'],
    ['enum-value-removed', '  a: { type: string, enum: [x, y] }\n', '  a: { type: string, enum: [x] }\n', 'a'],
    ['enum-value-added', '  a: { type: string, enum: [x] }\n', '  a: { type: string, enum: [x, y] }\n', 'a'],
    ['docs-changed', '  a: { type: string, description: Old. }\n', '  a: { type: string, description: New. }\n', 'a'],
  ])('%s', (rule, before, after, path) => {
    expect(ids(change(before, after))).toEqual([`${rule} ${path}`]);
  });

  it.each([
    ['maxLength lowered', '{ type: string, maxLength: 10 }', '{ type: string, maxLength: 5 }'],
    ['maxLength added', '{ type: string }', '{ type: string, maxLength: 5 }'],
    ['minLength raised', '{ type: string, minLength: 1 }', '{ type: string, minLength: 2 }'],
    ['minimum raised', '{ type: integer, minimum: 0 }', '{ type: integer, minimum: 1 }'],
    ['maximum lowered', '{ type: number, maximum: 10 }', '{ type: number, maximum: 9.5 }'],
    ['minItems raised', '{ type: array, items: { type: string }, minItems: 0 }', '{ type: array, items: { type: string }, minItems: 1 }'],
    ['maxItems lowered', '{ type: array, items: { type: string }, maxItems: 5 }', '{ type: array, items: { type: string }, maxItems: 4 }'],
    ['pattern added', '{ type: string }', '{ type: string, pattern: "^a" }'],
    ['pattern changed', '{ type: string, pattern: "^a" }', '{ type: string, pattern: "^b" }'],
    ['format added', '{ type: string }', '{ type: string, format: email }'],
    ['format changed', '{ type: string, format: uri }', '{ type: string, format: email }'],
    ['nullable removed', '{ type: string, nullable: true }', '{ type: string }'],
    ['enum added', '{ type: string }', '{ type: string, enum: [x] }'],
    ['items given to an array', '{ type: array }', '{ type: array, items: { type: string } }'],
    ['properties given to an object', '{ type: object }', '{ type: object, properties: { x: { type: string } } }'],
  ])('constraint-tightened: %s', (_what, before, after) => {
    expect(ids(change(`  a: ${before}\n`, `  a: ${after}\n`))).toEqual(['constraint-tightened a']);
  });

  it.each([
    ['maxLength raised', '{ type: string, maxLength: 5 }', '{ type: string, maxLength: 10 }'],
    ['maxLength removed', '{ type: string, maxLength: 5 }', '{ type: string }'],
    ['minimum lowered', '{ type: integer, minimum: 1 }', '{ type: integer, minimum: 0 }'],
    ['pattern removed', '{ type: string, pattern: "^a" }', '{ type: string }'],
    ['format removed', '{ type: string, format: email }', '{ type: string }'],
    ['nullable added', '{ type: string }', '{ type: string, nullable: true }'],
    ['enum removed', '{ type: string, enum: [x] }', '{ type: string }'],
    ['object made free-form', '{ type: object, properties: { x: { type: string } } }', '{ type: object }'],
  ])('constraint-loosened: %s', (_what, before, after) => {
    expect(ids(change(`  a: ${before}\n`, `  a: ${after}\n`))).toEqual(['constraint-loosened a']);
  });

  it('a type change hides the constraint changes it implies', () => {
    expect(ids(change('  a: { type: string, maxLength: 3 }\n', '  a: { type: integer, maximum: 3 }\n'))).toEqual(['property-type-changed a']);
  });

  it('compares nested objects and array items recursively, with paths', () => {
    const before = '  billing:\n    type: object\n    properties:\n      amount: { type: number }\n      note: { type: string }\n  tags: { type: array, items: { type: string, maxLength: 10 } }\n  lines:\n    type: array\n    items:\n      type: object\n      properties:\n        sku: { type: string }\n';
    const after = '  billing:\n    type: object\n    properties:\n      amount: { type: string }\n      currency: { type: string, required: true }\n  tags: { type: array, items: { type: string, maxLength: 5 } }\n  lines:\n    type: array\n    items:\n      type: object\n      properties:\n        sku: { type: string, required: true }\n';
    const r = change(before, after);
    expect(ids(r)).toEqual([
      'property-removed billing.note',
      'property-type-changed billing.amount',
      'property-added-required billing.currency',
      'constraint-tightened tags[]',
      'property-made-required lines[].sku',
    ]);
    // located on the changed line of the new file
    expect(r.changes[1]!.where).toMatchObject({ file: '/plan/registry/events/order_placed.yaml', line: 8 });
  });

  it('points at the changed key in the new file', () => {
    const r = change('  a:\n    type: string\n    maxLength: 10\n', '  a:\n    type: string\n    description: A.\n    maxLength: 5\n');
    expect(r.changes.find((c) => c.ruleId === 'constraint-tightened')!.where).toMatchObject({ line: 8, column: 16 });
  });
});

describe('shared properties', () => {
  const shared = (def: string) => `name: plan_type\ntype: string\ndescription: The plan.\n${def}`;
  const events = {
    'events/a_created.yaml': ev('a_created', '  plan: { $ref: plan_type }\n'),
    'events/b_created.yaml': ev('b_created', '  plan: { $ref: plan_type, required: true }\n'),
    'events/c_created.yaml': ev('c_created', '  other: { type: string }\n'),
  };

  it('a change to a shared property shows on every event that uses it, located in the shared file', () => {
    const r = diff({ ...events, 'properties/plan_type.yaml': shared('enum: [free, pro]\n') }, { ...events, 'properties/plan_type.yaml': shared('enum: [free]\n') });
    expect(ids(r)).toEqual(['enum-value-removed plan', 'enum-value-removed plan']);
    expect(r.changes.map((c) => c.event)).toEqual(['a_created', 'b_created']);
    expect(r.changes[0]).toMatchObject({ via: 'plan_type', where: { file: '/plan/registry/properties/plan_type.yaml', line: 4 } });
  });

  it('inline and $ref are compared by what they mean, not how they are written', () => {
    const before = { 'properties/plan_type.yaml': shared('enum: [free, pro]\n'), 'events/a_created.yaml': ev('a_created', '  plan: { $ref: plan_type, description: The plan. }\n') };
    const after = { 'properties/plan_type.yaml': shared('enum: [free, pro]\n'), 'events/a_created.yaml': ev('a_created', '  plan: { type: string, enum: [free, pro], description: The plan. }\n') };
    expect(ids(diff(before, after))).toEqual([]);
  });

  it('a $ref to a missing shared property compares only what is sure', () => {
    expect(ids(diff(one('  p: { $ref: nowhere }\n'), one('  p: { $ref: nowhere, required: true }\n')))).toEqual(['property-made-required p']);
  });
});

describe('event changes', () => {
  it('event-added, event-removed, owner, status, docs, version', () => {
    const base = { 'events/a_created.yaml': ev('a_created'), 'events/b_created.yaml': ev('b_created') };
    const head = {
      'events/a_created.yaml': 'name: a_created\ndescription: Changed.\nowner: core-team\nstatus: deprecated\nreplaced_by: c_created\nversion: 2\n',
      'events/c_created.yaml': ev('c_created', '  x: { type: string }\n'),
    };
    const r = diff(base, head);
    expect(ids(r)).toEqual(['docs-changed a_created', 'owner-changed a_created', 'status-changed a_created', 'status-changed a_created', 'version-raised a_created', 'event-removed b_created', 'event-added c_created']);
    expect(r.counts).toMatchObject({ added: 1, removed: 1, changed: 1, renamed: 0, blocking: 1 });
    expect(r.changes.find((c) => c.ruleId === 'event-removed')).toMatchObject({ side: 'base', where: { file: '/plan/registry/events/b_created.yaml', line: 1, column: 7 } });
  });

  it('version-lowered breaks, and exempts nothing', () => {
    const r = diff({ 'events/a_created.yaml': ev('a_created', '', 'version: 3\n') }, { 'events/a_created.yaml': ev('a_created', '', 'version: 2\n') });
    expect(ids(r)).toEqual(['version-lowered a_created']);
    expect(r.counts.blocking).toBe(1);
  });

  it('event-renamed: the same properties under another name', () => {
    const props = '  a: { type: string }\n  b: { type: integer, required: true }\n';
    const r = diff({ 'events/a_created.yaml': ev('a_created', props) }, { 'events/a_made.yaml': ev('a_made', props) });
    expect(ids(r)).toEqual(['event-renamed a_made', 'docs-changed a_made']);
    expect(r.events[0]).toMatchObject({ kind: 'renamed', from: 'a_created', name: 'a_made' });
    expect(r.counts).toMatchObject({ renamed: 1, added: 0, removed: 0, blocking: 1 });
  });

  it('event-renamed-aliased: a rename that keeps the old name in `aliases` is found by it, breaks senders only, and its other changes still count', () => {
    const base = { 'events/order_completed.yaml': ev('order_completed', '  a: { type: string }\n'), 'events/b_created.yaml': ev('b_created', '  a: { type: string }\n') };
    const head = { 'events/order_placed.yaml': ev('order_placed', '  a: { type: string }\n  c: { type: string }\n', 'aliases: [Order Completed, order_completed]\n'), 'events/b_created.yaml': ev('b_created', '  a: { type: string }\n') };
    const r = diff(base, head);
    expect(ids(r)).toEqual(['event-renamed-aliased order_placed', 'docs-changed order_placed', 'property-added-optional c']);
    expect(r.events[0]).toMatchObject({ kind: 'renamed', from: 'order_completed', name: 'order_placed' });
    expect(r.changes[0]).toMatchObject({ breaks: 'senders', where: { file: '/plan/registry/events/order_placed.yaml', line: 4, column: 28 } });
    expect(r.changes[0]!.message).toBe('`order_completed` was renamed to `order_placed`, keeping `order_completed` in `aliases`: data under the old name is still this event.');
    expect(diff(base, head, 'forward').counts.blocking).toBe(0);
    expect(diff(base, head, 'backward').counts.blocking).toBe(1);
    // without the alias, different properties make it a removal and an addition
    const plain = { ...head, 'events/order_placed.yaml': ev('order_placed', '  a: { type: string }\n  c: { type: string }\n') };
    expect(ids(diff(base, plain))).toEqual(['event-removed order_completed', 'event-added order_placed']);
  });

  it('no rename when the match is ambiguous, or when nothing ties two empty events', () => {
    const props = '  a: { type: string }\n';
    const r = diff({ 'events/a_created.yaml': ev('a_created', props), 'events/b_created.yaml': ev('b_created', props) },
      { 'events/c_created.yaml': ev('c_created', props) });
    expect(ids(r).sort()).toEqual(['event-added c_created', 'event-removed a_created', 'event-removed b_created']);
    expect(ids(diff({ 'events/a_created.yaml': ev('a_created') }, { 'events/b_created.yaml': ev('b_created') }))).toEqual(['event-removed a_created', 'event-added b_created']);
  });
});

describe('what passes', () => {
  const breaking = ['  a: { type: string }\n', '  a: { type: integer }\n  b: { type: string, required: true }\n'] as const;

  it('a breaking change passes when the event\'s version is raised in the same change', () => {
    const r = diff({ 'events/x_created.yaml': ev('x_created', breaking[0]) }, { 'events/x_created.yaml': ev('x_created', breaking[1], 'version: 2\n') });
    expect(r.counts.blocking).toBe(0);
    expect(r.changes.filter((c) => c.breaks !== 'none').every((c) => c.exempt === 'version-raised')).toBe(true);
    expect(r.counts.breaking).toBe(0);
  });

  it('removing (or renaming) an event the base had deprecated passes; otherwise it fails', () => {
    const dep = { 'events/old_created.yaml': ev('old_created', '  a: { type: string }\n', 'status: deprecated\n') };
    expect(diff(dep, {}).counts.blocking).toBe(0);
    expect(diff(dep, {}).changes[0]).toMatchObject({ ruleId: 'event-removed', exempt: 'deprecated' });
    expect(diff(dep, { 'events/new_created.yaml': ev('new_created', '  a: { type: string }\n') }).changes[0]).toMatchObject({ ruleId: 'event-renamed', exempt: 'deprecated', blocking: false });
    expect(diff({ 'events/old_created.yaml': ev('old_created') }, {}).counts.blocking).toBe(1);
    // deprecating and removing in the same change is not deprecating first
    expect(diff({ 'events/old_created.yaml': ev('old_created') }, {}).changes[0]!.exempt).toBeUndefined();
  });

  it.each(COMPATIBILITY_MODES)('compatibility %s', (mode) => {
    const base = { 'events/x_created.yaml': ev('x_created', '  a: { type: string, enum: [p, q] }\n  b: { type: string }\n') };
    const senders = diff(base, { 'events/x_created.yaml': ev('x_created', '  a: { type: string, enum: [p] }\n  b: { type: string }\n') }, mode);
    const both = diff(base, { 'events/x_created.yaml': ev('x_created', '  a: { type: string, enum: [p, q] }\n') }, mode);
    const safe = diff(base, { 'events/x_created.yaml': ev('x_created', '  a: { type: string, enum: [p, q, r] }\n  b: { type: string }\n  c: { type: string }\n'), 'events/y_created.yaml': ev('y_created') }, mode);
    expect(senders.counts.blocking > 0).toBe(mode === 'backward' || mode === 'full');
    expect(both.counts.blocking > 0).toBe(mode !== 'none');
    expect(safe.counts.blocking).toBe(0);
    expect(ids(safe)).toEqual(['enum-value-added a', 'property-added-optional c', 'event-added y_created']);
  });

  it('each mode protects whom it says', () => {
    expect(forbids('backward', 'senders')).toBe(true);
    expect(forbids('backward', 'readers')).toBe(false);
    expect(forbids('forward', 'readers')).toBe(true);
    expect(forbids('forward', 'senders')).toBe(false);
    expect(forbids('full', 'readers') && forbids('full', 'senders') && forbids('full', 'both')).toBe(true);
    expect(CHANGE_RULE_IDS.some((id) => forbids('none', CHANGE_RULES[id].breaks))).toBe(false);
    for (const id of ['event-added', 'property-added-optional', 'enum-value-added'] as const) {
      expect(COMPATIBILITY_MODES.some((m) => forbids(m, CHANGE_RULES[id].breaks))).toBe(false);
    }
  });
});
