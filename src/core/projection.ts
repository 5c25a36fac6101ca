import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import type { ChainEntry } from './chain.js';
import { toChainEntry } from './event-log.js';
import { eventLogHead, events, projectionCursors } from './tables.js';

/**
 * A read model derived from the event log alone, kept in step by applying each command's events inside the
 * command's own transaction. Because it reads only events (in order), the same code rebuilds it from the log.
 */
export interface Projection {
  name: string;
  /**
   * Raise it when `apply` changes what it derives: at the next start the projection is reset and replayed from
   * the first event, so old and new counting never mix.
   */
  version: number;
  /** Applies entries in log order. It may read tables (they hold the state as of these events) and write its own. */
  apply(tx: Db, entries: readonly ChainEntry[]): Promise<void>;
  /** Empties what the projection wrote, before a replay from the first event. */
  reset(tx: Db): Promise<void>;
}

interface Cursor {
  seq: number;
  version: number;
}

/**
 * Applies a command's freshly appended entries to every projection, in the command's transaction (the log's head
 * lock is held, so projections advance in log order). A projection that is behind (new since the last upgrade,
 * or of a newer version) first catches up.
 */
export async function advanceProjections(
  tx: Db,
  projections: readonly Projection[],
  appended: readonly ChainEntry[],
): Promise<void> {
  const first = appended[0];
  const last = appended[appended.length - 1];
  if (!first || !last || projections.length === 0) return;
  const cursors = await readCursors(tx);
  for (const projection of projections) {
    const at = await startingPoint(tx, projection, cursors.get(projection.name));
    if (at >= last.seq) continue;
    if (at < first.seq - 1) await replay(tx, projection, at, first.seq - 1);
    await projection.apply(
      tx,
      appended.filter((entry) => entry.seq > at),
    );
  }
  await saveCursors(tx, projections, last.seq);
}

/**
 * Brings every projection up to the log's head: after an upgrade added a projection or raised its version, or on
 * a database whose events were written before it existed. Works page by page, each page in a transaction holding
 * the head lock. Returns how many entries were replayed.
 */
export async function catchUpProjections(
  db: Db,
  projections: readonly Projection[],
  pageSize = 5_000,
): Promise<number> {
  let replayed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [head] = await tx.select().from(eventLogHead).where(eq(eventLogHead.id, 1)).for('update');
      const target = head?.seq ?? 0;
      const cursors = await readCursors(tx);
      const behind: { projection: Projection; at: number }[] = [];
      for (const projection of projections) {
        const at = await startingPoint(tx, projection, cursors.get(projection.name));
        if (at < target || cursors.get(projection.name)?.version !== projection.version)
          behind.push({ projection, at });
      }
      if (behind.length === 0) return true;
      const from = Math.min(...behind.map((b) => b.at));
      const to = Math.min(target, from + pageSize);
      for (const { projection, at } of behind) await replay(tx, projection, Math.max(from, at), to);
      await saveCursors(
        tx,
        behind.map((b) => b.projection),
        to,
      );
      replayed += to - from;
      return false;
    });
    if (done) return replayed;
  }
}

/** Where a projection resumes: its cursor, or the start (after a reset) when its stored version is not its own. */
async function startingPoint(tx: Db, projection: Projection, cursor: Cursor | undefined): Promise<number> {
  if (!cursor) return 0;
  if (cursor.version === projection.version) return cursor.seq;
  await projection.reset(tx);
  return 0;
}

async function readCursors(tx: Db): Promise<Map<string, Cursor>> {
  const rows = await tx.select().from(projectionCursors);
  return new Map(rows.map((r) => [r.name, { seq: r.seq, version: r.version }]));
}

async function saveCursors(tx: Db, projections: readonly Projection[], seq: number): Promise<void> {
  await tx
    .insert(projectionCursors)
    .values(projections.map((p) => ({ name: p.name, seq, version: p.version })))
    .onConflictDoUpdate({
      target: projectionCursors.name,
      set: { seq: sql`excluded.seq`, version: sql`excluded.version` },
    });
}

async function replay(tx: Db, projection: Projection, after: number, upTo: number): Promise<void> {
  const pageSize = 5_000;
  for (let from = after; from < upTo; from += pageSize) {
    const rows = await tx
      .select()
      .from(events)
      .where(and(gt(events.seq, from), lte(events.seq, Math.min(upTo, from + pageSize))))
      .orderBy(asc(events.seq));
    if (rows.length > 0) await projection.apply(tx, rows.map(toChainEntry));
  }
}
