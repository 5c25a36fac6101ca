import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import {
  FEED_SETTLE_MS,
  type DecisionFeed,
  type DecisionFeedQuery,
  type DecisionView,
  type StatementOfReasons,
} from './contract.js';
import { decodeCursor, encodeCursor } from './feed-cursor.js';
import { cases, decisions, notices, subjects } from './tables.js';

type DecisionRow = typeof decisions.$inferSelect;
type NoticeRow = typeof notices.$inferSelect;

export function decisionView(
  decision: DecisionRow,
  subject: { platform: string; externalId: string },
  notice: NoticeRow | null | undefined,
): DecisionView {
  return {
    id: decision.id,
    caseId: decision.caseId,
    subject: { id: decision.subjectId, platform: subject.platform, externalId: subject.externalId },
    policyId: decision.policyId,
    sectionId: decision.sectionId,
    policyVersion: decision.policyVersion,
    outcome: decision.outcome,
    accountAction: decision.accountAction,
    status: decision.status,
    reviewOf: decision.reviewOf,
    decidedAt: decision.decidedAt.toISOString(),
    notice: notice
      ? {
          id: notice.id,
          recipientRef: notice.recipientRef,
          statement: notice.statement as StatementOfReasons,
          createdAt: notice.createdAt.toISOString(),
        }
      : null,
  };
}

/**
 * A decision as its readers see it: reviewers see any; a platform sees only decisions on its own subjects, so it
 * can show its user the notice and statement of reasons.
 */
export async function findDecisionForReader(db: Db, principal: Principal, decisionId: string): Promise<DecisionView> {
  const [row] = await db
    .select({ decision: decisions, platform: subjects.platform, externalId: subjects.externalId })
    .from(decisions)
    .innerJoin(subjects, eq(subjects.id, decisions.subjectId))
    .where(eq(decisions.id, decisionId));
  if (!row || (principal.kind === 'integration' && row.platform !== principal.platform))
    throw new DocketError('not_found', `no decision ${decisionId}`);
  const [notice] = await db.select().from(notices).where(eq(notices.decisionId, decisionId));
  return decisionView(row.decision, row, notice);
}

/**
 * The decisions a reader may see, oldest first, a page at a time: an integration token its own platform's, staff
 * any (or one platform's). Each page is a probe of an index: notices by platform and time, decisions by subject and
 * time, or decisions by time.
 */
export async function listDecisionsForReader(
  db: Db,
  principal: Principal,
  query: DecisionFeedQuery,
  now: Date,
): Promise<DecisionFeed> {
  const position = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !position)
    throw new DocketError(
      'validation_failed',
      'the cursor is not one this list gave out; pass nextCursor as it was answered',
      [{ field: '/cursor', message: 'is not a cursor of this list' }],
    );
  if (principal.kind === 'integration' && query.platform !== undefined && query.platform !== principal.platform) {
    throw new DocketError(
      'forbidden',
      `this token reads platform "${principal.platform}"'s decisions, not "${query.platform}"'s`,
    );
  }
  const platform = principal.kind === 'integration' ? principal.platform : (query.platform ?? null);
  let subjectIds: string[] | null = null;
  if (query.subjectExternalId !== undefined) {
    const found = await db
      .select({ id: subjects.id })
      .from(subjects)
      .where(
        and(
          eq(subjects.externalId, query.subjectExternalId),
          platform === null ? undefined : eq(subjects.platform, platform),
        ),
      );
    subjectIds = found.map((s) => s.id);
  }
  const settledUntil = new Date(now.getTime() - FEED_SETTLE_MS);
  const empty = {
    decisions: [],
    nextCursor: query.cursor ?? null,
    hasMore: false,
    settledUntil: settledUntil.toISOString(),
  };
  if (subjectIds?.length === 0) return empty;

  // A platform's feed walks the notices to that platform (one per decision, stamped with the decision's time).
  const byNotice = platform !== null && subjectIds === null;
  const at = byNotice ? notices.createdAt : decisions.decidedAt;
  const id = byNotice ? notices.decisionId : decisions.id;
  const conditions: (SQL | undefined)[] = [
    lte(at, settledUntil),
    query.since === undefined ? undefined : gte(at, new Date(query.since)),
    position ? sql`(${at}, ${id}) > (${position.at.toISOString()}::timestamptz, ${position.id}::uuid)` : undefined,
    platform === null ? undefined : byNotice ? eq(notices.platform, platform) : eq(subjects.platform, platform),
    subjectIds === null ? undefined : inArray(decisions.subjectId, subjectIds),
  ];
  const rows = await db
    .select({ decision: decisions, notice: notices, platform: subjects.platform, externalId: subjects.externalId })
    .from(decisions)
    .innerJoin(notices, eq(notices.decisionId, decisions.id))
    .innerJoin(subjects, eq(subjects.id, decisions.subjectId))
    .where(and(...conditions))
    .orderBy(at, id)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    decisions: page.map((row) => decisionView(row.decision, row, row.notice)),
    nextCursor: last ? encodeCursor({ at: last.decision.decidedAt, id: last.decision.id }) : empty.nextCursor,
    hasMore: rows.length > query.limit,
    settledUntil: empty.settledUntil,
  };
}

/** An open case a designation repriced, as it is now. */
export interface RepricedOpenCase {
  caseId: string;
  priorityBase: number;
  priorityFactors: (typeof cases.$inferSelect)['priorityFactors'];
}

/**
 * A crisis designation changes the context factor of its country's open cases: each takes the new factor (and the
 * detail shown for it), its priority rescaled to match. Reads the country's open cases by their index; answers the
 * cases that changed, as they are now. (The one write another capability asks of moderation's tables.)
 */
export async function repriceOpenCases(
  tx: Db,
  country: string,
  factor: number,
  detail: string,
): Promise<RepricedOpenCase[]> {
  const open = await tx
    .select({ id: cases.id, base: cases.priorityBase, rankKey: cases.rankKey, factors: cases.priorityFactors })
    .from(cases)
    .where(and(eq(cases.country, country), eq(cases.status, 'open')));
  const changed: RepricedOpenCase[] = [];
  for (const row of open) {
    const current = row.factors.find((f) => f.factor === 'context')?.value ?? 1;
    if (current === factor) continue;
    const ratio = factor / current;
    const priorityBase = row.base * ratio;
    const priorityFactors = row.factors.map((f) => (f.factor === 'context' ? { ...f, value: factor, detail } : f));
    await tx
      .update(cases)
      .set({ priorityBase, rankKey: row.rankKey === null ? null : row.rankKey + Math.log2(ratio), priorityFactors })
      .where(eq(cases.id, row.id));
    changed.push({ caseId: row.id, priorityBase, priorityFactors });
  }
  return changed;
}
