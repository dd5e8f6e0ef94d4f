// The lint baseline: the pure functions over diagnostics (src/lint/baseline.ts), then `lint
// --update-baseline`, `lint`, `build` and `--no-baseline` through the CLI on a real project.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBaseline, makeBaseline, parseBaseline, serializeBaseline } from '../src/lint/baseline.js';
import type { LintResult } from '../src/lint.js';
import type { Diagnostic } from '../src/model.js';
import { cleanup, cli, event, registryProject } from './helpers.js';

afterAll(cleanup);

const d = (file: string, ruleId: string, subject: string | undefined, line = 1, severity: Diagnostic['severity'] = 'error'): Diagnostic =>
  ({ file: `/p/${file}`, line, column: 1, ruleId, severity, message: `${ruleId} on ${subject ?? 'the file'}.`, ...(subject !== undefined ? { subject } : {}) });
const result = (diagnostics: Diagnostic[]): LintResult => {
  const errorCount = diagnostics.filter((x) => x.severity === 'error').length;
  return { diagnostics, errorCount, warningCount: diagnostics.length - errorCount };
};

describe('baseline functions', () => {
  const found = [
    d('registry/events/b.yaml', 'owner-required', 'b_created', 3),
    d('registry/events/a.yaml', 'event-name-verb', 'a_thing', 1),
    d('registry/events/a.yaml', 'description-required', 'x', 7, 'warning'),
    d('registry/events/a.yaml', 'description-required', 'x', 9, 'warning'),
    d('registry/events/a.yaml', 'schema', undefined, 2),
    d('registry/events/a.yaml', 'schema', 'blob', 4, 'warning'),
    d('registry/events/c.yaml', 'yaml-syntax', undefined, 1),
    d('registry/events/readme.txt', 'file-name', undefined, 1, 'warning'),
  ];

  it('records each finding by file, rule and subject, counted and sorted; never schema or yaml-syntax errors', () => {
    const text = serializeBaseline(makeBaseline(found, '/p'));
    expect(text).toBe(`{
  "version": 1,
  "findings": [
    {"file":"registry/events/a.yaml","rule":"description-required","subject":"x","count":2},
    {"file":"registry/events/a.yaml","rule":"event-name-verb","subject":"a_thing","count":1},
    {"file":"registry/events/a.yaml","rule":"schema","subject":"blob","count":1},
    {"file":"registry/events/b.yaml","rule":"owner-required","subject":"b_created","count":1},
    {"file":"registry/events/readme.txt","rule":"file-name","subject":"file-name on the file.","count":1}
  ]
}
`);
    expect(serializeBaseline(makeBaseline([...found].reverse(), '/p'))).toBe(text);
    expect(parseBaseline(text, 'x')).toEqual(makeBaseline(found, '/p'));
    expect(serializeBaseline({ entries: [] })).toBe('{\n  "version": 1,\n  "findings": []\n}\n');
  });

  it('holds what it recorded wherever it moved in the file; reports new findings, extra ones and what it may not hold', () => {
    const baseline = makeBaseline(found, '/p');
    const moved = found.map((x) => ({ ...x, line: x.line + 10 }));
    const same = applyBaseline(result(moved), baseline, '/p');
    expect(same.result.diagnostics.map((x) => x.ruleId)).toEqual(['schema', 'yaml-syntax']);
    expect(same).toMatchObject({ held: 6, fixed: 0, result: { errorCount: 2, warningCount: 0 } });

    const later = applyBaseline(result([
      ...moved.filter((x) => x.ruleId !== 'owner-required'), // fixed
      d('registry/events/a.yaml', 'description-required', 'x', 11, 'warning'), // a third one: all three show
      d('registry/events/a.yaml', 'owner-required', 'a_thing'), // new
    ]), baseline, '/p');
    expect(later.result.diagnostics.map((x) => `${x.ruleId} ${x.subject ?? ''}`).sort()).toEqual([
      'description-required x', 'description-required x', 'description-required x', 'owner-required a_thing', 'schema ', 'yaml-syntax ',
    ]);
    expect(later).toMatchObject({ held: 3, fixed: 1 });
  });

  it('refuses a file that is no baseline, saying how to write one', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(/^b\.json is not valid JSON .*`trackplan lint --update-baseline`/);
    expect(() => parseBaseline('{"version": 1, "findings": [{"file": "a"}]}', 'b.json')).toThrow('b.json is not a trackplan baseline: finding 1 needs "file", "rule", "subject" and a "count" of at least 1.');
    expect(() => parseBaseline('[]', 'b.json')).toThrow(/expected an object/);
  });
});

describe('trackplan lint --update-baseline, lint, build', () => {
  const bad = 'name: OrderCompleted\nproperties:\n  Total: { type: number }\n';
  const dir = registryProject({ 'events/OrderCompleted.yaml': bad, 'events/a_created.yaml': event('a_created', '  a_id: { type: string, description: The a. }\n') });
  fs.writeFileSync(path.join(dir, 'trackplan.config.yaml'), 'registry: registry\n');
  const file = path.join(dir, '.trackplan-baseline.json');

  it('records the findings at the project root; then lint and build report none, with a line saying how many are held', () => {
    const before = cli(['lint', '--no-cache'], dir);
    expect(before.code).toBe(1);
    const up = cli(['lint', '--update-baseline', '--no-cache'], dir);
    expect(up).toMatchObject({ code: 0, stdout: '' });
    const count = JSON.parse(fs.readFileSync(file, 'utf8')).findings.reduce((n: number, f: { count: number }) => n + f.count, 0);
    expect(count).toBe(before.stdout.split('\n').filter((l) => /^\s+\d+:\d+\s+(error|warning)/.test(l)).length);
    expect(up.stderr).toBe(`trackplan: recorded ${count} findings in .trackplan-baseline.json; \`lint\` and \`build\` now report only new ones.\n`);
    // deterministic: the same findings, the same bytes
    const text = fs.readFileSync(file, 'utf8');
    expect(cli(['lint', '--update-baseline'], dir).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);

    expect(cli(['lint'], dir)).toMatchObject({ code: 0, stdout: `${count} known findings held by .trackplan-baseline.json (\`--no-baseline\` shows them).\n` });
    const json = cli(['lint', '--format', 'json'], dir);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([]);
    expect(json.stderr).toMatch(/^trackplan: \d+ known findings held/);
    const build = cli(['build', '--no-cache'], dir);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^Built 2 events into generated\/ .*\n\d+ known findings held by \.trackplan-baseline\.json/);
    expect(cli(['lint', '--no-baseline'], dir).stdout).toBe(before.stdout);
    expect(cli(['build', '--no-baseline', '--no-cache'], dir)).toMatchObject({ code: 1, stderr: 'trackplan: the registry has lint errors; nothing was written.\n' });
  });

  it('holds findings across edits elsewhere in the file; reports a new one; drops a fixed one on the next update', () => {
    fs.writeFileSync(path.join(dir, 'registry/events/OrderCompleted.yaml'), `# moved down\n\n${bad}  other_thing: { type: string }\n`);
    const r = cli(['lint'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\nregistry\/events\/OrderCompleted\.yaml\n  6:3  error    The property `other_thing` has no description\.  description-required\n.*\n\n✖ 1 problem \(1 error, 0 warnings\)\n5 known findings held/);
    expect(r.stdout).not.toMatch(/Total/);
    fs.writeFileSync(path.join(dir, 'registry/events/OrderCompleted.yaml'), 'name: OrderCompleted\n');
    expect(cli(['lint'], dir).stdout).toMatch(/held by \.trackplan-baseline\.json \(`--no-baseline` shows them\); \d+ findings in it are fixed, `trackplan lint --update-baseline` drops them\.\n$/);
    const up = cli(['lint', '--update-baseline'], dir);
    expect(up.stderr).toMatch(/^trackplan: recorded \d+ findings in \.trackplan-baseline\.json \(0 new ones, \d+ fixed ones dropped\)/);
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/Total|total/);
  });

  it('never holds a schema or yaml-syntax error', () => {
    fs.writeFileSync(path.join(dir, 'registry/events/broken.yaml'), 'name: [\n');
    const up = cli(['lint', '--update-baseline'], dir);
    expect(up.code).toBe(1);
    expect(up.stdout).toMatch(/broken\.yaml\n.*error .*yaml-syntax/);
    expect(up.stderr).toMatch(/1 error of `schema` or `yaml-syntax` cannot be held: fix it\.\n$/);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('broken');
    expect(cli(['lint'], dir).code).toBe(1);
    expect(cli(['build'], dir).code).toBe(1);
    fs.rmSync(path.join(dir, 'registry/events/broken.yaml'));
  });

  it('says what is wrong with a baseline file that is not one (exit 2)', () => {
    fs.writeFileSync(file, '{"version": 2}');
    expect(cli(['lint'], dir)).toMatchObject({ code: 2, stderr: 'trackplan: .trackplan-baseline.json is not a trackplan baseline: expected "version": 1. Write it again with `trackplan lint --update-baseline`.\n' });
    expect(cli(['lint', '--no-baseline'], dir).code).toBe(1);
    expect(cli(['lint', '--update-baseline'], dir).code).toBe(0); // as the message says
    expect(cli(['lint'], dir).code).toBe(0);
    fs.rmSync(file);
  });
});
