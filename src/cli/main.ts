// The `trackplan` command: commander wiring only. Each command lives in its own file and
// returns an exit code: 0 ok, 1 findings, 2 usage or configuration error.
import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../load/config.js';
import { RegistryError } from '../load/registry.js';
import { WriteError } from '../write.js';
import { FORMATS } from '../report/index.js';
import { DIFF_FORMATS } from '../report/diff-format.js';
import { coverageCommand, FAIL_ON, type FailOn } from './coverage.js';
import { COVERAGE_FORMATS } from '../report/coverage.js';
import { CI_PROVIDERS, initCommand } from './init.js';
import { guardStdout } from './stdout.js';
import { DIALECTS } from '../compile/sql/dialects.js';
import { VALIDATE_FORMATS } from '../report/validate.js';

// The commands that need more than lint does (Ajv for validate, compile for build...) are loaded
// when run: every `trackplan lint` starts, in an editor or a pre-commit hook, and pays for
// what it loads.

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export class UsageError extends Error {}

/** Here, not in warehouse.ts, so that --help does not load DuckDB. */
export const WAREHOUSE_FORMATS = ['stylish', 'json'] as const;

const CONFIG_HELP = 'config file (default: the nearest trackplan.config.yaml from here up to the repository root)';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const program = new Command('trackplan')
    .description('Lint a tracking plan of YAML event definitions and compile it into enforced code.')
    .version(pkg.version)
    .exitOverride()
    // Commander's own errors (a missing argument, an unknown option) read like ours: prefixed,
    // without its `error:` word, and with where to find the usage.
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(`trackplan: ${text.replace(/^error: /, '')}`) })
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true);

  program.command('init')
    .description('Start a tracking plan here: trackplan.config.yaml, registry/ with an example event, the caches in .gitignore. Never overwrites.')
    .addOption(new Option('--ci <provider>', 'also write a CI workflow (.github/workflows/trackplan.yml)').choices(CI_PROVIDERS))
    .action(async (opts) => { code = await initCommand(opts, io); });

  program.command('lint')
    .description('Check the registry against every rule and print what is wrong, where, and how to fix it.')
    .option('-c, --config <file>', CONFIG_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--no-cache', 'parse every file, ignoring and not writing the cache')
    .option('--cache-location <file>', 'cache file (default: .trackplan-cache in the project folder)')
    .option('--update-baseline', 'record the current findings in .trackplan-baseline.json (in the project folder): afterwards only new ones are reported')
    .option('--no-baseline', 'report every finding, also those .trackplan-baseline.json holds')
    .action(async (opts) => { code = await (await import('./lint.js')).lintCommand(opts, io); });

  program.command('new')
    .description('Scaffold registry/events/<event_name>.yaml after checking the name.')
    .argument('<event_name>', 'the event name, e.g. project_created')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--owner <team>', 'the team that answers for the event')
    .option('--description <text>', 'what happened, and when it is sent')
    .action(async (name: string, opts) => { code = await (await import('./new.js')).newCommand(name, opts, io); });

  program.command('build')
    .description('Lint the registry, then write JSON Schemas, TypeScript types, the typed tracker and the catalog into the output folder.')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-o, --out <dir>', 'output folder (default: `output` in the config, else ./generated)')
    .option('--no-cache', 'compile every file afresh, ignoring and not writing .trackplan-build-cache')
    .option('--no-baseline', 'let every lint finding count, also those .trackplan-baseline.json holds')
    .action(async (opts) => { code = await (await import('./build.js')).buildCommand(opts, io); });

  program.command('catalog')
    .description('Write only the catalog page (catalog/index.html in the output folder) and print its path.')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-o, --out <file>', 'where to write the page (default: catalog/index.html in the output folder)')
    .option('--open', 'open the page in the default browser')
    .option('--no-cache', 'compile every file afresh, ignoring and not writing .trackplan-build-cache')
    .action(async (opts) => { code = await (await import('./catalog.js')).catalogCommand(opts, io); });

  program.command('check')
    .description('Exit 1 and list the files when the output folder differs from what `build` would write.')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-o, --out <dir>', 'output folder (default: `output` in the config, else ./generated)')
    .option('--no-cache', 'compile every file afresh, ignoring and not writing .trackplan-build-cache')
    .option('--no-baseline', 'let every lint finding count, also those .trackplan-baseline.json holds')
    .action(async (opts) => { code = await (await import('./check.js')).checkCommand(opts, io); });

  program.command('diff')
    .description('Compare the registry with a git ref (or a folder), classify every change, and exit 1 on a breaking change the config\'s `compatibility` forbids.')
    .option('--base <ref>', 'git ref to compare with, e.g. origin/main (read through git; the working tree is not touched)')
    .option('--base-dir <dir>', 'registry folder to compare with, instead of a git ref')
    .option('-c, --config <file>', CONFIG_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('stylish'))
    .action(async (opts) => { code = await (await import('./diff.js')).diffCommand(opts, io); });

  program.command('validate')
    .description('Check NDJSON event data (one event per line; .gz too; - for standard input) against the registry\'s schemas; exit 1 when a line is invalid.')
    .argument('<files...>', 'NDJSON files, or - for standard input')
    .option('-c, --config <file>', CONFIG_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(VALIDATE_FORMATS).default('stylish'))
    .option('--max-errors <n>', 'stop reading after this many errors', parsePositive)
    .option('-j, --jobs <n>', 'worker threads that check a large input (default: one per core; 1: none, all in this thread)', parsePositive)
    .option('--no-cache', 'load the registry afresh, ignoring and not writing the cache')
    .option('--cache-location <file>', 'cache file (the plan made of the registry, kept while no file changes; default: .trackplan-validate-cache in the project folder)')
    .action(async (files: string[], opts) => { code = await (await import('./validate.js')).validateCommand(files, opts, io); });

  program.command('coverage')
    .description('Run the ESLint plugin\'s call analysis over the code and report which events of the plan it sends, and where; which it never sends; and sends of events that are not in the plan or deprecated.')
    .argument('[paths...]', 'files, folders or globs to read (default: .)')
    .option('-c, --config <file>', 'config file (default: ./trackplan.config.yaml if present)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(COVERAGE_FORMATS).default('stylish'))
    .option('--callees <file>', 'a JSON list of callees, as `settings.trackplan.callees` (default: the ESLint config\'s, else the trackplan config\'s `eslint.callees`, else the plugin\'s defaults)')
    .option('--fail-on <kinds>', `exit 1 when any of these is found, comma-separated: ${FAIL_ON.join(', ')}`, parseFailOn)
    .action(async (paths: string[], opts) => { code = await coverageCommand(paths, opts, io); });

  program.command('import')
    .description('Write registry files from an existing tracking plan (segment: a Segment Protocols plan as JSON; jsonschema: a folder of JSON Schemas, Snowplow Iglu included; amplitude: Amplitude Data\'s CSV of events and event properties; avo: Avo\'s tracking plan as JSON; mixpanel: Mixpanel Lexicon\'s schemas as JSON), keeping the names it was sent under as aliases; exit 1 when something was approximated or skipped.')
    .argument('<format>', 'segment, jsonschema, amplitude, avo or mixpanel')
    .argument('<input>', 'the plan file (or a folder of them), or the folder of schemas')
    .option('-c, --config <file>', 'config file (default: ./trackplan.config.yaml if present)')
    .option('--registry <dir>', 'registry folder to write into (default: the configured registry)')
    .option('--dry-run', 'print the report, write nothing')
    .option('--force', 'replace files that already exist')
    .action(async (format: string, input: string, opts) => { code = await (await import('./import.js')).importCommand(format, input, opts, io); });

  const warehouse = program.command('warehouse')
    .description('The plan in SQL: load NDJSON into a DuckDB file and check it with event_violations, or print any engine\'s script.');
  warehouse.command('load')
    .description('Append NDJSON events (one per line; .gz too; - for standard input) to the raw table of a DuckDB file, creating or updating its schema; exit 1 when a line could not be loaded.')
    .argument('[files...]', 'NDJSON files, or - for standard input (none: only create or update the schema)')
    .requiredOption('--db <file>', 'the DuckDB database file (created when missing)')
    .option('-c, --config <file>', CONFIG_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(WAREHOUSE_FORMATS).default('stylish'))
    .option('--no-cache', 'compile every file afresh, ignoring and not writing .trackplan-build-cache')
    .action(async (files: string[], opts) => { code = await (await import('./warehouse.js')).warehouseLoadCommand(files, opts, io); });
  warehouse.command('check')
    .description('Print every row of event_violations in a DuckDB file made by `warehouse load`; exit 1 when there is one.')
    .requiredOption('--db <file>', 'the DuckDB database file')
    .option('-c, --config <file>', CONFIG_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(WAREHOUSE_FORMATS).default('stylish'))
    .option('--no-cache', 'compile every file afresh, ignoring and not writing .trackplan-build-cache')
    .action(async (opts) => { code = await (await import('./warehouse.js')).warehouseCheckCommand(opts, io); });
  warehouse.command('sql')
    .description('Print the warehouse script of an engine, for psql, bq query or snowsql.')
    .addOption(new Option('-d, --dialect <dialect>', 'the engine').choices(DIALECTS).default('duckdb'))
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--no-cache', 'compile every file afresh, ignoring and not writing .trackplan-build-cache')
    .action(async (opts) => { code = await (await import('./warehouse.js')).warehouseSqlCommand(opts, io); });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof ConfigError) {
      // One line per problem: a config may have several, all reported at once.
      io.err(e.message.split('\n').map((line) => `trackplan: ${line}\n`).join(''));
      return 2;
    }
    if (e instanceof RegistryError || e instanceof UsageError || e instanceof WriteError) {
      io.err(`trackplan: ${e.message}\n`);
      return 2;
    }
    io.err(`trackplan: internal error: ${(e as Error).message}\nPlease report it with the command you ran.\n`);
    if (process.env.TRACKPLAN_DEBUG) io.err(`${(e as Error).stack}\n`);
    return 2;
  }
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('Expected a whole number.');
  return n;
}

function parseFailOn(value: string): FailOn[] {
  const kinds = value.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = kinds.find((k) => !(FAIL_ON as readonly string[]).includes(k));
  if (bad !== undefined || kinds.length === 0) throw new InvalidArgumentError(`Expected one or more of ${FAIL_ON.join(', ')}, comma-separated.`);
  return kinds as FailOn[];
}

function parsePositive(value: string): number {
  const n = parseCount(value);
  if (n < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return n;
}

export interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  color: boolean;
  /** Standard output is a terminal: a person reads it, so a clean lint says so. */
  interactive?: boolean;
  /**
   * Standard output failed (a closed pipe, a full disk): `listener` is told instead of the
   * default (a closed pipe ends the process quietly). validate listens, to stop and say so.
   */
  onOutputError?(listener: (e: NodeJS.ErrnoException) => void): void;
}

function processIo(): Io {
  // validate listens itself, to stop reading and say what it checked; every other command
  // gets guardStdout's default.
  let listener: ((e: NodeJS.ErrnoException) => void) | undefined;
  guardStdout(() => listener);
  return {
    cwd: process.cwd(),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    interactive: Boolean(process.stdout.isTTY),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    onOutputError: (l) => { listener = l; },
  };
}
