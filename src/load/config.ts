// trackplan.config.yaml: where the registry and the output are, each rule's severity, exceptions
// (which must say why), and what `trackplan diff` lets through. A broken config is a usage
// error (exit 2), never a finding.
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseSource } from './source.js';
import { closest } from '../text.js';
import { COMPATIBILITY_MODES, type Compatibility } from '../diff/rules.js';

export type RuleSetting = 'off' | 'warn' | 'error';

export interface Exception { name: string; reason: string }

export interface Config {
  /** The config file, when there is one. */
  file?: string;
  /** Absolute paths. */
  registry: string;
  output: string;
  rules: Record<string, RuleSetting>;
  allow: Record<string, Exception[]>;
  /** What `trackplan diff` lets through: see the README's "trackplan diff". */
  compatibility: Compatibility;
}

export const CONFIG_FILE = 'trackplan.config.yaml';
const KEYS = ['registry', 'output', 'rules', 'allow', 'compatibility'];
const SETTINGS: RuleSetting[] = ['off', 'warn', 'error'];

export class ConfigError extends Error {}

/**
 * Reads the config named by `--config`, else `trackplan.config.yaml` in `cwd` if it exists, else
 * the defaults. Paths in a config file are relative to the file's folder.
 */
export function loadConfig(cwd: string, explicit: string | undefined, ruleIds: readonly string[]): Config {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, CONFIG_FILE);
  const defaults: Config = { registry: path.join(cwd, 'registry'), output: path.join(cwd, 'generated'), rules: {}, allow: {}, compatibility: 'full' };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (!explicit && (e as NodeJS.ErrnoException).code === 'ENOENT') return defaults;
    throw new ConfigError(`Cannot read the config file ${path.relative(cwd, file) || file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  const rel = path.relative(cwd, file) || file;
  const source = parseSource(rel, bytes);
  const fail = (node: Node | null | undefined, message: string): never => {
    const { line, column } = source.locAt(node?.range?.[0] ?? 0);
    throw new ConfigError(`${rel}:${line}:${column}: ${message}`);
  };
  const first = source.problems[0];
  if (first) throw new ConfigError(`${rel}:${first.loc.line}:${first.loc.column}: ${first.message}`);
  const root = source.root;
  const dir = path.dirname(file);
  const config: Config = { file, registry: path.join(dir, 'registry'), output: path.join(dir, 'generated'), rules: {}, allow: {}, compatibility: 'full' };
  if (root == null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) return fail(root, 'The config must be a mapping (registry, output, rules, allow, compatibility).');

  for (const pair of root.items) {
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
        for (const p of value.items) {
          const id = ruleId(p.key as Node);
          const v = p.value as Node | null;
          const setting = isScalar(v) ? String(v.value) : '';
          if (!SETTINGS.includes(setting as RuleSetting)) return fail(v, `Rule \`${id}\` must be set to off, warn or error, not "${setting}".`);
          config.rules[id] = setting as RuleSetting;
        }
        break;
      case 'allow':
        if (!isMap(value)) return fail(value, '`allow` must map rule ids to lists of exceptions.');
        for (const p of value.items) {
          const id = ruleId(p.key as Node);
          const list = p.value as Node | null;
          if (!isSeq(list)) return fail(list, `\`allow.${id}\` must be a list of { name, reason }.`);
          config.allow[id] = (list.items as Node[]).map((item) => {
            // By the pairs, not Map.get: the fast YAML reader's light nodes have no methods.
            const get = (k: string): unknown => {
              if (!isMap(item)) return undefined;
              const pair = item.items.find((p) => isScalar(p.key) && p.key.value === k);
              return isScalar(pair?.value) ? pair.value.value : pair?.value;
            };
            const name = get('name'), reason = get('reason');
            if (typeof name !== 'string' || !name) return fail(item, `Each exception in \`allow.${id}\` needs a \`name\`.`);
            if (typeof reason !== 'string' || !reason.trim()) return fail(item, `The exception for \`${name}\` in \`allow.${id}\` needs a \`reason\`: say why the rule does not apply.`);
            return { name, reason };
          });
        }
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
      default: {
        const guess = closest(key, KEYS);
        return fail(keyNode, `Unknown key \`${key}\` in the config.${guess ? ` Did you mean \`${guess}\`?` : ` Keys: ${KEYS.join(', ')}.`}`);
      }
    }
  }
  return config;
}
