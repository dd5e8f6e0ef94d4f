import { js, rule, ts } from './tester.js';

const P = "project_id: 'p1', template: 'blank'"; // the required properties of project_created
const type = (name: string, expected: string, actual: string) => ({ messageId: 'type', data: { event: 'project_created', name, expected, actual } });
const missing = (name: string, event = 'project_created') => ({ messageId: 'missing', data: { event, name } });

js.run('event-properties (JavaScript)', rule('event-properties'), {
  valid: [
    `analytics.track('project_created', { ${P} })`,
    `analytics.track('project_created', { ${P}, seats: 3, budget: 1.5, public: true, tags: ['a', \`b\`], source: { page: 'home', position: 2 } })`,
    `analytics.track('project_created', { ${P}, budget: null, seats: -1 })`,
    `analytics.track('project_created', { ${P}, budget: 10 })`, // an integer is a number
    // Values it cannot see are not judged.
    `analytics.track('project_created', { project_id: id, template: pick(), seats: n, public: !hidden, tags: list, source: where })`,
    `analytics.track('project_created', { project_id: \`p-\${n}\`, template })`,
    // A spread or a computed key may carry what looks missing.
    "analytics.track('project_created', { ...base })",
    "analytics.track('project_created', { [key]: 'blank', project_id: 'p' })",
    "analytics.track('project_created', { ...base, source: { ...where } })",
    // Properties that are not an object literal are not judged.
    "analytics.track('project_created', props)",
    "analytics.track('project_created', ...rest)",
    // No required property, no properties needed.
    "analytics.track('project_viewed')",
    "analytics.track({ userId: 'u', event: 'project_viewed' })",
    `analytics.track({ userId: 'u', event: 'project_created', properties: { ${P} } })`,
    "analytics.track({ ...envelope, event: 'project_created' })",
    // A shared property's enum, by $ref; a const that holds a value.
    "const PLAN = 'pro'; posthog.capture('invoice_paid', { plan_type: PLAN, amount: 9.99 })",
    // Unknown events and dynamic names belong to other rules; unrelated calls are not tracking.
    "analytics.track('nope_clicked', { anything: 1 })",
    'analytics.track(name, { anything: 1 })',
    "array.track('project_created', { wrong: 1 })",
    "analytics.track('invite_sent', { broken: 1 })",
  ],
  invalid: [
    {
      code: `analytics.track('project_created', { ${P}, seets: 3 })`,
      errors: [{
        messageId: 'unknown',
        data: { event: 'project_created', name: 'seets', hint: ' Did you mean `seats`?' },
        suggestions: [{ messageId: 'rename', data: { name: 'seats' }, output: `analytics.track('project_created', { ${P}, seats: 3 })` }],
      }],
    },
    {
      code: `const seets = 3; analytics.track('project_created', { ${P}, seets })`,
      errors: [{ messageId: 'unknown', suggestions: [{ messageId: 'rename', data: { name: 'seats' }, output: `const seets = 3; analytics.track('project_created', { ${P}, seats: seets })` }] }],
    },
    { code: `analytics.track('project_created', { ${P}, 'colour': 'red' })`, errors: [{ messageId: 'unknown', data: { event: 'project_created', name: 'colour', hint: '' } }] },
    { code: "analytics.track('project_created', { template: 'blank' })", errors: [missing('project_id')] },
    { code: "analytics.track('project_created', {})", errors: [missing('project_id'), missing('template')] },
    {
      code: "analytics.track('project_created')",
      errors: [{ messageId: 'missingAll', data: { event: 'project_created', names: '`project_id`, `template`' } }],
    },
    { code: "analytics.track({ userId: 'u', event: 'project_created' })", errors: [{ messageId: 'missingAll' }] },
    {
      code: "analytics.track({ userId: 'u', event: 'project_created', properties: { project_id: 'p', template: 'blank', seats: 'three' } })",
      errors: [type('seats', 'an integer', "'three'")],
    },
    { code: `analytics.track('project_created', { ${P}, seats: 1.5 })`, errors: [type('seats', 'an integer', '1.5')] },
    { code: `analytics.track('project_created', { ${P}, seats: null })`, errors: [type('seats', 'an integer', 'null')] },
    { code: `analytics.track('project_created', { ${P}, public: 'yes' })`, errors: [type('public', 'a boolean', "'yes'")] },
    { code: `analytics.track('project_created', { ${P}, budget: '10' })`, errors: [type('budget', 'a number', "'10'")] },
    { code: `analytics.track('project_created', { ${P}, tags: 'a' })`, errors: [type('tags', 'an array', "'a'")] },
    { code: `analytics.track('project_created', { ${P}, tags: ['a', 2] })`, errors: [type('tags[]', 'a string', '2')] },
    { code: "analytics.track('project_created', { project_id: 7, template: 'blank' })", errors: [type('project_id', 'a string', '7')] },
    {
      code: "analytics.track('project_created', { project_id: 'p', template: 'kanbam' })",
      errors: [{
        messageId: 'enum',
        data: { event: 'project_created', name: 'template', actual: "'kanbam'", values: '"blank", "kanban", "scrum"', hint: ' Did you mean `kanban`?' },
        suggestions: [{ messageId: 'replace', data: { value: "'kanban'" }, output: "analytics.track('project_created', { project_id: 'p', template: 'kanban' })" }],
      }],
    },
    { code: "posthog.capture('invoice_paid', { plan_type: 'gold' })", errors: [{ messageId: 'enum', data: { event: 'invoice_paid', name: 'plan_type', actual: "'gold'", values: '"free", "pro"', hint: '' } }] },
    // Nested objects: unknown, missing, wrong type at depth.
    {
      code: `analytics.track('project_created', { ${P}, source: { pag: 'home', position: 'top' } })`,
      errors: [
        missing('source.page'), // reported at the object, which comes first
        { messageId: 'unknown', data: { event: 'project_created', name: 'source.pag', hint: ' Did you mean `page`?' }, suggestions: [{ messageId: 'rename', output: `analytics.track('project_created', { ${P}, source: { page: 'home', position: 'top' } })` }] },
        type('source.position', 'an integer', "'top'"),
      ],
    },
    // Through aliases and member chains.
    { code: "const { track: send } = analytics; send('project_created', { project_id: 'p' })", errors: [missing('template')] },
    { code: "window.analytics.track('project_created', { project_id: 'p' })", errors: [missing('template')] },
    { code: "const E = 'project_created'; analytics.track(E, { project_id: 'p' })", errors: [missing('template')] },
  ],
});

ts.run('event-properties (TypeScript)', rule('event-properties'), {
  valid: [
    `analytics.track('project_created', { ${P}, seats: 2 as number } satisfies Props)`,
    `analytics.track('project_created', { ${P}, template: 'blank' as const })`,
    `analytics.track<'project_created'>('project_created', { ${P}, budget: value! })`,
    "declare const list: { track(n: string, p: object): void }; list.track('project_created', { x: 1 })",
  ],
  invalid: [
    { code: `analytics.track('project_created', { ${P}, seats: '2' as any } as Props)`, errors: [type('seats', 'an integer', "'2'")] },
    { code: "tracker.track('project_created', { project_id: 'p' } satisfies Partial<Props>)", errors: [missing('template')] },
    { code: `const C = (): JSX.Element => <a onClick={() => analytics.track('project_created', { ${P}, colour: 1 })} />`, filename: 'c.tsx', errors: [{ messageId: 'unknown' }] },
  ],
});
