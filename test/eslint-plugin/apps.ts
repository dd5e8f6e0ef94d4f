// The `callees` that the apps copied in fixtures/apps need for their own wrappers of PostHog and Jitsu.
import type { CalleeSetting } from '../../eslint-plugin/src/settings.js';

export const APP_CALLEES: Record<string, CalleeSetting[]> = {
  rallly: [
    'posthog.capture',
    { callee: 'track', event: '1.event', properties: '1.properties' },
    { callee: 'posthog().capture', event: '0.event', properties: '0.properties' },
    { jsxAttribute: 'captureEvent' },
  ],
  'inbox-zero': [
    'posthog.capture',
    { callee: 'PostHog().capture', event: '0.event', properties: '0.properties' }, // const client = new PostHog(key)
    { callee: 'posthogCaptureEvent', event: 1, properties: 2 },
    { callee: 'capture', event: 1, properties: 2 },
    { callee: 'trackFirstTimeEvent', event: '0.event' },
  ],
  papermark: ['analytics.capture', 'posthog.capture', { callee: 'trackAnalytics', event: '0.event', properties: '0.*' }],
};
