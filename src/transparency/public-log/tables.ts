import { bigint, customType, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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

/** Raw bytes: `Buffer` in, `Buffer` out on both stores (PGlite answers a Uint8Array, pg a Buffer). */
const bytes = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * The public log's RFC 6962 Merkle tree as its stored hashes (merkle.ts): `idx` is `storedHashIndex(level, n)`, the
 * hash of every complete subtree, written in the same transaction as the entries they cover. The leaf of entry `seq`
 * is `tlogLeaf` (tlog.ts) at tree index seq - 1; the leaves themselves are recomputed from `public_log_entries`.
 */
export const publicLogTreeHashes = pgTable('public_log_tree_hashes', {
  idx: bigint('idx', { mode: 'number' }).primaryKey(),
  hash: bytes('hash').notNull(),
});

/** Every C2SP checkpoint signed over the tree (a signed note), kept so an older one stays servable and provable. */
export const publicLogTreeCheckpoints = pgTable('public_log_tree_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  /** The log's identity; the first checkpoint fixes it for good. */
  origin: text('origin').notNull(),
  note: text('note').notNull(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * Witnesses' cosignatures (C2SP tlog-cosignature) on the tree checkpoints, as collected: `witness` is the witness's
 * `name+keyid`, `line` the note signature line appended to that checkpoint when it is served.
 */
export const publicLogCosignatures = pgTable(
  'public_log_cosignatures',
  {
    witness: text('witness').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** When the witness says it cosigned (POSIX seconds). */
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    line: text('line').notNull(),
    collectedAt: timestamp('collected_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.witness, table.size] }),
    index('public_log_cosignatures_size_idx').on(table.size),
  ],
);

/** Each configured witness as Docket last heard from it: the size it last cosigned, and the last attempt's failure. */
export const publicLogWitnesses = pgTable('public_log_witnesses', {
  witness: text('witness').primaryKey(),
  vkey: text('vkey').notNull(),
  /** The size the witness holds, as its cosignature or its 409 said; null before it was first asked. */
  cosignedSize: bigint('cosigned_size', { mode: 'number' }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, precision: 3 }),
  /** Why the last attempt failed, in words; null when it succeeded. */
  lastError: text('last_error'),
});
