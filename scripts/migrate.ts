import { loadConfig } from '../src/config';
import { migrate } from '../src/core/db/migrate';
import { openDatabase } from '../src/platform';

/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
const config = loadConfig();
const database = await openDatabase(config);
try {
  await migrate(database);
  process.stdout.write(`Migrations applied (${database.kind}).\n`);
} finally {
  await database.close();
}
