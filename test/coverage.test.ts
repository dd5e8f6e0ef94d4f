// `trackplan coverage` as a process, on a copy of rallly's analytics calls (test/eslint-plugin/fixtures/apps/rallly)
// with a small plan for them: every format, --fail-on, --callees, and a project's own ESLint config.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, event, project } from './helpers.js';
import { APP_CALLEES } from './eslint-plugin/apps.js';

afterAll(cleanup);

const RALLLY = path.resolve('test/eslint-plugin/fixtures/apps/rallly');

function app(extra: Record<string, string> = {}): string {
  const dir = project({
    'trackplan.config.yaml': 'registry: registry\n',
    'registry/events/space_create.yaml': event('space_create'),
    'registry/events/license_purchase.yaml': event('license_purchase'),
    'registry/events/space_delete.yaml': event('space_delete', '', 'status: deprecated\nreplaced_by: space_remove\n'),
    'registry/events/space_remove.yaml': event('space_remove', '', 'status: proposed\n'),
    'registry/events/poll_create.yaml': event('poll_create'),
    'callees.json': JSON.stringify(APP_CALLEES.rallly),
    ...extra,
  });
  fs.cpSync(path.join(RALLLY, 'apps'), path.join(dir, 'apps'), { recursive: true });
  return dir;
}

describe('trackplan coverage', () => {
  const dir = app();

  it('prints which events are sent, never sent, not in the plan and deprecated (stylish)', () => {
    const r = cli(['coverage', '--callees', 'callees.json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Tracking plan coverage: 2 of 3 active events sent (67%); 12 sends in 5 files

Sent
  license_purchase                  1  apps/web/src/features/billing/webhook/mutations.ts:145
  space_create                      1  apps/web/src/features/space/actions.ts:122
  space_delete                      1  apps/web/src/features/space/actions.ts:170

Never sent (1)
  poll_create                    registry/events/poll_create.yaml · owner: test-team

Not in the plan (8)
  landing:final_cta_click           1  apps/landing/src/components/home/cta.tsx:29
  space_set_active                  1  apps/web/src/features/space/actions.ts:90
  space_update                      1  apps/web/src/features/space/actions.ts:211
  space_update_hide_attribution     1  apps/web/src/features/space/actions.ts:297
  space_update_show_branding        1  apps/web/src/features/space/actions.ts:249
  subscription_cancel               1  apps/web/src/features/billing/webhook/mutations.ts:411
  subscription_create               1  apps/web/src/features/billing/webhook/mutations.ts:318
  subscription_update               1  apps/web/src/features/billing/webhook/mutations.ts:521

Deprecated but sent (1)
  space_delete                   → space_remove  apps/web/src/features/space/actions.ts:170

Names computed at run time (1): not counted
  apps/landing/src/components/home/cta-button.tsx:28
`);
  });

  it('gives every send with its place (json)', () => {
    const r = cli(['coverage', '--callees', 'callees.json', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.files).toBe(5);
    expect(out.events.map((e: { name: string; count: number }) => [e.name, e.count])).toEqual([
      ['license_purchase', 1], ['poll_create', 0], ['space_create', 1], ['space_delete', 1], ['space_remove', 0],
    ]);
    expect(out.events[0]).toEqual({
      name: 'license_purchase', status: 'active', owner: 'test-team', file: 'registry/events/license_purchase.yaml', count: 1,
      sends: [{ file: 'apps/web/src/features/billing/webhook/mutations.ts', line: 145, column: 14 }],
    });
    expect(out.unused).toEqual(['poll_create']);
    expect(out.deprecated).toEqual(['space_delete']);
    expect(out.unknown).toHaveLength(8);
    expect(out.dynamic).toEqual([{ file: 'apps/landing/src/components/home/cta-button.tsx', line: 28, column: 25 }]);
  });

  it('writes a pull-request comment (markdown)', () => {
    const r = cli(['coverage', '--callees', 'callees.json', '-f', 'markdown'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!-- trackplan-coverage -->\n### Tracking plan coverage\n\n2 of 3 active events sent \(67%\); 12 sends in 5 files\n/);
    expect(r.stdout).toContain('#### ❌ Sent but not in the plan (8)\n\n| Event | Sends | Where |\n| --- | --- | --- |\n| `landing:final_cta_click` | 1 | apps/landing/src/components/home/cta.tsx:29 |');
    expect(r.stdout).toContain('#### ⚠️ Deprecated but still sent (1)\n\n| Event | Replaced by | Where |\n| --- | --- | --- |\n| `space_delete` | `space_remove` | apps/web/src/features/space/actions.ts:170 |');
    expect(r.stdout).toContain('#### Never sent (1)\n\n| Event | Owner |\n| --- | --- |\n| `poll_create` | test-team |');
    expect(r.stdout).toContain('1 send has a name computed at run time, not counted: apps/landing/src/components/home/cta-button.tsx:28.');
  });

  it('exits 1 with --fail-on when it finds what was asked about, 2 on bad input', () => {
    expect(cli(['coverage', '--callees', 'callees.json', '--fail-on', 'unused'], dir)).toMatchObject({ code: 1, stderr: 'trackplan: 1 unused (--fail-on unused).\n' });
    expect(cli(['coverage', '--callees', 'callees.json', '--fail-on', 'unknown,deprecated'], dir)).toMatchObject({ code: 1, stderr: 'trackplan: 8 unknown, 1 deprecated (--fail-on unknown,deprecated).\n' });
    expect(cli(['coverage', '--callees', 'callees.json', '--fail-on', 'unused', 'apps/web'], app({ 'registry/events/poll_create.yaml': event('poll_create', '', 'status: proposed\n') }))).toMatchObject({ code: 0 });
    expect(cli(['coverage', '--fail-on', 'never'], dir)).toMatchObject({ code: 2 });
    const bad = project({ 'trackplan.config.yaml': 'registry: registry\n', 'registry/events/a_b.yaml': event('a_b'), 'c.json': '[{ "callee": "track", "event": "first" }]', 'a.js': "track('a_b')\n" });
    expect(cli(['coverage', '--callees', 'c.json'], bad)).toEqual({ code: 2, stdout: '', stderr: 'trackplan: `settings.trackplan.callees[0].event` must be an argument position (0, 1, ...) or a path into one ("1.event"), not "first".\n' });
    expect(cli(['coverage', '--callees', 'missing.json'], bad)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^trackplan: --callees missing\.json: ENOENT/) });
  });

  it('counts a send under an old name (alias) as its event\'s, and lists it (every format, --fail-on aliased)', () => {
    const dir = project({
      'trackplan.config.yaml': 'registry: registry\n',
      'registry/events/order_completed.yaml': event('order_completed', '', 'aliases: [Order Completed]\n'),
      'src/a.js': "analytics.track('Order Completed');\nanalytics.track('order_completed');\n",
    });
    const r = cli(['coverage'], dir);
    expect(r.stdout).toBe(`Tracking plan coverage: 1 of 1 active event sent (100%); 2 sends in 1 file

Sent
  order_completed     2  src/a.js:1, src/a.js:2

Sent under an old name (1)
  Order Completed → order_completed     1  src/a.js:1
`);
    const out = JSON.parse(cli(['coverage', '-f', 'json'], dir).stdout);
    expect(out.aliased).toEqual([{ name: 'Order Completed', event: 'order_completed', count: 1, sends: [{ file: 'src/a.js', line: 1, column: 17 }] }]);
    expect(out.unknown).toEqual([]);
    expect(cli(['coverage', '-f', 'markdown'], dir).stdout).toContain('#### ⚠️ Sent under an old name (1)\n\n| Sent as | Event | Where |\n| --- | --- | --- |\n| `Order Completed` | `order_completed` | src/a.js:1 |');
    expect(cli(['coverage', '--fail-on', 'aliased'], dir)).toMatchObject({ code: 1, stderr: 'trackplan: 1 aliased (--fail-on aliased).\n' });
  });

  it('uses the project\'s ESLint config and its settings.trackplan when there is one', () => {
    const dir = project({
      'trackplan.config.yaml': 'registry: registry\n',
      'registry/events/a_b.yaml': event('a_b'),
      'registry/events/c_d.yaml': event('c_d'),
      'eslint.config.js': "export default [{ rules: { 'no-undef': 'error' }, settings: { trackplan: { callees: [{ callee: 'send', event: 1 }] } } }];\n",
      'src/a.js': "send(user, 'a_b');\nanalytics.track('c_d');\n",
    });
    const r = cli(['coverage', '-f', 'json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.events.map((e: { name: string; count: number }) => [e.name, e.count])).toEqual([['a_b', 1], ['c_d', 0]]);
  });
});

describe('the trackplan config\'s `eslint:` section', () => {
  // Each layer names a different call, so the events sent say which list was used.
  const layered = (files: Record<string, string> = {}): string => project({
    'registry/events/a_b.yaml': event('a_b'),
    'registry/events/c_d.yaml': event('c_d'),
    'registry/events/e_f.yaml': event('e_f'),
    'registry/events/g_h.yaml': event('g_h'),
    'src/a.js': "analytics.track('a_b');\nfromSection('c_d');\nfromEslint('e_f');\nfromFile('g_h');\n",
    'callees.json': '["fromFile"]',
    ...files,
  });
  const SECTION = 'registry: registry\neslint:\n  callees:\n    - fromSection\n';
  const ESLINT = "export default [{ rules: { 'no-undef': 'off' }, settings: { trackplan: { callees: ['fromEslint'] } } }];\n";
  /** What each format prints for one event sent once, from src/a.js at `line`, of the 4 active ones. */
  const sentOnly = (format: string, stdout: string, name: string, line: number, files: number): void => {
    const headline = `1 of 4 active events sent (25%); 1 send in ${files} file${files > 1 ? 's' : ''}`;
    if (format === 'json') {
      const out = JSON.parse(stdout);
      expect(out.events.filter((e: { count: number }) => e.count > 0).map((e: { name: string; sends: unknown }) => [e.name, e.sends])).toEqual([[name, [{ file: 'src/a.js', line, column: expect.any(Number) }]]]);
    } else if (format === 'markdown') {
      expect(stdout).toContain(`\n${headline}\n`);
      expect(stdout).toContain(`| Event | Sends | Where |\n| --- | --- | --- |\n| \`${name}\` | 1 | src/a.js:${line} |\n`);
    } else {
      expect(stdout.startsWith(`Tracking plan coverage: ${headline}\n\nSent\n  ${name}     1  src/a.js:${line}\n`), stdout).toBe(true);
    }
  };

  it.each(['stylish', 'json', 'markdown'])('is used below --callees and the ESLint config, above the defaults (%s)', (format) => {
    const run = (dir: string, ...args: string[]) => {
      const r = cli(['coverage', '-f', format, ...args], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r.stdout;
    };
    sentOnly(format, run(layered({ 'trackplan.config.yaml': 'registry: registry\n' })), 'a_b', 1, 1);
    sentOnly(format, run(layered({ 'trackplan.config.yaml': SECTION })), 'c_d', 2, 1);
    // An ESLint config that sets no callees leaves the section's in force.
    sentOnly(format, run(layered({ 'trackplan.config.yaml': SECTION, 'eslint.config.js': "export default [{ rules: { 'no-undef': 'off' } }];\n" })), 'c_d', 2, 2);
    sentOnly(format, run(layered({ 'trackplan.config.yaml': SECTION, 'eslint.config.js': ESLINT })), 'e_f', 3, 2);
    sentOnly(format, run(layered({ 'trackplan.config.yaml': SECTION, 'eslint.config.js': ESLINT }), '--callees', 'callees.json'), 'g_h', 4, 2);
    sentOnly(format, run(layered({ 'trackplan.config.yaml': SECTION }), '--callees', 'callees.json'), 'g_h', 4, 1);
  });

  it('gives way to the ESLint config only in the files where that config sets callees', () => {
    const dir = layered({
      'trackplan.config.yaml': SECTION,
      'eslint.config.js': "export default [{ files: ['src/b.js'], settings: { trackplan: { callees: ['fromEslint'] } } }];\n",
      'src/b.js': "fromSection('a_b');\nfromEslint('e_f');\n",
    });
    const out = JSON.parse(cli(['coverage', '-f', 'json', 'src'], dir).stdout);
    expect(out.events.filter((e: { count: number }) => e.count > 0).map((e: { name: string; sends: Array<{ file: string; line: number }> }) => [e.name, e.sends.map((s) => `${s.file}:${s.line}`)]))
      .toEqual([['c_d', ['src/a.js:2']], ['e_f', ['src/b.js:2']]]);
  });

  it('reads every entry shape of `settings.trackplan.callees`', () => {
    const dir = project({
      'trackplan.config.yaml': [
        'eslint:',
        '  callees:',
        '    - posthog.capture',
        '    - { callee: posthogCaptureEvent, event: 1, properties: 2 }',
        '    - callee: track',
        '      event: "1.event"',
        '      properties: "1.properties"',
        '    - { callee: trackAnalytics, event: "0.event", properties: "0.*" }',
        '    - { callee: "posthog().capture", event: "0.event" }',
        '    - jsxAttribute: captureEvent',
        '',
      ].join('\n'),
      'registry/events/a_b.yaml': event('a_b', '  x: { type: string, description: An x. }\n'),
      'src/a.jsx': [
        "posthog.capture('a_b');",
        "posthogCaptureEvent(id, 'c_d', {});",
        "track(user, { event: 'e_f', properties: {} });",
        "trackAnalytics({ event: 'g_h', x: 1 });",
        "posthog()?.capture({ distinctId, event: 'i_j' });",
        "const b = <Button captureEvent='k_l' />;",
        "analytics.track('m_n');",
        '',
      ].join('\n'),
    });
    const r = cli(['coverage', '-f', 'json'], dir);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.events.map((e: { name: string; count: number }) => [e.name, e.count])).toEqual([['a_b', 1]]);
    expect(out.unknown.map((u: { name: string; sends: Array<{ line: number }> }) => [u.name, u.sends[0]!.line])).toEqual([['c_d', 2], ['e_f', 3], ['g_h', 4], ['i_j', 5], ['k_l', 6]]);
  });

  // The same mistakes as in settings.trackplan.callees (test/eslint-plugin/plugin.test.ts), with the same messages.
  const BAD = [
    'registry: registry',
    'eslint:',
    '  callees:',
    '    - fromSection',
    '    - { callee: track, event: first }',
    '    - callee: send',
    '      event: 0',
    '      properties: "0.*"',
    '    - jsxAttribute: 3',
    '    - analytics track',
    '    - 42',
    '    - { callee: send, event: 1, when: 2 }',
    '    - { callee: track }',
    '  calees: []',
    '',
  ].join('\n');
  const BAD_MESSAGES = [
    'trackplan.config.yaml:5:7: `eslint.callees[1].event` must be an argument position (0, 1, ...) or a path into one ("1.event"), not "first".',
    'trackplan.config.yaml:6:7: `eslint.callees[2].properties` "0.*": `*` stands for the keys beside the event\'s, so it must be in the same object as `event`.',
    'trackplan.config.yaml:9:7: `eslint.callees[3].jsxAttribute` must be an attribute name such as "captureEvent".',
    'trackplan.config.yaml:10:7: `eslint.callees[4]` `analytics track` is not a dotted name such as "analytics.track" or "posthog().capture".',
    'trackplan.config.yaml:11:7: `eslint.callees[5]` must be a dotted name or an object { callee, event, properties? } or { jsxAttribute }, not 42.',
    'trackplan.config.yaml:12:7: `eslint.callees[6]` has an unknown key `when` (keys: callee, event, properties).',
    'trackplan.config.yaml:13:7: `eslint.callees[7]` (`track`) needs `event`: where the event name is, such as 1 or "0.event".',
    'trackplan.config.yaml:14:3: Unknown key `calees` in `eslint`. Did you mean `callees`?',
  ];

  it.each(['stylish', 'json', 'markdown'])('refuses entries it cannot use: exit 2, each at its line, nothing on stdout (%s)', (format) => {
    const dir = layered({ 'trackplan.config.yaml': BAD });
    expect(cli(['coverage', '-f', format], dir)).toEqual({ code: 2, stdout: '', stderr: BAD_MESSAGES.map((m) => `trackplan: ${m}\n`).join('') });
  });

  it('says what the plugin says of the same entry', () => {
    const entries = [{ callee: 'track', event: 'first' }, { jsxAttribute: 3 }, 'analytics track', { callee: 'track' }];
    const dir = layered({ 'trackplan.config.yaml': `eslint:\n  callees: ${JSON.stringify(entries)}\n`, 'c.json': JSON.stringify(entries) });
    const fromConfig = cli(['coverage'], dir).stderr.split('\n').filter(Boolean).map((l) => l.replace(/^trackplan: trackplan\.config\.yaml:\d+:\d+: `eslint\.callees/, '`callees'));
    const fromPlugin = cli(['coverage', '--callees', 'c.json'], project({ 'trackplan.config.yaml': '', 'registry/events/a_b.yaml': event('a_b'), 'c.json': JSON.stringify([entries[0]]), 'a.js': '' })).stderr;
    expect(fromConfig[0]).toBe(fromPlugin.replace(/^trackplan: `settings\.trackplan\.callees/, '`callees').trimEnd());
    expect(fromConfig).toHaveLength(4);
  });

  it.each([
    ['a list that is no list', 'eslint:\n  callees: analytics.track\n', 'trackplan.config.yaml:2:12: `eslint.callees` must be a list of dotted names such as "analytics.track" or call signatures.'],
    ['a section that is no mapping', 'eslint: [analytics.track]\n', 'trackplan.config.yaml:1:9: `eslint` must be a mapping: callees.'],
  ])('refuses %s, saying where, in every command that reads the config', (_what, config, message) => {
    const dir = layered({ 'trackplan.config.yaml': config });
    for (const command of [['coverage'], ['lint']]) expect(cli(command, dir)).toMatchObject({ code: 2, stderr: `trackplan: ${message}\n` });
  });

  it('an empty list means no callees: nothing is sent', () => {
    const out = JSON.parse(cli(['coverage', '-f', 'json'], layered({ 'trackplan.config.yaml': 'eslint:\n  callees: []\n' })).stdout);
    expect(out.events.every((e: { count: number }) => e.count === 0)).toBe(true);
  });
});
