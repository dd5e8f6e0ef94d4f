import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_IDS, RULES } from '../rules/index.js';
import { loadConfig } from '../load/config.js';
import { registryFiles, registryOf } from '../load/registry.js';
import { eventKey } from '../rules/duplicate-event.js';
import { displayPath } from '../report/index.js';
import { lint } from '../lint.js';
import type { EventDef } from '../model.js';
import { suggestEventName, toSnakeCase } from '../naming/index.js';
import { series } from '../text.js';
import { UsageError, type Io } from './main.js';

export interface NewOptions { config?: string; owner?: string; description?: string }

const NAME_RULES = RULES.filter((r) => r.id.startsWith('event-name-'));

export async function newCommand(input: string, opts: NewOptions, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, opts.config, RULE_IDS, { orHere: true });
  const problems = checkName(input, config);
  if (problems.length > 0) {
    io.err(`trackplan: "${input}" is not a good event name:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    const better = proposal(input, config);
    if (better) io.err(`Try: trackplan new ${better}\n`);
    return 1;
  }
  const file = path.join(config.registry, 'events', `${input}.yaml`);
  const existing = fs.existsSync(config.registry) ? sameEvent(input, config.registry) : undefined;
  if (existing) throw new UsageError(`The event \`${input}\` is already defined in ${displayPath(io.cwd, existing)}.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, scaffold(input, opts, schemaFor(file, config.dir)), { flag: 'wx' });
  const missing = [opts.description ? '' : 'description', opts.owner ? '' : 'owner', 'properties'].filter(Boolean);
  io.out(`Created ${displayPath(io.cwd, file)}. Fill in its ${series(missing, 'and')}, then run \`trackplan lint\`.\n`);
  return 0;
}

/** A file of the registry, in any subfolder, that is or would be `name` to duplicate-event. */
function sameEvent(name: string, registry: string): string | undefined {
  const key = eventKey(name);
  return registryFiles(registry).find((r) => r.kind === 'event' && eventKey(path.basename(r.file).replace(/\.ya?ml$/i, '')) === key)?.file;
}

/** The messages the event-name rules give for `name`, as configured. */
function checkName(name: string, config: ReturnType<typeof loadConfig>): string[] {
  const file = path.resolve(`${name}.yaml`);
  const event: EventDef = { name, file, loc: { line: 1, column: 1 }, status: 'proposed', version: 1, properties: [], keys: {} };
  const result = lint(registryOf([{ file, kind: 'event', hash: '', event, problems: [] }], ''), config, NAME_RULES);
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => (d.suggestion ? `${d.message} ${d.suggestion}` : d.message));
}

/** A fixed name that itself passes the rules, if one can be found. */
export function proposal(input: string, config: ReturnType<typeof loadConfig>): string | undefined {
  const snake = toSnakeCase(input);
  for (const candidate of [snake, suggestEventName(snake)]) {
    if (candidate && candidate !== input && checkName(candidate, config).length === 0) return candidate;
  }
  return undefined;
}

/** A published format schema, relative to the new file, so editors validate as you type. */
export function schemaFor(file: string, projectDir: string, schema = 'trackplan.schema.json'): string {
  const installed = path.join(projectDir, 'node_modules', 'trackplan', schema);
  const own = fileURLToPath(new URL(`../../${schema}`, import.meta.url));
  return path.relative(path.dirname(file), fs.existsSync(installed) ? installed : own).split(path.sep).join('/');
}

function scaffold(name: string, opts: NewOptions, schema: string): string {
  const line = (key: string, value: string | undefined, hint: string) =>
    value ? `${key}: ${JSON.stringify(value)}\n` : `${key}: # ${hint}\n`;
  return `# yaml-language-server: $schema=${schema}\n`
    + `name: ${name}\n`
    + line('description', opts.description, 'what happened, and when it is sent')
    + line('owner', opts.owner, 'the team that answers for this event')
    + 'status: proposed\n'
    + 'version: 1\n'
    + 'properties: {}\n'
    + '# properties:\n'
    + '#   project_id:\n'
    + '#     type: string\n'
    + '#     format: uuid\n'
    + '#     description: Identifier of the project.\n'
    + '#     required: true\n';
}
