// Runs ESLint with the plugin's call analysis over the code and returns the sends it found. ESLint
// and the plugin are the project's own (resolved from its folder), else the ones beside trackplan;
// the project's ESLint config is used when it has one (its parser, its `settings.trackplan`), with
// every rule but the collector filtered out; else JavaScript, JSX and, when typescript-eslint's
// parser is installed, TypeScript, with the plugin's default callees.
//
// Which callees, first found: `callees` (--callees), the project's ESLint config's
// `settings.trackplan.callees`, `configCallees` (the trackplan config's `eslint.callees`), the
// plugin's defaults. ESLint merges `settings` of later config blocks over earlier ones (a list
// replaces a list), so `configCallees` goes in a base block before the project's config and
// `callees` in the collector's block after it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Send } from './compare.js';

export class CollectError extends Error {}

interface EslintMessage { fatal?: boolean; line: number; column: number; message: string }
interface EslintModule {
  ESLint: new (options: object) => {
    findConfigFile(): Promise<string | undefined>;
    lintFiles(patterns: string[]): Promise<Array<{ filePath: string; messages: EslintMessage[] }>>;
  };
}
interface PluginModule { sendsRule(onSend: (s: Send) => void, onError: (m: string) => void): unknown }

/** A package as the project at `cwd` has it, else as trackplan has it; undefined when neither does. */
async function load<T>(name: string, cwd: string): Promise<T | undefined> {
  for (const from of [path.join(cwd, 'package.json'), import.meta.url]) {
    let file: string;
    try { file = createRequire(from).resolve(name); } catch { continue; }
    return (await import(pathToFileURL(file).href)) as T;
  }
  return undefined;
}

export interface Collected { sends: Send[]; files: number; unparsed: Array<{ file: string; line: number; column: number; message: string }>; configFile?: string }

export async function collectSends(cwd: string, patterns: string[], settings: { registry: string; callees?: unknown[]; configCallees?: readonly unknown[] }): Promise<Collected> {
  const eslint = await load<EslintModule>('eslint', cwd);
  const plugin = await load<PluginModule>('eslint-plugin-trackplan', cwd);
  if (!eslint || !plugin) {
    throw new CollectError(`\`trackplan coverage\` runs ESLint with eslint-plugin-trackplan; install them in the project: npm i -D eslint eslint-plugin-trackplan`);
  }
  const sends: Send[] = [];
  let settingsError: string | undefined;
  const collector = {
    plugins: { 'trackplan-coverage': { rules: { sends: plugin.sendsRule((s) => sends.push(s), (m) => { settingsError ??= m; }) } } },
    rules: { 'trackplan-coverage/sends': 'error' },
    settings: { trackplan: settings.callees ? { registry: settings.registry, callees: settings.callees } : { registry: settings.registry } },
  };
  const configFile = await new eslint.ESLint({ cwd }).findConfigFile();
  const base: object[] = [];
  if (!configFile) {
    const ts = await load<{ default: unknown }>('@typescript-eslint/parser', cwd);
    base.push(
      { ignores: ['**/dist/**', '**/build/**', '**/.next/**', '**/coverage/**', '**/generated/**'] },
      { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    );
    if (ts) base.push({ files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: ts.default } });
  }
  const linter = new eslint.ESLint({
    cwd,
    ...(settings.configCallees ? { baseConfig: [{ settings: { trackplan: { callees: settings.configCallees } } }] } : {}),
    ...(configFile ? {} : { overrideConfigFile: true }),
    overrideConfig: [...base, collector],
    ruleFilter: ({ ruleId }: { ruleId: string }) => ruleId === 'trackplan-coverage/sends',
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  const results = await linter.lintFiles(patterns);
  if (settingsError) throw new CollectError(settingsError.replace(/^eslint-plugin-trackplan: /, ''));
  const unparsed = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => ({ file: r.filePath, line: m.line, column: m.column, message: m.message })));
  return { sends, files: results.length, unparsed, ...(configFile ? { configFile } : {}) };
}
