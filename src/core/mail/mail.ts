import type { Executor } from '../db/client';
import { outbox } from '../jobs/schema';

export type MailAttachment = { filename: string; content: string; contentType: string };

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
};

/** Queues a mail in the same transaction as the change it reports; the worker sends it after commit. */
export async function enqueueMail(tx: Executor, message: MailMessage): Promise<void> {
  await tx.insert(outbox).values({ kind: 'mail', payload: message });
}
