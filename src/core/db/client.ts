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

/**
 * Planner costs for storage where a random read costs about as much as a sequential one (SSD, or data
 * that fits in memory): PostgreSQL's default of 4 makes it scan whole tables instead of using an index
 * once a search matches a few hundred rows (docs/decisions/0004-planner-settings.md).
 */
const PLANNER_SETTINGS = { random_page_cost: '1.1' } as const;

export type Database = {
  kind: DatabaseKind;
  db: Db;
  /** Runs a raw SQL script (several statements) outside Drizzle; for migrations, dumps and tests. */
  exec(sqlText: string): Promise<void>;
  /** Checks the connection; throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: its data directory as an uncompressed tarball (see `pgliteDump`). */
  dumpDataDir?(): Promise<Blob>;
};

export type DatabaseOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; when absent (and no url), an in-memory PGlite. */
  pgliteDir?: string | undefined;
  /** A PGlite data directory dump (`dumpDataDir`) to start an in-memory PGlite from, instead of an empty one. */
  pgliteDump?: Blob | undefined;
  poolSize?: number;
};

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      options: Object.entries(PLANNER_SETTINGS)
        .map(([name, value]) => `-c ${name}=${value}`)
        .join(' '),
      // While the server is away, fail fast instead of queueing requests until the client gives up.
      connectionTimeoutMillis: 5_000,
    });
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
        // The health check answers within seconds, also when the network swallows packets.
        const client = await pool.connect();
        try {
          await client.query({ text: 'select 1', query_timeout: 3_000 } as pg.QueryConfig);
          client.release();
        } catch (error) {
          client.release(true); // a connection that failed is not given back to the pool
          throw error;
        }
      },
      close: () => pool.end(),
    };
  }
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  const client = options.pgliteDir
    ? new PGlite(options.pgliteDir)
    : new PGlite(options.pgliteDump ? { loadDataDir: options.pgliteDump } : {});
  await client.waitReady;
  for (const [name, value] of Object.entries(PLANNER_SETTINGS)) await client.exec(`set ${name} = ${value}`);
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
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}

export function pgliteDirFor(dataDir: string): string {
  return join(dataDir, 'pglite');
}
