import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import type { PropertyType, Scalar } from 'trackplan';
import { propertyKey, requireUsableSettings, sentEvents, staticString, unwrap } from '../calls.js';
import { scopeOf, type Scope } from '../names.js';
import { propertiesOf, type Check, type Properties } from '../properties.js';
import { didYouMean, docsUrl, nearest, stringIn } from '../util.js';

type Kind = PropertyType | 'null';
interface Seen { kind: Kind; value?: Scalar }

/** What a value is, when the source says so; undefined when only running the code would tell. */
function literalOf(scope: Scope, input: ESTree.Node): Seen | undefined {
  const node = unwrap(input);
  switch (node.type) {
    case 'Literal': {
      const v = node.value;
      if (typeof v === 'string') return { kind: 'string', value: v };
      if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'integer' : 'number', value: v };
      if (typeof v === 'boolean') return { kind: 'boolean', value: v };
      if (v === null && !('regex' in node) && !('bigint' in node)) return { kind: 'null' };
      return undefined;
    }
    case 'TemplateLiteral': {
      const s = node.expressions.length === 0 ? node.quasis[0]?.value.cooked : undefined;
      return typeof s === 'string' ? { kind: 'string', value: s } : { kind: 'string' };
    }
    case 'UnaryExpression': {
      const arg = unwrap(node.argument);
      if ((node.operator === '-' || node.operator === '+') && arg.type === 'Literal' && typeof arg.value === 'number') {
        const v = node.operator === '-' ? -arg.value : arg.value;
        return { kind: Number.isInteger(v) ? 'integer' : 'number', value: v };
      }
      if (node.operator === '!') return { kind: 'boolean' };
      return undefined;
    }
    case 'ArrayExpression': return { kind: 'array' };
    case 'ObjectExpression': return { kind: 'object' };
    case 'Identifier': {
      const s = node.name === 'undefined' ? undefined : staticString(scope, node);
      return s ? { kind: 'string', value: s.value } : undefined;
    }
    default: return undefined;
  }
}

const ARTICLE: Record<Kind, string> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', array: 'an array', object: 'an object', null: 'null' };
const isIdentifierName = (s: string): boolean => /^[A-Za-z_$][\w$]*$/.test(s);

const rule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the properties of a tracking call to match the event\'s definition: known names, required ones present, values of the right type and within the enum.',
      recommended: true,
      url: docsUrl('event-properties'),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      unknown: 'The event `{{event}}` has no property `{{name}}`.{{hint}}',
      missing: 'The event `{{event}}` requires the property `{{name}}`.',
      missingAll: 'The event `{{event}}` requires {{names}}, and this call sends no properties.',
      type: '`{{name}}` of `{{event}}` must be {{expected}}, not {{actual}}.',
      enum: '{{actual}} is not a value of `{{name}}` of `{{event}}` ({{values}}).{{hint}}',
      rename: 'Rename to `{{name}}`.',
      replace: 'Use {{value}}.',
    },
  },
  create(context) {
    requireUsableSettings(context);
    const sourceCode = context.sourceCode;
    const scope = scopeOf(context);

    function checkObject(object: ESTree.ObjectExpression, properties: Properties, event: string, prefix: string, exclude?: string[]): void {
      let opaque = false;
      const sent: string[] = [];
      for (const p of object.properties) {
        if (p.type === 'SpreadElement') { opaque = true; continue; }
        const key = propertyKey(p);
        if (key === undefined) { opaque = true; continue; } // a computed key: any name
        if (exclude?.includes(key)) continue;
        // A key sent under an old name of the property is that property (no-event-alias says so).
        const name = properties.get(key) ? key : properties.aliasOf(key) ?? key;
        sent.push(name);
        const check = properties.get(name);
        if (check) { checkValue(p.value, check, event, prefix + name); continue; }
        const near = nearest(key, properties.names(), 3);
        context.report({
          node: p.key,
          messageId: 'unknown',
          data: { event, name: prefix + key, hint: didYouMean(near) },
          suggest: near.map((n) => ({
            messageId: 'rename',
            data: { name: n },
            fix: (fixer: Rule.RuleFixer) => {
              const written = isIdentifierName(n) ? n : JSON.stringify(n);
              return p.shorthand ? fixer.replaceText(p, `${written}: ${key}`) : fixer.replaceText(p.key, p.computed ? `[${JSON.stringify(n)}]` : written);
            },
          })),
        });
      }
      if (opaque) return; // a spread or a computed key may send what looks missing
      for (const name of properties.required) {
        if (!sent.includes(name)) context.report({ node: object, messageId: 'missing', data: { event, name: prefix + name } });
      }
    }

    function checkValue(node: ESTree.Node, check: Check, event: string, name: string): void {
      const seen = literalOf(scope, node);
      if (!seen) return;
      const value = unwrap(node);
      // The value as written, for messages only.
      const actual = (): string => {
        const text = sourceCode.getText(value);
        return text.length <= 40 && !text.includes('\n') ? text : ARTICLE[seen.kind];
      };
      if (seen.kind === 'null') {
        if (!check.nullable && check.type) context.report({ node, messageId: 'type', data: { event, name, expected: ARTICLE[check.type], actual: 'null' } });
        return;
      }
      if (!check.type) return;
      if (seen.kind !== check.type && !(check.type === 'number' && seen.kind === 'integer')) {
        context.report({ node, messageId: 'type', data: { event, name, expected: ARTICLE[check.type], actual: actual() } });
        return;
      }
      if (check.enum && seen.value !== undefined && !check.enum.includes(seen.value)) {
        const strings = check.enum.filter((v): v is string => typeof v === 'string');
        const near = typeof seen.value === 'string' ? nearest(seen.value, strings, 3) : [];
        const literal = typeof seen.value === 'string' ? staticString(scope, value)?.literal : undefined;
        context.report({
          node,
          messageId: 'enum',
          data: { event, name, actual: actual(), values: check.enum.map((v) => JSON.stringify(v)).join(', '), hint: didYouMean(near) },
          suggest: literal ? near.map((n) => {
            const written = stringIn(literal, n);
            return { messageId: 'replace', data: { value: written }, fix: (fixer: Rule.RuleFixer) => fixer.replaceText(literal, written) };
          }) : [],
        });
        return;
      }
      if (value.type === 'ArrayExpression') {
        const items = check.items();
        if (items) for (const el of value.elements) if (el && el.type !== 'SpreadElement') checkValue(el, items, event, `${name}[]`);
      } else if (value.type === 'ObjectExpression') {
        const properties = check.properties();
        if (properties) checkObject(value, properties, event, `${name}.`);
      }
    }

    function check(node: ESTree.Node): void {
      for (const { call: t, def, registry } of sentEvents(context, node)) {
        const properties = propertiesOf(def, registry);
        const event = def.name;
        if (!t.propsNode) {
          if (!t.propsVisible) continue;
          const required = properties.required.map((n) => `\`${n}\``);
          if (required.length) context.report({ node: t.nameNode ?? node, messageId: 'missingAll', data: { event, names: required.join(', ') } });
          continue;
        }
        const props = unwrap(t.propsNode);
        if (props.type === 'ObjectExpression') checkObject(props, properties, event, '', t.propsExclude);
      }
    }
    return { CallExpression: check }; // an attribute that names an event sends no properties
  },
};
export default rule;
