import { js, rule, ts } from './tester.js';

const unknown = (name: string, suggestions: string[] = [], output?: (n: string) => string) => ({
  messageId: 'unknown',
  data: { name, hint: suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '' },
  suggestions: suggestions.map((s) => ({ messageId: 'useName', data: { name: s }, output: output!(s) })),
});

js.run('known-event (JavaScript)', rule('known-event'), {
  valid: [
    "analytics.track('project_created', { project_id: 'p', template: 'blank' })",
    "analytics.track('project_viewed')",
    "mixpanel.track('project_viewed', {})",
    "posthog.capture('invoice_paid', { plan_type: 'pro' })",
    "amplitude.track('project_viewed'); rudderanalytics.track('project_viewed')",
    "window.analytics.track('project_viewed')",
    "analytics.track({ userId: 'u1', event: 'project_viewed', properties: {} })",
    "const EVENT = 'project_viewed'; analytics.track(EVENT)",
    // Not tracking calls: an unrelated object's track, other methods, other names.
    "array.track('not_an_event')",
    "analytics.identify('not_an_event')",
    "tracker.send('not_an_event')",
    "analytics.page('not_an_event')",
    "this.track('not_an_event')",
    "trackEvent('not_an_event')",
    // Nothing to check: no argument, a spread, a name only known at run time (another rule's business).
    'analytics.track()',
    'analytics.track(...args)',
    'analytics.track(eventName)',
    'analytics.track({ ...payload })',
    // Callees set explicitly replace the defaults.
    { code: "analytics.track('not_an_event'); ga.send('project_viewed')", settings: { trackplan: { registry: 'test/eslint-plugin/fixtures/registry', callees: ['ga.send'] } } },
    // JSX
    "const B = () => <button onClick={() => analytics.track('project_viewed')}>Open</button>",
    // The event's file name is what finds it, in a subfolder too.
    "analytics.track('invoice_paid', { plan_type: 'free' })",
  ],
  invalid: [
    {
      code: "analytics.track('project_create', { project_id: 'p', template: 'blank' })",
      errors: [unknown('project_create', ['project_created'], (s) => `analytics.track('${s}', { project_id: 'p', template: 'blank' })`)],
    },
    {
      code: 'analytics.track("project_veiwed")',
      errors: [unknown('project_veiwed', ['project_viewed'], (s) => `analytics.track("${s}")`)],
    },
    { code: "window.analytics.track('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "class A { go() { this.analytics.track('nope_clicked') } }", errors: [unknown('nope_clicked')] },
    { code: "self.rudderanalytics.track('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "analytics?.track('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "analytics['track']('nope_clicked')", errors: [unknown('nope_clicked')] },
    {
      code: "analytics.track({ userId: 'u1', event: 'project_opend', properties: {} })",
      errors: [unknown('project_opend', ['project_opened'], (s) => `analytics.track({ userId: 'u1', event: '${s}', properties: {} })`)],
    },
    { code: 'posthog.capture({ distinctId: "u", event: `nope_clicked` })', errors: [unknown('nope_clicked')] },
    // Aliases
    {
      code: "const { track } = analytics; track('nope_clicked')",
      settings: { trackplan: { registry: 'test/eslint-plugin/fixtures/registry', callees: ['analytics.track'] } },
      errors: [unknown('nope_clicked')],
    },
    { code: "const { track: send } = analytics; send('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "const { capture } = posthog; capture('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "const send = analytics.track.bind(analytics); send('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "const a = window.analytics; a.track('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "const tracker = createTracker({ send }); tracker.track('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "const t = createTracker({ send }); t.track('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "const { track: emit } = createTracker({ send }); emit('nope_clicked')", errors: [unknown('nope_clicked')] },
    // Names the rule can resolve: a const, a template without expressions, a const object's member.
    {
      code: "const EVENT = 'project_veiwed'; analytics.track(EVENT)",
      errors: [unknown('project_veiwed', ['project_viewed'], (s) => `const EVENT = '${s}'; analytics.track(EVENT)`)],
    },
    {
      code: 'analytics.track(`project_veiwed`)',
      errors: [unknown('project_veiwed', ['project_viewed'], (s) => `analytics.track(\`${s}\`)`)],
    },
    { code: "const EVENTS = { OPEN: 'nope_clicked' }; analytics.track(EVENTS.OPEN)", errors: [unknown('nope_clicked')] },
    // Custom callees
    { code: "ga.send('nope_clicked')", settings: { trackplan: { registry: 'test/eslint-plugin/fixtures/registry', callees: ['ga.send'] } }, errors: [unknown('nope_clicked')] },
    // JSX
    { code: "const B = () => <button onClick={() => analytics.track('nope_clicked')}>Open</button>", errors: [unknown('nope_clicked')] },
    // A definition the loader cannot read, and a registry that is not there (said once per file).
    { code: "analytics.track('invite_sent')", errors: [{ messageId: 'broken' }] },
    {
      code: "analytics.track('a_b'); analytics.track('c_d')",
      settings: { trackplan: { registry: 'test/eslint-plugin/fixtures/no-such-registry' } },
      errors: [{ messageId: 'registry' }],
    },
  ],
});

ts.run('known-event (TypeScript)', rule('known-event'), {
  valid: [
    "analytics.track('project_viewed' as const, {} as Record<string, unknown>)",
    "const EVENT: 'project_viewed' = 'project_viewed'; analytics.track<Props>(EVENT)",
    "array.track('not_an_event')",
    "declare const list: { track(n: string): void }; list.track('not_an_event')",
    { code: "const C = (): JSX.Element => <a onClick={() => analytics.track('project_viewed')} />", filename: 'c.tsx' },
  ],
  invalid: [
    { code: "analytics!.track('nope_clicked')", errors: [unknown('nope_clicked')] },
    { code: "(window as any).analytics.track('nope_clicked' as string)", errors: [unknown('nope_clicked')] },
    { code: "const EVENTS = { OPEN: 'nope_clicked' } as const; analytics.track(EVENTS.OPEN)", errors: [unknown('nope_clicked')] },
    { code: "class S { constructor(private analytics: Analytics) {} go() { this.analytics.track('nope_clicked') } }", errors: [unknown('nope_clicked')] },
    { code: "const { track } = createTracker({ send }); track('nope_clicked', {})", errors: [unknown('nope_clicked')] },
    {
      code: "analytics.track({ userId: 'u1', event: 'project_veiwed', properties: {} } satisfies Payload)",
      errors: [unknown('project_veiwed', ['project_viewed'], (s) => `analytics.track({ userId: 'u1', event: '${s}', properties: {} } satisfies Payload)`)],
    },
    { code: "const C = (): JSX.Element => <a onClick={() => analytics.track('nope_clicked')} />", filename: 'c.tsx', errors: [unknown('nope_clicked')] },
  ],
});
