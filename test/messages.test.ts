// Messages a new user met that did not help (issue 13): each says what is wrong, and its fix is
// one that the other rules accept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile } from '../src/load/file.js';
import { BIN, cleanup, cli, event, lintFiles, project, registryProject } from './helpers.js';

afterAll(cleanup);

const problems = (text: string): string[] =>
  loadFile('/r/events/a_created.yaml', 'event', Buffer.from(text)).problems.map((p) => `${p.ruleId} ${p.loc.line}:${p.loc.column} ${p.message}${p.suggestion ? ` | ${p.suggestion}` : ''}`);

describe('the loader', () => {
  it('one message for every version that is not a whole number from 1', () => {
    for (const [v, said] of [['-1', 'number -1'], ['0', 'number 0'], ['1.5', 'number 1.5'], ['two', 'the text "two"']]) {
      expect(problems(event('a_created', '', `version: ${v}\n`))).toEqual([
        `schema 4:10 \`version\` must be a whole number from 1 (the first revision), not ${said}. | Use \`version: 1\` for a new event; raise it by one for each breaking change.`,
      ]);
    }
    expect(problems(event('a_created', '', 'version: 2\n'))).toEqual([]);
  });

  it('type names of other languages get the JSON Schema type they mean', () => {
    const types = { int: 'integer', bool: 'boolean', float: 'number', str: 'string', double: 'number', Long: 'integer', constructor: undefined };
    for (const [given, meant] of Object.entries(types)) {
      const [p] = problems(event('a_created', `  p:\n    type: ${given}\n    description: d\n`));
      expect(p).toContain(`Unknown type "${given}" for property \`p\``);
      if (meant) expect(p).toMatch(new RegExp(`\\| Use \`type: ${meant}\`\\.$`));
      else expect(p).not.toContain('|');
    }
  });

  it('a duplicate key is named, plain or quoted, in block and flow mappings', () => {
    expect(problems('name: a_created\ndescription: x\nowner: t\ndescription: y\n')).toEqual(['yaml-syntax 4:1 The key `description` appears twice in the same mapping; YAML keys must be unique.']);
    expect(problems('name: a_created\n"owner": t\nowner: u\n')[0]).toContain('The key `owner` appears twice');
    expect(problems('name: a_created\nproperties: { p: {type: string}, p: {type: string} }\n')[0]).toContain('The key `p` appears twice');
  });
});

describe('file-name', () => {
  const fileName = async (files: Record<string, string>) => (await lintFiles(files)).diagnostics.filter((d) => d.ruleId === 'file-name').map((d) => d.suggestion);

  it('suggests only names that event-name-case accepts', async () => {
    expect(await fileName({ 'events/project_created.yaml': event('ProjectCreated') })).toEqual(['Set `name: project_created`.']);
    expect(await fileName({ 'events/ProjectCreated.yaml': event('project_created') })).toEqual(['Rename the file to project_created.yaml.']);
    expect(await fileName({ 'events/Project-Created.yaml': event('ProjectCreated') })).toEqual(['Set `name: project_created` and rename the file to project_created.yaml.']);
    expect(await fileName({ 'events/new_project.yaml': event('project_created') })).toEqual(['Rename the file to project_created.yaml, or set `name: new_project`.']);
  });

  it('warns about files in events/ and properties/ that are not read, naming them', () => {
    const dir = registryProject({
      'events/a_created.yaml': event('a_created'),
      'events/b_created.json': '{"name": "b_created"}',
      'events/billing/c_created.yaml.bak': event('c_created'),
      'events/d_created.yml': event('d_created'), // .yml is read
      'events/.gitkeep': '', 'events/README.md': 'notes',
      'properties/plan.JSON': '{}',
    });
    const r = cli(['lint', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { file: string; line: number; column: number; severity: string; message: string }) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      'registry/events/b_created.json:1:1 warning `b_created.json` is not read: only .yaml and .yml files are definitions.',
      'registry/events/billing/c_created.yaml.bak:1:1 warning `c_created.yaml.bak` is not read: only .yaml and .yml files are definitions.',
      'registry/properties/plan.JSON:1:1 warning `plan.JSON` is not read: only .yaml and .yml files are definitions.',
    ]);
    const build = cli(['build'], dir);
    expect(build.stdout).toMatch(/^Built 2 events into generated\/ .*; 3 lint warnings, see `trackplan lint`\.\n$/);
  });
});

describe('duplicate-event across subfolders', () => {
  it('names both places, with line and column', () => {
    const dir = registryProject({ 'events/invoice_paid.yaml': event('invoice_paid'), 'events/billing/invoice_paid.yaml': event('invoice_paid'), 'events/legacy/InvoicePaid.yaml': event('InvoicePaid') });
    const r = cli(['lint', '--format', 'json'], dir);
    const dups = JSON.parse(r.stdout).diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'duplicate-event');
    expect(dups.map((d: { file: string; line: number; column: number; message: string }) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'registry/events/invoice_paid.yaml:1:7 The event `invoice_paid` is already defined in registry/events/billing/invoice_paid.yaml:1:7.',
      'registry/events/legacy/InvoicePaid.yaml:1:7 The event `InvoicePaid` is the same as `invoice_paid` (registry/events/billing/invoice_paid.yaml:1:7): names that differ only in case or separators are one event.',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('the config', () => {
  it('every problem at once, each with its line and column, exit 2', () => {
    const dir = project({
      'trackplan.config.yaml': 'registy: defs\nrules:\n  event-name-verbb: off\n  owner-required: maybe\n  schema: warn\nallow:\n  property-derived:\n    - name: x\n    - name: y\n      reason: ok\ncompatibility: fulll\n',
      'registry/events/a_created.yaml': event('a_created'),
    });
    const r = cli(['lint'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe([
      'trackplan: trackplan.config.yaml:1:1: Unknown key `registy` in the config. Did you mean `registry`?',
      'trackplan: trackplan.config.yaml:3:3: Unknown rule `event-name-verbb`. Did you mean `event-name-verb`?',
      'trackplan: trackplan.config.yaml:4:19: Rule `owner-required` must be set to off, warn or error, not "maybe".',
      'trackplan: trackplan.config.yaml:8:7: The exception for `x` in `allow.property-derived` needs a `reason`: say why the rule does not apply.',
      'trackplan: trackplan.config.yaml:11:16: `compatibility` must be one of backward, forward, full, none, not "fulll". Did you mean `full`?',
      '',
    ].join('\n'));
  });
});

// A terminal, as `script` gives one (util-linux); CI and pipes see no summary.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('a clean lint and an empty registry', () => {
  it.runIf(hasScript)('a clean lint on a terminal says how much it checked', () => {
    const dir = registryProject({ 'events/a_created.yaml': event('a_created'), 'events/b_created.yaml': event('b_created'), 'properties/plan_type.yaml': 'name: plan_type\ntype: string\ndescription: d\n' });
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" lint`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\r/g, '')).toBe('2 events, 1 shared property: no problems\n');
    expect(cli(['lint'], dir)).toMatchObject({ code: 0, stdout: '', stderr: '' }); // not a terminal: quiet
    expect(cli(['lint', '--format', 'json'], dir).stdout).not.toContain('no problems');
  });

  it('an empty registry builds with a warning that says what to do', () => {
    const dir = project({ 'registry/events/.gitkeep': '' });
    const warning = 'trackplan: warning: registry/events/ holds no event definitions (.yaml files). Add one with `trackplan new <event_name>`, or check `registry` in the config.\n';
    expect(cli(['build'], dir)).toMatchObject({ code: 0, stderr: warning });
    expect(cli(['lint'], dir)).toMatchObject({ code: 0, stderr: warning });
    expect(fs.existsSync(path.join(dir, 'generated'))).toBe(true);
  });
});
