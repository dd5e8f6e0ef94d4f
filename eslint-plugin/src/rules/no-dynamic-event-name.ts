import type { Rule } from 'eslint';
import { trackingCall } from '../calls.js';
import { docsUrl } from '../util.js';

const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Require event names that can be checked without running the code: a string literal, a template without `${}`, or a `const` of one in the same file.',
      recommended: true,
      url: docsUrl('no-dynamic-event-name'),
    },
    schema: [],
    messages: {
      dynamic: 'The event name is computed at run time, so it cannot be checked against the tracking plan. Use a string literal or a `const` declared in this file.',
      missing: 'This tracking call has no `event`: name the event it sends.',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const t = trackingCall(context, node);
        if (!t) return;
        if (!t.nameNode) context.report({ node: node.arguments[0] ?? node, messageId: 'missing' });
        else if (!t.name) context.report({ node: t.nameNode, messageId: 'dynamic' });
      },
    };
  },
};
export default rule;
