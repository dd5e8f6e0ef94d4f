// Events and properties sent under an old name that the plan keeps as an alias (`aliases:`):
// no-event-alias warns and fixes to the plan's name; the other rules read the call as the event
// and property it stands for (known-event does not call it unknown, event-properties checks it).
import path from 'node:path';
import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import { FIXTURES, plugin, rule } from './tester.js';

const REGISTRY = path.join(FIXTURES, 'aliases', 'registry');
const settings = { trackplan: { registry: REGISTRY, callees: ['analytics.track', { callee: 'trackAnalytics', event: '0.event', properties: '0.*' }, { jsxAttribute: 'captureEvent' }] } };
const js = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, settings });
const ts = new RuleTester({ languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, settings });

const event = (alias: string, name = 'order_completed') => ({ messageId: 'event', data: { alias, name } });
const property = (alias: string, name: string) => ({ messageId: 'property', data: { alias, name, event: 'order_completed' } });

for (const [label, tester] of [['JavaScript', js], ['TypeScript', ts]] as const) {
  tester.run(`no-event-alias (${label})`, rule('no-event-alias'), {
    valid: [
      "analytics.track('order_completed', { order_id: 'o1', total: 3, shipping: { country_code: 'FR' } })",
      "analytics.track('nope_clicked', { orderId: 'o1' })", // not an event: known-event's
      "analytics.track('order_completed', { order_id: 'o1', Amount: 3 })", // not an alias (case matters): event-properties'
      'analytics.track(name)',
      "other.track('Order Completed')",
    ],
    invalid: [
      { code: "analytics.track('Order Completed', { order_id: 'o1' })", output: "analytics.track('order_completed', { order_id: 'o1' })", errors: [event('Order Completed')] },
      { code: 'analytics.track("orderCompleted")', output: 'analytics.track("order_completed")', errors: [event('orderCompleted')] },
      { code: 'analytics.track(`Order Completed`)', output: 'analytics.track(`order_completed`)', errors: [event('Order Completed')] },
      // The literal is fixed where it is written: in the `const`, or in the branch of a ternary.
      { code: "const E = { DONE: 'Order Completed' }; analytics.track(E.DONE)", output: "const E = { DONE: 'order_completed' }; analytics.track(E.DONE)", errors: [event('Order Completed')] },
      { code: "analytics.track(ok ? 'order_completed' : 'Cart Viewed')", output: "analytics.track(ok ? 'order_completed' : 'cart_viewed')", errors: [event('Cart Viewed', 'cart_viewed')] },
      { code: "trackAnalytics({ event: 'orderCompleted', order_id: 'o1' })", output: "trackAnalytics({ event: 'order_completed', order_id: 'o1' })", errors: [event('orderCompleted')] },
      { code: 'const B = () => <Button captureEvent="Order Completed" />', output: 'const B = () => <Button captureEvent="order_completed" />', errors: [event('Order Completed')] },
      // Property keys: the event's own alias, the `$ref` site's, the shared property's, a nested one; shorthand and quoted keys.
      {
        code: "analytics.track('order_completed', { orderId: 'o1', Total: 3 })",
        output: "analytics.track('order_completed', { order_id: 'o1', total: 3 })",
        errors: [property('orderId', 'order_id'), property('Total', 'total')],
      },
      { code: "analytics.track('order_completed', { order_id: 'o1', 'amount': 3 })", output: "analytics.track('order_completed', { order_id: 'o1', 'total': 3 })", errors: [property('amount', 'total')] },
      { code: "analytics.track('order_completed', { orderId })", output: "analytics.track('order_completed', { order_id: orderId })", errors: [property('orderId', 'order_id')] },
      {
        code: "analytics.track('order_completed', { order_id: 'o1', shipping: { countryCode: 'FR' } })",
        output: "analytics.track('order_completed', { order_id: 'o1', shipping: { country_code: 'FR' } })",
        errors: [property('shipping.countryCode', 'shipping.country_code')],
      },
      { code: "trackAnalytics({ event: 'order_completed', orderId: 'o1' })", output: "trackAnalytics({ event: 'order_completed', order_id: 'o1' })", errors: [property('orderId', 'order_id')] },
      // Both at once: the properties are the event's the alias stands for.
      {
        code: "analytics.track('Order Completed', { orderId: 'o1' })",
        output: "analytics.track('order_completed', { order_id: 'o1' })",
        errors: [event('Order Completed'), property('orderId', 'order_id')],
      },
    ],
  });
}

describe('the other rules on names sent under an alias', () => {
  const linter = new Linter();
  const lint = (code: string) => linter.verify(code, [plugin.configs.recommended, { settings }], 'a.js').map((m) => `${m.ruleId} ${m.message}`);

  it('reads an alias as its event: not unknown, its properties checked, its deprecation said', () => {
    expect(lint("analytics.track('Order Completed', { order_id: 'o1', total: 'x' })")).toEqual([
      'trackplan/no-event-alias `Order Completed` is an old name of the event `order_completed` (an alias in the tracking plan): send `order_completed`.',
      'trackplan/event-properties `total` of `order_completed` must be a number, not \'x\'.',
    ]);
    expect(lint("analytics.track('orderCompleted', {})")).toEqual([
      'trackplan/no-event-alias `orderCompleted` is an old name of the event `order_completed` (an alias in the tracking plan): send `order_completed`.',
      'trackplan/event-properties The event `order_completed` requires the property `order_id`.',
    ]);
    expect(lint("analytics.track('Cart Viewed')")).toEqual([
      'trackplan/no-deprecated-event The event `cart_viewed` is deprecated: send `order_completed` instead.',
      'trackplan/no-event-alias `Cart Viewed` is an old name of the event `cart_viewed` (an alias in the tracking plan): send `cart_viewed`.',
    ]);
  });

  it('reads a property alias as its property: it counts as the required one, its value is checked', () => {
    expect(lint("analytics.track('order_completed', { orderId: 1 })")).toEqual([
      'trackplan/no-event-alias `orderId` is an old name of the property `order_id` of `order_completed` (an alias in the tracking plan): send `order_id`.',
      'trackplan/event-properties `order_id` of `order_completed` must be a string, not 1.',
    ]);
  });

  it('fixes a file with eslint --fix to the plan\'s names', () => {
    const { output, messages } = linter.verifyAndFix("analytics.track('Order Completed', { orderId: 'o1', amount: 2, shipping: { countryCode: 'FR' } });\n", [plugin.configs.recommended, { settings }], 'a.js');
    expect(output).toBe("analytics.track('order_completed', { order_id: 'o1', total: 2, shipping: { country_code: 'FR' } });\n");
    expect(messages).toEqual([]);
  });

  it('still calls a name unknown when it is no event\'s name or alias', () => {
    expect(lint("analytics.track('Order Complete')")).toEqual(['trackplan/known-event Unknown event `Order Complete`: the tracking plan does not define it. Did you mean `order_completed`?']);
  });
});
