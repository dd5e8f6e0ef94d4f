// `trackplan init` as a user runs it: a process in an empty folder, then lint and build there.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/load/config.js';
import { RULES, RULE_IDS } from '../src/rules/index.js';
import { GITHUB_WORKFLOW } from '../src/cli/init.js';
import { cleanup, cli, project, ROOT, tempDir } from './helpers.js';

afterAll(cleanup);

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
const files = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

describe('trackplan init', () => {
  it('starts a plan that lints clean and builds, and says what to do next', () => {
    const dir = tempDir();
    const r = cli(['init'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(files(dir)).toEqual(['.gitignore', 'registry/events/account_created.yaml', 'registry/properties/account_id.yaml', 'trackplan.config.yaml']);
    for (const next of ['npx trackplan lint', 'npx trackplan build', "import trackplan from 'eslint-plugin-trackplan'", '--ci github']) expect(r.stdout).toContain(next);

    const lint = cli(['lint', '--format', 'json'], dir);
    expect(JSON.parse(lint.stdout)).toMatchObject({ diagnostics: [], errorCount: 0, warningCount: 0 });
    expect(lint.code).toBe(0);
    const build = cli(['build'], dir);
    expect(build.code).toBe(0);
    expect(read(dir, 'generated/types/index.ts')).toContain('AccountCreatedProperties');
  });

  it('writes a config with every key at its default, and editor schema comments that resolve', () => {
    const dir = tempDir();
    expect(cli(['init'], dir).code).toBe(0);
    const text = read(dir, 'trackplan.config.yaml');
    const keys = Object.keys(JSON.parse(read(ROOT, 'trackplan.config.schema.json')).properties as object);
    expect(Object.keys(parse(text) as object).sort()).toEqual(keys.sort());
    const bare = tempDir(); // a project with no config: the defaults
    fs.mkdirSync(path.join(bare, 'registry', 'events'), { recursive: true });
    const defaults = loadConfig(bare, undefined, RULE_IDS);
    const loaded = loadConfig(dir, undefined, RULE_IDS);
    expect(loaded.registry).toBe(path.join(dir, 'registry'));
    expect(loaded.output).toBe(path.join(dir, 'generated'));
    expect(loaded.compatibility).toBe(defaults.compatibility);
    expect(loaded.warehouse).toEqual(defaults.warehouse);
    expect(loaded.eslint).toEqual(defaults.eslint);
    expect(loaded.allow).toEqual({});
    expect(loaded.rules).toEqual(Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])));

    for (const rel of ['trackplan.config.yaml', 'registry/events/account_created.yaml', 'registry/properties/account_id.yaml']) {
      const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(read(dir, rel))?.[1];
      expect(schema, rel).toBeDefined();
      expect(fs.existsSync(path.resolve(path.dirname(path.join(dir, rel)), schema!)), `${rel}: ${schema}`).toBe(true);
    }
  });

  it('adds only the missing cache files to an existing .gitignore, keeping what is there', () => {
    const dir = project({ '.gitignore': 'node_modules/\n.trackplan-cache' });
    const r = cli(['init'], dir);
    expect(r.code).toBe(0);
    expect(read(dir, '.gitignore')).toBe("node_modules/\n.trackplan-cache\n# trackplan's caches\n.trackplan-build-cache\n.trackplan-validate-cache\n");
    expect(r.stdout).toContain('added .trackplan-build-cache, .trackplan-validate-cache to .gitignore');
  });

  it('refuses to overwrite anything, and then writes nothing at all', () => {
    for (const [existing, args] of [
      ['trackplan.config.yaml', ['init']],
      ['registry/events/x.yaml', ['init']],
      ['.github/workflows/trackplan.yml', ['init', '--ci', 'github']],
    ] as const) {
      const dir = project({ [existing]: 'mine\n' });
      const r = cli([...args], dir);
      expect(r.code, existing).toBe(2);
      expect(r.stderr).toMatch(/already exists: `trackplan init` never overwrites, so it wrote nothing/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(files(dir)).toEqual([existing]);
      expect(read(dir, existing)).toBe('mine\n');
    }
    expect(cli(['init', '--ci', 'gitlab'], tempDir())).toMatchObject({ code: 2, stderr: expect.stringContaining('Allowed choices are github') });
  });

  it('--ci github writes the workflow of the README, section CI', () => {
    const dir = tempDir();
    const r = cli(['init', '--ci', 'github'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('.github/workflows/trackplan.yml runs lint, check and diff');
    const workflow = read(dir, '.github/workflows/trackplan.yml');
    expect(workflow).toBe(GITHUB_WORKFLOW);
    const readme = read(ROOT, 'README.md');
    const ci = readme.slice(readme.indexOf('\n## CI\n'));
    expect(/```yaml\n([\s\S]*?)```/.exec(ci)?.[1]).toBe(workflow);
    const steps = Object.values((parse(workflow) as { jobs: Record<string, { steps: { run?: string }[] }> }).jobs)
      .flatMap((j) => j.steps.map((s) => s.run ?? '')).join('\n');
    for (const command of ['trackplan lint', 'trackplan check', 'trackplan diff']) expect(steps).toContain(command);
  });
});
