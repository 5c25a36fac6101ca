import { bigint, date, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { chainEntryColumns, chainHead } from '../core/tables.js';

/**
 * The public log: what has been published (board decisions, recommendations, responses, assessments,
 * implementation, designations, policy versions), as its own hash chain in the event log's format. Entries hold
 * only public documents; `eventSeq` points back to the private event they were projected from.
 */
export const publicLogEntries = pgTable(
  'public_log_entries',
  { ...chainEntryColumns(), eventSeq: bigint('event_seq', { mode: 'number' }).notNull() },
  (table) => [index('public_log_entries_stream_idx').on(table.stream, table.seq)],
);

export const publicLogHead = chainHead('public_log_head');

/** Signed statements "the public log's entry `seq` has hash `hash`", made when the head has moved. */
export const publicLogCheckpoints = pgTable('public_log_checkpoints', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  keyId: text('key_id').notNull(),
  signature: text('signature').notNull(),
});

/** The installation's signing key, generated on first start. The private half never leaves this table. */
export const signingKeys = pgTable('signing_keys', {
  purpose: text('purpose').primaryKey(),
  keyId: text('key_id').notNull(),
  algorithm: text('algorithm').notNull(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** What a statistics row counts: `count` of `key` under `metric` in `country` ('' when unknown). */
const counted = () => ({
  metric: text('metric').notNull(),
  country: text('country').notNull(),
  key: text('key').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
});

/**
 * The transparency report's aggregates: one count per day, country, metric and key (e.g. day 2023-06-29,
 * country QKB, metric `reports.source`, key `user_report`). Reports for any period sum these rows instead of
 * scanning reports and decisions.
 */
export const statisticsCounts = pgTable(
  'statistics_counts',
  { ...counted(), day: date('day', { mode: 'string' }).notNull() },
  (table) => [
    primaryKey({ columns: [table.metric, table.day, table.country, table.key] }),
    index('statistics_counts_day_idx').on(table.day),
  ],
);

/** The same counts summed per calendar month (`month` is its first day): a long period reads these for its whole months. */
export const statisticsMonthly = pgTable(
  'statistics_monthly',
  { ...counted(), month: date('month', { mode: 'string' }).notNull() },
  (table) => [
    primaryKey({ columns: [table.metric, table.month, table.country, table.key] }),
    index('statistics_monthly_month_idx').on(table.month),
  ],
);
