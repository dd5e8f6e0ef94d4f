// `trackplan warehouse load|check|sql`: the embedded warehouse (a DuckDB file) and the scripts
// for the others. Thin: the script comes from the build (compile/sql), the work from warehouse/.
import fs from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { buildFolder } from '../build-folder.js';
import { CompileError } from '../compile/index.js';
import { dialect, type DialectName } from '../compile/sql/dialects.js';
import { scriptPath } from '../compile/sql/warehouse.js';
import { loadConfig, type Config } from '../load/config.js';
import { format } from '../report/index.js';
import { RULE_IDS } from '../rules/index.js';
import { fileInput, InputError } from '../validate/run.js';
import { databasePlan, ensureSchema, rowCount, scriptPlan, violationsOf } from '../warehouse/check.js';
import { openDuckDB } from '../warehouse/duckdb.js';
import { loadInto } from '../warehouse/load.js';
import { BUILD_CACHE } from './build.js';
import { UsageError, WAREHOUSE_FORMATS, type Io } from './main.js';

export type WarehouseFormat = (typeof WAREHOUSE_FORMATS)[number];

export interface WarehouseOptions {
  config?: string;
  db?: string;
  format?: WarehouseFormat;
  dialect?: DialectName;
  cache?: boolean;
}

/** The script of `name` for the registry, or the exit code when the registry gives none. */
async function scriptFor(config: Config, name: DialectName, opts: WarehouseOptions, io: Io): Promise<string | number> {
  try {
    const cacheFile = opts.cache === false ? undefined : path.join(config.dir, BUILD_CACHE);
    const { lint, artifacts } = await buildFolder(config.registry, { ...config, warehouse: { ...config.warehouse, dialects: [name] } }, { ...(cacheFile ? { cacheFile } : {}), only: 'warehouse', warn: (m) => io.err(`trackplan: warning: ${m}\n`) });
    if (artifacts) return artifacts.get(scriptPath(name))!;
    io.err(format('stylish', { ...lint, diagnostics: lint.diagnostics.filter((d) => d.severity === 'error'), warningCount: 0 }, { cwd: io.cwd, color: io.color }));
    io.err('trackplan: the registry has errors, so there is no warehouse script; fix them first (`trackplan lint`).\n');
    return 2;
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    io.err(`trackplan: ${e.message}\n`);
    return 2;
  }
}

export async function warehouseSqlCommand(opts: WarehouseOptions, io: Io): Promise<number> {
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const script = await scriptFor(config, opts.dialect ?? 'duckdb', opts, io);
  if (typeof script === 'number') return script;
  io.out(script);
  return 0;
}

const plural = (n: number, what: string): string => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

export async function warehouseLoadCommand(files: string[], opts: WarehouseOptions, io: Io): Promise<number> {
  if (!opts.db) throw new UsageError('name the database with --db FILE.duckdb.');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input (-) can be read only once.');
  for (const f of files) {
    if (f === '-') continue;
    const stat = fs.statSync(path.resolve(io.cwd, f), { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read ${f}: no such file.`);
    if (stat.isDirectory()) throw new UsageError(`cannot read ${f}: it is a folder; name the NDJSON files in it.`);
  }
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const script = await scriptFor(config, 'duckdb', opts, io);
  if (typeof script === 'number') return script;
  const { schema, table } = config.warehouse;
  const file = path.resolve(io.cwd, opts.db);
  const db = await openDuckDB(file);
  try {
    const schemaState = await ensureSchema(db, script, schema);
    const where = `${schema}.${table} of ${opts.db}`;
    if (schemaState === 'updated') io.err(`trackplan: the views of ${opts.db} were made from another version of the plan: they now follow the current one (the raw rows are unchanged).\n`);
    const d = dialect('duckdb');
    let result;
    try {
      result = await loadInto(db, `${d.ident(schema)}.${d.ident(table)}`, files.map((f) => fileInput(f, io.cwd)));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (typeof err.code !== 'string') throw e;
      const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code.startsWith('Z_') ? `it is not valid gzip data (${err.message})` : err.message;
      throw new InputError(why);
    }
    if (opts.format === 'json') {
      io.out(`${JSON.stringify({ loaded: result.loaded, skipped: result.skipped, lines: result.lines, not_loaded: result.bad, schema: schemaState })}\n`);
    } else {
      const c = pc.createColors(io.color);
      let shown: string | undefined;
      for (const b of result.bad) {
        if (b.file !== shown) { io.out(`\n${c.underline(b.file === '-' ? '(standard input)' : b.file)}\n`); shown = b.file; }
        io.out(`  ${c.dim(String(b.line).padStart(6))}  ${c.red('not loaded')}  ${b.message}\n`);
      }
      const parts = [`${plural(result.loaded, 'event')} loaded into ${where}`];
      if (result.skipped) parts.push(`${plural(result.skipped, 'line')} already there skipped (the same event, loaded before)`);
      if (result.bad.length) parts.push(`${plural(result.bad.length, 'line')} not loaded`);
      io.out(`${result.bad.length ? '\n' : ''}${schemaState === 'created' ? `Created the warehouse (schema ${schema}) in ${opts.db}. ` : ''}${parts.join('; ')}. Run \`trackplan warehouse check --db ${opts.db}\` for what breaks the plan.\n`);
    }
    return result.bad.length ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) { io.err(`trackplan: cannot read the input: ${e.message}; nothing was loaded.\n`); return 2; }
    throw e;
  } finally {
    db.close();
  }
}

export async function warehouseCheckCommand(opts: WarehouseOptions, io: Io): Promise<number> {
  if (!opts.db) throw new UsageError('name the database with --db FILE.duckdb.');
  const file = path.resolve(io.cwd, opts.db);
  if (!fs.existsSync(file)) throw new UsageError(`there is no database ${opts.db}: make one with \`trackplan warehouse load --db ${opts.db} <ndjson...>\`.`);
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  const script = await scriptFor(config, 'duckdb', opts, io);
  if (typeof script === 'number') return script;
  const { schema, table } = config.warehouse;
  let db;
  try {
    db = await openDuckDB(file, { access_mode: 'READ_ONLY' });
  } catch (e) {
    throw new UsageError(`cannot open ${opts.db} as a DuckDB database: ${(e as Error).message}`);
  }
  try {
    const plan = await databasePlan(db, schema);
    if (plan === undefined) throw new UsageError(`${opts.db} holds no trackplan warehouse in the schema ${schema}: load events with \`trackplan warehouse load --db ${opts.db}\` first.`);
    const want = scriptPlan(script);
    if (plan !== want) {
      throw new UsageError(`${opts.db} was made by another version of the plan (its views: ${plan}; the registry now gives ${want}), so its checks are not the registry's. Bring its views up to date with \`trackplan warehouse load --db ${opts.db}\` (no file needed; the raw rows stay as they are), then check again.`);
    }
    const rows = await violationsOf(db, schema);
    const events = new Set(rows.map((r) => `${r.event_id}\0${r.event_name}`)).size;
    if (opts.format === 'json') {
      io.out(`${JSON.stringify({ violations: rows.map(({ event_id, event_name, rule, path: p, message }) => ({ event_id, event_name, rule, path: p, message })), count: rows.length })}\n`);
    } else {
      const c = pc.createColors(io.color);
      for (const r of rows) {
        const what = [r.event_name ?? '(no event_name)', r.path].filter(Boolean).join(' ');
        io.out(`  ${c.dim((r.event_id ?? '(no event_id)').padEnd(36))}  ${c.red(r.rule.padEnd(16))}  ${c.bold(what)}: ${r.message}\n`);
      }
      const total = await rowCount(db, schema, table);
      const tally = `${plural(total, 'event')} in ${schema}.${table}: ${rows.length ? `${plural(rows.length, 'violation')} in ${plural(events, 'event')}` : 'no violation'}`;
      io.out(`${rows.length ? '\n' : ''}${rows.length ? c.bold(c.red(`✖ ${tally}`)) : c.bold(c.green(`✔ ${tally}`))}\n`);
    }
    return rows.length ? 1 : 0;
  } finally {
    db.close();
  }
}
