// trackplan.config.yaml: where the registry and the output are, each rule's severity, exceptions
// (which must say why), and what `trackplan diff` lets through. A broken config is a usage
// error (exit 2), never a finding.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseSource } from './source.js';
import { closest } from '../text.js';
import { COMPATIBILITY_MODES, type Compatibility } from '../diff/rules.js';
import { DIALECTS, type DialectName } from '../compile/sql/dialects.js';
import { WAREHOUSE_DEFAULTS, type WarehouseSettings } from '../compile/sql/warehouse.js';
import { CalleeError, notAList, signatureOf, type CalleeSetting } from './callees.js';

export type RuleSetting = 'off' | 'warn' | 'error';

export interface Exception { name: string; reason: string }

export interface Config {
  /** The config file, when there is one. */
  file?: string;
  /** The project folder: the config file's, else the one holding registry/. Caches live here. */
  dir: string;
  /** Absolute paths. */
  registry: string;
  output: string;
  rules: Record<string, RuleSetting>;
  allow: Record<string, Exception[]>;
  /** What `trackplan diff` lets through: see the README's "trackplan diff". */
  compatibility: Compatibility;
  /** The warehouse scripts: which engines, and the schema and raw table they use. */
  warehouse: WarehouseSettings;
  /** For the commands that run the ESLint plugin (`coverage`): what its settings would hold. */
  eslint: EslintSettings;
}

export interface EslintSettings {
  /** As `settings.trackplan.callees`, checked; undefined: the project's ESLint config's, else the plugin's defaults. */
  callees?: CalleeSetting[];
}

export const CONFIG_FILE = 'trackplan.config.yaml';
const KEYS = ['registry', 'output', 'rules', 'allow', 'compatibility', 'warehouse', 'eslint'];
const WAREHOUSE_KEYS = ['dialects', 'schema', 'table'];
const ESLINT_KEYS = ['callees'];
/** Schema and table names: plain SQL names, the same in every engine (BigQuery allows no more in a dataset name). */
const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const SETTINGS: RuleSetting[] = ['off', 'warn', 'error'];

export class ConfigError extends Error {}
/** No project from here up to the repository root (see findProject). */
export class NoProjectError extends ConfigError {}

/** Where a project is: its folder, and its config file when it has one. */
export interface Project { dir: string; config?: string }

/** The folder of the git repository holding `from` (the nearest with a `.git`), if any. */
export function repositoryRoot(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const isDir = (p: string): boolean => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * The project that `cwd` is in, found as ESLint and tsconfig find theirs: `explicit` (a
 * `--config`) if given; else the nearest folder, from `cwd` upward to the repository root (the
 * nearest folder with a `.git`), that holds `trackplan.config.yaml`, or without one a
 * `registry/` with `events/` or `properties/`. `memo` (folder -> its answer, or the folder where
 * the search stopped) lets a caller that asks for many folders (the ESLint plugin) share the walk.
 */
export function findProject(cwd: string, explicit?: string, memo?: Map<string, Project | string>): Project {
  if (explicit) {
    const config = path.resolve(cwd, explicit);
    return { dir: path.dirname(config), config };
  }
  const visited: string[] = [];
  let found: Project | string | undefined;
  for (let dir = path.resolve(cwd); found === undefined; dir = path.dirname(dir)) {
    found = memo?.get(dir);
    if (found !== undefined) break;
    visited.push(dir);
    const config = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(config)) found = { dir, config };
    // registry/events as a file counts too: the registry reader then says what is wrong with it.
    else if (fs.existsSync(path.join(dir, 'registry', 'events')) || isDir(path.join(dir, 'registry', 'properties'))) found = { dir };
    else if (fs.existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) found = dir;
  }
  for (const dir of visited) memo?.set(dir, found);
  if (typeof found !== 'string') return found;
  const where = fs.existsSync(path.join(found, '.git')) ? `${path.resolve(cwd)} or a folder above it in the repository ${found}` : `${path.resolve(cwd)} or any folder above it`;
  throw new NoProjectError(`No trackplan project found: there is no ${CONFIG_FILE}, nor a registry/ folder with events/, in ${where}. Run trackplan inside a project, name its config with --config, or start one with \`trackplan init\`.`);
}

/**
 * Reads the config of the project `cwd` is in (see findProject), else the defaults. Paths in a
 * config file are relative to the file's folder; every problem in it is reported at once.
 * `orHere`: outside any project, `cwd` is a new one (for the commands that write a registry:
 * new, import).
 */
export function loadConfig(cwd: string, explicit: string | undefined, ruleIds: readonly string[], options: { orHere?: boolean } = {}): Config {
  let project: Project;
  try {
    project = findProject(cwd, explicit);
  } catch (e) {
    if (!(options.orHere && e instanceof NoProjectError)) throw e;
    project = { dir: path.resolve(cwd) };
  }
  const defaults: Config = { dir: project.dir, registry: path.join(project.dir, 'registry'), output: path.join(project.dir, 'generated'), rules: {}, allow: {}, compatibility: 'full', warehouse: WAREHOUSE_DEFAULTS, eslint: {} };
  if (!project.config) return defaults;
  const file = project.config;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new ConfigError(`Cannot read the config file ${path.relative(cwd, file) || file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  const rel = path.relative(cwd, file) || file;
  const source = parseSource(rel, bytes);
  // Every problem is collected, so that one run shows them all: `fail` records one and skips
  // the rest of the setting it is in.
  const problems: string[] = [];
  const SKIP = Symbol('skip');
  const fail = (node: Node | null | undefined, message: string): never => {
    const { line, column } = source.locAt(node?.range?.[0] ?? 0);
    problems.push(`${rel}:${line}:${column}: ${message}`);
    throw SKIP;
  };
  const attempt = (fn: () => void): void => {
    try { fn(); } catch (e) { if (e !== SKIP) throw e; }
  };
  const done = (): Config => {
    if (problems.length > 0) throw new ConfigError(problems.join('\n'));
    return config;
  };
  const config: Config = { ...defaults, file };
  for (const p of source.problems) problems.push(`${rel}:${p.loc.line}:${p.loc.column}: ${p.message}`);
  if (problems.length > 0) return done();
  const root = source.root;
  const dir = project.dir;
  if (root == null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) {
    attempt(() => fail(root, 'The config must be a mapping (registry, output, rules, allow, compatibility, warehouse, eslint).'));
    return done();
  }

  for (const pair of root.items) attempt(() => {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    const str = (): string => (isScalar(value) && typeof value.value === 'string' && value.value ? value.value : fail(value, `\`${key}\` must be a folder path.`));
    const ruleId = (node: Node): string => {
      const id = isScalar(node) ? String(node.value) : '';
      if (ruleIds.includes(id)) return id;
      const guess = closest(id, ruleIds);
      return fail(node, `Unknown rule \`${id}\`.${guess ? ` Did you mean \`${guess}\`?` : ` Rules: ${ruleIds.join(', ')}.`}`);
    };
    switch (key) {
      case 'registry': config.registry = path.resolve(dir, str()); break;
      case 'output': config.output = path.resolve(dir, str()); break;
      case 'rules':
        if (!isMap(value)) return fail(value, '`rules` must map rule ids to off, warn or error.');
        for (const p of value.items) attempt(() => {
          const id = ruleId(p.key as Node);
          const v = p.value as Node | null;
          const setting = isScalar(v) ? String(v.value) : '';
          if (!SETTINGS.includes(setting as RuleSetting)) return fail(v, `Rule \`${id}\` must be set to off, warn or error, not "${setting}".`);
          config.rules[id] = setting as RuleSetting;
        });
        break;
      case 'allow':
        if (!isMap(value)) return fail(value, '`allow` must map rule ids to lists of exceptions.');
        for (const p of value.items) attempt(() => {
          const id = ruleId(p.key as Node);
          const list = p.value as Node | null;
          if (!isSeq(list)) return fail(list, `\`allow.${id}\` must be a list of { name, reason }.`);
          const exceptions: Exception[] = [];
          for (const item of list.items as Node[]) attempt(() => {
            // By the pairs, not Map.get: the fast YAML reader's light nodes have no methods.
            const get = (k: string): unknown => {
              if (!isMap(item)) return undefined;
              const pair = item.items.find((p) => isScalar(p.key) && p.key.value === k);
              return isScalar(pair?.value) ? pair.value.value : pair?.value;
            };
            const name = get('name'), reason = get('reason');
            if (typeof name !== 'string' || !name) return fail(item, `Each exception in \`allow.${id}\` needs a \`name\`.`);
            if (typeof reason !== 'string' || !reason.trim()) return fail(item, `The exception for \`${name}\` in \`allow.${id}\` needs a \`reason\`: say why the rule does not apply.`);
            exceptions.push({ name, reason });
          });
          config.allow[id] = exceptions;
        });
        break;
      case 'compatibility': {
        const mode = isScalar(value) ? String(value.value) : '';
        if (!(COMPATIBILITY_MODES as readonly string[]).includes(mode)) {
          const guess = closest(mode, COMPATIBILITY_MODES);
          return fail(value, `\`compatibility\` must be one of ${COMPATIBILITY_MODES.join(', ')}, not "${mode}".${guess ? ` Did you mean \`${guess}\`?` : ''}`);
        }
        config.compatibility = mode as Compatibility;
        break;
      }
      case 'warehouse': {
        if (!isMap(value)) return fail(value, '`warehouse` must be a mapping: dialects, schema, table.');
        const warehouse = { ...WAREHOUSE_DEFAULTS };
        for (const p of value.items) attempt(() => {
          const k = isScalar(p.key) ? String(p.key.value) : '';
          const v = p.value as Node | null;
          if (k === 'dialects') {
            if (!isSeq(v)) return fail(v, `\`warehouse.dialects\` must be a list of ${DIALECTS.join(', ')}.`);
            const names: DialectName[] = [];
            for (const item of v.items as Node[]) attempt(() => {
              const name = isScalar(item) ? String(item.value) : '';
              if (!(DIALECTS as readonly string[]).includes(name)) {
                const guess = closest(name, DIALECTS);
                return fail(item, `Unknown dialect "${name}" in \`warehouse.dialects\`.${guess ? ` Did you mean \`${guess}\`?` : ` Dialects: ${DIALECTS.join(', ')}.`}`);
              }
              if (!names.includes(name as DialectName)) names.push(name as DialectName);
            });
            warehouse.dialects = DIALECTS.filter((x) => names.includes(x));
          } else if (k === 'schema' || k === 'table') {
            const name = isScalar(v) && typeof v.value === 'string' ? v.value : '';
            if (!SQL_NAME.test(name)) return fail(v, `\`warehouse.${k}\` must be a plain SQL name: letters, digits and underscores, not starting with a digit, at most 63 characters.`);
            warehouse[k] = name;
          } else {
            const guess = closest(k, WAREHOUSE_KEYS);
            return fail(p.key as Node, `Unknown key \`${k}\` in \`warehouse\`.${guess ? ` Did you mean \`${guess}\`?` : ` Keys: ${WAREHOUSE_KEYS.join(', ')}.`}`);
          }
        });
        config.warehouse = warehouse;
        break;
      }
      case 'eslint': {
        if (!isMap(value)) return fail(value, '`eslint` must be a mapping: callees.');
        const eslint: EslintSettings = {};
        for (const p of value.items) attempt(() => {
          const k = isScalar(p.key) ? String(p.key.value) : '';
          const v = p.value as Node | null;
          if (k !== 'callees') {
            const guess = closest(k, ESLINT_KEYS);
            return fail(p.key as Node, `Unknown key \`${k}\` in \`eslint\`.${guess ? ` Did you mean \`${guess}\`?` : ` Keys: ${ESLINT_KEYS.join(', ')}.`}`);
          }
          if (!isSeq(v)) return fail(v, `${notAList('eslint.callees')}.`);
          const callees: CalleeSetting[] = [];
          (v.items as Node[]).forEach((item, i) => attempt(() => {
            const entry = plain(item);
            try {
              signatureOf(entry, `eslint.callees[${i}]`);
            } catch (e) {
              if (e instanceof CalleeError) return fail(item, `${e.message}.`);
              throw e;
            }
            callees.push(entry as CalleeSetting);
          }));
          eslint.callees = callees;
        });
        config.eslint = eslint;
        break;
      }
      default: {
        const guess = closest(key, KEYS);
        return fail(keyNode, `Unknown key \`${key}\` in the config.${guess ? ` Did you mean \`${guess}\`?` : ` Keys: ${KEYS.join(', ')}.`}`);
      }
    }
  });
  return done();
}

/** A node's value as plain data: what ESLint's settings would hold. */
function plain(node: Node | null | undefined): unknown {
  if (isScalar(node)) return node.value;
  // By the items, not toJSON: the fast YAML reader's light nodes have no methods.
  if (isSeq(node)) return (node.items as Node[]).map(plain);
  if (isMap(node)) return Object.fromEntries(node.items.map((p) => [String(plain(p.key as Node)), plain(p.value as Node)]));
  return null; // an empty entry (`- `)
}
