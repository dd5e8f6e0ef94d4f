// The English knowledge behind the naming rules: pure functions over snake_case names.
export interface NameProblem { message: string; suggestion?: string; severity: 'error' | 'warning' }

export { eventNameVerbProblem, eventNameStateProblem, eventNameDerivedProblem, suggestEventName } from './event-name.js';
export { propertyDerivedProblem } from './property-name.js';

/** "Project Created", "ProjectCreated", "project-created" -> "project_created". */
export function toSnakeCase(input: string): string {
  return input
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[0-9_]+/, '');
}
