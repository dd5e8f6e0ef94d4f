// How a command finds its project: the nearest trackplan.config.yaml (or registry/) from the
// working directory up to the repository root, paths from the config file, and the paths GitHub
// reads relative to the repository root — in a real git monorepo of two packages.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, event, project } from './helpers.js';
import { edit, repo } from './diff/support.js';

afterAll(cleanup);

// packages/web has a config that moves its registry to plan/ and its output to out/; packages/api
// has no config, only a registry/. Each has one finding: an event named as a command.
const MONOREPO = {
  'package.json': '{ "private": true, "workspaces": ["packages/*"] }\n',
  'packages/web/trackplan.config.yaml': 'registry: plan\noutput: out\nrules:\n  event-name-verb: warn\n',
  'packages/web/plan/events/page_viewed.yaml': event('page_viewed'),
  'packages/web/plan/events/billing & pay/create_invoice.yaml': event('create_invoice'),
  'packages/web/src/app.ts': 'export {};\n',
  'packages/api/registry/events/order_placed.yaml': event('order_placed'),
  'packages/api/registry/events/create_order.yaml': event('create_order'),
};
const WEB_FILE = 'packages/web/plan/events/billing & pay/create_invoice.yaml';

const annotations = (stdout: string): string[] => stdout.split('\n').filter(Boolean).map((l) => l.replace(/,line=.*/, ''));

describe('a monorepo of two packages, each with its own plan', () => {
  const root = repo(MONOREPO);
  const web = path.join(root, 'packages/web');
  const api = path.join(root, 'packages/api');

  it('from the repository root, without --config: no project, exit 2, saying what to do', () => {
    const r = cli(['lint'], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`trackplan: No trackplan project found: there is no trackplan.config.yaml, nor a registry/ folder with events/, in ${fs.realpathSync(root)} or a folder above it in the repository ${fs.realpathSync(root)}. Run trackplan inside a project, name its config with --config, or start one with \`trackplan init\`.\n`);
  });

  it('github annotations name files from the repository root, wherever the command runs', () => {
    const expected = [`::warning file=${WEB_FILE.replace(/,/g, '%2C')}`];
    const fromRoot = cli(['lint', '--config', 'packages/web/trackplan.config.yaml', '--format', 'github'], root);
    expect(annotations(fromRoot.stdout)).toEqual(expected);
    expect(annotations(cli(['lint', '--format', 'github'], web).stdout)).toEqual(expected);
    expect(annotations(cli(['lint', '--format', 'github'], path.join(web, 'src')).stdout)).toEqual(expected);
    expect(annotations(cli(['lint', '--format', 'github'], path.join(web, 'plan/events/billing & pay')).stdout)).toEqual(expected);
    const apiRun = cli(['lint', '--format', 'github'], path.join(api, 'registry/events'));
    expect(apiRun.code).toBe(1);
    expect(annotations(apiRun.stdout)).toEqual(['::error file=packages/api/registry/events/create_order.yaml']);
  });

  it('SARIF URIs are from the repository root, percent-encoded', () => {
    const r = cli(['lint', '--format', 'sarif'], path.join(web, 'src'));
    const uris = JSON.parse(r.stdout).runs[0].results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['packages/web/plan/events/billing%20%26%20pay/create_invoice.yaml']);
  });

  it('stylish and json keep paths relative to the working directory', () => {
    const r = cli(['lint', '--format', 'json'], path.join(web, 'src'));
    expect(JSON.parse(r.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual(['../plan/events/billing & pay/create_invoice.yaml']);
    expect(cli(['lint'], path.join(web, 'plan')).stdout).toContain('events/billing & pay/create_invoice.yaml');
  });

  it('build writes the configured output beside the config, and the caches live in the package', () => {
    const r = cli(['build'], path.join(web, 'src'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built 2 events into \.\.\/out\//);
    expect(fs.existsSync(path.join(web, 'out/catalog.json'))).toBe(true);
    expect(fs.existsSync(path.join(web, 'src/out'))).toBe(false);
    expect(fs.existsSync(path.join(web, '.trackplan-build-cache'))).toBe(true);
    cli(['lint'], path.join(web, 'src'));
    expect(fs.existsSync(path.join(web, '.trackplan-cache'))).toBe(true);
    expect(fs.readdirSync(path.join(web, 'src'))).toEqual(['app.ts']);
    expect(cli(['check'], path.join(web, 'plan/events')).code).toBe(0);
  });

  it('trackplan new writes into the package\'s registry from any of its folders', () => {
    let r = cli(['new', 'invoice_sent', '--owner', 'billing-team', '--description', 'An invoice was sent.'], path.join(web, 'plan'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Created events\/invoice_sent\.yaml\./);
    expect(fs.existsSync(path.join(web, 'plan/events/invoice_sent.yaml'))).toBe(true);
    r = cli(['new', 'foo_created'], path.join(api, 'registry'));
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(api, 'registry/events/foo_created.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(api, 'registry/registry'))).toBe(false);
  });

  it('trackplan diff --format github names files from the repository root', () => {
    edit(root, { 'packages/api/registry/events/order_placed.yaml': event('order_placed', '  total:\n    type: number\n    description: d\n    required: true\n') });
    const r = cli(['diff', '--base', 'HEAD', '--format', 'github'], path.join(api, 'registry'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error file=packages/api/registry/events/order_placed.yaml,');
  });
});

describe('outside a git repository', () => {
  it('github paths are relative to the working directory; the project is found upward', () => {
    const dir = project({ 'trackplan.config.yaml': 'registry: defs\n', 'defs/events/create_thing.yaml': event('create_thing'), 'docs/notes.md': 'x' });
    const r = cli(['lint', '--format', 'github'], path.join(dir, 'docs'));
    expect(annotations(r.stdout)).toEqual(['::error file=../defs/events/create_thing.yaml']);
  });
});

describe('trackplan new refuses a name defined anywhere in the registry', () => {
  it('in a subfolder of events/', () => {
    const dir = project({ 'registry/events/billing/invoice_paid.yaml': event('invoice_paid') });
    const r = cli(['new', 'invoice_paid'], dir);
    expect(r).toMatchObject({ code: 2, stderr: 'trackplan: The event `invoice_paid` is already defined in registry/events/billing/invoice_paid.yaml.\n' });
    expect(fs.existsSync(path.join(dir, 'registry/events/invoice_paid.yaml'))).toBe(false);
  });
});

describe('the commands that write a registry start one where there is none', () => {
  it('trackplan new outside any project writes ./registry/events/', () => {
    const dir = project({ 'README.md': 'x' });
    expect(cli(['lint'], dir).code).toBe(2);
    const r = cli(['new', 'invoice_paid'], dir);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created registry\/events\/invoice_paid\.yaml\./) });
    expect(fs.existsSync(path.join(dir, 'registry/events/invoice_paid.yaml'))).toBe(true);
  });
});
