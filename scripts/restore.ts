/**
 * `npm run restore -- <file> [--force]`: restores a backup made by `npm run backup`.
 *
 * Refuses to restore over a database that holds data unless `--force` is given:
 * - PostgreSQL: with --force the schemas `public` and `drizzle` are dropped first; then
 *   `pg_restore --single-transaction --exit-on-error`, so a failed restore leaves no half-restored tables.
 * - PGlite: with --force the current data directory is kept aside as `<dir>.before-restore-<time>`;
 *   then the tarball is loaded with PGlite's `loadDataDir`. Stop the app first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ConfigError, loadConfig } from '../src/config';
import { pgliteDirFor } from '../src/core/db/client';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function findTool(name: string): string {
  try {
    return execFileSync('which', [name]).toString().trim();
  } catch {
    fail(
      `${name} is not installed. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client).`,
    );
  }
}

const refusal = (where: string) =>
  `The database ${where} is not empty. Restoring would replace everything in it.\n` +
  'Nothing was changed. Run again with --force to replace its contents (npm run restore -- <file> --force).';

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) fail('Usage: npm run restore -- <file> [--force]');
  const source = resolve(file);
  if (!existsSync(source)) fail(`The backup file ${source} does not exist.`);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const started = Date.now();
  let tables = 0;

  if (config.databaseUrl) {
    const pgRestore = findTool('pg_restore');
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname in ('public', 'drizzle')`,
      );
      if (Number(rows[0]!.n) > 0) {
        if (!force) fail(refusal(new URL(config.databaseUrl).pathname.slice(1)));
        await client.query(
          'drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public',
        );
      }
    } finally {
      await client.end();
    }
    try {
      execFileSync(
        pgRestore,
        [
          '--no-owner',
          '--no-privileges',
          '--single-transaction',
          '--exit-on-error',
          '--dbname',
          config.databaseUrl,
          source,
        ],
        { stdio: ['ignore', 'inherit', 'pipe'] },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      fail(`pg_restore failed; nothing was restored: ${stderr.trim()}`);
    }
    const check = new pg.Client({ connectionString: config.databaseUrl });
    await check.connect();
    const { rows } = await check.query<{ n: string }>(
      `select count(*) as n from pg_tables where schemaname in ('public', 'drizzle')`,
    );
    tables = Number(rows[0]!.n);
    await check.end();
  } else {
    const dir = pgliteDirFor(config.dataDir);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      if (!force) fail(refusal(`in ${dir}`));
      const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dir, aside);
      process.stdout.write(`The previous embedded database was moved to ${aside}.\n`);
    }
    mkdirSync(dirname(dir), { recursive: true });
    const blob = new Blob([readFileSync(source)]);
    const db = new PGlite(dir, { loadDataDir: blob });
    await db.waitReady;
    const result = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`,
    );
    tables = result.rows[0]!.n;
    await db.close();
  }
  process.stdout.write(
    `Restored ${tables} tables from ${source} into the ${config.databaseUrl ? 'PostgreSQL' : 'embedded'} database ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
  );
}

main().catch((error) => fail(`Restore failed: ${error instanceof Error ? error.message : String(error)}`));
