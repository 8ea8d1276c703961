import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { startOutboxWorker } from './core/jobs/worker';
import { createLogger } from './core/log';
import { createMailSender } from './core/mail/transport';
import { modules } from './modules';
import { openDatabase, preparePlatform } from './platform';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const started = Date.now();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config);
  const timings = await preparePlatform(database, config, modules, log);
  const app = await buildApp({ config, database, logger: log });
  const stopWorker = config.backgroundJobs
    ? startOutboxWorker(
        database.db,
        {
          mail: createMailSender({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }),
        },
        log,
      )
    : async () => {};

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await stopWorker();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: database.kind, demo: config.demo, startupMs: Date.now() - started, timings },
    `Regiekamer is running at ${config.baseUrl}`,
  );
}

main().catch((error) => {
  process.stderr.write(
    `Regiekamer could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
