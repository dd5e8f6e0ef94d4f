// RuleTester wired to vitest, for JavaScript (espree, with JSX) and TypeScript (typescript-eslint, with TSX).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, it } from 'vitest';
import plugin from '../../eslint-plugin/src/index.js';
import { setRecheckInterval } from '../../eslint-plugin/src/registry.js';

export { plugin };
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const REGISTRY = path.join(FIXTURES, 'registry');

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
setRecheckInterval(1000);

const settings = { trackplan: { registry: REGISTRY } };

export const js = new RuleTester({
  languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
  settings,
});

export const ts = new RuleTester({
  languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
  settings,
});

export const rule = (id: string) => {
  const r = plugin.rules[id];
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
