// The CLI as a user runs it: a process, its output and its exit code.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, event, project, registryProject, ROOT } from './helpers.js';

afterAll(cleanup);

const badName = () => registryProject({
  'events/create_project.yaml': event('create_project'),
  'events/page_viewed.yaml': event('page_viewed', '  item_count:\n    type: integer\n    description: Items on the page.\n'),
});

describe('trackplan lint', () => {
  it('passes on the bundled registry with no finding at all', () => {
    const r = cli(['lint', '--no-cache'], ROOT);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 1 with located, explained findings (stylish)', () => {
    const r = cli(['lint'], badName());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('registry/events/create_project.yaml');
    expect(r.stdout).toMatch(/1:7 +error +.*event-name-verb/);
    expect(r.stdout).toContain('project_created');
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
  });

  it('json: the documented shape, paths relative to the working directory', () => {
    const dir = badName();
    const r = cli(['lint', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['diagnostics', 'errorCount', 'warningCount']);
    const d = out.diagnostics.find((x: { ruleId: string }) => x.ruleId === 'event-name-verb');
    expect(d).toMatchObject({ file: 'registry/events/create_project.yaml', line: 1, column: 7, severity: 'error' });
    expect(typeof d.message).toBe('string');
    // From a subfolder the project is found upward; paths stay relative to the working directory.
    const sub = cli(['lint', '--format', 'json'], path.join(dir, 'registry'));
    expect(sub.code).toBe(1);
    expect(JSON.parse(sub.stdout).diagnostics.find((x: { ruleId: string }) => x.ruleId === 'event-name-verb').file).toBe('events/create_project.yaml');
  });

  it('github: workflow annotations', () => {
    const r = cli(['lint', '--format', 'github'], badName());
    expect(r.stdout).toMatch(/^::error file=registry\/events\/create_project.yaml,line=1,col=7,title=trackplan event-name-verb::/m);
  });

  it('sarif: SARIF 2.1.0 with rules and results', () => {
    const out = JSON.parse(cli(['lint', '--format', 'sarif'], badName()).stdout);
    expect(out.version).toBe('2.1.0');
    const run = out.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('event-name-verb');
    expect(run.results[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'registry/events/create_project.yaml' }, region: { startLine: 1, startColumn: 7 } });
  });

  it('--max-warnings turns too many warnings into exit 1', () => {
    const dir = registryProject({ 'events/a_created.yaml': event('a_created', '  meta:\n    type: object\n    description: d\n') });
    expect(cli(['lint'], dir).code).toBe(0);
    expect(cli(['lint', '--max-warnings', '1'], dir).code).toBe(0);
    expect(cli(['lint', '--max-warnings', '0'], dir).code).toBe(1);
    expect(cli(['lint', '--max-warnings', 'many'], dir).code).toBe(2);
  });

  it('exits 2 on usage and configuration errors, with a clear message', () => {
    const empty = project({ 'README.md': 'x' });
    let r = cli(['lint'], empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trackplan: No trackplan project found: there is no trackplan.config.yaml, nor a registry\/ folder with events\/, in .*\.\n$/);
    expect(cli(['lint', '--fromat', 'json'], empty)).toMatchObject({ code: 2 });
    expect(cli(['lint', '--format', 'xml'], empty)).toMatchObject({ code: 2 });
    expect(cli(['lnit'], empty).stderr).toContain('lint');
    // Commander's own errors read like ours: prefixed, and saying where the usage is.
    expect(cli(['new'], empty)).toMatchObject({ code: 2, stderr: "trackplan: missing required argument 'event_name'\n(run with --help for usage)\n" });
    expect(cli(['lint', '--bogus'], empty).stderr).toMatch(/^trackplan: unknown option '--bogus'\n/);
    r = cli(['lint', '--config', 'missing.yaml'], empty);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read the config file missing.yaml') });
    const bad = project({ 'trackplan.config.yaml': 'rules:\n  event-name-verbb: off\n', 'registry/events/.keep': '' });
    r = cli(['lint'], bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('trackplan: trackplan.config.yaml:2:3: Unknown rule `event-name-verbb`. Did you mean `event-name-verb`?\n');
    const noReason = project({ 'trackplan.config.yaml': 'allow:\n  property-derived:\n    - name: item_count\n', 'registry/events/.keep': '' });
    expect(cli(['lint'], noReason).stderr).toContain('needs a `reason`');
  });

  it('the config sets folders, severities and reasoned exceptions', () => {
    const dir = project({
      'conf/trackplan.config.yaml': 'registry: ../plan\nrules:\n  event-name-verb: warn\nallow:\n  property-derived:\n    - name: session_count\n      reason: Sent by the legacy SDK; removed in Q3.\n',
      'plan/events/create_project.yaml': event('create_project', '  session_count:\n    type: integer\n    description: d\n'),
    });
    const r = cli(['lint', '--config', 'conf/trackplan.config.yaml', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    expect(out.diagnostics.map((d: { ruleId: string; severity: string }) => `${d.ruleId} ${d.severity}`)).toEqual(['event-name-verb warning']);
    expect(out.diagnostics[0].file).toBe('plan/events/create_project.yaml');
    expect(r.code).toBe(0);
  });
});

describe('the lint cache', () => {
  it('reuses unchanged files, and a stale cache never hides a finding', () => {
    const dir = registryProject({ 'events/a_created.yaml': event('a_created'), 'events/b_created.yaml': event('b_created') });
    expect(cli(['lint'], dir).code).toBe(0);
    const cacheFile = path.join(dir, '.trackplan-cache');
    expect(fs.existsSync(cacheFile)).toBe(true);
    fs.writeFileSync(path.join(dir, 'registry/events/b_created.yaml'), event('b_creatd'));
    const r = cli(['lint', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain('file-name');
    // Verdicts recorded for other bytes, or by another version of trackplan, are not used.
    // The file: a header line with the fingerprint, then a `[section, key, entry]` line per file.
    const [header, ...lines] = fs.readFileSync(cacheFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    const forge = (change: (entry: { hash: string }) => void, fingerprint = header.fingerprint) => {
      const files = structuredClone(lines) as Array<[string, string, { hash: string; problems: unknown[] }]>;
      for (const [, , entry] of files) { entry.problems = []; change(entry); }
      fs.writeFileSync(cacheFile, [{ ...header, fingerprint }, ...files].map((l) => `${JSON.stringify(l)}\n`).join(''));
    };
    // The forged file is read: a verdict for these very bytes is believed (so the forgeries below test something).
    forge(() => {});
    expect(cli(['lint'], dir).code).toBe(0);
    forge((e) => { e.hash = 'other-bytes'; });
    expect(cli(['lint'], dir).code).toBe(1);
    forge(() => {}, 'an-older-trackplan');
    expect(cli(['lint'], dir).code).toBe(1);
    fs.writeFileSync(cacheFile, '{ not json');
    expect(cli(['lint'], dir).code).toBe(1);
  });

  it('--no-cache neither reads nor writes it', () => {
    const dir = registryProject({ 'events/a_created.yaml': event('a_created') });
    expect(cli(['lint', '--no-cache'], dir).code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.trackplan-cache'))).toBe(false);
  });
});

describe('trackplan new', () => {
  it('scaffolds an event file that loads', () => {
    const dir = project({ 'registry/events/.keep': '' });
    const r = cli(['new', 'invoice_paid', '--owner', 'billing-team', '--description', 'A customer paid an invoice.'], dir);
    expect(r.code).toBe(0);
    // Only what is still to fill in is asked for.
    expect(r.stdout).toBe('Created registry/events/invoice_paid.yaml. Fill in its properties, then run `trackplan lint`.\n');
    expect(cli(['new', 'invoice_sent', '--owner', 'billing-team'], project({ 'registry/events/.keep': '' })).stdout).toContain('Fill in its description and properties,');
    const text = fs.readFileSync(path.join(dir, 'registry/events/invoice_paid.yaml'), 'utf8');
    expect(text).toContain('name: invoice_paid');
    expect(cli(['lint'], dir).code).toBe(0);
    expect(cli(['new', 'invoice_paid'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('is already defined in registry/events/invoice_paid.yaml') });
  });

  it('refuses a bad name and proposes a good one', () => {
    const dir = project({ 'registry/events/.keep': '' });
    let r = cli(['new', 'Project Created'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Try: trackplan new project_created');
    expect(fs.existsSync(path.join(dir, 'registry/events/Project Created.yaml'))).toBe(false);
    r = cli(['new', 'create_project'], dir);
    expect(r.stderr).toContain('Try: trackplan new project_created');
  });
});
