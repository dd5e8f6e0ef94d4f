// The rule catalog. Order is the order of the README and of `trackplan lint --help`.
import type { Rule } from './rule.js';
import { rule as yamlSyntax } from './yaml-syntax.js';
import { rule as schema } from './schema.js';
import { rule as fileName } from './file-name.js';
import { rule as duplicateEvent } from './duplicate-event.js';
import { rule as propertyTypeConsistency } from './property-type-consistency.js';
import { rule as eventNameCase } from './event-name-case.js';
import { rule as eventNameVerb } from './event-name-verb.js';
import { rule as eventNameState } from './event-name-state.js';
import { rule as eventNameDerived } from './event-name-derived.js';
import { rule as propertyNameCase } from './property-name-case.js';
import { rule as propertyReserved } from './property-reserved.js';
import { rule as propertyDerived } from './property-derived.js';
import { rule as descriptionRequired } from './description-required.js';
import { rule as ownerRequired } from './owner-required.js';

export const RULES: readonly Rule[] = [
  yamlSyntax, schema, fileName, duplicateEvent, propertyTypeConsistency,
  eventNameCase, eventNameVerb, eventNameState, eventNameDerived,
  propertyNameCase, propertyReserved, propertyDerived,
  descriptionRequired, ownerRequired,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);
export type { Rule } from './rule.js';
