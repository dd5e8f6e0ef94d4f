import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { requireUsableSettings, sendListeners, trackingCall } from '../calls.js';
import { docsUrl } from '../util.js';

const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Require event names that can be checked without running the code: a string literal, a template without `${}`, a ternary of such names, or a `const`, `as const` object member or enum member of one, in this file or imported from another module of the project.',
      recommended: true,
      url: docsUrl('no-dynamic-event-name'),
    },
    schema: [],
    messages: {
      dynamic: 'The event name is computed at run time, so it cannot be checked against the tracking plan. Use a string literal, or a `const` of one (here or exported by a module of the project).',
      missing: 'This tracking call has no `event`: name the event it sends.',
    },
  },
  create(context) {
    requireUsableSettings(context);
    function check(node: ESTree.Node): void {
      const t = trackingCall(context, node);
      if (!t) return;
      if (!t.nameNode) context.report({ node: (node as ESTree.CallExpression).arguments?.[0] ?? node, messageId: 'missing' });
      else if (!t.names) context.report({ node: t.nameNode, messageId: 'dynamic' });
    }
    return sendListeners(context, check);
  },
};
export default rule;
