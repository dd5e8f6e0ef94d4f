// The library API: the same pipeline the CLI and the ESLint plugin use.
export * from './model.js';
export { loadConfig, findProject, repositoryRoot, ConfigError, CONFIG_FILE, type Config, type Project, type RuleSetting } from './load/config.js';
export { loadRegistry, findFiles, registryFiles, RegistryError } from './load/registry.js';
export { lintFolder } from './lint-folder.js';
export { loadFile } from './load/file.js';
export { lint, lintFile, lintRegistry, applySettings, type LintResult } from './lint.js';
export { RULES, RULE_IDS, type Rule } from './rules/index.js';
export { format, FORMATS as REPORT_FORMATS, type Format } from './report/index.js';
export { compile, CompileError, type Artifacts } from './compile/index.js';
export { writeOutput, diffOutput, recoverOutput, listFiles, WriteError, type Difference } from './write.js';
export { diffRegistries, type DiffResult, type Change, type EventSummary, type Where } from './diff/compare.js';
export { loadSides, type BaseSource, type DiffSides } from './diff/load.js';
export { DiffSourceError } from './diff/git.js';
export { CHANGE_RULES, CHANGE_RULE_IDS, COMPATIBILITY_MODES, forbids, type ChangeRuleId, type Compatibility, type Breaks } from './diff/rules.js';
export { formatDiff, DIFF_FORMATS, type DiffFormat } from './report/diff-format.js';
export { DEFAULT_CALLEES, signatureOf, notAList, CalleeError, type ArgPath, type CalleeSetting, type Signature } from './load/callees.js';
