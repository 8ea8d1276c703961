import { loadConfig } from '../src/config';
import { migrate } from '../src/core/db/migrate';
import { createLogger } from '../src/core/log';
import { modules } from '../src/modules';
import { openDatabase, seedDemo } from '../src/platform';

/** `npm run seed:demo`: reference data plus every module's demo data, once. */
const config = loadConfig();
const database = await openDatabase(config);
try {
  await migrate(database);
  const log = createLogger(config.logLevel);
  for (const manifest of modules)
    await manifest.onStart?.({ db: database.db, config, manifests: modules, log });
  const seeded = await seedDemo(database, config);
  process.stdout.write(seeded ? 'Demo data loaded.\n' : 'Demo data was already loaded; nothing to do.\n');
} finally {
  await database.close();
}
