// Names defined in other modules of the project, read from real files on disk: relative imports,
// a tsconfig `paths` alias reached through `extends`, re-exports, enums, namespace imports; and
// the type-aware path with a real typescript-eslint program (`parserOptions.projectService`).
import path from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../eslint-plugin/src/index.js';
import { FIXTURES, REGISTRY } from './tester.js';

const ROOT = path.join(FIXTURES, 'cross-file');

async function lint(parserOptions: object): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions } },
      plugin.configs.recommended,
      { settings: { trackplan: { registry: REGISTRY } } },
    ],
  });
  const [result] = await eslint.lintFiles(['src/app.ts']);
  return result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
}

const dynamic = (line: number, column: number) =>
  `${line}:${column} trackplan/no-dynamic-event-name The event name is computed at run time, so it cannot be checked against the tracking plan. Use a string literal, or a \`const\` of one (here or exported by a module of the project).`;

const WITHOUT_TYPES = [
  '10:17 trackplan/known-event Unknown event `project_veiwed`: the tracking plan does not define it. Did you mean `project_viewed`?',
  '12:17 trackplan/no-deprecated-event The event `project_opened` is deprecated: send `project_viewed` instead.',
  '13:17 trackplan/no-deprecated-event The event `report_printed` is deprecated and has no replacement: stop sending it.',
  '14:34 trackplan/event-properties The event `project_created` requires the property `template`.',
  '16:40 trackplan/known-event Unknown event `nope_clicked`: the tracking plan does not define it.',
  dynamic(17, 17),
  dynamic(18, 17),
  dynamic(20, 55),
];

describe('names from other modules', () => {
  it('follows imports through tsconfig paths (with extends), re-exports, enums and namespaces, without type information', async () => {
    expect(await lint({})).toEqual(WITHOUT_TYPES);
  });

  it('uses literal types when typescript-eslint has type information', async () => {
    const messages = await lint({ projectService: true, tsconfigRootDir: ROOT });
    expect(messages).toEqual([
      ...WITHOUT_TYPES.slice(0, 6), // a `let` is a string, for the checker too
      '18:17 trackplan/known-event Unknown event `nope_clicked`: the tracking plan does not define it.',
      // 20: `n: Name` is the literal type 'project_viewed': known, and defined.
    ]);
  });
});
