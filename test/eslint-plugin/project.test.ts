// The plugin finds each linted file's tracking plan as `trackplan` does: from the file's folder
// upward to the repository root, so ESLint run at a monorepo's root checks each package against
// its own plan.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import plugin from '../../eslint-plugin/src/index.js';
import { clearCache, setRecheckInterval } from '../../eslint-plugin/src/registry.js';
import { cleanup, event } from '../helpers.js';
import { repo } from '../diff/support.js';

afterAll(cleanup);

async function lint(cwd: string, files: Record<string, string>, settings?: object) {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, ...(settings ? [{ settings: { trackplan: settings } }] : [])] });
  const out: string[] = [];
  for (const [file, code] of Object.entries(files)) {
    const [r] = await eslint.lintText(code, { filePath: path.join(cwd, file) });
    out.push(...r!.messages.map((m) => `${file} ${m.ruleId} ${m.message}`));
  }
  return out;
}

describe('the plan of a linted file', () => {
  beforeEach(() => { clearCache(); setRecheckInterval(1000); });
  const root = repo({
    'packages/web/trackplan.config.yaml': 'registry: plan\n',
    'packages/web/plan/events/page_viewed.yaml': event('page_viewed'),
    'packages/api/registry/events/order_placed.yaml': event('order_placed'),
    'tools/x.yaml': '',
  });
  const CODE = { 'packages/web/src/deep/a.js': "analytics.track('page_viewed'); analytics.track('order_placed');", 'packages/api/src/b.js': "analytics.track('page_viewed'); analytics.track('order_placed');" };

  it('is found from the file, whatever folder ESLint runs in', async () => {
    const expected = [
      'packages/web/src/deep/a.js trackplan/known-event Unknown event `order_placed`: the tracking plan does not define it.',
      'packages/api/src/b.js trackplan/known-event Unknown event `page_viewed`: the tracking plan does not define it.',
    ];
    expect(await lint(root, CODE)).toEqual(expected);
    clearCache();
    const fromPackages = await lint(path.join(root, 'packages'), Object.fromEntries(Object.entries(CODE).map(([f, c]) => [f.replace('packages/', ''), c])));
    expect(fromPackages.map((m) => `packages/${m}`)).toEqual(expected);
  });

  it('a config named in the settings wins, from ESLint\'s working directory', async () => {
    expect(await lint(root, CODE, { config: 'packages/web/trackplan.config.yaml' })).toEqual([
      'packages/web/src/deep/a.js trackplan/known-event Unknown event `order_placed`: the tracking plan does not define it.',
      'packages/api/src/b.js trackplan/known-event Unknown event `order_placed`: the tracking plan does not define it.',
    ]);
  });

  it('outside any project: one clear message per file', async () => {
    const messages = await lint(root, { 'tools/c.js': "analytics.track('page_viewed');" });
    expect(messages).toEqual([expect.stringMatching(/^tools\/c\.js trackplan\/known-event The tracking plan cannot be loaded: .*No trackplan project found/)]);
  });

  it('a project made while ESLint runs is found at the next check, the folders seen before included', async () => {
    setRecheckInterval(0);
    const code = { 'tools/lib/c.js': "analytics.track('tool_used');", 'tools/d.js': "analytics.track('tool_used');" };
    const before = await lint(root, code);
    expect(before).toHaveLength(2);
    expect(before.every((m) => m.includes('No trackplan project found'))).toBe(true);
    fs.mkdirSync(path.join(root, 'tools/registry/events'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tools/registry/events/tool_used.yaml'), event('tool_used'));
    expect(await lint(root, code)).toEqual([]);
  });
});
