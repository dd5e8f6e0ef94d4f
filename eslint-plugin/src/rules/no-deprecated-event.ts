import type { Rule } from 'eslint';
import { sentEvent } from '../calls.js';
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
        const sent = sentEvent(context, node);
        if (sent?.def.status !== 'deprecated') return;
        const { call: t, def } = sent;
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
