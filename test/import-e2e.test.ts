// Adopting an imported plan, end to end, for every format: `import`, `lint --update-baseline`,
// then `lint` and `build` pass (the baseline holds the findings), tsc accepts the generated types,
// and `validate` accepts events sent under their old names, properties too (at any depth), with
// the alias warnings. The inputs are
// the fixtures of test/import.test.ts (their READMEs say where each comes from).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, FIXTURES, project, ROOT, tempDir } from './helpers.js';

afterAll(cleanup);

const line = (n: number, name: string, props: object) => JSON.stringify({
  event_id: `0f8fad5b-d9cb-469f-a165-${String(n).padStart(12, '0')}`, event_name: name, event_time: '2026-05-01T12:00:00Z', user_id: 'u1', properties: props,
});

interface Case {
  format: string;
  input: string;
  /** Events sent under an old name (the name, the event it is an alias of, its properties under their old names). */
  sent: Array<[string, string, object]>;
  /** The old property names sent, each with where it is and the property it is an alias of. */
  renamed: Array<[path: string, alias: string, property: string]>;
}

const CASES: Case[] = [
  {
    format: 'segment', input: 'segment/plan.json',
    sent: [['Event Collided', 'event_collided_2', {}], ['42_--terrible==\\"event\'++name~!3', 'terrible_event_name_3', {}], ['Custom Violation Handler', 'custom_violation_handler', { 'regex property': 'Evil Morty' }]],
    renamed: [['properties["regex property"]', 'regex property', 'regex_property']],
  },
  {
    format: 'segment', input: 'segment/plan-v1.json',
    sent: [['Empty Event', 'empty_event', {}], ['Every Nullable Optional Type', 'every_nullable_optional_type', { 'optional boolean': true, 'optional array with properties': [{ 'optional int': 1, optional_string: 'x' }] }]],
    renamed: [
      ['properties["optional boolean"]', 'optional boolean', 'optional_boolean'],
      ['properties["optional array with properties"]', 'optional array with properties', 'optional_array_with_properties'],
      ['properties["optional array with properties"][0]["optional int"]', 'optional int', 'optional_int'],
    ],
  },
  {
    format: 'jsonschema', input: 'iglu-raw',
    sent: [['com.google.analytics.ecommerce/transaction', 'ecommerce_transaction', { id: 't1', revenue: 1 }], ['gdpr', 'gdpr', { basisForProcessing: 'consent', documentId: null }]],
    renamed: [['properties.basisForProcessing', 'basisForProcessing', 'basis_for_processing'], ['properties.documentId', 'documentId', 'document_id']],
  },
  {
    format: 'amplitude', input: 'amplitude/events.csv',
    sent: [['Order Completed', 'order_completed', { orderId: 'ord_12345', 'Total Price': 1999, cart_id: 'c1', 'payment method': 'card' }], ['signupComplete', 'signup_complete', {}]],
    renamed: [['properties.orderId', 'orderId', 'order_id'], ['properties["Total Price"]', 'Total Price', 'total_price'], ['properties["payment method"]', 'payment method', 'payment_method']],
  },
  {
    format: 'avo', input: 'avo/tracking-plan.json',
    sent: [['Debugger Opened', 'debugger_started', { debuggerLocation: 'toolbar', 'Debugger Mode': 'Option 1', Context: { page_url: 'https://example.com' } }]],
    renamed: [['properties.debuggerLocation', 'debuggerLocation', 'debugger_location'], ['properties["Debugger Mode"]', 'Debugger Mode', 'debugger_mode'], ['properties.Context', 'Context', 'context']],
  },
  {
    format: 'mixpanel', input: 'mixpanel/schemas.json',
    sent: [['Checkout Started', 'checkout_started', { item_id: 1, cartSize: 2, $browser: 'Firefox', lines: [{ sku: 'a' }] }], ['Added To Cart', 'added_to_cart', { item_name: 'Blue Widget', item_id: 12345, item_price: 25.35 }]],
    renamed: [['properties.cartSize', 'cartSize', 'cart_size'], ['properties.$browser', '$browser', 'browser']],
  },
];

const typesRoot = tempDir();

describe.each(CASES)('adopting an imported plan: $format $input', ({ format, input, sent, renamed }) => {
  const dir = project({ 'trackplan.config.yaml': 'registry: registry\n' });

  it('imports, records a baseline, then lints and builds clean', () => {
    const imported = cli(['import', format, path.join(FIXTURES, input)], dir);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBeLessThanOrEqual(1);
    const lint = cli(['lint', '--no-cache'], dir);
    expect(lint.code).toBe(1); // a wall of naming and documentation findings on day one
    expect(cli(['lint', '--update-baseline', '--no-cache'], dir)).toMatchObject({ code: 0, stdout: '' });
    const again = cli(['lint'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^\d[\d,]* known findings? held by \.trackplan-baseline\.json \(`--no-baseline` shows them\)\.\n$/);
    const build = cli(['build', '--no-cache'], dir);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^Built \d+ events? into generated\/ .*\n\d[\d,]* known findings? held/);
    expect(cli(['check'], dir).code).toBe(0);
    fs.cpSync(path.join(dir, 'generated', 'types'), path.join(typesRoot, `${format}-${path.basename(input).replace(/\W/g, '_')}`), { recursive: true });
  });

  it('accepts events and properties sent under their old names, with one warning naming each event or property', () => {
    const data = `${sent.map(([name, , props], i) => line(i + 1, name, props)).join('\n')}\n`;
    const r = cli(['validate', '-', '--no-cache'], dir, data);
    const old = sent.filter(([name, canonical]) => name !== canonical);
    for (const [name, canonical] of old) expect(r.stdout).toContain(` event_name: \`${name}\` is an old name (alias) of \`${canonical}\``);
    for (const [at, alias, property] of renamed) expect(r.stdout).toContain(` ${at}: \`${alias}\` is an old name (alias) of the property \`${property}\``);
    expect(r.stdout.match(/ warning /g)).toHaveLength(old.length + renamed.length);
    expect(r.stdout).not.toMatch(/ error /);
    expect(r.code).toBe(0);
  });
});

describe('the generated types of every imported plan', () => {
  it('compile under strict tsc', () => {
    fs.writeFileSync(path.join(typesRoot, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [] },
      include: ['**/*.ts'],
    }));
    expect(fs.readdirSync(typesRoot).filter((f) => f !== 'tsconfig.json')).toHaveLength(CASES.length);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', typesRoot, '--pretty', 'false'], { encoding: 'utf8', cwd: typesRoot });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
