import { afterAll, describe, expect, it } from 'vitest';
import { loadFile } from '../src/load/file.js';
import { cleanup, event, lintFiles } from './helpers.js';

afterAll(cleanup);
const load = (text: string | Uint8Array, kind: 'event' | 'property' = 'event') =>
  loadFile('/r/events/x.yaml', kind, typeof text === 'string' ? Buffer.from(text) : text);

describe('loading an event file', () => {
  it('builds the model with positions of every node', () => {
    const f = load('name: project_created\ndescription: A user created a project.\nowner: team\nversion: 3\nstatus: deprecated\nreplaced_by: project_made\nproperties:\n  project_id:\n    type: string\n    format: uuid\n    required: true\n    description: Id.\n  plan_type: { $ref: plan_type, required: true }\n  meta:\n    type: object\n    description: Meta.\n    properties:\n      tags:\n        type: array\n        description: Tags.\n        items: { type: string, maxLength: 5 }\n');
    expect(f.problems).toEqual([]);
    const e = f.event!;
    expect(e).toMatchObject({ name: 'project_created', owner: 'team', version: 3, status: 'deprecated', replacedBy: 'project_made', loc: { line: 1, column: 7 } });
    expect(e.properties.map((p) => p.name)).toEqual(['project_id', 'plan_type', 'meta']);
    expect(e.properties[0]).toMatchObject({ type: 'string', format: 'uuid', required: true, loc: { line: 8, column: 3 }, keys: { format: { line: 10, column: 13 } } });
    expect(e.properties[1]).toMatchObject({ ref: 'plan_type', required: true });
    expect(e.properties[2]!.properties![0]!.items).toMatchObject({ type: 'string', maxLength: 5 });
  });

  it('defaults status to active and version to 1', () => {
    expect(load(event('a_created')).event).toMatchObject({ status: 'active', version: 1, properties: [] });
  });

  const schemaErrors = (text: string) => load(text).problems.map((p) => `${p.ruleId} ${p.loc.line}:${p.loc.column} ${p.message}${p.suggestion ? ` | ${p.suggestion}` : ''}`);

  it('reports an unknown key with a did-you-mean at the key', () => {
    expect(schemaErrors('name: a_created\ndescriptoin: x\n')).toEqual([
      'schema 2:1 Unknown key `descriptoin` in an event. Did you mean `description`? | Rename `descriptoin` to `description`.',
    ]);
    expect(schemaErrors(event('a_created', '  p:\n    type: string\n    descripton: x\n'))[0]).toMatch(/^schema 7:5 Unknown key `descripton` in a property. Did you mean `description`\?/);
  });

  it('reports wrong value types, unknown types, and missing fields', () => {
    expect(schemaErrors(event('a_created', '  p:\n    type: strng\n    description: d\n'))[0]).toContain('Unknown type "strng" for property `p`: use one of string, integer, number, boolean, array, object. | Use `type: string`.');
    expect(schemaErrors(event('a_created', '  p:\n    description: d\n'))[0]).toContain('property `p` has no `type`.');
    expect(schemaErrors(event('a_created', '  p:\n    type: string\n    required: yes\n    description: d\n'))[0]).toContain('`required` must be true or false, not the text "yes".');
    expect(schemaErrors('description: x\nowner: y\n')[0]).toContain('The event has no `name`.');
    expect(schemaErrors(event('a_created', '', 'version: 0\n'))[0]).toContain('`version` must be a whole number from 1 (the first revision), not number 0.');
    expect(schemaErrors(event('a_created', '', 'status: retired\n'))[0]).toContain('`status` must be one of proposed, active, deprecated');
  });

  it('reports contradictions as igluctl does', () => {
    const errs = schemaErrors(event('a_created', '  p:\n    type: string\n    minLength: 10\n    maxLength: 3\n    minimum: 2\n    format: uuidd\n    pattern: "([a-z"\n    description: d\n'));
    expect(errs.join('\n')).toContain('`minLength: 10` above `maxLength: 3`');
    expect(errs.join('\n')).toContain('`minimum` does not apply to a property of type string.');
    expect(errs.join('\n')).toContain('Unknown format "uuidd". | Did you mean `uuid`?');
    expect(errs.join('\n')).toContain('`pattern` is not a valid regular expression');
    expect(schemaErrors(event('a_created', '  p:\n    type: integer\n    enum: [1, "two"]\n    description: d\n')).join()).toContain('holds "two", which is not a integer');
    expect(schemaErrors(event('a_created', '  p:\n    type: number\n    enum: [1, .inf, -.inf, .nan]\n    description: d\n'))).toEqual(
      ['Infinity', '-Infinity', 'NaN'].map((v) => expect.stringContaining(`\`enum\` values must be finite numbers, not ${v}`)));
  });

  it('allows only required, description and nullable beside $ref', () => {
    expect(schemaErrors(event('a_created', '  p: { $ref: q, type: string }\n'))[0]).toContain('`type` cannot be set beside `$ref`');
  });

  it('finds a repeated enum value in a 100,000-value enum in linear time (issue 14)', () => {
    // Quadratic, this took 42 s; the bound is far above the linear time (~0.3 s) on a slow machine.
    const values = Array.from({ length: 100_000 }, (_, i) => `v${i}`).join(',');
    const start = performance.now();
    const problems = load(`name: a_created\ndescription: A user did.\nowner: t\nproperties:\n  kind:\n    type: string\n    description: Kind.\n    enum: [${values},v7]\n`).problems;
    expect(problems.map((p) => p.message)).toEqual(['The value "v7" appears twice in `enum`.']);
    expect(performance.now() - start).toBeLessThan(8000);
  });

  it('reads a shared property file', () => {
    const f = load('name: plan_type\ntype: string\nenum: [free, pro]\ndescription: Plan.\n', 'property');
    expect(f.problems).toEqual([]);
    expect(f.property).toMatchObject({ name: 'plan_type', type: 'string', enum: ['free', 'pro'] });
  });
});

describe('rules over loaded registries', () => {
  it('reports a broken $ref with a did-you-mean', async () => {
    const r = await lintFiles({
      'properties/plan_type.yaml': 'name: plan_type\ntype: string\ndescription: Plan.\n',
      'events/a_created.yaml': event('a_created', '  plan_type: { $ref: plan_typ }\n'),
    });
    expect(r.diagnostics).toMatchObject([{ ruleId: 'schema', line: 5, column: 22, severity: 'error', suggestion: 'Did you mean `plan_type`?' }]);
  });

  it('accepts a free-form object or an array without items, with a warning', async () => {
    const r = await lintFiles({ 'events/a_created.yaml': event('a_created', '  meta:\n    type: object\n    description: d\n  list:\n    type: array\n    description: d\n') });
    expect(r.errorCount).toBe(0);
    expect(r.diagnostics.map((d) => `${d.ruleId} ${d.severity} ${d.line}:${d.column}`)).toEqual(['schema warning 6:11', 'schema warning 9:11']);
  });

  it('supports object nesting at least 5 levels deep', async () => {
    let props = '';
    for (let depth = 0; depth < 6; depth++) {
      const pad = '  '.repeat(1 + depth * 2);
      props += `${pad}level_${depth}:\n${pad}  type: object\n${pad}  description: d\n${pad}  properties:\n`;
    }
    props += `${'  '.repeat(13)}leaf:\n${'  '.repeat(14)}type: string\n${'  '.repeat(14)}description: d\n`;
    const r = await lintFiles({ 'events/a_created.yaml': event('a_created', props) });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('replaced_by', () => {
  it('must name an event of the registry', async () => {
    const r = await lintFiles({
      'events/report_downloaded.yaml': event('report_downloaded', '', 'status: deprecated\nreplaced_by: report_exportd\n'),
      'events/report_exported.yaml': event('report_exported'),
    });
    expect(r.diagnostics).toMatchObject([{ ruleId: 'schema', line: 5, column: 14, suggestion: 'Did you mean `report_exported`?' }]);
  });
});
