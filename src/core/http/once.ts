import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { AppError } from './errors';
import { formSubmissions } from './schema';

/** The same form (same one-time token) was sent again; the first submission already did the work. */
export class DuplicateSubmissionError extends AppError {
  constructor(readonly resultUrl: string | null) {
    super(
      409,
      'Dit formulier werd al verzonden. We hebben het maar één keer verwerkt.',
      'duplicate-submission',
    );
  }
}

/**
 * Claims a one-time form token inside the transaction that does the work: a second request with
 * the same token waits for the first (row lock on the key) and then fails, so it creates nothing.
 */
export async function claimOnce(tx: Executor, token: string, userId: string | null): Promise<void> {
  const inserted = await tx
    .insert(formSubmissions)
    .values({ token, userId })
    .onConflictDoNothing()
    .returning({ token: formSubmissions.token });
  if (inserted.length === 0) {
    const [previous] = await tx
      .select({ resultUrl: formSubmissions.resultUrl })
      .from(formSubmissions)
      .where(eq(formSubmissions.token, token));
    throw new DuplicateSubmissionError(previous?.resultUrl ?? null);
  }
}

export async function recordOnceResult(db: Executor, token: string, resultUrl: string): Promise<void> {
  await db
    .update(formSubmissions)
    .set({ resultUrl })
    .where(sql`${formSubmissions.token} = ${token} and ${formSubmissions.resultUrl} is null`);
}
