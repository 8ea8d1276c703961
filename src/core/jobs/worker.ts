import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { MailMessage } from '../mail/mail';
import type { MailSender } from '../mail/transport';
import { outbox } from './schema';

export const MAX_ATTEMPTS = 10;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

type Handlers = { mail: MailSender };

/**
 * Takes due outbox items with FOR UPDATE SKIP LOCKED (safe with several app instances), runs them,
 * and marks each done or schedules a retry. Returns how many items were processed.
 */
export async function processOutbox(
  db: Db,
  handlers: Handlers,
  batchSize = 20,
  now = new Date(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.id))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    for (const item of due) {
      try {
        if (item.kind !== 'mail') throw new Error(`unknown outbox kind ${item.kind}`);
        await handlers.mail(item.payload as MailMessage);
        await tx
          .update(outbox)
          .set({ status: 'done', doneAt: now, attempts: item.attempts + 1 })
          .where(eq(outbox.id, item.id));
      } catch (error) {
        const attempts = item.attempts + 1;
        await tx
          .update(outbox)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
            nextAttemptAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => ${backoffSeconds(attempts)})`,
          })
          .where(eq(outbox.id, item.id));
      }
    }
    return due.length;
  });
}

/** Polls the outbox until stopped; errors (e.g. the database restarting) only delay the next round. */
export function startOutboxWorker(db: Db, handlers: Handlers, intervalMs = 2000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = processOutbox(db, handlers).catch(() => 0);
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
