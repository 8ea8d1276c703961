/**
 * Backup and restore: `npm run backup` and `npm run restore` (the real scripts, as child processes)
 * round-trip a database with the demo data; every table's row count and md5 checksum, and every
 * sequence, are equal afterwards. A restore over a non-empty database is refused without --force.
 * PGlite by default; PostgreSQL (pg_dump/pg_restore) when TEST_DATABASE_URL is set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/core/db/client';
import { openDatabase } from '../../src/platform';
import {
  createPgDatabase,
  demoDatabase,
  root,
  rows,
  SESSION_SECRET,
  type TableSummary,
  tableChecksums,
} from './harness';

const adminUrl = process.env.TEST_DATABASE_URL;
const kind = adminUrl ? 'PostgreSQL' : 'PGlite';
const work = mkdtempSync(join(tmpdir(), 'rk-backup-'));
const cleanups: Array<() => Promise<void> | void> = [() => rmSync(work, { recursive: true, force: true })];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Runs scripts/<name>.ts as `npm run <name>` does, against the database in env. */
function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', SESSION_SECRET, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  console.info(
    `[reliability] ${name} ${args.join(' ')}: exit ${result.status} in ${Date.now() - started} ms`,
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A database target: its environment for the scripts and a way to open it here. */
async function target(label: string): Promise<{ env: Record<string, string>; open(): Promise<Database> }> {
  const dataDir = join(work, label);
  if (adminUrl) {
    const db = await createPgDatabase(adminUrl, 'rk_backup');
    cleanups.push(db.drop);
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: db.url },
      open: () => createDatabase({ url: db.url, poolSize: 2 }),
    };
  }
  const env = { DATA_DIR: dataDir };
  return { env, open: () => openDatabase(loadConfig({ NODE_ENV: 'test', SESSION_SECRET, ...env })) };
}

async function checksums(t: { open(): Promise<Database> }): Promise<TableSummary[]> {
  const started = Date.now();
  const database = await t.open();
  try {
    return await tableChecksums(database);
  } finally {
    await database.close();
    console.info(`[reliability] checksums in ${Date.now() - started} ms`);
  }
}

describe(`backup and restore (${kind})`, () => {
  it('round-trips a populated database with every table and checksum equal', async () => {
    const source = await demoDatabase(adminUrl);
    cleanups.push(source.cleanup);
    const original = await checksums(source);
    const populated = original.filter((t) => !t.table.startsWith('sequence') && t.rows > 0);
    expect(populated.length, 'the demo data fills most tables').toBeGreaterThan(30);

    const file = join(work, adminUrl ? 'regiekamer.dump' : 'regiekamer.tar.gz');
    const backup = script('backup', [file], source.env);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain('Backup of the');

    // Into an empty database: everything comes back, byte for byte.
    const copy = await target('copy');
    const restore = script('restore', [file], copy.env);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/Restored \d+ tables/);
    expect(await checksums(copy)).toEqual(original);

    // Over a database with data: refused with a clear message, and nothing changes.
    {
      const database = await copy.open();
      await database.exec(
        `update organisations set name = name || ' (gewijzigd)' where type = 'local_government'`,
      );
      await database.close();
    }
    const refused = script('restore', [file], copy.env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--force');
    {
      const database = await copy.open();
      const [row] = await rows<{ n: number | string }>(
        database,
        `select count(*) as n from organisations where name like '% (gewijzigd)'`,
      );
      await database.close();
      expect(Number(row!.n), 'the refused restore changed nothing').toBeGreaterThan(0);
    }

    // With --force: replaced by the backup.
    const forced = script('restore', [file, '--force'], copy.env);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    expect(await checksums(copy)).toEqual(original);
    if (!adminUrl) {
      // The replaced embedded database is kept aside, not deleted.
      expect(readdirSync(join(work, 'copy')).some((f) => f.startsWith('pglite.before-restore-'))).toBe(true);
    }

    // A missing file is a clear error too.
    const missing = script('restore', [join(work, 'nope.dump')], copy.env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('does not exist');
  }, 240_000);
});
