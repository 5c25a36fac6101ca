import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../store/database.js';
import { ageCeilingAfterMs, priorityAt, type ModerationRules } from './rules.js';
import { cases } from './tables.js';

type CaseRow = typeof cases.$inferSelect;

/**
 * The open cases matching `where`, highest priority first by `priorityAt` (base × age factor now), at most `limit`.
 *
 * Age is capped, so the open cases fall in two runs, each read from its own index, never more than `limit` of each:
 * - cases that waited past the ceiling all carry the same age factor, so their order is their base
 *   (cases_queue_base_idx); the scan skips only younger cases;
 * - younger cases are ordered by base × 2^(waited / doubling period), the age factor they have under the ceiling,
 *   which is the order of their static rank key (cases_queue_young_idx). A case reaching the ceiling leaves that
 *   index when `settleAgedCases` nulls its key; until then the opened-at condition keeps it out of this run.
 * Neither grows with the closed history or with the backlog beyond `limit`. The two heads are merged by the rule
 * itself, so the order a reviewer sees is the score they see.
 */
export async function queueHead(
  db: Db,
  where: SQL | undefined,
  now: Date,
  rules: ModerationRules,
  limit: number,
): Promise<CaseRow[]> {
  const ceilingFrom = new Date(now.getTime() - ageCeilingAfterMs(rules));
  const open = and(eq(cases.status, 'open'), where);
  // One statement, each run read from its own index (each part keeps its own ORDER BY and LIMIT).
  const heads = await unionAll(
    db
      .select()
      .from(cases)
      .where(and(open, lte(cases.openedAt, ceilingFrom)))
      .orderBy(sql`${cases.priorityBase} desc nulls last`, asc(cases.openedAt))
      .limit(limit),
    db
      .select()
      .from(cases)
      .where(and(open, isNotNull(cases.rankKey), gt(cases.openedAt, ceilingFrom)))
      // NULLS LAST as in the index, or PostgreSQL will not read the index in order.
      .orderBy(sql`${cases.rankKey} desc nulls last`)
      .limit(limit),
  );
  return byPriorityAt(heads, now, rules).slice(0, limit);
}

/** Orders case rows by the priority rule at `now`; ties go to the case that has waited longer. */
export function byPriorityAt(rows: CaseRow[], now: Date, rules: ModerationRules): CaseRow[] {
  const score = new Map(
    rows.map((row) => [row.id, priorityAt({ factors: row.priorityFactors, openedAt: row.openedAt }, now, rules).score]),
  );
  return [...rows].sort(
    (a, b) => (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0) || a.openedAt.getTime() - b.openedAt.getTime(),
  );
}

/** Not leased, or its lease has run out: a case a reviewer may take. */
export function unleased(now: Date): SQL | undefined {
  return or(isNull(cases.leaseExpiresAt), lt(cases.leaseExpiresAt, now));
}

/**
 * Locks and returns the most urgent claimable case matching `where`. Candidates come from `queueHead`; one statement
 * then locks the first of them, in queue order, that no other transaction holds (SKIP LOCKED), so concurrent claims
 * (several processes on PostgreSQL) take different cases without a round trip per candidate. When every candidate
 * is being taken by someone else, a longer head is read.
 */
export async function lockNextCase(
  tx: Db,
  where: SQL | undefined,
  now: Date,
  rules: ModerationRules,
): Promise<string | null> {
  for (let limit = 8; ; limit *= 4) {
    const candidates = (await queueHead(tx, and(where, unleased(now)), now, rules, limit)).map((c) => c.id);
    if (candidates.length === 0) return null;
    const [row] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(inArray(cases.id, candidates), eq(cases.status, 'open'), unleased(now)))
      .orderBy(sql`array_position(${sql.param(candidates)}::uuid[], ${cases.id})`)
      .limit(1)
      .for('update', { skipLocked: true });
    if (row) return row.id;
    if (candidates.length < limit) return null;
  }
}

/**
 * Takes the cases whose age factor has reached its ceiling out of the young run's index (their order is now their
 * base): housekeeping for the scheduler, which reads only cases that still hold a rank key. The queue is right
 * without it, only slower as such cases pile up in the young index.
 */
export async function settleAgedCases(db: Db, now: Date, rules: ModerationRules): Promise<number> {
  const ceilingFrom = new Date(now.getTime() - ageCeilingAfterMs(rules));
  const settled = await db
    .update(cases)
    .set({ rankKey: null })
    .where(and(eq(cases.status, 'open'), isNotNull(cases.rankKey), lte(cases.openedAt, ceilingFrom)))
    .returning({ id: cases.id });
  return settled.length;
}
