// The library API: the same pipeline the CLI and the ESLint plugin use.
export * from './model.js';
export { loadConfig, ConfigError, CONFIG_FILE, type Config, type RuleSetting } from './load/config.js';
export { loadRegistry, findFiles, registryFiles, RegistryError } from './load/registry.js';
export { lintFolder } from './lint-folder.js';
export { loadFile } from './load/file.js';
export { lint, lintFile, lintRegistry, applySettings, type LintResult } from './lint.js';
export { RULES, RULE_IDS, type Rule } from './rules/index.js';
export { format, FORMATS as REPORT_FORMATS, type Format } from './report/index.js';
export { compile, CompileError, type Artifacts } from './compile/index.js';
export { writeOutput, diffOutput, recoverOutput, listFiles, WriteError, type Difference } from './write.js';
