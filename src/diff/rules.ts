// The change rules of `trackplan diff`: one stable id per kind of change, and whom it breaks.
// "Senders" are the code that produces events (written against the base plan, it must still
// produce valid events); "readers" are the queries and consumers of the data (written against the
// base plan, they must still work on new data). The generated validators are closed
// (`additionalProperties: false`), so an event or property that disappears breaks both: old code
// still sends it, and old queries still read it.

export type Breaks = 'senders' | 'readers' | 'both' | 'none';

export interface ChangeRule {
  breaks: Breaks;
  /** A short label, as the markdown summary shows it. */
  label: string;
  description: string;
}

export const CHANGE_RULES = {
  'event-added': { breaks: 'none', label: 'event added', description: 'A new event.' },
  'event-removed': { breaks: 'both', label: 'event removed', description: 'An event is gone: code still sends it, queries still read it. Passes when the base already marked it `deprecated`.' },
  'event-renamed': { breaks: 'both', label: 'event renamed', description: 'An event has a new name (a renamed file, or the same properties under another name): queries on the old name find nothing new, and code still sends the old name.' },
  'event-renamed-aliased': { breaks: 'senders', label: 'renamed, old name kept', description: 'An event has a new name and keeps the old one in `aliases`: data sent under the old name is still this event (`validate` accepts it, the schemas and the catalog know it), so readers lose nothing; code written against the base still sends the old name, which the generated types and tracker no longer offer.' },
  'property-added-required': { breaks: 'senders', label: 'added, required', description: 'A new required property: code written against the base does not send it.' },
  'property-added-optional': { breaks: 'none', label: 'added, optional', description: 'A new optional property.' },
  'property-made-required': { breaks: 'senders', label: 'made required', description: 'An optional property became required.' },
  'property-made-optional': { breaks: 'none', label: 'made optional', description: 'A required property became optional.' },
  'property-removed': { breaks: 'both', label: 'removed', description: 'A property is gone: queries on it find nothing new, and the closed validator refuses events that still carry it.' },
  'property-type-changed': { breaks: 'both', label: 'type changed', description: 'A property has another type.' },
  'enum-value-removed': { breaks: 'senders', label: 'enum value removed', description: 'A value left an `enum`: code may still send it.' },
  'enum-value-added': { breaks: 'none', label: 'enum value added', description: 'A value joined an `enum`.' },
  'constraint-tightened': { breaks: 'senders', label: 'constraint tightened', description: 'Fewer values are valid: `maxLength`, `maximum` or `maxItems` lowered or added; `minLength`, `minimum` or `minItems` raised or added; `pattern` or `format` added or changed; an `enum` added; `nullable` removed; a fixed structure given to a free-form object or array.' },
  'constraint-loosened': { breaks: 'none', label: 'constraint loosened', description: 'More values are valid: the opposite of `constraint-tightened`.' },
  'docs-changed': { breaks: 'none', label: 'description changed', description: 'A description changed.' },
  'owner-changed': { breaks: 'none', label: 'owner changed', description: 'The owning team changed.' },
  'status-changed': { breaks: 'none', label: 'status changed', description: 'The status (`proposed`, `active`, `deprecated`) or `replaced_by` changed.' },
  'version-raised': { breaks: 'none', label: 'version raised', description: 'The event\'s `version` went up: a new schema `$id`, so the event\'s breaking changes pass.' },
  'version-lowered': { breaks: 'both', label: 'version lowered', description: 'The event\'s `version` went down: a schema `$id` already used by other data now means another definition.' },
} as const satisfies Record<string, ChangeRule>;

export type ChangeRuleId = keyof typeof CHANGE_RULES;
export const CHANGE_RULE_IDS = Object.keys(CHANGE_RULES) as ChangeRuleId[];

/** The compatibility modes, named after Confluent Schema Registry's. */
export const COMPATIBILITY_MODES = ['backward', 'forward', 'full', 'none'] as const;
export type Compatibility = (typeof COMPATIBILITY_MODES)[number];

/** Whom each mode protects. Additions break no one, so they pass in every mode. */
export function forbids(mode: Compatibility, breaks: Breaks): boolean {
  switch (mode) {
    case 'backward': return breaks === 'senders' || breaks === 'both';
    case 'forward': return breaks === 'readers' || breaks === 'both';
    case 'full': return breaks !== 'none';
    case 'none': return false;
  }
}
