import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One-time form tokens already used: a double click or a retry creates one record. */
export const formSubmissions = pgTable('form_submissions', {
  token: text('token').primaryKey(),
  userId: uuid('user_id'),
  /** Where the first submission led, so a repeat lands on the same page. */
  resultUrl: text('result_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
