// The plugin as users load it: ESLint's own class with the recommended config, the package by its
// name, the docs, and the registry cache (loaded once, reloaded when the registry changes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import plugin from '../../eslint-plugin/src/index.js';
import { clearCache, setRecheckInterval, stats } from '../../eslint-plugin/src/registry.js';
import { cleanup, project } from '../helpers.js';
import { FIXTURES, REGISTRY } from './tester.js';

afterAll(cleanup);

const APP = `import { createTracker } from './generated/tracker';
const tracker = createTracker({ send: (e) => fetch('/e', { body: JSON.stringify(e) }) });
const { track } = tracker;

export function onCreate(id: string, template: 'blank' | 'kanban'): void {
  analytics.track('project_created', { project_id: id, template });
  window.analytics.track('project_create', { project_id: id, template });
  track('project_created', { project_id: id, template: 'scrumm', seats: '3' });
  tracker.track('project_opened', { project_id: id });
  analytics.track(\`project_\${template}\`);
  analytics.track({ userId: id, event: 'invoice_paid', properties: { plan_type: 'pro', amont: 3 } });
  [1, 2].map((n) => n).track?.('nothing_here');
}
`;

const tsFiles = { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } };

async function lintWith(p: typeof plugin, cwd: string, code = APP, file = 'src/app.ts') {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [tsFiles, p.configs.recommended] });
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, file) });
  return result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
}

const EXPECTED = [
  '7:26 trackplan/known-event Unknown event `project_create`: the tracking plan does not define it. Did you mean `project_created`?',
  "8:56 trackplan/event-properties 'scrumm' is not a value of `template` of `project_created` (\"blank\", \"kanban\", \"scrum\"). Did you mean `scrum`?",
  "8:73 trackplan/event-properties `seats` of `project_created` must be an integer, not '3'.",
  '9:17 trackplan/no-deprecated-event The event `project_opened` is deprecated: send `project_viewed` instead.',
  '10:19 trackplan/no-dynamic-event-name The event name is computed at run time, so it cannot be checked against the tracking plan. Use a string literal, or a `const` of one (here or exported by a module of the project).',
  '11:88 trackplan/event-properties The event `invoice_paid` has no property `amont`. Did you mean `amount`?',
];

describe('ESLint with the recommended config', () => {
  beforeEach(() => { clearCache(); setRecheckInterval(1000); });

  it('reports on a TypeScript file against the registry found from the working directory', async () => {
    expect(await lintWith(plugin, FIXTURES)).toEqual(EXPECTED);
  });

  it('is the built package, importable by its name', async () => {
    const name = 'eslint-plugin-trackplan';
    const built = (await import(name)) as { default: typeof plugin; DEFAULT_CALLEES: string[] };
    expect(built.default.configs.recommended.plugins?.trackplan).toBe(built.default);
    expect(Object.keys(built.default.rules)).toEqual(['known-event', 'event-properties', 'no-dynamic-event-name', 'no-deprecated-event', 'no-event-alias']);
    expect(built.DEFAULT_CALLEES).toContain('posthog.capture');
    expect(await lintWith(built.default, FIXTURES)).toEqual(EXPECTED);
  });

  it('reads the registry from trackplan.config.yaml, or from settings.trackplan.config', async () => {
    const dir = project({ 'plan/trackplan.config.yaml': `registry: ${REGISTRY}\n` });
    expect(await lintWith(plugin, path.join(dir, 'plan'))).toEqual(EXPECTED);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [tsFiles, plugin.configs.recommended, { settings: { trackplan: { config: 'plan/trackplan.config.yaml' } } }],
    });
    const [r] = await eslint.lintText("analytics.track('project_veiwed')", { filePath: path.join(dir, 'a.js') });
    expect(r!.messages.map((m) => m.messageId)).toEqual(['unknown']);
    // A broken config is one message per file, not a crash.
    const broken = project({ 'trackplan.config.yaml': 'registy: x\n' });
    const messages = await lintWith(plugin, broken, "analytics.track('a_b'); analytics.track('c_d')", 'a.js');
    expect(messages).toEqual([expect.stringMatching(/^1:17 trackplan\/known-event The tracking plan cannot be loaded: trackplan config: .*Unknown key `registy`.*Did you mean `registry`/)]);
  });

  it('lints JSX and TSX', async () => {
    const linter = new Linter();
    const jsx = linter.verify("const B = () => <b onClick={() => analytics.track('project_veiwed')} />;", [
      { files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } }, plugin.configs.recommended, { settings: { trackplan: { registry: REGISTRY } } },
    ], 'b.jsx');
    expect(jsx.map((m) => m.ruleId)).toEqual(['trackplan/known-event']);
    const tsx = linter.verify("const B = (): JSX.Element => <b onClick={() => analytics.track('project_created', { project_id: 1, template: 'blank' })} />;", [
      { files: ['**/*.tsx'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } }, plugin.configs.recommended, { settings: { trackplan: { registry: REGISTRY } } },
    ], 'b.tsx');
    expect(tsx.map((m) => m.message)).toEqual(['`project_id` of `project_created` must be a string, not 1.']);
  });

  it('stops on a setting it cannot use with a configuration error naming the entry, as ESLint does for its own', () => {
    const linter = new Linter();
    const run = (settings: unknown): string => {
      try {
        linter.verify("analytics.track('x_y'); analytics.track(name)", [plugin.configs.recommended, { settings: { trackplan: settings } }]);
      } catch (e) {
        return (e as Error).stack!; // what the ESLint CLI prints
      }
      return 'no error';
    };
    const says = (text: string) => `eslint-plugin-trackplan: ${text}. Fix it in the ESLint config; nothing is linted until then.`;
    expect(run({ registy: 'x' })).toEqual(says('unknown key `registy` in `settings.trackplan` (keys: config, registry, callees)'));
    expect(run({ callees: ['analytics track'] })).toEqual(says('`settings.trackplan.callees[0]` `analytics track` is not a dotted name such as "analytics.track" or "posthog().capture"'));
    expect(run({ callees: ['analytics.track', { callee: 'track' }] })).toEqual(says('`settings.trackplan.callees[1]` (`track`) needs `event`: where the event name is, such as 1 or "0.event"'));
    expect(run({ callees: [{ callee: 'track', event: '1.event', properties: 'props' }] })).toEqual(says('`settings.trackplan.callees[0].properties` must be an argument position (0, 1, ...) or a path into one ("1.event", "0.*"), not "props"'));
    expect(run({ callees: [{ callee: 'track', event: '0.*' }] })).toEqual(says('`settings.trackplan.callees[0].event` must be an argument position (0, 1, ...) or a path into one ("1.event"), not "0.*"'));
    expect(run({ callees: [{ callee: 'track', event: 1, properties: '0.*' }] })).toEqual(says('`settings.trackplan.callees[0].properties` "0.*": `*` stands for the keys beside the event\'s, so it must be in the same object as `event`'));
    expect(run({ callees: [{ callee: 'track', event: 0, when: 1 }] })).toEqual(says('`settings.trackplan.callees[0]` has an unknown key `when` (keys: callee, event, properties)'));
    expect(run({ callees: [{ jsxAttribute: 3 }] })).toEqual(says('`settings.trackplan.callees[0].jsxAttribute` must be an attribute name such as "captureEvent"'));
    expect(run({ callees: [42] })).toEqual(says('`settings.trackplan.callees[0]` must be a dotted name or an object { callee, event, properties? } or { jsxAttribute }, not 42'));
    expect(run({ callees: 'analytics.track' })).toEqual(says('`settings.trackplan.callees` must be a list of dotted names such as "analytics.track" or call signatures'));
    expect(run('registry')).toEqual(says('`settings.trackplan` must be an object { config?, registry?, callees? }').replace('}.. ', '}. '));
    expect(run({ callees: ['analytics.track'] })).toBe('no error');
  });

  it('reports a bad setting through the ESLint command line once, without a stack trace, exit code 2', () => {
    const dir = project({
      'eslint.config.js': `import trackplan from 'eslint-plugin-trackplan';\nexport default [trackplan.configs.recommended, { settings: { trackplan: { registry: ${JSON.stringify(REGISTRY)}, callees: ['posthog()?.capture', { callee: 'track', event: 'first' }] } } }];\n`,
      'a.js': "posthog()?.capture({ event: 'x' });\n",
      'b.js': "posthog()?.capture({ event: 'y' });\n",
    });
    fs.symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
    const r = spawnSync(process.execPath, [path.resolve('node_modules/eslint/bin/eslint.js'), '.'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.stderr.split('must be an argument position')).toHaveLength(2); // once, for two files
    expect(r.stderr).toContain('eslint-plugin-trackplan: `settings.trackplan.callees[1].event` must be an argument position (0, 1, ...) or a path into one ("1.event"), not "first". Fix it in the ESLint config; nothing is linted until then.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
  });
});

describe('the registry cache', () => {
  beforeEach(() => { clearCache(); setRecheckInterval(1000); });

  const lint = (code: string, registry: string) =>
    new Linter().verify(code, [plugin.configs.recommended, { settings: { trackplan: { registry } } }], 'a.js').map((m) => m.message);

  it('lists the registry once and parses each event the code sends once, however many files', () => {
    for (let i = 0; i < 50; i++) lint("analytics.track('project_created', { project_id: 'p', template: 'blank' }); analytics.track('project_viewed')", REGISTRY);
    expect(stats.lists).toBe(1);
    expect(stats.parses).toBe(3); // project_created, project_viewed, and the shared project_id they refer to
  });

  it('notices a changed, added or removed definition, at most once per interval', () => {
    const registry = path.join(project({}), 'registry');
    fs.cpSync(REGISTRY, registry, { recursive: true });
    const created = path.join(registry, 'events', 'project_created.yaml');
    expect(lint("analytics.track('team_created')", registry)).toEqual(['Unknown event `team_created`: the tracking plan does not define it.']);
    fs.writeFileSync(path.join(registry, 'events', 'team_created.yaml'), 'name: team_created\ndescription: A team was created.\nowner: x\n');
    // Within the interval nothing is looked at again.
    expect(lint("analytics.track('team_created')", registry)).toHaveLength(1);
    setRecheckInterval(0);
    expect(lint("analytics.track('team_created')", registry)).toEqual([]);
    // An edit to a definition already parsed.
    expect(lint("analytics.track('project_created', { project_id: 'p', template: 'blank' })", registry)).toEqual([]);
    fs.writeFileSync(created, fs.readFileSync(created, 'utf8').replace('owner: workspace-team', 'owner: workspace-team\nstatus: deprecated'));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(created, later, later);
    expect(lint("analytics.track('project_created', { project_id: 'p', template: 'blank' })", registry)).toEqual(['The event `project_created` is deprecated and has no replacement: stop sending it.']);
    // A shared property's change reaches the events that refer to it.
    fs.writeFileSync(path.join(registry, 'properties', 'project_id.yaml'), 'name: project_id\ntype: integer\ndescription: The project.\n');
    expect(lint("analytics.track('project_viewed', { project_id: 'p' })", registry)).toEqual(["`project_id` of `project_viewed` must be an integer, not 'p'."]);
    // A removed definition, and a removed registry.
    fs.rmSync(path.join(registry, 'events', 'team_created.yaml'));
    expect(lint("analytics.track('team_created')", registry)).toHaveLength(1);
    fs.rmSync(registry, { recursive: true });
    expect(lint("analytics.track('team_created')", registry)).toEqual([expect.stringMatching(/^The tracking plan cannot be loaded: No registry folder at /)]);
  });

  it('reads the files for aliases only when a name is no event\'s, once, and again after a change', () => {
    const registry = path.join(project({}), 'registry');
    fs.cpSync(path.join(FIXTURES, 'aliases', 'registry'), registry, { recursive: true });
    fs.writeFileSync(path.join(registry, 'events', 'refund_issued.yaml'), 'name: refund_issued\ndescription: A refund was issued.\nowner: x\n');
    const alias = (name: string) => `\`${name}\` is an old name of the event \`order_completed\` (an alias in the tracking plan): send \`order_completed\`.`;
    for (let i = 0; i < 5; i++) lint("analytics.track('order_completed', { order_id: 'o' })", registry);
    expect(stats.parses).toBe(1); // the plan's names only: no file read for aliases
    expect(lint("analytics.track('Order Completed', { order_id: 'o' }); analytics.track('Old Name', { order_id: 'o' })", registry)).toEqual([
      alias('Order Completed'), 'Unknown event `Old Name`: the tracking plan does not define it.',
    ]);
    const parses = stats.parses;
    for (let i = 0; i < 5; i++) lint("analytics.track('Order Placed'); analytics.track('orderCompleted', { order_id: 'o' })", registry);
    expect(stats.parses).toBe(parses); // the index is kept
    // A new alias in a file that was parsed, and in one only read, which mentioned no alias then.
    setRecheckInterval(0);
    const later = new Date(Date.now() + 5000);
    const edit = (file: string, from: string, to: string) => {
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
      fs.utimesSync(file, later, later);
    };
    edit(path.join(registry, 'events', 'order_completed.yaml'), 'orderCompleted]', 'orderCompleted, Old Name]');
    expect(lint("analytics.track('Old Name', { order_id: 'o' })", registry)).toEqual([alias('Old Name')]);
    edit(path.join(registry, 'events', 'refund_issued.yaml'), 'owner: x\n', 'owner: x\naliases: [Refund Issued]\n');
    expect(lint("analytics.track('Refund Issued')", registry)).toEqual(['`Refund Issued` is an old name of the event `refund_issued` (an alias in the tracking plan): send `refund_issued`.']);
  });

  it('looks again when linting resumes after a pause, not while files follow one another', async () => {
    const registry = path.join(project({}), 'registry');
    fs.cpSync(REGISTRY, registry, { recursive: true });
    setRecheckInterval(200);
    expect(lint("analytics.track('team_created')", registry)).toHaveLength(1);
    fs.writeFileSync(path.join(registry, 'events', 'team_created.yaml'), 'name: team_created\ndescription: A team was created.\nowner: x\n');
    for (let i = 0; i < 5; i++) expect(lint("analytics.track('team_created')", registry)).toHaveLength(1);
    expect(stats.lists).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(lint("analytics.track('team_created')", registry)).toEqual([]);
    expect(stats.lists).toBe(2);
  });
});

describe('the docs', () => {
  const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../eslint-plugin/docs/rules');
  it.each(Object.entries(plugin.rules))('%s has a page, messages and a schema', (id, rule) => {
    expect(rule.meta?.docs?.url).toBe(new URL(`file://${docs}/${id}.md`).href);
    const page = fs.readFileSync(path.join(docs, `${id}.md`), 'utf8');
    expect(page).toContain(`# trackplan/${id}`);
    expect(Object.keys(rule.meta?.messages ?? {}).length).toBeGreaterThan(0);
    expect(rule.meta?.schema).toEqual([]);
    expect(plugin.configs.recommended.rules?.[`trackplan/${id}`]).toBeDefined();
    expect(fs.readFileSync(path.join(docs, '../../README.md'), 'utf8')).toContain(`docs/rules/${id}.md`);
  });
});
