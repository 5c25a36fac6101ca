import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counts of the rate limits, shared by every Docket process on one database. One row per limited key
 * (a group and an address or a token), holding its current window; ended windows are swept by the scheduler.
 * Operational state, not a record: it is not on the event log and nothing reads it but the limiter.
 */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text('key').primaryKey(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true, precision: 3 }).notNull(),
  hits: integer('hits').notNull(),
});
