import { js, rule, ts } from './tester.js';

js.run('no-dynamic-event-name (JavaScript)', rule('no-dynamic-event-name'), {
  valid: [
    "analytics.track('project_created')",
    'analytics.track(`project_created`)',
    "const E = 'project_created'; analytics.track(E)",
    "const E = `project_created`; function f() { analytics.track(E) }",
    "const EVENTS = { CREATED: 'project_created' }; analytics.track(EVENTS.CREATED); analytics.track(EVENTS['CREATED'])",
    "analytics.track({ userId: 'u', event: 'project_created' })",
    // Unknown names are known-event's business, not this rule's.
    "analytics.track('nope_clicked')",
    // Not tracking calls, or nothing to see.
    'array.track(name)',
    'logger.track(`${a}_${b}`)',
    'analytics.track()',
    'analytics.track(...args)',
    'analytics.track({ ...payload })',
  ],
  invalid: [
    { code: 'analytics.track(name)', errors: [{ messageId: 'dynamic' }] },
    { code: "let E = 'project_created'; analytics.track(E)", errors: [{ messageId: 'dynamic' }] },
    { code: "var E = 'project_created'; analytics.track(E)", errors: [{ messageId: 'dynamic' }] },
    { code: 'analytics.track(`${object}_created`)', errors: [{ messageId: 'dynamic' }] },
    { code: "analytics.track('project_' + verb)", errors: [{ messageId: 'dynamic' }] },
    { code: 'analytics.track(getName())', errors: [{ messageId: 'dynamic' }] },
    { code: "import { E } from './events.js'; analytics.track(E)", errors: [{ messageId: 'dynamic' }] },
    { code: "let EVENTS = { A: 'project_created' }; analytics.track(EVENTS.A)", errors: [{ messageId: 'dynamic' }] },
    { code: "analytics.track({ userId: 'u', event: name, properties: {} })", errors: [{ messageId: 'dynamic' }] },
    { code: "analytics.track({ userId: 'u', properties: {} })", errors: [{ messageId: 'missing' }] },
    { code: 'this.analytics.track(event.name)', errors: [{ messageId: 'dynamic' }] },
    { code: 'const { track } = analytics; track(name)', errors: [{ messageId: 'dynamic' }] },
  ],
});

ts.run('no-dynamic-event-name (TypeScript)', rule('no-dynamic-event-name'), {
  valid: [
    "const E = 'project_created' as const; analytics.track(E)",
    "const EVENTS = { A: 'project_created' } as const satisfies Record<string, string>; analytics.track(EVENTS.A)",
    "analytics.track<Props>('project_created', {})",
  ],
  invalid: [
    { code: 'function send(name: EventName) { analytics.track(name) }', errors: [{ messageId: 'dynamic' }] },
    { code: 'analytics.track(names[0]!)', errors: [{ messageId: 'dynamic' }] },
  ],
});
