import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { propertyKey, requireUsableSettings, sendListeners, sentEvents, unwrap } from '../calls.js';
import { propertiesOf, type Check, type Properties } from '../properties.js';
import { docsUrl, stringIn } from '../util.js';

const isIdentifierName = (s: string): boolean => /^[A-Za-z_$][\w$]*$/.test(s);

const rule: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require events and properties to be sent under their names in the tracking plan, not under an old name the plan keeps as an alias.',
      recommended: true,
      url: docsUrl('no-event-alias'),
    },
    fixable: 'code',
    schema: [],
    messages: {
      event: '`{{alias}}` is an old name of the event `{{name}}` (an alias in the tracking plan): send `{{name}}`.',
      property: '`{{alias}}` is an old name of the property `{{name}}` of `{{event}}` (an alias in the tracking plan): send `{{name}}`.',
    },
  },
  create(context) {
    requireUsableSettings(context);

    function checkObject(object: ESTree.ObjectExpression, properties: Properties, event: string, prefix: string, exclude?: string[]): void {
      for (const p of object.properties) {
        if (p.type !== 'Property') continue;
        const key = propertyKey(p);
        if (key === undefined || exclude?.includes(key)) continue;
        let name = key;
        if (!properties.get(key)) {
          const canonical = properties.aliasOf(key);
          if (canonical === undefined) continue; // unknown: event-properties says so
          name = canonical;
          context.report({
            node: p.key,
            messageId: 'property',
            data: { alias: prefix + key, name: prefix + name, event },
            fix: (fixer) => {
              const written = isIdentifierName(name) ? name : JSON.stringify(name);
              if (p.shorthand) return fixer.replaceText(p, `${written}: ${key}`);
              return fixer.replaceText(p.key, p.computed ? `[${JSON.stringify(name)}]` : p.key.type === 'Literal' ? stringIn(p.key, name) : written);
            },
          });
        }
        checkValue(p.value, properties.get(name)!, event, prefix + name);
      }
    }

    function checkValue(input: ESTree.Node, check: Check, event: string, name: string): void {
      const value = unwrap(input);
      if (value.type === 'ObjectExpression') {
        const nested = check.properties();
        if (nested) checkObject(value, nested, event, `${name}.`);
      } else if (value.type === 'ArrayExpression') {
        const items = check.items();
        if (items) for (const el of value.elements) if (el && el.type !== 'SpreadElement') checkValue(el, items, event, `${name}[]`);
      }
    }

    function check(node: ESTree.Node): void {
      for (const { call, name, def, registry } of sentEvents(context, node)) {
        if (name.value !== def.name) {
          const { literal } = name;
          context.report({
            node: literal ?? call.nameNode ?? node,
            messageId: 'event',
            data: { alias: name.value, name: def.name },
            // Only where the name is written in this file; a `const` imported from another module is fixed there.
            ...(literal ? { fix: (fixer: Rule.RuleFixer) => fixer.replaceText(literal, stringIn(literal, def.name)) } : {}),
          });
        }
        const props = call.propsNode && unwrap(call.propsNode);
        if (props?.type === 'ObjectExpression') checkObject(props, propertiesOf(def, registry), def.name, '', call.propsExclude);
      }
    }
    return sendListeners(context, check);
  },
};
export default rule;
