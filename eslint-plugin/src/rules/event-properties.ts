import type { Rule, SourceCode } from 'eslint';
import type * as ESTree from 'estree';
import type { PropertyDef, PropertyType, Scalar } from 'trackplan';
import { propertyKey, registryOf, staticString, trackingCall, unwrap } from '../calls.js';
import type { RegistryCache } from '../registry.js';
import { didYouMean, docsUrl, nearest, stringIn } from '../util.js';

/** A property as a call must send it: a `$ref` is replaced by the shared property it names. */
interface View {
  type?: PropertyType;
  enum?: Scalar[];
  nullable: boolean;
  items?: PropertyDef;
  properties?: PropertyDef[];
}

function viewOf(def: PropertyDef, registry: RegistryCache): View {
  if (def.ref === undefined) return def;
  const shared = registry.sharedProperty(def.ref);
  // A `$ref` to nothing: `trackplan lint` reports it; here the value cannot be checked.
  if (!shared) return { nullable: true };
  return { ...shared, nullable: def.nullable || shared.nullable };
}

type Kind = PropertyType | 'null';
interface Seen { kind: Kind; value?: Scalar }

/** What a value is, when the source says so; undefined when only running the code would tell. */
function literalOf(sourceCode: SourceCode, input: ESTree.Node): Seen | undefined {
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
      const s = node.name === 'undefined' ? undefined : staticString(sourceCode, node);
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
    const sourceCode = context.sourceCode;

    function checkObject(object: ESTree.ObjectExpression, defs: Map<string, PropertyDef>, event: string, prefix: string, registry: RegistryCache): void {
      let opaque = false;
      const sent = new Set<string>();
      for (const p of object.properties) {
        if (p.type === 'SpreadElement') { opaque = true; continue; }
        const key = propertyKey(p);
        if (key === undefined) { opaque = true; continue; } // a computed key: any name
        sent.add(key);
        const def = defs.get(key);
        if (def) { checkValue(p.value, viewOf(def, registry), event, prefix + key, registry); continue; }
        const near = nearest(key, defs.keys(), 3);
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
      for (const def of defs.values()) {
        if (def.required && !sent.has(def.name)) context.report({ node: object, messageId: 'missing', data: { event, name: prefix + def.name } });
      }
    }

    function checkValue(node: ESTree.Node, view: View, event: string, name: string, registry: RegistryCache): void {
      const seen = literalOf(sourceCode, node);
      if (!seen) return;
      const value = unwrap(node);
      const text = sourceCode.getText(value);
      const actual = text.length <= 40 && !text.includes('\n') ? text : ARTICLE[seen.kind];
      if (seen.kind === 'null') {
        if (!view.nullable && view.type) context.report({ node, messageId: 'type', data: { event, name, expected: ARTICLE[view.type], actual: 'null' } });
        return;
      }
      if (!view.type) return;
      if (seen.kind !== view.type && !(view.type === 'number' && seen.kind === 'integer')) {
        context.report({ node, messageId: 'type', data: { event, name, expected: ARTICLE[view.type], actual } });
        return;
      }
      if (view.enum && seen.value !== undefined && !view.enum.includes(seen.value)) {
        const strings = view.enum.filter((v): v is string => typeof v === 'string');
        const near = typeof seen.value === 'string' ? nearest(seen.value, strings, 3) : [];
        const literal = typeof seen.value === 'string' ? staticString(sourceCode, value)?.literal : undefined;
        context.report({
          node,
          messageId: 'enum',
          data: { event, name, actual, values: view.enum.map((v) => JSON.stringify(v)).join(', '), hint: didYouMean(near) },
          suggest: literal ? near.map((n) => {
            const written = stringIn(literal, n);
            return { messageId: 'replace', data: { value: written }, fix: (fixer: Rule.RuleFixer) => fixer.replaceText(literal, written) };
          }) : [],
        });
        return;
      }
      if (value.type === 'ArrayExpression' && view.items) {
        const items = viewOf(view.items, registry);
        for (const el of value.elements) if (el && el.type !== 'SpreadElement') checkValue(el, items, event, `${name}[]`, registry);
      } else if (value.type === 'ObjectExpression' && view.properties) {
        checkObject(value, new Map(view.properties.map((p) => [p.name, p])), event, `${name}.`, registry);
      }
    }

    return {
      CallExpression(node) {
        const t = trackingCall(context, node);
        if (!t?.name) return;
        const view = registryOf(context);
        if (view.error !== undefined) return; // known-event says why
        const registry = view.registry;
        if (!registry.has(t.name.value)) return; // known-event says so
        const entry = registry.event(t.name.value);
        if (!entry?.def) return;
        const defs = registry.propertiesOf(entry);
        const event = entry.def.name;
        if (!t.propsNode) {
          if (!t.propsVisible) return;
          const required = [...defs.values()].filter((d) => d.required).map((d) => `\`${d.name}\``);
          if (required.length) context.report({ node: t.nameNode ?? node, messageId: 'missingAll', data: { event, names: required.join(', ') } });
          return;
        }
        const props = unwrap(t.propsNode);
        if (props.type === 'ObjectExpression') checkObject(props, defs, event, '', registry);
      },
    };
  },
};
export default rule;
