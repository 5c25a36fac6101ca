import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** The columns of a hash chain's entry (see chain.ts); the event log and the public log share them. */
export const chainEntryColumns = () => ({
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  stream: text('stream').notNull(),
  type: text('type').notNull(),
  actor: text('actor').notNull(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  payload: jsonb('payload').notNull(),
  prev: text('prev').notNull(),
  hash: text('hash').notNull(),
});

/** The single-row head of a hash chain: its last sequence number and hash. */
export const chainHead = (name: string) =>
  pgTable(
    name,
    { id: integer('id').primaryKey(), seq: bigint('seq', { mode: 'number' }).notNull(), hash: text('hash').notNull() },
    (table) => [check(`${name}_single_row`, sql`${table.id} = 1`)],
  );

/** The append-only event log: the single write path. Rows are never updated or deleted by Docket. */
export const events = pgTable('events', chainEntryColumns(), (table) => [
  index('events_stream_idx').on(table.stream, table.seq),
  index('events_type_idx').on(table.type, table.seq),
]);

/**
 * Events committed by their commands and not yet in the chain. A command inserts its events here in its own
 * transaction (no lock is taken), and the sequencer (sequencer.ts) moves them into `events` in commit order,
 * linking and hashing them, a few milliseconds later. The id keeps a command's events in the order it recorded
 * them. Rows live here only between a command's commit and the next sequencer pass.
 */
export const pendingEvents = pgTable('pending_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  stream: text('stream').notNull(),
  type: text('type').notNull(),
  actor: text('actor').notNull(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  payload: jsonb('payload').notNull(),
});

/**
 * One row: the end of the chain. The sequencer locks it (SELECT ... FOR UPDATE), so concurrent transactions on
 * PostgreSQL append in a single order, and verification can tell a truncated log from a complete one.
 */
export const eventLogHead = chainHead('event_log_head');

/**
 * How far each projection of the event log has read. Projections advance in the sequencer's pass that chains
 * the events (holding the log's head lock), so a cursor equals the log's head except right after an upgrade, when
 * the missing stretch is replayed once at start.
 */
export const projectionCursors = pgTable('projection_cursors', {
  name: text('name').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** The projection's version that wrote up to `seq`; a newer version rebuilds from the first event. */
  version: integer('version').notNull().default(1),
});

/** A retried request with the same Idempotency-Key returns the first answer and creates nothing. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.principal, table.key] })],
);
