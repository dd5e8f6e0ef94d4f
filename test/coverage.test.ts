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
