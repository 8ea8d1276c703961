import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { loginThrottle } from './schema';

/** Failed attempts allowed per window before a key must wait; the wait ends by itself. */
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

function windowStart(now: Date): Date {
  return new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
}

export async function isThrottled(
  db: Executor,
  key: string,
  max: number,
  now = new Date(),
): Promise<boolean> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return !!row && row.windowStartedAt > windowStart(now) && row.failures >= max;
}

/** Counts a failure; a window older than the limit starts over. */
export async function recordFailure(db: Executor, key: string, now = new Date()): Promise<void> {
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart(now).toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart(now).toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStartedAt} end`,
      },
    });
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
