import type { Config } from '../../config';
import type { Db } from '../../core/db/client';
import { todayIso } from '../../core/i18n/format';
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

/**
 * Runs the daily jobs at start and then every six hours (each job is idempotent and safe with several
 * instances). Tests run them by hand: no timer when background jobs are off.
 */
export async function startParticipationJobs(db: Db, config: Config): Promise<void> {
  await runDailyJobs(db, config).catch(() => undefined);
  if (!config.backgroundJobs || timer) return;
  timer = setInterval(() => {
    runDailyJobs(db, config).catch(() => undefined);
  }, 6 * 3_600_000);
  timer.unref();
}
