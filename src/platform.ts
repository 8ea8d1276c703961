import { eq } from 'drizzle-orm';
import type { Config } from './config';
import { createDatabase, type Database, pgliteDirFor } from './core/db/client';
import { migrate } from './core/db/migrate';
import { platformState } from './core/db/schema';
import { createLogger, type Logger } from './core/log';
import type { ModuleManifest } from './core/module';
import { modules } from './modules';

export function openDatabase(config: Config): Promise<Database> {
  return createDatabase({ url: config.databaseUrl, pgliteDir: pgliteDirFor(config.dataDir) });
}

/** Loads every module's demo data once; a second call finds the marker and does nothing. */
export async function seedDemo(
  database: Database,
  config: Config,
  manifests: ModuleManifest[] = modules,
  timings: Record<string, number> = {},
): Promise<boolean> {
  const [done] = await database.db
    .select()
    .from(platformState)
    .where(eq(platformState.key, 'demo_seeded_at'));
  if (done) return false;
  for (const manifest of manifests) {
    if (manifest.seedDemo)
      await timed(timings, `demo:${manifest.name}`, () => manifest.seedDemo!(database.db, config));
  }
  await database.db
    .insert(platformState)
    .values({ key: 'demo_seeded_at', value: new Date().toISOString() })
    .onConflictDoNothing();
  return true;
}

async function timed(
  timings: Record<string, number>,
  step: string,
  work: () => Promise<unknown>,
): Promise<void> {
  const started = performance.now();
  await work();
  timings[step] = Math.round(performance.now() - started);
}

/**
 * Migrates, runs each module's start-up work, and seeds the demo once in demo mode. Returns how long
 * each step took in milliseconds, for the start-up log.
 */
export async function preparePlatform(
  database: Database,
  config: Config,
  manifests: ModuleManifest[] = modules,
  log: Logger = createLogger(config.logLevel),
): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  await timed(timings, 'migrate', () => migrate(database));
  const start = { db: database.db, config, manifests, log };
  for (const manifest of manifests) {
    if (manifest.onStart) await timed(timings, `start:${manifest.name}`, () => manifest.onStart!(start));
  }
  if (config.demo) await seedDemo(database, config, manifests, timings);
  return timings;
}
