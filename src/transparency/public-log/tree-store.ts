import { and, asc, gt, inArray, lte, max } from 'drizzle-orm';
import type { ChainEntry } from '../../core/chain.js';
import type { Db } from '../../store/database.js';
import { TlogFormatError } from './format-error.js';
import {
  appendHashes,
  appendReads,
  leafHash,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  type HashReader,
} from './merkle.js';
import { publicLogEntries, publicLogTreeHashes } from './tables.js';
import { tlogLeaf } from './tlog.js';

/**
 * The public log's Merkle tree in the store: `public_log_tree_hashes` holds its stored hashes (merkle.ts), appended in
 * the transaction that appends the entries, under the public log head's row lock, so the tree always has exactly the
 * entries the chain has. A log that had entries before the tree existed gets them hashed, in order, by the first
 * writer that holds that lock (an append or a checkpoint).
 */

/** The stored hashes asked for that exist, by index: one query, whatever the tree's size. */
export async function storedHashes(db: Db, indexes: readonly number[]): Promise<Map<number, Buffer>> {
  const found = new Map<number, Buffer>();
  if (indexes.length === 0) return found;
  const rows = await db
    .select({ idx: publicLogTreeHashes.idx, hash: publicLogTreeHashes.hash })
    .from(publicLogTreeHashes)
    .where(inArray(publicLogTreeHashes.idx, [...new Set(indexes)]));
  for (const row of rows) found.set(row.idx, row.hash);
  return found;
}

/** A HashReader over the table; a hash the tree does not have yet means the range asked for is past its end. */
export function tableHashReader(db: Db): HashReader {
  return async (indexes) => {
    const found = await storedHashes(db, indexes);
    return indexes.map((index) => {
      const hash = found.get(index);
      if (!hash) {
        const { level, n } = splitStoredHashIndex(index);
        const reach = (n + 1) * 2 ** level;
        throw new TlogFormatError('invalid_tree_range', `the log's tree does not have ${reach} entries yet`);
      }
      return hash;
    });
  };
}

/** How many leaves the stored tree has: the last stored hash tops the subtree that its last leaf completed. */
export async function storedTreeSize(db: Db): Promise<number> {
  const [row] = await db.select({ last: max(publicLogTreeHashes.idx) }).from(publicLogTreeHashes);
  if (row?.last === null || row?.last === undefined) return 0;
  const { level, n } = splitStoredHashIndex(Number(row.last));
  return (n + 1) * 2 ** level;
}

const INSERT_ROWS = 5_000;

/**
 * Appends leaves (their leaf hashes) to a stored tree of `size` leaves: the siblings they need from before are read
 * in one query, the rest come from this batch, and every new hash is inserted in a few multi-row inserts.
 */
export async function appendLeafHashes(tx: Db, size: number, leaves: readonly Uint8Array[]): Promise<number> {
  const before = storedHashCount(size);
  const needed = new Set<number>();
  for (let i = 0; i < leaves.length; i++) {
    for (const index of appendReads(size + i)) if (index < before) needed.add(index);
  }
  const known =
    needed.size > 0
      ? await storedHashes(
          tx,
          [...needed].sort((a, b) => a - b),
        )
      : new Map();
  if (known.size !== needed.size) throw new Error(`the public log's tree is missing hashes below ${before}`);
  const rows: { idx: number; hash: Buffer }[] = [];
  let next = before;
  for (const [i, leaf] of leaves.entries()) {
    const n = size + i;
    if (storedHashIndex(0, n) !== next) throw new Error(`leaf ${n} would be stored at ${next}`);
    const siblings = appendReads(n).map((index) => known.get(index) as Buffer);
    for (const hash of appendHashes(n, leaf, siblings)) {
      known.set(next, hash);
      rows.push({ idx: next++, hash });
    }
  }
  for (let at = 0; at < rows.length; at += INSERT_ROWS) {
    await tx.insert(publicLogTreeHashes).values(rows.slice(at, at + INSERT_ROWS));
  }
  return size + leaves.length;
}

export const entryLeafHash = (entry: Parameters<typeof tlogLeaf>[0]): Buffer => leafHash(tlogLeaf(entry));

const BACKFILL_BATCH = 10_000;

/** The entries `(after, through]` as leaves' fields, in order (what entry bundles and the backfill read). */
export async function leafEntries(db: Db, after: number, through: number): Promise<Parameters<typeof tlogLeaf>[0][]> {
  const rows = await db
    .select({
      seq: publicLogEntries.seq,
      stream: publicLogEntries.stream,
      type: publicLogEntries.type,
      actor: publicLogEntries.actor,
      at: publicLogEntries.at,
      prev: publicLogEntries.prev,
      hash: publicLogEntries.hash,
    })
    .from(publicLogEntries)
    .where(and(gt(publicLogEntries.seq, after), lte(publicLogEntries.seq, through)))
    .orderBy(asc(publicLogEntries.seq));
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/**
 * Brings the tree up to the chain's head `headSeq` (call it holding the head's row lock): hashes the entries written
 * before the tree existed, in batches. Returns the tree's size, which is then `headSeq`.
 */
export async function catchUpTree(tx: Db, headSeq: number): Promise<number> {
  let size = await storedTreeSize(tx);
  if (size > headSeq) {
    throw new Error(`the public log's tree has ${size} leaves but its chain only ${headSeq} entries`);
  }
  while (size < headSeq) {
    const entries = await leafEntries(tx, size, Math.min(headSeq, size + BACKFILL_BATCH));
    if (entries[0]?.seq !== size + 1) throw new Error(`the public log has no entry ${size + 1} to hash`);
    size = await appendLeafHashes(tx, size, entries.map(entryLeafHash));
  }
  return size;
}

/** Appends newly linked entries to the tree, after the head `headSeq` they were linked to (holding its lock). */
export async function growTree(tx: Db, headSeq: number, linked: readonly ChainEntry[]): Promise<void> {
  const size = await catchUpTree(tx, headSeq);
  await appendLeafHashes(tx, size, linked.map(entryLeafHash));
}
