import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Where each platform receives Docket's webhooks, and the secret they are signed with. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  platform: text('platform').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Messages to send, written in the same transaction as the change they report and sent after commit. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: ts('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lockedUntil: ts('locked_until'),
    deliveredAt: ts('delivered_at'),
    failedAt: ts('failed_at'),
    lastError: text('last_error'),
  },
  (table) => [
    index('outbox_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.deliveredAt} is null and ${table.failedAt} is null`),
  ],
);

/** Every delivery attempt, for the admins' delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    outboxId: uuid('outbox_id')
      .notNull()
      .references(() => outbox.id),
    platform: text('platform').notNull(),
    attempt: integer('attempt').notNull(),
    at: ts('at').notNull(),
    status: integer('status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  // The console lists the newest attempts of all platforms, or of one: both read an index, never the whole log.
  (table) => [
    index('webhook_deliveries_platform_idx').on(table.platform, table.at),
    index('webhook_deliveries_at_idx').on(table.at),
  ],
);
