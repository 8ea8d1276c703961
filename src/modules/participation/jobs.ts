import type { Config } from '../../config';
import type { Db } from '../../core/db/client';
import { todayIso } from '../../core/i18n/format';
import type { Logger } from '../../core/log';
import type { StartContext } from '../../core/module';
import { expireOffers, remindOwners } from './offers';
import { anonymiseExpiredTrajectories } from './trajectories';

/** The daily work: expire offers, remind owners two weeks ahead, anonymise closed trajectories. */
export async function runDailyJobs(db: Db, config: Config, now = new Date()) {
  const today = todayIso(now);
  const expired = await expireOffers(db, today);
  const reminded = await remindOwners(db, config.baseUrl, today);
  const anonymised = await anonymiseExpiredTrajectories(db, now, config.participationRetentionDays);
  return { expired, reminded, anonymised };
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

/**
 * Runs the daily jobs unless a run of this process is still busy; never throws (errors are logged).
 * Several instances may run at once: each job is idempotent, the anonymisation locks its rows
 * (SKIP LOCKED) and holds an advisory lock per batch.
 */
export function runDailyJobsInBackground(db: Db, config: Config, log: Logger): Promise<unknown> {
  running ??= runDailyJobs(db, config)
    .catch((error: unknown) => log.error({ err: error }, 'participation daily jobs failed'))
    .finally(() => {
      running = undefined;
    });
  return running;
}

/**
 * With background jobs on: runs the daily jobs shortly after start, in the background (a first start
 * on a large database must not wait for them), and then every six hours. Tests run them by hand: no
 * run and no timer when background jobs are off.
 */
export async function startParticipationJobs({ db, config, log }: StartContext): Promise<void> {
  if (!config.backgroundJobs || timer) return;
  setTimeout(() => void runDailyJobsInBackground(db, config, log), 5_000).unref();
  timer = setInterval(() => void runDailyJobsInBackground(db, config, log), 6 * 3_600_000);
  timer.unref();
}
