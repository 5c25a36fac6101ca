import { and, count, desc, eq, gt, gte, isNotNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { byPriorityAt, queueHead, unleased } from './queue-order.js';
import { DocketError } from '../core/errors.js';
import { QUEUE_COUNT_CAP, QUEUE_PRIORITY_DEPTH, type QueueStatus } from './contract.js';
import type { ModerationRules } from './rules.js';
import { cases } from './tables.js';

type CaseRow = typeof cases.$inferSelect;

/** Who holds the cases asked for: anyone, nobody, or one reviewer (by user id). */
export type HolderFilter = { kind: 'anyone' } | { kind: 'unclaimed' } | { kind: 'reviewer'; userId: string };

export interface PageRequest {
  /** The levels the user works and the queue's other filters (policy, country, language). */
  where: SQL | undefined;
  status: QueueStatus;
  holder: HolderFilter;
  /** Opened (first reported) at or after `from` and before `until`. */
  from?: Date | undefined;
  until?: Date | undefined;
  now: Date;
  offset: number;
  limit: number;
}

export interface PageRows {
  rows: CaseRow[];
  /** How far this listing pages (offset + limit). */
  depth: number;
  total: { count: number; exact: boolean };
}

const NONE: PageRows = { rows: [], depth: QUEUE_COUNT_CAP, total: { count: 0, exact: true } };

/**
 * One page of the queue under its filters, with how many cases match. Every read is bounded by an index:
 * - open cases by priority come from `queueHead`'s two indexed runs, `offset + limit` deep, at most
 *   QUEUE_PRIORITY_DEPTH (see there);
 * - held cases (a holder, or status `claimed`) come from cases_held_idx: a reviewer holds a case or a few, so the
 *   whole matching set is small and is ordered by the priority rule here;
 * - closed cases are read newest reported first from cases_status_opened_idx, which also serves the date filters.
 */
export async function readQueuePage(db: Db, rules: ModerationRules, request: PageRequest): Promise<PageRows> {
  const { status, holder, now, offset, limit } = request;
  const reported = and(
    request.from ? gte(cases.openedAt, request.from) : undefined,
    request.until ? lt(cases.openedAt, request.until) : undefined,
  );
  const where = and(request.where, reported);

  if (status === 'closed') {
    // A closed case is held by no one.
    if (holder.kind === 'reviewer') return NONE;
    const closed = and(eq(cases.status, 'closed'), where);
    const rows = await db
      .select()
      .from(cases)
      .where(closed)
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(limit)
      .offset(offset);
    return { rows, depth: QUEUE_COUNT_CAP, total: await countUpToCap(db, closed) };
  }

  if (status === 'claimed' || holder.kind === 'reviewer') {
    if (holder.kind === 'unclaimed') return NONE;
    const held = and(
      eq(cases.status, 'open'),
      holder.kind === 'reviewer' ? eq(cases.claimedBy, holder.userId) : isNotNull(cases.claimedBy),
      gt(cases.leaseExpiresAt, now),
      where,
    );
    const rows = await db
      .select()
      .from(cases)
      .where(held)
      .limit(QUEUE_COUNT_CAP + 1);
    const exact = rows.length <= QUEUE_COUNT_CAP;
    const ordered = byPriorityAt(rows.slice(0, QUEUE_COUNT_CAP), now, rules);
    return {
      rows: ordered.slice(offset, offset + limit),
      depth: QUEUE_COUNT_CAP,
      total: { count: Math.min(rows.length, QUEUE_COUNT_CAP), exact },
    };
  }

  if (offset + limit > QUEUE_PRIORITY_DEPTH) {
    throw new DocketError(
      'validation_failed',
      `open cases page through their ${QUEUE_PRIORITY_DEPTH} most urgent; narrow the filters to reach others`,
      [{ field: '/offset', message: `with the limit, goes past the ${QUEUE_PRIORITY_DEPTH} most urgent open cases` }],
    );
  }
  const waiting = and(where, holder.kind === 'unclaimed' ? unleased(now) : undefined);
  const rows = await queueHead(db, waiting, now, rules, offset + limit);
  return {
    rows: rows.slice(offset),
    depth: QUEUE_PRIORITY_DEPTH,
    total: await countUpToCap(db, and(eq(cases.status, 'open'), waiting)),
  };
}

/**
 * How many cases match, counted exactly up to QUEUE_COUNT_CAP. An exact count of a backlog of a million open cases
 * reads every one of their index entries on each page view (a count has no shortcut in PostgreSQL), so a page
 * view would grow with the backlog. Past the cap the answer says "more than 10,000": a reviewer pages through the
 * head of the queue, never to its millionth case, and the cap bounds the count's cost like the page's.
 * Measured on PostgreSQL with 500,000 open and 300,000 closed cases (EXPLAIN ANALYZE): open cases counted from
 * cases_queue_base_idx (index only, 2 ms), one day reported from cases_status_opened_idx (4-11 ms), held cases
 * from cases_held_idx (under 0.1 ms); where most rows match (all closed cases, all waiting ones) the planner reads
 * the table in order instead and stops at the cap (6-9 ms).
 */
async function countUpToCap(db: Db, where: SQL | undefined): Promise<PageRows['total']> {
  const matching = db
    .select({ id: cases.id })
    .from(cases)
    .where(where)
    .limit(QUEUE_COUNT_CAP + 1)
    .as('matching');
  const [row] = await db.select({ n: count() }).from(matching);
  const n = Number(row?.n ?? 0);
  return { count: Math.min(n, QUEUE_COUNT_CAP), exact: n <= QUEUE_COUNT_CAP };
}
