import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The append-only event log: the single write path. Rows are never updated or deleted by Docket. */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    stream: text('stream').notNull(),
    type: text('type').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    payload: jsonb('payload').notNull(),
    prev: text('prev').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [index('events_stream_idx').on(table.stream, table.seq), index('events_type_idx').on(table.type, table.seq)],
);

/**
 * One row: the end of the chain. Appends lock it (SELECT ... FOR UPDATE), so concurrent transactions on
 * PostgreSQL append in a single order, and verification can tell a truncated log from a complete one.
 */
export const eventLogHead = pgTable(
  'event_log_head',
  {
    id: integer('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [check('event_log_head_single_row', sql`${table.id} = 1`)],
);
