// `trackplan diff` as a user runs it: a process in a real git repository (or against a folder),
// its exit code and its formats.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, project } from '../helpers.js';
import { commit, edit, ev, gitMv, json, repo, runDiff } from './support.js';

afterAll(cleanup);

const SHARED = 'name: plan_type\ntype: string\nenum: [free, pro]\ndescription: The plan.\n';
const BASE = {
  'registry/properties/plan_type.yaml': SHARED,
  'registry/events/order_placed.yaml': ev('order_placed', '  plan: { $ref: plan_type, required: true }\n  coupon:\n    type: string\n    maxLength: 20\n    description: The coupon code.\n'),
  'registry/events/page_viewed.yaml': ev('page_viewed', '  path: { type: string }\n'),
  'registry/events/legacy_clicked.yaml': ev('legacy_clicked', '  target: { type: string }\n', 'status: deprecated\n'),
};

describe('trackplan diff --base <ref>', () => {
  it('no change: exit 0, and says so', () => {
    const dir = repo(BASE);
    const r = runDiff(dir, '--base', 'HEAD');
    expect(r.stdout).toMatch(/^No change to the tracking plan since HEAD \([0-9a-f]{7}\)\.\n$/);
    expect(r.code).toBe(0);
  });

  it('reads the base through git without touching the working tree; breaking changes exit 1', () => {
    const dir = repo(BASE);
    edit(dir, {
      'registry/events/order_placed.yaml': ev('order_placed', '  plan: { $ref: plan_type, required: true }\n  coupon:\n    type: string\n    maxLength: 10\n    description: The coupon code.\n  note: { type: string }\n'),
    });
    const before = fs.readFileSync(path.join(dir, 'registry/events/order_placed.yaml'), 'utf8');
    const r = runDiff(dir, '--base', 'main', '--format', 'json');
    expect(r.code).toBe(1);
    const out = json(r);
    expect(out.failed).toBe(true);
    expect(out.events).toHaveLength(1);
    expect(out.events[0]!.changes.map((c) => `${c.ruleId} ${c.path}`)).toEqual(['constraint-tightened coupon', 'property-added-optional note']);
    expect(out.events[0]!.changes[0]).toMatchObject({ file: 'registry/events/order_placed.yaml', line: 8, column: 16, breaks: 'senders', blocking: true });
    expect(fs.readFileSync(path.join(dir, 'registry/events/order_placed.yaml'), 'utf8')).toBe(before);
  });

  it('a deleted file: removing a deprecated event passes, removing an active one fails', () => {
    const dir = repo(BASE);
    edit(dir, { 'registry/events/legacy_clicked.yaml': null });
    let out = json(runDiff(dir, '--base', 'HEAD', '--format', 'json'));
    expect(out.events.map((e) => `${e.kind} ${e.name}`)).toEqual(['removed legacy_clicked']);
    expect(out.events[0]!.changes[0]).toMatchObject({ ruleId: 'event-removed', exempt: 'deprecated', side: 'base', file: 'registry/events/legacy_clicked.yaml' });
    expect(out.failed).toBe(false);
    edit(dir, { 'registry/events/page_viewed.yaml': null });
    const r = runDiff(dir, '--base', 'HEAD', '--format', 'json');
    out = json(r);
    expect(r.code).toBe(1);
    expect(out.counts).toMatchObject({ removed: 2, blocking: 1 });
  });

  it('a file renamed with git mv is an event rename; raising the version lets it pass', () => {
    const dir = repo(BASE);
    gitMv(dir, 'registry/events/page_viewed.yaml', 'registry/events/screen_viewed.yaml');
    edit(dir, { 'registry/events/screen_viewed.yaml': ev('screen_viewed', '  path: { type: string }\n') });
    commit(dir, 'rename');
    let r = runDiff(dir, '--base', 'HEAD~1', '--format', 'json');
    expect(r.code).toBe(1);
    expect(json(r).events[0]).toMatchObject({ kind: 'renamed', from: 'page_viewed', name: 'screen_viewed' });
    edit(dir, { 'registry/events/screen_viewed.yaml': ev('screen_viewed', '  path: { type: string }\n', 'version: 2\n') });
    r = runDiff(dir, '--base', 'HEAD~1', '--format', 'json');
    expect(r.code).toBe(0);
    expect(json(r).events[0]!.changes.map((c) => `${c.ruleId} ${c.exempt ?? ''}`)).toEqual(['event-renamed version-raised', 'docs-changed ', 'version-raised ']);
  });

  it('a change to a shared property shows on the events that use it', () => {
    const dir = repo(BASE);
    edit(dir, { 'registry/properties/plan_type.yaml': SHARED.replace('[free, pro]', '[free]') });
    const out = json(runDiff(dir, '--base', 'HEAD', '--format', 'json'));
    expect(out.events.map((e) => e.name)).toEqual(['order_placed']);
    expect(out.events[0]!.changes[0]).toMatchObject({ ruleId: 'enum-value-removed', path: 'plan', via: 'plan_type', file: 'registry/properties/plan_type.yaml', line: 3 });
  });

  it('a registry folder that did not exist at the base: everything is added', () => {
    const dir = repo({ 'README.md': 'hello\n' });
    edit(dir, BASE);
    const r = runDiff(dir, '--base', 'HEAD', '--format', 'json');
    expect(r.code).toBe(0);
    expect(json(r).counts).toMatchObject({ added: 3, changed: 0, removed: 0 });
  });

  it('the config chooses the policy', () => {
    const dir = repo({ ...BASE, 'trackplan.config.yaml': 'compatibility: forward\n' });
    edit(dir, { 'registry/properties/plan_type.yaml': SHARED.replace('[free, pro]', '[free]') }); // breaks senders only
    expect(runDiff(dir, '--base', 'HEAD').code).toBe(0);
    edit(dir, { 'trackplan.config.yaml': 'compatibility: backward\n' });
    expect(runDiff(dir, '--base', 'HEAD').code).toBe(1);
    edit(dir, { 'trackplan.config.yaml': 'compatibility: none\n' });
    expect(runDiff(dir, '--base', 'HEAD').code).toBe(0);
    edit(dir, { 'trackplan.config.yaml': 'compatibility: backwards\n' });
    const r = runDiff(dir, '--base', 'HEAD');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('trackplan: trackplan.config.yaml:1:16: `compatibility` must be one of backward, forward, full, none, not "backwards". Did you mean `backward`?\n');
  });

  it('works from a subfolder registry, with --config', () => {
    const dir = repo(Object.fromEntries(Object.entries(BASE).map(([k, v]) => [`plan/${k}`, v])));
    edit(dir, { 'plan/trackplan.config.yaml': 'registry: registry\n', 'plan/registry/events/page_viewed.yaml': null });
    const out = json(runDiff(dir, '--base', 'HEAD', '--config', 'plan/trackplan.config.yaml', '--format', 'json'));
    expect(out.events[0]).toMatchObject({ kind: 'removed', name: 'page_viewed', file: 'plan/registry/events/page_viewed.yaml' });
  });

  it('usage errors exit 2: unknown ref, not a repository, no git, no registry, no base', () => {
    const dir = repo(BASE);
    let r = runDiff(dir, '--base', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown git ref `no-such-branch`');
    expect(runDiff(dir, '--base', '--output=x').code).toBe(2);
    expect(runDiff(dir).code).toBe(2);
    expect(runDiff(dir, '--base', 'HEAD', '--base-dir', 'x').code).toBe(2);
    expect(runDiff(dir, '--base', 'HEAD', '--format', 'xml').code).toBe(2);

    const plain = project(BASE);
    r = runDiff(plain, '--base', 'HEAD');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not in a git repository/);

    const noGit = spawnSync(process.execPath, [BIN, 'diff', '--base', 'HEAD'], { cwd: dir, encoding: 'utf8', env: { PATH: path.join(dir, 'nowhere'), NO_COLOR: '1' } });
    expect(noGit.status).toBe(2);
    expect(noGit.stderr).toContain('git is not installed');

    edit(dir, { 'registry/events/order_placed.yaml': null, 'registry/events/page_viewed.yaml': null, 'registry/events/legacy_clicked.yaml': null, 'registry/properties/plan_type.yaml': null });
    fs.rmSync(path.join(dir, 'registry'), { recursive: true, force: true });
    r = runDiff(dir, '--base', 'HEAD');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No trackplan project found/);
  });
});

describe('trackplan diff --base-dir', () => {
  it('compares with a registry folder, outside git', () => {
    const base = project(BASE);
    const head = project({ ...BASE, 'registry/events/page_viewed.yaml': ev('page_viewed', '  path: { type: integer }\n') });
    const r = runDiff(head, '--base-dir', path.join(base, 'registry'), '--format', 'json');
    expect(r.code).toBe(1);
    expect(json(r).events[0]!.changes[0]).toMatchObject({ ruleId: 'property-type-changed', path: 'path', breaks: 'both' });
    expect(runDiff(head, '--base-dir', path.join(base, 'nope')).code).toBe(2);
  });
});

describe('formats', () => {
  const scenario = () => {
    const dir = repo(BASE);
    edit(dir, {
      'registry/events/order_placed.yaml': ev('order_placed', '  plan: { $ref: plan_type, required: true }\n  coupon:\n    type: string\n    maxLength: 20\n    description: The coupon code.\n    required: true\n'),
      'registry/events/page_viewed.yaml': ev('page_viewed', '  path: { type: string, description: The path | query. }\n'),
      'registry/events/legacy_clicked.yaml': null,
      'registry/events/project_created.yaml': ev('project_created', '  template: { type: string }\n'),
    });
    return dir;
  };

  it('markdown: a headline, the verdict, a table per changed event with its owner, breaking marked', () => {
    const r = runDiff(scenario(), '--base', 'main', '--format', 'markdown');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('<!-- trackplan-diff -->');
    expect(lines[1]).toBe('### Tracking plan: 1 event added, 2 changed, 1 removed — breaking: yes');
    expect(lines[3]).toMatch(/^Compared with `main \([0-9a-f]{7}\)`\. 1 breaking change is not allowed by `compatibility: full`/);
    const md = r.stdout;
    // the failing event comes first, with its owner and a marked row
    expect(md.indexOf('#### ❌ `order_placed` (changed) · owner: growth-team')).toBeGreaterThan(0);
    expect(md.indexOf('#### ❌ `order_placed`')).toBeLessThan(md.indexOf('#### ✅ `page_viewed`'));
    expect(md).toContain('| ❌ **breaks senders** | `coupon` | made required | `coupon` is now required; it was optional. |');
    expect(md).toContain('| ✅ | `path` | description changed | The description of `path` changed. |');
    expect(md).toContain('#### Removed events');
    expect(md).toMatch(/\| ⚠️ breaks senders and readers; passes: deprecated at the base \| `legacy_clicked` \| growth-team \|/);
    expect(md).toContain('#### Added events');
    expect(md).toContain('| ✅ | `project_created` | growth-team | The event `project_created` was added with 1 property. |');
  });

  it('github: annotations on the changed lines; removed things on their base file', () => {
    const r = runDiff(scenario(), '--base', 'main', '--format', 'github');
    expect(r.stdout).toMatch(/^::error file=registry\/events\/order_placed.yaml,line=10,col=15,title=trackplan diff property-made-required::order_placed: `coupon` is now required; it was optional.%0ABreaks senders.$/m);
    expect(r.stdout).toMatch(/^::warning file=registry\/events\/legacy_clicked.yaml,line=1,col=7,title=trackplan diff event-removed::/m);
    expect(r.stdout).toMatch(/^::notice file=registry\/events\/project_created.yaml,line=1,col=7,title=trackplan diff event-added::/m);
  });

  it('stylish: one block per event, then the verdict', () => {
    const r = runDiff(scenario(), '--base', 'main');
    expect(r.stdout).toMatch(/^order_placed {2}changed · owner growth-team · registry\/events\/order_placed.yaml$/m);
    expect(r.stdout).toMatch(/^ {2}10:15 {2}error {4}`coupon` is now required; it was optional\. {2}property-made-required$/m);
    expect(r.stdout).toContain('✖ 1 event added, 2 changed, 1 removed — breaking: yes (since main (');
  });

  it('json: the documented shape', () => {
    const out = json(runDiff(scenario(), '--base', 'main', '--format', 'json'));
    expect(Object.keys(out)).toEqual(['base', 'compatibility', 'breaking', 'failed', 'counts', 'events']);
    expect(out.counts).toEqual({ added: 1, removed: 1, renamed: 0, changed: 2, breaking: 1, blocking: 1 });
    expect(Object.keys(out.events[0]!)).toEqual(['name', 'kind', 'owner', 'file', 'changes']);
  });
});
