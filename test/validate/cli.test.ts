// `trackplan validate` as a user runs it: NDJSON lines of every kind against the bundled
// registry, through the CLI, checked line by line; standard input, gzip, CRLF, a cut-off last
// line, exit codes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, cli, project, registryProject, ROOT, tempDir } from '../helpers.js';

afterAll(cleanup);

const ID = (n: number): string => `0f8fad5b-d9cb-469f-a165-${String(n).padStart(12, '0')}`;
const TIME = '2026-05-01T12:00:00.000Z';
const created = (n: number, props: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): string => JSON.stringify({
  event_id: ID(n), event_name: 'project_created', event_time: TIME, user_id: 'user-1',
  properties: { project_id: ID(1000 + n), plan_type: 'pro', template: 'kanban', is_private: false, ...props }, ...envelope,
});
const without = (line: string, key: string): string => {
  const e = JSON.parse(line) as { properties: Record<string, unknown> };
  delete e.properties[key];
  return JSON.stringify(e);
};

/** Each line, and what must be reported on it: [path, a part of the message] (none: valid). */
const CASES: Array<[string, Array<[string, string | RegExp]>]> = [
  [created(1), []],
  [created(2, { tags: ['q3', 'launch'] }), []],
  ['{"event_id": "0f8fad5b', [['', /not valid JSON/]]],
  ['', [['', /empty/]]],
  ['[1, 2]', [['', /must be a JSON object/]]],
  ['42', [['', /must be a JSON object/]]],
  [created(3, {}, { event_name: 'project_creatd' }), [['event_name', /`project_creatd` is not an event.*did you mean `project_created`/]]],
  [JSON.stringify({ event_id: ID(4), event_time: TIME, user_id: 'u', properties: {} }), [['event_name', /`event_name` is required but missing/]]],
  [created(5, {}, { event_id: 'abc' }), [['event_id', /must be a UUID.*not "abc"/]]],
  [created(6, {}, { event_time: '2026-05-01 12:00' }), [['event_time', /RFC 3339/]]],
  [created(7, {}, { user_id: '' }), [['user_id', /must not be empty/]]],
  [created(8, {}, { session: 'x' }), [['session', /not a property of the event envelope/]]],
  [created(9, {}, { properties: [] }), [['properties', /must be an object, not an array/]]],
  [created(10, { templat: 'blank' }), [['properties.templat', /`templat` is not a property of `project_created`: did you mean `template`/]]],
  [without(created(11), 'is_private'), [['properties.is_private', /`is_private` is required but missing/]]],
  [created(12, { is_private: 'no' }), [['properties.is_private', /must be a boolean, not a string \("no"\)/]]],
  [created(13, { plan_type: 'gold' }), [['properties.plan_type', /must be one of "free", "starter", "pro" or "enterprise", not "gold"/]]],
  [created(14, { project_id: 'p-1' }), [['properties.project_id', /must be a UUID/]]],
  [created(15, { tags: ['', 'x'.repeat(40)] }), [['properties.tags[0]', /must not be empty/], ['properties.tags[1]', /at most 32 characters/]]],
  [created(16, { plan_type: 'gold', is_private: 1 }), [['properties.plan_type', /one of/], ['properties.is_private', /boolean/]]],
  [JSON.stringify({ event_id: ID(17), event_name: 'subscription_upgraded', event_time: TIME, user_id: 'u', properties: { plan_type: 'pro', previous_plan_type: 'free', billing: { interval: 'weekly', amount: -1, currency: 'EUR' } } }),
    [['properties.billing.interval', /"monthly" or "yearly", not "weekly"/], ['properties.billing.amount', />= 0, not -1/]]],
  [JSON.stringify({ event_id: ID(18), event_name: 'user_signed_up', event_time: TIME, user_id: 'u', properties: { signup_method: 'email', plan_type: 'free', source: 'web', referral_code: null } }), []],
  [JSON.stringify({ event_id: ID(19), event_name: 'user_signed_up', event_time: TIME, user_id: 'u', properties: { signup_method: 'email', plan_type: 'free', source: 'web', referral_code: 7 } }),
    [['properties.referral_code', /must be a string or null, not an integer/]]],
  [JSON.stringify({ event_id: ID(20), event_name: 'report_downloaded', event_time: TIME, user_id: 'u', properties: { report_id: ID(21) } }), [['event_name', /deprecated: send `report_exported` instead/]]],
  [JSON.stringify({ event_id: ID(22), event_name: 'report_downloaded', event_time: TIME, user_id: 'u', properties: { report_id: ID(23) } }), []],
  [created(1), [['event_id', /repeats line 1/]]],
];

function dataset(): { dir: string; text: string } {
  const dir = tempDir();
  const text = `${CASES.map(([line]) => line).join('\n')}\n`;
  fs.writeFileSync(path.join(dir, 'events.ndjson'), text);
  return { dir, text };
}

interface Json { valid: number; invalid: number; warnings: number; lines: number; findings: Array<{ file: string; line: number; event_name: string | null; path: string; severity: string; message: string }>; events: Array<{ name: string; valid: number; invalid: number; warnings: number }> }
const validate = (args: string[], cwd = ROOT, input?: string | Buffer): { code: number | null; json: Json; stderr: string } => {
  const r = cli(['validate', '--format', 'json', ...args], cwd, input);
  try { return { code: r.code, json: JSON.parse(r.stdout) as Json, stderr: r.stderr }; } catch { throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`); }
};

function expectCases(json: Json): void {
  CASES.forEach(([, want], i) => {
    const got = json.findings.filter((f) => f.line === i + 1);
    expect(got.map((f) => f.path), `line ${i + 1}: ${CASES[i]![0]}`).toEqual(want.map(([p]) => p));
    got.forEach((f, k) => expect(f.message, `line ${i + 1}`).toMatch(want[k]![1]));
  });
}

describe('trackplan validate', () => {
  it('reports every kind of invalid line, on its line, with the event, the path and a plain message', () => {
    const { dir } = dataset();
    const r = validate([path.join(dir, 'events.ndjson')]);
    expect(r.code).toBe(1);
    expectCases(r.json);
    const invalid = CASES.filter(([, w]) => w.some(([p, m]) => !String(m).includes('deprecated'))).length;
    expect(r.json).toMatchObject({ lines: CASES.length, invalid, valid: CASES.length - invalid, warnings: 2 });
    const warning = r.json.findings.find((f) => f.severity === 'warning')!;
    expect(warning).toMatchObject({ line: 24, event_name: 'report_downloaded', path: 'event_name' });
    expect(r.json.findings.filter((f) => f.severity === 'error').every((f) => f.file.endsWith('events.ndjson'))).toBe(true);
    expect(r.json.events).toContainEqual({ name: 'project_created', valid: 2, invalid: 13, warnings: 0 });
    expect(r.json.events).toContainEqual({ name: 'report_downloaded', valid: 2, invalid: 0, warnings: 2 });
    expect(r.json.events).toContainEqual({ name: 'project_creatd', valid: 0, invalid: 1, warnings: 0 });
  });

  it('reads standard input, gzip (from a file or standard input) and CRLF line ends alike', () => {
    const { dir, text } = dataset();
    const crlf = text.replace(/\n/g, '\r\n');
    fs.writeFileSync(path.join(dir, 'events.ndjson.gz'), zlib.gzipSync(crlf));
    for (const r of [validate(['-'], ROOT, text), validate([path.join(dir, 'events.ndjson.gz')]), validate(['-'], ROOT, zlib.gzipSync(text))]) {
      expect(r.code).toBe(1);
      expectCases(r.json);
    }
  });

  // A named pipe (`<(zcat events.gz)` in bash) has no size and cannot be read at an offset: it
  // is read as a stream, like standard input.
  it.skipIf(process.platform === 'win32')('reads a named pipe, as bash gives for <(cat events.ndjson)', () => {
    const { dir, text } = dataset();
    fs.writeFileSync(path.join(dir, 'events.ndjson'), text);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" validate --format json <(cat "${path.join(dir, 'events.ndjson')}")`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expectCases(JSON.parse(r.stdout) as Json);
  });

  it('says when the last line is cut off, and counts lines without a final newline', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'cut.ndjson'), `${created(1)}\n${created(2).slice(0, 50)}`);
    const r = validate([path.join(dir, 'cut.ndjson')]);
    expect(r.json.findings).toEqual([expect.objectContaining({ line: 2, path: '', message: expect.stringMatching(/not valid JSON.*ends in the middle of this line/) })]);
    expect(r.json).toMatchObject({ lines: 2, valid: 1, invalid: 1 });
  });

  it('exits 0 when every line is valid, a deprecated event only warning; stylish summarises per event', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ok.ndjson'), [created(1), created(2), CASES[23]![0]].join('\n'));
    const r = cli(['validate', path.join(dir, 'ok.ndjson')], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3\s+warning\s+report_downloaded event_name: `report_downloaded` is deprecated/);
    expect(r.stdout).toMatch(/project_created\s+2\s+0\s+0/);
    expect(r.stdout).toContain('✔ 3 lines: 3 valid, 0 invalid, 1 warning');
  });

  it('stops after --max-errors errors and says where', () => {
    const { dir } = dataset();
    const r = validate(['--max-errors', '3', path.join(dir, 'events.ndjson')]);
    expect(r.code).toBe(1);
    expect(r.json.findings.filter((f) => f.severity === 'error')).toHaveLength(3);
    expect(r.json).toMatchObject({ stopped: { line: 5 } });
    const stylish = cli(['validate', '--max-errors', '1', path.join(dir, 'events.ndjson')], ROOT);
    expect(stylish.stdout).toContain('Stopped at line 3 of');
  });

  it('exits 2, before reading anything, for a missing file, a folder, stdin twice or a bad option', () => {
    const dir = tempDir();
    for (const args of [['nope.ndjson'], ['.'], ['-', '-'], ['--max-errors', '0', 'x'], ['--format', 'xml', 'x'], []]) {
      const r = cli(['validate', ...args], dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cli(['validate', 'nope.ndjson'], dir).stderr).toContain('cannot read nope.ndjson: no such file');
  });

  it('exits 2 for input that is not gzip after all, with no stack trace', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bad.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]));
    const r = cli(['validate', path.join(dir, 'bad.gz')], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*bad\.gz: it is not valid gzip data/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps the registry\'s plan in a cache, used only while no registry file changes', () => {
    const event = (type: string): string => `name: page_viewed\ndescription: A page was viewed.\nowner: t\nproperties:\n  page:\n    type: ${type}\n    description: The page.\n    required: true\n`;
    const line = JSON.stringify({ event_id: ID(1), event_name: 'page_viewed', event_time: TIME, user_id: 'u', properties: { page: 'home' } });
    const dir = project({ 'registry/events/page_viewed.yaml': event('string'), 'e.ndjson': `${line}\n` });
    const cache = path.join(dir, '.trackplan-validate-cache');
    expect(validate(['e.ndjson'], dir).code).toBe(0);
    // The next run reads the plan from the cache: a forged one shows (page must be an integer).
    // (The file: a header line, then a `[section, key, entry]` line per entry: load/cache.ts.)
    const stored = fs.readFileSync(cache, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l)) as unknown[];
    // Its validators' source goes too: the checker then writes them from the forged schemas.
    for (const entry of stored.slice(1) as Array<[string, string, { properties: unknown[]; code?: unknown }]>) {
      if (entry[1] === 'plan') { entry[2].properties = entry[2].properties.map(() => ({ type: 'integer' })); delete entry[2].code; }
    }
    fs.writeFileSync(cache, stored.map((l) => `${JSON.stringify(l)}\n`).join(''));
    expect(validate(['e.ndjson'], dir).json.findings).toEqual([expect.objectContaining({ path: 'properties.page', message: expect.stringMatching(/must be an integer/) })]);
    expect(validate(['--no-cache', 'e.ndjson'], dir).code).toBe(0);
    // A changed registry file is loaded again, whatever the cache holds; so is an unreadable cache.
    fs.writeFileSync(path.join(dir, 'registry/events/page_viewed.yaml'), event('boolean'));
    expect(validate(['e.ndjson'], dir).json.findings).toEqual([expect.objectContaining({ path: 'properties.page', message: expect.stringMatching(/must be a boolean/) })]);
    fs.writeFileSync(cache, '{ not json');
    expect(validate(['e.ndjson'], dir).json.findings).toEqual([expect.objectContaining({ message: expect.stringMatching(/must be a boolean/) })]);
    // --no-cache neither reads nor writes it.
    fs.rmSync(cache);
    expect(validate(['--no-cache', 'e.ndjson'], dir).code).toBe(1);
    expect(fs.existsSync(cache)).toBe(false);
  });

  it('never runs validator code from a cache made under another user\'s secret', () => {
    const line = JSON.stringify({ event_id: ID(1), event_name: 'page_viewed', event_time: TIME, user_id: 'u', properties: { page: 'home' } });
    const dir = project({ 'registry/events/page_viewed.yaml': 'name: page_viewed\ndescription: A page was viewed.\nowner: t\nproperties:\n  page: { type: string, description: The page., required: true }\n', 'e.ndjson': `${line}\n` });
    const cache = path.join(dir, '.trackplan-validate-cache');
    const mark = path.join(dir, 'ran');
    // The cache as a repository could ship it: the envelope's validator also leaves a mark.
    const forge = (): void => {
      const stored = fs.readFileSync(cache, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
      for (const entry of stored.slice(1) as Array<[string, string, { code: { envelope: string } }]>) {
        if (entry[1] === 'plan') entry[2].code.envelope = `require('fs').writeFileSync(${JSON.stringify(mark)}, '');\n${entry[2].code.envelope}`;
      }
      fs.writeFileSync(cache, stored.map((l) => `${JSON.stringify(l)}\n`).join(''));
    };
    const saved = process.env.XDG_CACHE_HOME;
    const as = (user: string): number | null => { process.env.XDG_CACHE_HOME = path.join(dir, user); return validate(['e.ndjson'], dir).code; };
    try {
      expect(as('alice')).toBe(0);
      forge();
      expect(as('bob')).toBe(0);
      expect(fs.existsSync(mark)).toBe(false);
      // The same forgery under the secret the cache was made with runs: the test can fail.
      expect(as('alice')).toBe(0);
      forge();
      expect(as('alice')).toBe(0);
      expect(fs.existsSync(mark)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME; else process.env.XDG_CACHE_HOME = saved;
    }
  });

  it('exits 2 when there is no project, cache or not', () => {
    const dir = project({ 'e.ndjson': '{}\n' });
    for (const args of [['e.ndjson'], ['--no-cache', 'e.ndjson']]) {
      const r = cli(['validate', ...args], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^trackplan: No trackplan project found: .*\n$/);
    }
  });

  it('exits 2 when the registry has no schema to validate with (a broken file or reference)', () => {
    const broken = registryProject({ 'events/page_viewed.yaml': 'name: page_viewed\ndescription: x\nowner: t\nproperties:\n  plan: { $ref: nowhere }\n' });
    fs.writeFileSync(path.join(broken, 'e.ndjson'), '{}\n');
    const r = cli(['validate', 'e.ndjson'], broken);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere/);
    const naming = project({ 'registry/events/create_project.yaml': 'name: create_project\ndescription: x\nowner: t\n', 'e.ndjson': JSON.stringify({ event_id: ID(1), event_name: 'create_project', event_time: TIME, user_id: 'u', properties: {} }) });
    expect(cli(['validate', 'e.ndjson'], naming).code).toBe(0); // naming is lint's business, not a reason to refuse data
  });
});
