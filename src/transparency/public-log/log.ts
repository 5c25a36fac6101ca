import { asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { linkEntries, type ChainEntry } from '../../core/chain.js';
import type { JsonValue } from '../../core/canonical-json.js';
import type { CommandRunner } from '../../core/command.js';
import type { PublicLogOrigin } from '../../core/config-public-log.js';
import type { Projection } from '../../core/projection.js';
import type { Db } from '../../store/database.js';
import { publicationOf } from './publications.js';
import {
  generateKeyPair,
  loadKeyPair,
  PUBLIC_LOG_NAME,
  signCheckpoint,
  type Checkpoint,
  type KeyPair,
  type PublishedKey,
} from './signing.js';
import { publicLogCheckpoints, publicLogEntries, publicLogHead, signingKeys } from './tables.js';
import { signTreeCheckpoint } from './tree-checkpoints.js';
import { catchUpTree, growTree } from './tree-store.js';

/** Publishes the events that are public as entries of the public log, in the command that records them. */
export const publicLogProjection: Projection = {
  name: 'public-log',
  // Published entries are signed and kept by readers: what an event publishes may be extended for new events,
  // never rewritten for old ones, so this version never rises.
  version: 1,
  reset() {
    return Promise.reject(new Error('the public log is append-only and signed: it is never rebuilt'));
  },
  async apply(tx, entries) {
    const published: (Omit<ChainEntry, 'seq' | 'prev' | 'hash'> & { eventSeq: number })[] = [];
    for (const entry of entries) {
      const publication = await publicationOf(tx, entry);
      if (publication) published.push({ ...publication, at: entry.at, eventSeq: entry.seq });
    }
    if (published.length > 0) await appendPublic(tx, published);
  },
};

async function appendPublic(
  tx: Db,
  entries: (Omit<ChainEntry, 'seq' | 'prev' | 'hash'> & { eventSeq: number })[],
): Promise<void> {
  const [head] = await tx.select().from(publicLogHead).where(eq(publicLogHead.id, 1)).for('update');
  if (!head) throw new Error('the public log has no head row: the database was not migrated');
  const linked = linkEntries(
    head,
    entries.map(({ eventSeq: _e, ...entry }) => entry),
  );
  await tx.insert(publicLogEntries).values(
    linked.map((entry, i) => ({
      ...entry,
      at: new Date(entry.at),
      eventSeq: (entries[i] as { eventSeq: number }).eventSeq,
    })),
  );
  await growTree(tx, head.seq, linked);
  const last = linked[linked.length - 1] as ChainEntry;
  await tx.update(publicLogHead).set({ seq: last.seq, hash: last.hash }).where(eq(publicLogHead.id, 1));
}

const LOG_KEY = 'public-log';

/**
 * The installation's checkpoint key: generated and stored on first start, as a command (its public half goes on
 * the event log). Several processes starting together on PostgreSQL agree on one: the first insert wins.
 */
export async function ensureSigningKey(db: Db, run: CommandRunner): Promise<KeyPair> {
  const stored = async () => (await db.select().from(signingKeys).where(eq(signingKeys.purpose, LOG_KEY)))[0];
  if (!(await stored())) {
    const fresh = generateKeyPair();
    await run('system:docket', async ({ tx, now, record }) => {
      const inserted = await tx
        .insert(signingKeys)
        .values({
          purpose: LOG_KEY,
          keyId: fresh.published.keyId,
          algorithm: 'Ed25519',
          publicKey: fresh.published.x,
          privateKey: fresh.privatePem,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ keyId: signingKeys.keyId });
      if (inserted.length > 0) record('public_log.key_created', 'public-log', fresh.published);
    });
  }
  const row = await stored();
  if (!row) throw new Error('could not store the public log signing key');
  return loadKeyPair({ algorithm: 'Ed25519', keyId: row.keyId, x: row.publicKey }, row.privateKey);
}

export async function publishedKey(db: Db): Promise<PublishedKey | null> {
  const [row] = await db
    .select({ keyId: signingKeys.keyId, x: signingKeys.publicKey })
    .from(signingKeys)
    .where(eq(signingKeys.purpose, LOG_KEY));
  return row ? { algorithm: 'Ed25519', keyId: row.keyId, x: row.x } : null;
}

/**
 * Signs the head if it moved since the last checkpoint, twice: as Docket's JSON checkpoint (returned, or null when
 * there was nothing new) and as a C2SP checkpoint of the Merkle tree (kept in public_log_tree_checkpoints).
 */
export async function checkpoint(
  run: CommandRunner,
  actor: string,
  key: KeyPair,
  origin: PublicLogOrigin,
): Promise<Checkpoint | null> {
  return run(actor, async ({ tx, now, record }) => {
    const [head] = await tx.select().from(publicLogHead).where(eq(publicLogHead.id, 1)).for('update');
    if (!head || head.seq === 0) return null;
    const size = await catchUpTree(tx, head.seq);
    const tree = await signTreeCheckpoint(tx, { size, key, setting: origin, now });
    if (tree) record('public_log.tree_checkpoint_signed', 'public-log', { size, origin: tree.origin, note: tree.note });
    const [last] = await tx
      .select({ seq: publicLogCheckpoints.seq })
      .from(publicLogCheckpoints)
      .orderBy(desc(publicLogCheckpoints.seq))
      .limit(1);
    if (last && last.seq >= head.seq) return null;
    const signed = signCheckpoint(key, head, now);
    await tx.insert(publicLogCheckpoints).values({ ...signed, at: new Date(signed.at) });
    record('public_log.checkpoint_signed', 'public-log', { seq: signed.seq, hash: signed.hash, keyId: signed.keyId });
    return signed;
  });
}

export interface PublicLogDocument {
  log: typeof PUBLIC_LOG_NAME;
  key: PublishedKey | null;
  head: { seq: number; hash: string };
  entries: ChainEntry[];
  checkpoints: Checkpoint[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: number | null;
}

/** A page of the public log with the key and every checkpoint: a downloaded set of pages verifies offline. */
export async function readPublicLog(db: Db, options: { after: number; limit: number }): Promise<PublicLogDocument> {
  const [head] = await db
    .select({ seq: publicLogHead.seq, hash: publicLogHead.hash })
    .from(publicLogHead)
    .where(eq(publicLogHead.id, 1));
  const rows = await db
    .select()
    .from(publicLogEntries)
    .where(gt(publicLogEntries.seq, options.after))
    .orderBy(asc(publicLogEntries.seq))
    .limit(options.limit + 1);
  const checkpoints = await db.select().from(publicLogCheckpoints).orderBy(asc(publicLogCheckpoints.seq));
  const entries = rows
    .slice(0, options.limit)
    .map(({ eventSeq: _e, ...row }) => ({ ...row, at: row.at.toISOString(), payload: row.payload as JsonValue }));
  return {
    log: PUBLIC_LOG_NAME,
    key: await publishedKey(db),
    head: head ?? { seq: 0, hash: '0'.repeat(64) },
    entries,
    checkpoints: checkpoints.map((c) => ({
      seq: c.seq,
      hash: c.hash,
      at: c.at.toISOString(),
      keyId: c.keyId,
      signature: c.signature,
    })),
    nextAfter: rows.length > options.limit ? (entries[entries.length - 1]?.seq ?? null) : null,
  };
}

/** How many entries the public log holds (for the site's footer and summary). */
export async function publicLogSize(db: Db): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number>`${publicLogHead.seq}` })
    .from(publicLogHead)
    .where(eq(publicLogHead.id, 1));
  return Number(row?.seq ?? 0);
}

export interface RecordedEntry {
  seq: number;
  type: string;
  hash: string;
}

/** The public log's entries about these subjects (case and recommendation refs), in order, by subject. */
export async function entriesAbout(db: Db, streams: readonly string[]): Promise<Map<string, RecordedEntry[]>> {
  const about = new Map<string, RecordedEntry[]>();
  if (streams.length === 0) return about;
  const rows = await db
    .select({
      stream: publicLogEntries.stream,
      seq: publicLogEntries.seq,
      type: publicLogEntries.type,
      hash: publicLogEntries.hash,
    })
    .from(publicLogEntries)
    .where(inArray(publicLogEntries.stream, [...streams]))
    .orderBy(asc(publicLogEntries.seq));
  for (const { stream, ...entry } of rows) about.set(stream, [...(about.get(stream) ?? []), entry]);
  return about;
}
