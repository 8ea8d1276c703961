import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../src/core/db/client';
import type { TemplateStore } from './global-setup';

export type TestDatabase = Database & { url?: string };

/**
 * A fresh, isolated database for one test file: in-memory PGlite (optionally started from a dump), or, when
 * TEST_DATABASE_URL is set, a new PostgreSQL database on that server (optionally a copy of a template
 * database) that is dropped by close().
 */
export async function createTestDatabase(
  from: { pgliteDump?: Blob; template?: string } = {},
): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return createDatabase({ pgliteDump: from.pgliteDump });
  const name = `rk_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}${from.template ? ` template ${from.template}` : ''}`);
  const url = databaseUrl(adminUrl, name);
  const database = await createDatabase({ url, poolSize: 10 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * Preparing the platform (migrations, reference and demo data) costs seconds, and a fresh in-memory PGlite
 * costs seconds more; most test files want the same prepared database. The first file of a run that needs a
 * given preparation builds it and leaves a copy (a PGlite dump, or a PostgreSQL template database); the
 * others of the same run start from that copy. `key` must name everything the preparation depends on.
 * Outside a vitest run with test/global-setup.ts every caller prepares its own database.
 */
export async function preparedDatabase(
  key: string,
  prepare: (database: Database) => Promise<void>,
): Promise<TestDatabase> {
  const store = templateStore();
  if (!store) return prepareFresh(prepare);
  const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const ready = join(store.dir, `${id}.ready`);
  const failed = join(store.dir, `${id}.failed`);
  const adminUrl = process.env.TEST_DATABASE_URL;

  if (claim(join(store.dir, `${id}.lock`))) {
    try {
      if (adminUrl) {
        const template = `rk_tmpl_${store.runId}_${id}`;
        await adminQuery(adminUrl, `create database ${template}`);
        const built = await createDatabase({ url: databaseUrl(adminUrl, template), poolSize: 2 });
        try {
          await prepare(built);
        } finally {
          await built.close(); // a template database must have no connections when it is copied
        }
        publish(ready, template);
        return prepareFresh(prepare, { template });
      }
      const database = await prepareFresh(prepare);
      if (database.dumpDataDir) {
        const dump = Buffer.from(await (await database.dumpDataDir()).arrayBuffer());
        publish(ready, dump);
      }
      return database;
    } catch (error) {
      publish(failed, String(error));
      throw error;
    }
  }

  if (!(await waitFor(ready, failed))) return prepareFresh(prepare);
  // Start-up work still runs on the copy (it is idempotent and cheap); the demo seed finds its marker.
  return prepareFresh(
    prepare,
    adminUrl ? { template: readFileSync(ready, 'utf8') } : { pgliteDump: new Blob([readFileSync(ready)]) },
  );
}

function templateStore(): TemplateStore | undefined {
  try {
    return inject('testTemplates');
  } catch {
    return undefined;
  }
}

async function prepareFresh(
  prepare: (database: Database) => Promise<void>,
  from: { pgliteDump?: Blob; template?: string } = {},
): Promise<TestDatabase> {
  const database = await createTestDatabase(from);
  await prepare(database);
  return database;
}

/** Atomically takes the right to build; false when another test file has it. */
function claim(lockFile: string): boolean {
  try {
    closeSync(openSync(lockFile, 'wx'));
    return true;
  } catch {
    return false;
  }
}

/** Writes next to the final name and renames, so a reader never sees half a file. */
function publish(file: string, content: string | Buffer): void {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, file);
}

/** Waits for the builder; false when it failed or took too long (the caller then prepares its own). */
async function waitFor(ready: string, failed: string, timeoutMs = 180_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(ready)) return true;
    if (existsSync(failed)) return false;
    await sleep(100);
  }
  return false;
}

async function adminQuery(adminUrl: string, sqlText: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sqlText);
  } finally {
    await admin.end();
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
