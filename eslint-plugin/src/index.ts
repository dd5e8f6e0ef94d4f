// eslint-plugin-trackplan: tracking calls in application code checked against the tracking plan.
//
//   import trackplan from 'eslint-plugin-trackplan';
//   export default [trackplan.configs.recommended];
import type { ESLint, Linter, Rule } from 'eslint';
import knownEvent from './rules/known-event.js';
import eventProperties from './rules/event-properties.js';
import noDynamicEventName from './rules/no-dynamic-event-name.js';
import noDeprecatedEvent from './rules/no-deprecated-event.js';
import noEventAlias from './rules/no-event-alias.js';

export { DEFAULT_CALLEES, type CalleeSetting, type TrackplanSettings } from './settings.js';
export { sendsRule, type Send } from './sends.js';

export const rules: Record<string, Rule.RuleModule> = {
  'known-event': knownEvent,
  'event-properties': eventProperties,
  'no-dynamic-event-name': noDynamicEventName,
  'no-deprecated-event': noDeprecatedEvent,
  'no-event-alias': noEventAlias,
};

const recommendedRules: Linter.RulesRecord = {
  'trackplan/known-event': 'error',
  'trackplan/event-properties': 'error',
  'trackplan/no-dynamic-event-name': 'warn',
  'trackplan/no-deprecated-event': 'warn',
  'trackplan/no-event-alias': 'warn',
};

interface Plugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, Rule.RuleModule>;
  configs: { recommended: Linter.Config };
}

const plugin: Plugin = {
  meta: { name: 'eslint-plugin-trackplan', version: '0.1.0', namespace: 'trackplan' },
  rules,
  configs: {} as { recommended: Linter.Config },
};
plugin.configs.recommended = { name: 'trackplan/recommended', plugins: { trackplan: plugin }, rules: recommendedRules };

export default plugin;
