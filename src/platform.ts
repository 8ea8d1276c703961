import { eq } from 'drizzle-orm';
import type { Config } from './config';
import { createDatabase, type Database, pgliteDirFor } from './core/db/client';
import { migrate } from './core/db/migrate';
import { platformState } from './core/db/schema';
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
): Promise<boolean> {
  const [done] = await database.db
    .select()
    .from(platformState)
    .where(eq(platformState.key, 'demo_seeded_at'));
  if (done) return false;
  for (const manifest of manifests) await manifest.seedDemo?.(database.db, config);
  await database.db
    .insert(platformState)
    .values({ key: 'demo_seeded_at', value: new Date().toISOString() })
    .onConflictDoNothing();
  return true;
}

/** Migrates, runs each module's start-up work, and seeds the demo once in demo mode. */
export async function preparePlatform(
  database: Database,
  config: Config,
  manifests: ModuleManifest[] = modules,
): Promise<void> {
  await migrate(database);
  for (const manifest of manifests) await manifest.onStart?.(database.db, config);
  if (config.demo) await seedDemo(database, config, manifests);
}
