import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { requireUsableSettings, sendListeners, sentEvents } from '../calls.js';
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
    requireUsableSettings(context);
    function check(node: ESTree.Node): void {
      for (const { call: t, name, def } of sentEvents(context, node)) {
        if (def.status !== 'deprecated') continue;
        const { literal } = name;
        const replacement = def.replacedBy;
        if (replacement) {
          context.report({
            node: literal ?? t.nameNode ?? node,
            messageId: 'replaced',
            data: { name: def.name, replacement },
            suggest: literal ? [{ messageId: 'useReplacement', data: { replacement }, fix: (fixer) => fixer.replaceText(literal, stringIn(literal, replacement)) }] : [],
          });
        } else {
          context.report({ node: literal ?? t.nameNode ?? node, messageId: 'deprecated', data: { name: def.name } });
        }
      }
    }
    return sendListeners(context, check);
  },
};
export default rule;
