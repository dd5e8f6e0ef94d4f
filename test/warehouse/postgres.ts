// A throwaway PostgreSQL server for a test file: Debian's postgresql, a cluster in a temporary
// folder, listening only on a Unix socket in that folder, stopped and removed after. The server
// refuses to run as root: as root, initdb and pg_ctl run as the `postgres` user the package
// creates. Statements go through psql as a process, results come back as JSON.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folder of initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin, else PATH. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length) return path.join(root, versions[0]!, 'bin');
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? path.dirname(fs.realpathSync(found)) : undefined;
}

export interface Psql { code: number | null; stdout: string; stderr: string }

export interface Postgres {
  /** Runs SQL text through psql, stopping at the first error. */
  psql(sql: string, args?: string[]): Psql;
  /** Runs SQL and fails the test on an error. */
  run(sql: string): void;
  /** The rows of a query, as json_agg writes them. */
  rows(sql: string): Array<Record<string, unknown>>;
  stop(): void;
}

export function startPostgres(): Postgres {
  const bin = postgresBin();
  if (!bin) throw new Error('No PostgreSQL found: apt-get install -y postgresql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackplan-pg-'));
  const asServer = (cmd: string, args: string[]): ReturnType<typeof spawnSync> => {
    const root = process.getuid?.() === 0;
    return spawnSync(root ? 'runuser' : path.join(bin, cmd), root ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args, { encoding: 'utf8', timeout: 120_000 });
  };
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const init = asServer('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb failed: ${String(init.stderr)}`);
  const start = asServer('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-c listen_addresses='' -k ${dir} -c fsync=off`, 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${String(start.stderr)}${fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : ''}`);
  const psqlBin = fs.existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql';
  const psql = (sql: string, args: string[] = []): Psql => {
    const r = spawnSync(psqlBin, ['-h', dir, '-U', 'postgres', '-d', 'postgres', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', ...args, '-f', '-'], { input: sql, encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 30 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const run = (sql: string): void => {
    const r = psql(sql);
    if (r.code !== 0) throw new Error(`psql failed (${r.code}): ${r.stderr}`);
  };
  return {
    psql,
    run,
    rows(sql) {
      const r = psql(`SELECT coalesce(json_agg(trackplan_rows), '[]') FROM (${sql.trim().replace(/;$/, '')}) AS trackplan_rows;\n`);
      if (r.code !== 0) throw new Error(`psql failed (${r.code}): ${r.stderr}`);
      return JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    },
    stop() {
      asServer('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
