import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import { decodeCursor, encodeCursor } from './feed-cursor.js';
import { cases, decisions, notices, subjects } from './tables.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** A decision with its notice and statement of reasons: one shape for `GET /api/decisions/{id}` and the feed. */
export const DecisionView = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  subject: Type.Object({ id: Type.String(), platform: Type.String(), externalId: Type.String() }),
  policyId: Type.String(),
  sectionId: Type.String(),
  policyVersion: Type.Integer(),
  outcome: Type.String({ description: 'no_violation, remove, warning_screen, keep_newsworthy or restrict_visibility' }),
  accountAction: Nullable(Type.Object({ kind: Type.String(), days: Type.Optional(Type.Integer()) })),
  status: Type.String({
    description:
      'in_force, or reversed (on appeal or by the board; the decision that replaced it names this one in reviewOf)',
  }),
  reviewOf: Nullable(Type.String()),
  decidedAt: Type.String({ format: 'date-time' }),
  notice: Nullable(
    Type.Object({
      id: Type.String(),
      recipientRef: Nullable(Type.String()),
      statement: Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'the statement of reasons (EU DSA Art. 17), in the DSA Transparency Database field names',
        },
      ),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type DecisionView = Static<typeof DecisionView>;

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
          statement: notice.statement as Record<string, unknown>,
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
 * How long a decision waits before the feed lists it. A decision is stamped with the time its command began and
 * becomes visible when it commits; on PostgreSQL a slower command may commit a decision stamped a little earlier
 * than one already listed. Listing only decisions older than this keeps every cursor behind them, so paging never
 * skips one. (Webhooks remain the immediate way to hear of a decision.)
 */
export const FEED_SETTLE_MS = 30_000;

export const DecisionFeedQuery = Type.Object(
  {
    subjectExternalId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "only decisions on this subject (the platform's own id for it)",
      }),
    ),
    platform: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "staff: only this platform's decisions (an integration token always reads its own platform's)",
      }),
    ),
    since: Type.Optional(
      Type.String({ format: 'date-time', description: 'only decisions taken at or after this instant (RFC 3339)' }),
    ),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'the nextCursor of the previous answer: continue after it',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type DecisionFeedQuery = Static<typeof DecisionFeedQuery>;

export const DecisionFeed = Type.Object({
  decisions: Type.Array(DecisionView, { description: 'oldest first, ordered by (decidedAt, id)' }),
  nextCursor: Nullable(
    Type.String({
      description:
        'pass it as `cursor` for the next page, or later to poll for new decisions; null only when nothing was listed and no cursor was given',
    }),
  ),
  hasMore: Type.Boolean({ description: 'more decisions are listed after this page now' }),
  settledUntil: Type.String({
    format: 'date-time',
    description: `decisions taken up to this instant are listed (${FEED_SETTLE_MS / 1000} seconds ago)`,
  }),
});

/**
 * The decisions a reader may see, oldest first, a page at a time: an integration token its own platform's, staff
 * any (or one platform's). Each page is a probe of an index: notices by platform and time, decisions by subject and
 * time, or decisions by time.
 */
export async function listDecisionsForReader(db: Db, principal: Principal, query: DecisionFeedQuery, now: Date) {
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
