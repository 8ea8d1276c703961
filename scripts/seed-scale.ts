import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config';
import { hashPassword } from '../src/core/auth/passwords';
import { DEMO_PASSWORD } from '../src/core/auth/routes';
import { pgliteDirFor } from '../src/core/db/client';
import { platformState } from '../src/core/db/schema';
import { todayIso } from '../src/core/i18n/format';
import { openDatabase, preparePlatform } from '../src/platform';
import { openBulk } from './scale/bulk';
import { ScaleGenerator, sizesFor } from './scale/generate';

/**
 * `npm run seed:scale [-- --scale 0.1] [--seed 2026]`: a deterministic Flanders-scale data set on the
 * configured database (DATABASE_URL, else PGlite in DATA_DIR), on top of the reference and demo data.
 * Every generated account has the demo password. Runs once per database: a second run stops.
 */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = Number(flag('scale') ?? '1');
const seed = Number(flag('seed') ?? '2026');
if (!(scale > 0 && scale <= 5) || !Number.isInteger(seed)) {
  process.stderr.write('Usage: npm run seed:scale -- [--scale 0.1] [--seed 2026]\n');
  process.exit(2);
}

const MARKER = 'scale_seeded_at';
const config = { ...loadConfig(), demo: true, backgroundJobs: false };
const started = performance.now();
const database = await openDatabase(config);
let already: string | undefined;
try {
  const timings = await preparePlatform(database, config);
  process.stdout.write(
    `Prepared ${database.kind} (migrations, reference and demo data) in ${(Object.values(timings).reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s\n`,
  );
  const [row] = await database.db.select().from(platformState).where(eq(platformState.key, MARKER));
  already = row?.value;
} finally {
  await database.close();
}
if (already) {
  process.stdout.write(`The scale data set is already there (${already}); nothing to do.\n`);
  process.exit(0);
}

const sizes = sizesFor(scale);
process.stdout.write(`Generating the scale data set (scale ${scale}, seed ${seed}):\n`);
const bulk = await openBulk({ url: config.databaseUrl, pgliteDir: pgliteDirFor(config.dataDir) });
try {
  const generator = new ScaleGenerator(bulk, sizes, seed, await hashPassword(DEMO_PASSWORD), todayIso());
  await generator.run();
  await bulk.query('insert into platform_state (key, value) values ($1, $2)', [
    MARKER,
    JSON.stringify({ at: new Date().toISOString(), scale, seed, parts: generator.report }),
  ]);
  const total = generator.report.reduce((s, p) => s + Object.values(p.rows).reduce((a, b) => a + b, 0), 0);
  process.stdout.write(
    `Done: ${total.toLocaleString('nl-BE')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s on ${bulk.kind}.\n`,
  );
} finally {
  await bulk.close();
}
