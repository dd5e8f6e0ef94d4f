import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { registryOf, requireUsableSettings, sendListeners, trackingCall } from '../calls.js';
import { didYouMean, docsUrl, nearest, stringIn } from '../util.js';

const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every tracked event to be defined in the tracking plan.',
      recommended: true,
      url: docsUrl('known-event'),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      unknown: 'Unknown event `{{name}}`: the tracking plan does not define it.{{hint}}',
      broken: 'The event `{{name}}` cannot be checked: {{problem}}. Run `trackplan lint`.',
      registry: 'The tracking plan cannot be loaded: {{message}}',
      useName: 'Send `{{name}}` instead.',
    },
  },
  create(context) {
    requireUsableSettings(context);
    let registryReported = false;
    function check(node: ESTree.Node): void {
      const t = trackingCall(context, node);
      if (!t?.names) return;
      const view = registryOf(context);
      if (view.error !== undefined) {
        // Once per file: every call would say the same.
        if (!registryReported) context.report({ node: t.nameNode ?? node, messageId: 'registry', data: { message: view.error } });
        registryReported = true;
        return;
      }
      const registry = view.registry;
      for (const { value: name, literal } of t.names) {
        if (registry.has(name)) {
          const entry = registry.event(name);
          if (entry && !entry.def) context.report({ node: t.nameNode ?? node, messageId: 'broken', data: { name, problem: entry.problem ?? 'its definition cannot be read' } });
          continue;
        }
        if (registry.aliasOf(name) !== undefined) continue; // an old name of an event: no-event-alias says which
        const near = nearest(name, registry.names(), 3);
        context.report({
          node: literal ?? t.nameNode ?? node,
          messageId: 'unknown',
          data: { name, hint: didYouMean(near) },
          suggest: literal ? near.map((n) => ({ messageId: 'useName', data: { name: n }, fix: (fixer: Rule.RuleFixer) => fixer.replaceText(literal, stringIn(literal, n)) })) : [],
        });
      }
    }
    return sendListeners(context, check);
  },
};
export default rule;
