// The embedded warehouse: a DuckDB database (a file, or in memory) through @duckdb/node-api.
// A thin wrapper: run a script, read rows as plain JSON values.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export type Row = Record<string, unknown>;

export interface Warehouse {
  /** Runs statements, one after another (a whole script). */
  run(sql: string): Promise<void>;
  /** The rows of one query, values as JSON gives them (timestamps and big integers as text). */
  rows(sql: string): Promise<Row[]>;
  connection: DuckDBConnection;
  close(): void;
}

/** Opens (and creates) the database `file`; `:memory:` for one that lives in this process only. */
export async function openDuckDB(file: string, options: Record<string, string> = {}): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(file, options);
  const connection = await instance.connect();
  return {
    connection,
    async run(sql) { await connection.run(sql); },
    async rows(sql) { return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[]; },
    close() { connection.closeSync(); instance.closeSync(); },
  };
}
