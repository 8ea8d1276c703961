import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Logger } from '../log';
import type { MailMessage } from '../mail/mail';
import type { MailSender } from '../mail/transport';
import { outbox } from './schema';

export const MAX_ATTEMPTS = 10;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

type Handlers = { mail: MailSender };

/** How long a claimed item is left alone by other rounds and instances while it is being sent. */
export const LEASE_SECONDS = 300;

/**
 * Claims due outbox items with FOR UPDATE SKIP LOCKED (safe with several app instances) in a short
 * transaction that moves their next attempt a lease ahead, then runs them outside any transaction, and marks
 * each done or schedules a retry. A slow or hanging mail server therefore holds no database connection (the
 * embedded database has only one). Delivery is at least once: an instance that dies after sending and before
 * marking sends again when the lease ends. Returns how many items were processed.
 */
export async function processOutbox(
  db: Db,
  handlers: Handlers,
  batchSize = 20,
  now = new Date(),
): Promise<number> {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (due.length > 0)
      await tx
        .update(outbox)
        .set({ nextAttemptAt: after(now, LEASE_SECONDS) })
        .where(
          inArray(
            outbox.id,
            due.map((item) => item.id),
          ),
        );
    return due;
  });
  for (const item of claimed) {
    const attempts = item.attempts + 1;
    try {
      if (item.kind !== 'mail') throw new Error(`unknown outbox kind ${item.kind}`);
      await handlers.mail(item.payload as MailMessage);
      await db.update(outbox).set({ status: 'done', doneAt: now, attempts }).where(eq(outbox.id, item.id));
    } catch (error) {
      await db
        .update(outbox)
        .set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
          nextAttemptAt: after(now, backoffSeconds(attempts)),
        })
        .where(eq(outbox.id, item.id));
    }
  }
  return claimed.length;
}

function after(moment: Date, seconds: number) {
  return sql`${moment.toISOString()}::timestamptz + make_interval(secs => ${seconds})`;
}

/** Polls the outbox until stopped; errors (e.g. the database restarting) only delay the next round. */
export function startOutboxWorker(
  db: Db,
  handlers: Handlers,
  log: Logger,
  intervalMs = 2000,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (stopped || busy) return; // one round at a time: a slow mail server must not pile rounds up
    busy = true;
    running = processOutbox(db, handlers)
      // A round that fails (the database away) is retried by the next one; the items stay in the outbox.
      .catch((error: unknown) => {
        log.error({ err: error }, 'outbox round failed');
        return 0;
      })
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
