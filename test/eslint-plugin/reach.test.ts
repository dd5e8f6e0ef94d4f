// Reach on real application code: the analytics calls of three public apps (copied unchanged, with
// their license: fixtures/apps/*/SOURCE.md), each with the `callees` its wrappers need. Every send
// whose name can be known without running the code is seen, with its name; the ones left are the
// apps' own wrappers, which forward a parameter.
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../eslint-plugin/src/index.js';
import { sendsRule, type Send } from '../../eslint-plugin/src/sends.js';
import type { CalleeSetting } from '../../eslint-plugin/src/settings.js';
import { APP_CALLEES } from './apps.js';
import { FIXTURES, REGISTRY } from './tester.js';

async function sendsOf(app: string, callees?: CalleeSetting[]): Promise<string[]> {
  const cwd = path.join(FIXTURES, 'apps', app);
  const sends: Send[] = [];
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
      { plugins: { c: { rules: { sends: sendsRule((s) => sends.push(s)) } } }, rules: { 'c/sends': 'error' } },
      { settings: { trackplan: { registry: REGISTRY, ...(callees ? { callees } : {}) } } },
    ],
  });
  const results = await eslint.lintFiles(['**/*.{ts,tsx}']);
  expect(results.flatMap((r) => r.messages)).toEqual([]);
  return sends.map((s) => `${path.relative(cwd, s.file)}:${s.line} ${s.names?.join(' | ') ?? '(computed at run time)'}`).sort();
}

describe('reach on real apps', () => {
  it('lukevella/rallly: track(user, { event, properties }), posthog()?.capture({ event }), <CtaButton captureEvent>', async () => {
    expect(await sendsOf('rallly', APP_CALLEES.rallly)).toEqual([
      'apps/landing/src/components/home/cta-button.tsx:28 (computed at run time)', // the button forwards its prop
      'apps/landing/src/components/home/cta.tsx:29 landing:final_cta_click',
      'apps/web/src/features/billing/webhook/mutations.ts:145 license_purchase',
      'apps/web/src/features/billing/webhook/mutations.ts:318 subscription_create',
      'apps/web/src/features/billing/webhook/mutations.ts:411 subscription_cancel',
      'apps/web/src/features/billing/webhook/mutations.ts:521 subscription_update',
      'apps/web/src/features/space/actions.ts:122 space_create',
      'apps/web/src/features/space/actions.ts:170 space_delete',
      'apps/web/src/features/space/actions.ts:211 space_update',
      'apps/web/src/features/space/actions.ts:249 space_update_show_branding',
      'apps/web/src/features/space/actions.ts:297 space_update_hide_attribution',
      'apps/web/src/features/space/actions.ts:90 space_set_active',
      // lib/posthog.ts's track and trackSystemEvent spread their `event` argument: nothing to read, nothing reported.
    ]);
    // With the defaults, the app's own `track(user, { event })` is not taken for Segment's any more.
    expect(await sendsOf('rallly')).toEqual(['apps/landing/src/components/home/cta-button.tsx:28 (computed at run time)']);
  });

  it('elie222/inbox-zero: posthogCaptureEvent(distinctId, name, props), capture(posthog, name, props), FIRST_TIME_EVENTS from @/utils/posthog', async () => {
    const sends = await sendsOf('inbox-zero', APP_CALLEES['inbox-zero']);
    expect(sends).toContain('apps/web/app/api/chat/route.ts:158 First chat message'); // an `as const` member imported through tsconfig paths
    expect(sends).toContain('apps/web/utils/posthog.ts:421 User deleted'); // not `anonymous`, the distinct id before it
    expect(sends).toContain('apps/web/utils/analytics/auth-funnel.ts:100 Authentication Started');
    expect(sends.filter((s) => s.endsWith('(computed at run time)'))).toEqual([
      'apps/web/utils/analytics/auth-funnel.ts:173 (computed at run time)', // capture(posthog, event, properties) itself
      'apps/web/utils/posthog.ts:148 (computed at run time)', // posthogCaptureEvent's own `new PostHog(key)` client's capture({ event })
      'apps/web/utils/posthog.ts:265 (computed at run time)', // trackError's errorType parameter
      'apps/web/utils/posthog.ts:331 (computed at run time)', // `Premium subscription ${status}`
      'apps/web/utils/posthog.ts:464 (computed at run time)', // trackFirstTimeEvent itself
    ]);
    // All 27 call sites that grep finds for these callees: 22 posthogCaptureEvent, 2 capture, 1 trackFirstTimeEvent, 1 posthog.capture, 1 client.capture.
    expect(sends).toHaveLength(27);
  });

  it('mfts/papermark: analytics.capture(name, props) and Jitsu\'s trackAnalytics({ event, ...props })', async () => {
    expect(await sendsOf('papermark', APP_CALLEES.papermark)).toEqual([
      'components/billing/upgrade-plan-modal.tsx:192 Upgrade Button Clicked',
      'components/billing/upgrade-plan-modal.tsx:202 Upgrade Button Clicked',
      'lib/analytics/index.ts:21 (computed at run time)', // useAnalytics().capture itself
      'pages/api/teams/[teamId]/billing/manage.ts:195 Stripe Billing Portal Clicked',
    ]);
  });

  it('checks flat properties beside `event` in Jitsu\'s form against the plan', async () => {
    const eslint = new ESLint({
      cwd: path.join(FIXTURES, 'apps', 'papermark'),
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        plugin.configs.recommended,
        { settings: { trackplan: { registry: REGISTRY, callees: APP_CALLEES.papermark } } },
      ],
    });
    const [r] = await eslint.lintText("trackAnalytics({ event: 'project_created', project_id: 'p', template: 'blank', seats: 2 });\ntrackAnalytics({ event: 'project_created', project_id: 'p' });\n", { filePath: 'lib/a.ts' });
    expect(r!.messages.map((m) => `${m.line} ${m.message}`)).toEqual(['2 The event `project_created` requires the property `template`.']);
  });
});
