import { asc, eq, gt, and, lte, sql } from 'drizzle-orm';
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
  /** Applies entries in log order. It may read tables (they hold the state as of these events) and write its own. */
  apply(tx: Db, entries: readonly ChainEntry[]): Promise<void>;
}

/**
 * Applies a command's freshly appended entries to every projection, in the command's transaction (the log's head
 * lock is held, so projections advance in log order). A projection that is behind (new since the last upgrade)
 * first replays what it missed.
 */
export async function advanceProjections(tx: Db, projections: readonly Projection[], appended: readonly ChainEntry[]): Promise<void> {
  const first = appended[0];
  const last = appended[appended.length - 1];
  if (!first || !last || projections.length === 0) return;
  const cursors = await readCursors(tx, projections);
  for (const projection of projections) {
    const at = cursors.get(projection.name) ?? 0;
    if (at >= last.seq) continue;
    if (at < first.seq - 1) await replay(tx, projection, at, first.seq - 1);
    await projection.apply(tx, appended.filter((entry) => entry.seq > at));
  }
  await tx
    .insert(projectionCursors)
    .values(projections.map((p) => ({ name: p.name, seq: last.seq })))
    .onConflictDoUpdate({ target: projectionCursors.name, set: { seq: sql`excluded.seq` } });
}

/**
 * Brings every projection up to the log's head: after an upgrade added a projection, or on a database whose
 * events were written before it existed. Works page by page, each page in a transaction holding the head lock.
 */
export async function catchUpProjections(db: Db, projections: readonly Projection[], pageSize = 5_000): Promise<number> {
  let replayed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [head] = await tx.select().from(eventLogHead).where(eq(eventLogHead.id, 1)).for('update');
      const target = head?.seq ?? 0;
      const cursors = await readCursors(tx, projections);
      const behind = projections.filter((p) => (cursors.get(p.name) ?? 0) < target);
      if (behind.length === 0) return true;
      const from = Math.min(...behind.map((p) => cursors.get(p.name) ?? 0));
      const to = Math.min(target, from + pageSize);
      for (const projection of behind) await replay(tx, projection, Math.max(from, cursors.get(projection.name) ?? 0), to);
      await tx
        .insert(projectionCursors)
        .values(behind.map((p) => ({ name: p.name, seq: to })))
        .onConflictDoUpdate({ target: projectionCursors.name, set: { seq: sql`excluded.seq` } });
      replayed += to - from;
      return false;
    });
    if (done) return replayed;
  }
}

async function readCursors(tx: Db, projections: readonly Projection[]): Promise<Map<string, number>> {
  const rows = await tx.select().from(projectionCursors);
  const names = new Set(projections.map((p) => p.name));
  return new Map(rows.filter((r) => names.has(r.name)).map((r) => [r.name, r.seq]));
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
