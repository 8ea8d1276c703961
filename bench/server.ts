import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { startOutboxWorker } from '../src/core/jobs/worker';
import { createMailSender } from '../src/core/mail/transport';
import { openDatabase, preparePlatform } from '../src/platform';
import { benchPlugin } from './plugin';

/**
 * The server under benchmark: exactly what src/server.ts starts, plus the baseline routes of
 * bench/plugin.ts. Prints one JSON line `{"ready":…}` with its own start-up time when it listens.
 */
const started = Date.now();
const config = loadConfig();
const database = await openDatabase(config);
const openMs = Date.now() - started;
const timings = await preparePlatform(database, config);
const beforeBuild = Date.now();
const app = await buildApp({ config, database });
await app.register(benchPlugin);
await app.ready();
const buildMs = Date.now() - beforeBuild;
const stopWorker = config.backgroundJobs
  ? startOutboxWorker(
      database.db,
      {
        mail: createMailSender({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }),
      },
      app.log,
    )
  : async () => {};

const shutdown = async () => {
  await app.close();
  await stopWorker();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

await app.listen({ port: config.port, host: config.host });
process.stdout.write(
  `${JSON.stringify({ ready: true, database: database.kind, startupMs: Date.now() - started, timings: { open: openMs, ...timings, build: buildMs } })}\n`,
);
