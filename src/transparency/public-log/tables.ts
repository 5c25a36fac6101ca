import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { chainEntryColumns, chainHead } from '../../core/tables.js';

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
