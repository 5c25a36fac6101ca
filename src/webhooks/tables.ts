import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Where each platform receives Docket's webhooks, and the secret they are signed with. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  platform: text('platform').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  createdAt: ts('created_at').notNull(),
});

/**
 * Messages to send, written in the same transaction as the change they report and sent after commit. A message goes
 * by its transport: `webhook` (a signed POST to the platform's endpoint) or a connector's (`mastodon`: a call to the
 * instance's admin API). Messages with the same ordering key go one at a time, in the order they were written.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    /** The order of writing, which ids made in the same millisecond do not keep. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    platform: text('platform').notNull(),
    transport: text('transport').notNull().default('webhook'),
    /** Messages that must not overtake each other (calls on one account): none goes before an earlier one settles. */
    orderingKey: text('ordering_key'),
    /** What the message carries out (a decision's id), so what is still pending of it can be withdrawn. */
    groupRef: text('group_ref'),
    type: text('type').notNull(),
    /** What the message carries out, in words for the delivery log; null for a webhook (its type says it). */
    purpose: text('purpose'),
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
    index('outbox_ordering_idx')
      .on(table.orderingKey, table.seq)
      .where(sql`${table.deliveredAt} is null and ${table.failedAt} is null`),
    index('outbox_group_idx')
      .on(table.groupRef)
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
