import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

// biome-ignore lint/suspicious/noExplicitAny: both drivers' result kinds meet here; callers use `.rows`.
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>, any>;
// biome-ignore lint/suspicious/noExplicitAny: see Db.
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, any>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export type Database = {
  kind: DatabaseKind;
  db: Db;
  /** Runs a raw SQL script (several statements) outside Drizzle; for migrations, dumps and tests. */
  exec(sqlText: string): Promise<void>;
  /** Checks the connection; throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; when absent (and no url), an in-memory PGlite. */
  pgliteDir?: string | undefined;
  poolSize?: number;
};

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
    // A dropped connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool) as unknown as Db;
    return {
      kind: 'postgresql',
      db,
      exec: async (sqlText) => {
        await pool.query(sqlText);
      },
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  const client = options.pgliteDir ? new PGlite(options.pgliteDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

export function pgliteDirFor(dataDir: string): string {
  return join(dataDir, 'pglite');
}
