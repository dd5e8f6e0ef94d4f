// Call signatures in `settings.trackplan.callees`: argument positions, paths into an argument,
// properties flat beside the event, clients returned by a call, JSX attributes; and the names the
// plugin can know in the linted file (ternaries, `const` objects, enums, object literals in a `const`).
import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { REGISTRY, rule } from './tester.js';

const callees = [
  'analytics.track',
  { callee: 'posthogCaptureEvent', event: 1, properties: 2 }, // inbox-zero
  { callee: 'track', event: '1.event', properties: '1.properties' }, // rallly
  { callee: 'trackAnalytics', event: '0.event', properties: '0.*' }, // Jitsu's flat form
  { callee: 'posthog().capture', event: '0.event', properties: '0.properties' }, // rallly, server side
  { callee: 'trackFirstTimeEvent', event: '0.event' }, // inbox-zero: no properties to check
  { callee: 'PostHog().capture', event: '0.event', properties: '0.properties' }, // posthog-node: const client = new PostHog(key)
  { jsxAttribute: 'captureEvent' }, // rallly's landing page
];
const languageOptions = { parser: tsParser, sourceType: 'module' as const, parserOptions: { ecmaFeatures: { jsx: true } } };
const tester = new RuleTester({ languageOptions, settings: { trackplan: { registry: REGISTRY, callees } } });
const defaults = new RuleTester({ languageOptions, settings: { trackplan: { registry: REGISTRY } } });

const P = "project_id: 'p1', template: 'blank'"; // the required properties of project_created
const unknown = (name: string) => ({ messageId: 'unknown', data: { name, hint: '' } });
const missing = (name: string) => ({ messageId: 'missing', data: { event: 'project_created', name } });

tester.run('known-event with call signatures', rule('known-event'), {
  valid: [
    // The distinct id in front is not the event: `anonymous` is not reported.
    `posthogCaptureEvent('anonymous', 'project_created', { ${P} })`,
    "posthogCaptureEvent(email, 'project_viewed')",
    "track(ctx.user, { event: 'project_viewed' })",
    "trackAnalytics({ event: 'project_viewed', page: 'home' })",
    "posthog()?.capture({ distinctId: id, event: 'project_viewed' })",
    "const client = posthog(); client?.capture({ distinctId: id, event: 'project_viewed' })",
    "trackFirstTimeEvent({ emailAccountId, event: 'project_viewed' })",
    "const client = new PostHog(key); client.capture({ distinctId: id, event: 'project_viewed' })",
    'const B = () => <CtaButton size="lg" captureEvent="project_viewed">Go</CtaButton>',
    "const B = () => <CtaButton captureEvent={'project_viewed'} />",
    // Other calls and attributes of the same names are not sends.
    "capture({ event: 'nope_clicked' }); analytics.capture('nope_clicked'); other().capture({ event: 'nope_clicked' })",
    'const B = () => <Button onClick="nope_clicked" />',
  ],
  invalid: [
    { code: "posthogCaptureEvent('anonymous', 'nope_clicked', {})", errors: [unknown('nope_clicked')] },
    { code: "track(ctx.user, { event: 'nope_clicked', properties: {} })", errors: [unknown('nope_clicked')] },
    { code: "trackAnalytics({ event: 'nope_clicked', page: 'home' })", errors: [unknown('nope_clicked')] },
    { code: "posthog()?.capture({ distinctId: id, event: 'nope_clicked' })", errors: [unknown('nope_clicked')] },
    { code: "posthog().capture({ distinctId: id, event: 'nope_clicked' })", errors: [unknown('nope_clicked')] },
    { code: "trackFirstTimeEvent({ event: 'nope_clicked' })", errors: [unknown('nope_clicked')] },
    { code: "const client = new PostHog(key); client.capture({ distinctId: id, event: 'nope_clicked' })", errors: [unknown('nope_clicked')] },
    { code: "new PostHog(key).capture({ distinctId: id, event: 'nope_clicked' })", errors: [unknown('nope_clicked')] },
    { code: 'const B = () => <CtaButton captureEvent="nope_clicked" />', errors: [unknown('nope_clicked')] },
    // Each branch of a ternary is checked.
    { code: "const B = () => <CtaButton captureEvent={wide ? 'project_viewed' : 'nope_clicked'} />", errors: [unknown('nope_clicked')] },
    { code: "analytics.track(ok ? 'nope_a' : 'nope_b')", errors: [unknown('nope_a'), unknown('nope_b')] },
  ],
});

tester.run('event-properties with call signatures', rule('event-properties'), {
  valid: [
    `posthogCaptureEvent(email, 'project_created', { ${P} })`,
    `track(ctx.user, { event: 'project_created', properties: { ${P} } })`,
    `trackAnalytics({ event: 'project_created', ${P} })`,
    `posthog()?.capture({ distinctId: id, event: 'project_created', properties: { ${P} } })`,
    // No properties in the signature: nothing to check.
    "trackFirstTimeEvent({ emailAccountId, event: 'project_created' })",
    'const B = () => <CtaButton captureEvent="project_created" />',
    // Properties it cannot see.
    "posthogCaptureEvent(email, 'project_created', props)",
    "track(ctx.user, { event: 'project_created', ...rest })",
    "trackAnalytics({ event: 'project_created', ...props })",
    // A const object literal is read.
    `const props = { ${P} }; analytics.track('project_created', props)`,
    // Both events of a ternary accept these properties.
    "analytics.track(open ? 'project_viewed' : 'project_opened', { project_id: 'p' })",
  ],
  invalid: [
    { code: "posthogCaptureEvent(email, 'project_created', { project_id: 'p1' })", errors: [missing('template')] },
    { code: "track(ctx.user, { event: 'project_created', properties: { project_id: 'p1' } })", errors: [missing('template')] },
    {
      code: "track(ctx.user, { event: 'project_created' })",
      errors: [{ messageId: 'missingAll', data: { event: 'project_created', names: '`project_id`, `template`' } }],
    },
    // Flat: the keys beside `event` are the properties, `event` itself is not one.
    { code: "trackAnalytics({ event: 'project_created', project_id: 'p1' })", errors: [missing('template')] },
    {
      code: `trackAnalytics({ event: 'project_created', ${P}, seets: 3 })`,
      errors: [{ messageId: 'unknown', suggestions: [{ messageId: 'rename', output: `trackAnalytics({ event: 'project_created', ${P}, seats: 3 })` }] }],
    },
    { code: "posthog()?.capture({ distinctId: id, event: 'project_created', properties: { project_id: 'p1' } })", errors: [missing('template')] },
    { code: "const props = { project_id: 'p1' }; analytics.track('project_created', props)", errors: [missing('template')] },
    { code: `const E = { C: 'project_created' } as const; analytics.track(E.C, { ${P}, seats: 'x' })`, errors: [{ messageId: 'type' }] },
    {
      code: "analytics.track(open ? 'project_viewed' : 'project_created', { project_id: 'p' })",
      errors: [missing('template')],
    },
  ],
});

tester.run('no-dynamic-event-name with call signatures', rule('no-dynamic-event-name'), {
  valid: [
    "posthogCaptureEvent(email, 'project_viewed')",
    "track(ctx.user, { event: open ? 'project_viewed' : 'project_opened' })",
    "const E = { A: 'project_viewed' } as const; trackFirstTimeEvent({ event: E.A })",
    "enum Events { Viewed = 'project_viewed' } analytics.track(Events.Viewed)",
    "const E = { A: { B: 'project_viewed' } } as const; analytics.track(E.A.B)",
    "analytics.track('a' || 'b')",
    'const B = () => <CtaButton captureEvent="project_viewed" />',
    // Calls it cannot see into.
    'track(...args)',
    "track(user, { ...payload, properties: {} })",
  ],
  invalid: [
    { code: 'posthogCaptureEvent(email, name)', errors: [{ messageId: 'dynamic' }] },
    { code: 'track(user, payload)', errors: [{ messageId: 'dynamic' }] },
    { code: "track(user, { properties: {} })", errors: [{ messageId: 'missing' }] },
    { code: 'posthog()?.capture({ distinctId, event })', errors: [{ messageId: 'dynamic' }] },
    { code: "analytics.track(ok ? 'project_viewed' : name)", errors: [{ messageId: 'dynamic' }] },
    { code: "analytics.track(name ?? 'project_viewed')", errors: [{ messageId: 'dynamic' }] },
    { code: 'const B = () => <CtaButton captureEvent={captureEvent} />', errors: [{ messageId: 'dynamic' }] },
    { code: "let E = { A: 'project_viewed' }; analytics.track(E.A)", errors: [{ messageId: 'dynamic' }] },
  ],
});

// The default callees no longer include a bare `track`: an app's own `track(user, { event })` is not a send.
defaults.run('the default callees', rule('no-dynamic-event-name'), {
  valid: [
    'track(ctx.user, { event: "password_set" })',
    'track(user, payload)',
    'capture(posthog, name)',
  ],
  invalid: [
    // `track` taken from an SDK object or the generated tracker still is.
    { code: 'const { track } = analytics; track(name)', errors: [{ messageId: 'dynamic' }] },
    { code: 'const { track } = createTracker({ send }); track(name)', errors: [{ messageId: 'dynamic' }] },
    { code: 'const posthog = usePostHog(); posthog?.capture(name)', errors: [{ messageId: 'dynamic' }] },
  ],
});
