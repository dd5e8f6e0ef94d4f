import { js, rule, ts } from './tester.js';

js.run('no-deprecated-event (JavaScript)', rule('no-deprecated-event'), {
  valid: [
    "analytics.track('project_viewed')",
    "analytics.track('nope_clicked')", // unknown: known-event's business
    "array.track('project_opened')",
    'analytics.track(name)',
    "analytics.track('invite_sent')",
  ],
  invalid: [
    {
      code: "analytics.track('project_opened', { project_id: 'p' })",
      errors: [{
        messageId: 'replaced',
        data: { name: 'project_opened', replacement: 'project_viewed' },
        suggestions: [{ messageId: 'useReplacement', data: { replacement: 'project_viewed' }, output: "analytics.track('project_viewed', { project_id: 'p' })" }],
      }],
    },
    { code: "analytics.track({ userId: 'u', event: \"project_opened\" })", errors: [{ messageId: 'replaced', suggestions: [{ messageId: 'useReplacement', output: "analytics.track({ userId: 'u', event: \"project_viewed\" })" }] }] },
    { code: "const E = 'project_opened'; window.analytics.track(E)", errors: [{ messageId: 'replaced', suggestions: [{ messageId: 'useReplacement', output: "const E = 'project_viewed'; window.analytics.track(E)" }] }] },
    { code: "mixpanel.track('report_printed')", errors: [{ messageId: 'deprecated', data: { name: 'report_printed' } }] },
  ],
});

ts.run('no-deprecated-event (TypeScript)', rule('no-deprecated-event'), {
  valid: ["analytics.track('project_viewed' as const)"],
  invalid: [
    { code: "this.analytics!.track('report_printed' as EventName)", errors: [{ messageId: 'deprecated' }] },
  ],
});
