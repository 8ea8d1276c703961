/**
 * `npm run backup -- <file>`: a full backup of the configured database.
 *
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` (restore with `npm run restore`, or pg_restore).
 * - Embedded PGlite (DATA_DIR): PGlite's `dumpDataDir()`, a gzipped tarball of the data directory.
 *   Stop the app first: PGlite is a single-process database and must not be opened twice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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

async function main() {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) fail('Usage: npm run backup -- <file>');
  const target = resolve(file);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const started = Date.now();

  if (config.databaseUrl) {
    const pgDump = findTool('pg_dump');
    try {
      execFileSync(
        pgDump,
        ['--format=custom', '--no-owner', '--no-privileges', '--file', target, config.databaseUrl],
        {
          stdio: ['ignore', 'inherit', 'pipe'],
        },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      fail(`pg_dump failed: ${stderr.trim()}`);
    }
  } else {
    const dir = pgliteDirFor(config.dataDir);
    if (!existsSync(resolve(dir, 'PG_VERSION'))) fail(`There is no embedded database in ${dir}.`);
    const pg = new PGlite(dir);
    await pg.waitReady;
    // A checkpoint first, so the tarball holds the data files and not only the WAL to replay.
    await pg.exec('CHECKPOINT');
    const dump = await pg.dumpDataDir('gzip');
    await pg.close();
    writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  }
  const size = statSync(target).size;
  process.stdout.write(
    `Backup of the ${config.databaseUrl ? 'PostgreSQL' : 'embedded'} database written to ${target} ` +
      `(${(size / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s).\n`,
  );
}

main().catch((error) => fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`));
