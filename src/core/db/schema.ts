import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Small facts about this installation, such as when the demo data was loaded. */
export const platformState = pgTable('platform_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
