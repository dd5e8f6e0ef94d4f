// `trackplan catalog` as a process: the page alone, written atomically, the same bytes build writes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, cli, event, registryProject, tempDir } from '../helpers.js';

afterAll(cleanup);

const plan = (): string => registryProject({ 'events/project_created.yaml': event('project_created', '  project_id: { type: string, required: true, description: The project. }\n') });

describe('trackplan catalog', () => {
  it('writes the page and catalog.json into a new output folder, which build then takes over', () => {
    const dir = plan();
    const r = cli(['catalog'], dir);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, stdout: 'Catalog of 1 event: generated/catalog/index.html\n' });
    expect(fs.readdirSync(path.join(dir, 'generated')).sort()).toEqual(['catalog', 'catalog.json']);
    const page = fs.readFileSync(path.join(dir, 'generated/catalog/index.html'), 'utf8');
    expect(cli(['build'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'generated/catalog/index.html'), 'utf8')).toBe(page);
    expect(cli(['check'], dir).code).toBe(0);
  });

  it('--out names the page; lint errors write nothing; an unwritable place is exit 2', () => {
    const dir = plan();
    expect(cli(['catalog', '--out', 'site/plan.html'], dir)).toMatchObject({ code: 0, stdout: 'Catalog of 1 event: site/plan.html\n' });
    expect(fs.readFileSync(path.join(dir, 'site/plan.html'), 'utf8')).toContain('data-event="project_created"');
    expect(fs.readdirSync(path.join(dir, 'site'))).toEqual(['plan.html']); // no temporary file left
    fs.writeFileSync(path.join(dir, 'a-file'), 'x');
    const blocked = cli(['catalog', '--out', 'a-file/plan.html'], dir);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toBe('trackplan: cannot write a-file/plan.html: a part of the path is a file. Choose another place with --out.\n');
    fs.writeFileSync(path.join(dir, 'registry/events/Bad.yaml'), 'name: Bad\n');
    const bad = cli(['catalog', '--out', 'other.html'], dir);
    expect(bad.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'other.html'))).toBe(false);
  });

  it('--open hands the page to the system opener', () => {
    const dir = plan();
    const bin = tempDir();
    const seen = path.join(bin, 'opened');
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > ${JSON.stringify(seen)}\n`, { mode: 0o755 });
    const r = spawnSync(process.execPath, [BIN, 'catalog', '--open'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(r.status).toBe(0);
    for (let i = 0; i < 50 && !fs.existsSync(seen); i++) spawnSync('sleep', ['0.1']);
    expect(fs.readFileSync(seen, 'utf8').trim()).toBe(`file://${path.join(fs.realpathSync(dir), 'generated/catalog/index.html')}`);
  });
});

describe("the README's CI recipe", () => {
  const readme = fs.readFileSync(path.join(path.dirname(BIN), '..', 'README.md'), 'utf8');
  const block = /## CI\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
  const workflow = parseYaml(block) as { jobs: Record<string, { if?: string; steps: { run?: string; uses?: string; with?: Record<string, string> }[] }> };

  it('publishes the catalog of main on GitHub Pages, and keeps a pull request\'s as an artifact', () => {
    const pages = workflow.jobs.catalog!;
    expect(pages.if).toContain("github.ref == 'refs/heads/main'");
    const uses = pages.steps.map((s) => s.uses?.replace(/@.*/, ''));
    expect(uses).toContain('actions/upload-pages-artifact');
    expect(uses.at(-1)).toBe('actions/deploy-pages');
    const diff = workflow.jobs.diff!.steps;
    expect(diff.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toBe('catalog');
  });

  it('its catalog commands write the folder it uploads', () => {
    const dir = plan();
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps).flatMap((s) => (s.run?.startsWith('npx trackplan catalog') ? [s.run] : []));
    expect(runs.length).toBe(2);
    for (const run of runs) {
      const args = run.replace(/^npx trackplan /, '').split(' ');
      expect(cli(args, dir).code, run).toBe(0);
      const folder = args.at(-1)!.split('/')[0]!;
      expect(fs.readFileSync(path.join(dir, folder, 'index.html'), 'utf8')).toContain('data-event="project_created"');
    }
  });
});
