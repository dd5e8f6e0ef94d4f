import type { Rule } from 'eslint';
import { registryOf, trackingCall } from '../calls.js';
import { docsUrl, stringIn } from '../util.js';

const rule: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow sending events that the tracking plan has deprecated.',
      recommended: true,
      url: docsUrl('no-deprecated-event'),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      replaced: 'The event `{{name}}` is deprecated: send `{{replacement}}` instead.',
      deprecated: 'The event `{{name}}` is deprecated and has no replacement: stop sending it.',
      useReplacement: 'Send `{{replacement}}` instead (check its properties).',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const t = trackingCall(context, node);
        if (!t?.name) return;
        const view = registryOf(context);
        if (view.error !== undefined) return; // known-event says why
        const def = view.registry.has(t.name.value) ? view.registry.event(t.name.value)?.def : undefined;
        if (def?.status !== 'deprecated') return;
        const { literal } = t.name;
        const replacement = def.replacedBy;
        if (replacement) {
          context.report({
            node: t.nameNode ?? node,
            messageId: 'replaced',
            data: { name: def.name, replacement },
            suggest: [{ messageId: 'useReplacement', data: { replacement }, fix: (fixer) => fixer.replaceText(literal, stringIn(literal, replacement)) }],
          });
        } else {
          context.report({ node: t.nameNode ?? node, messageId: 'deprecated', data: { name: def.name } });
        }
      },
    };
  },
};
export default rule;
