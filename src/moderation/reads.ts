import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import { isId } from '../store/rows.js';
import {
  FEED_SETTLE_MS,
  type DecisionFeed,
  type DecisionFeedQuery,
  type DecisionView,
  type StatementOfReasons,
} from './contract.js';
import { decodeCursor, encodeCursor } from './feed-cursor.js';
import { accountRestrictions, appeals, cases, decisions, notices, reports, strikes, subjects } from './tables.js';
import { normaliseText } from './content-hash.js';

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

// ---------------------------------------------------------------------------------------------------------------
// What the oversight board (src/board) reads of moderation: each read keyed by id, so it costs what it returns.

export type DecisionRecord = typeof decisions.$inferSelect;
export type SubjectRecord = typeof subjects.$inferSelect;

/** A decision by its id, or null. */
export async function decisionById(db: Db, id: string): Promise<DecisionRecord | null> {
  const [row] = await db.select().from(decisions).where(eq(decisions.id, id));
  return row ?? null;
}

/** A subject by its id, or null. */
export async function subjectById(db: Db, id: string): Promise<SubjectRecord | null> {
  const [row] = await db.select().from(subjects).where(eq(subjects.id, id));
  return row ?? null;
}

/** When an internal appeal first upheld this decision, or null when none did. */
export async function firstUpheldAppealAt(db: Db, decisionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: appeals.decidedAt })
    .from(appeals)
    .where(and(eq(appeals.decisionId, decisionId), eq(appeals.result, 'upheld'), isNotNull(appeals.decidedAt)))
    .orderBy(asc(appeals.decidedAt))
    .limit(1);
  return row?.at ?? null;
}

/** How many internal appeals a decision drew, and how many reports its case received. */
export async function appealAndReportCounts(
  db: Db,
  decision: { id: string; caseId: string },
): Promise<{ appeals: number; reports: number }> {
  const [appealCount] = await db.select({ n: count() }).from(appeals).where(eq(appeals.decisionId, decision.id));
  const [reportCount] = await db.select({ n: count() }).from(reports).where(eq(reports.caseId, decision.caseId));
  return { appeals: appealCount?.n ?? 0, reports: reportCount?.n ?? 0 };
}

/** The policy of each of these decisions, by decision id (unknown ids are left out). */
export async function policyIdsOfDecisions(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: decisions.id, policyId: decisions.policyId })
    .from(decisions)
    .where(inArray(decisions.id, unique));
  return new Map(rows.map((row) => [row.id, row.policyId]));
}

/**
 * The other subjects on the original's platform with the same content: the same content hash, or the same body once
 * normalised. Two indexed reads: the content hash's index, and the full-text index narrowing the bodies compared.
 */
export async function identicalSubjects(db: Db, original: SubjectRecord): Promise<SubjectRecord[]> {
  const others = and(eq(subjects.platform, original.platform), ne(subjects.id, original.id));
  const byHash = original.contentHash
    ? await db
        .select()
        .from(subjects)
        .where(and(others, eq(subjects.contentHash, original.contentHash)))
    : [];
  const normalised = normaliseText(original.body ?? '');
  const byText = normalised
    ? await db
        .select()
        .from(subjects)
        .where(
          and(
            others,
            sql`to_tsvector('simple', coalesce(${subjects.title}, '') || ' ' || coalesce(${subjects.body}, '')) @@ plainto_tsquery('simple', ${normalised})`,
            sql`lower(regexp_replace(btrim(${subjects.body}), '\\s+', ' ', 'g')) = ${normalised}`,
          ),
        )
    : [];
  const seen = new Set(byHash.map((row) => row.id));
  return [...byHash, ...byText.filter((row) => !seen.has(row.id))];
}

/** The outcome of the decision in force on a subject (the latest), or null. */
export async function inForceOutcomeOf(db: Db, subjectId: string): Promise<DecisionRecord['outcome'] | null> {
  const [row] = await db
    .select({ outcome: decisions.outcome })
    .from(decisions)
    .where(and(eq(decisions.subjectId, subjectId), eq(decisions.status, 'in_force')))
    .orderBy(desc(decisions.decidedAt))
    .limit(1);
  return row?.outcome ?? null;
}

/** A case's record as the board's case file shows it. Reporters are never identified, not even to the board. */
export interface CaseRecord {
  subject: SubjectRecord | null;
  decisions: DecisionRecord[];
  notices: { decisionId: string; statement: StatementOfReasons }[];
  appeals: Pick<
    typeof appeals.$inferSelect,
    'id' | 'decisionId' | 'appellant' | 'statement' | 'filedAt' | 'result' | 'reason' | 'decidedAt'
  >[];
  reports: Pick<typeof reports.$inferSelect, 'source' | 'policyId' | 'text' | 'receivedAt'>[];
}

/** A case's subject, decisions (oldest first), their notices and appeals, and its first 200 reports; null if none. */
export async function caseRecord(db: Db, caseId: string): Promise<CaseRecord | null> {
  const [modCase] = await db.select({ subjectId: cases.subjectId }).from(cases).where(eq(cases.id, caseId));
  if (!modCase) return null;
  const subject = await subjectById(db, modCase.subjectId);
  const caseDecisions = await db
    .select()
    .from(decisions)
    .where(eq(decisions.caseId, caseId))
    .orderBy(asc(decisions.decidedAt));
  const ids = caseDecisions.map((d) => d.id);
  const caseAppeals = ids.length
    ? await db
        .select({
          id: appeals.id,
          decisionId: appeals.decisionId,
          appellant: appeals.appellant,
          statement: appeals.statement,
          filedAt: appeals.filedAt,
          result: appeals.result,
          reason: appeals.reason,
          decidedAt: appeals.decidedAt,
        })
        .from(appeals)
        .where(inArray(appeals.decisionId, ids))
    : [];
  const caseNotices = ids.length
    ? await db
        .select({ decisionId: notices.decisionId, statement: notices.statement })
        .from(notices)
        .where(inArray(notices.decisionId, ids))
    : [];
  const caseReports = await db
    .select({ source: reports.source, policyId: reports.policyId, text: reports.text, receivedAt: reports.receivedAt })
    .from(reports)
    .where(eq(reports.caseId, caseId))
    .orderBy(asc(reports.receivedAt))
    .limit(200);
  return {
    subject,
    decisions: caseDecisions,
    notices: caseNotices.map((n) => ({ decisionId: n.decisionId, statement: n.statement as StatementOfReasons })),
    appeals: caseAppeals,
    reports: caseReports,
  };
}

/** A decision on one of the platform's subjects; not_found for another platform's (it sees only its own). */
export async function findDecision(tx: Db, decisionId: string, platform: string) {
  if (!isId(decisionId)) throw new DocketError('not_found', `no decision ${decisionId}`);
  const [row] = await tx
    .select({ decision: decisions, platform: subjects.platform })
    .from(decisions)
    .innerJoin(subjects, eq(subjects.id, decisions.subjectId))
    .where(eq(decisions.id, decisionId));
  // A platform sees only decisions on its own subjects.
  if (!row || row.platform !== platform) throw new DocketError('not_found', `no decision ${decisionId}`);
  return row.decision;
}

/**
 * The newest case of each of a platform's subjects named by their external ids (a connector marks them when the
 * platform acts on its own); subjects without a case are left out.
 */
export async function latestCasesOf(
  db: Db,
  platform: string,
  externalIds: readonly string[],
): Promise<{ externalId: string; caseId: string }[]> {
  if (externalIds.length === 0) return [];
  return db
    .selectDistinctOn([subjects.id], { externalId: subjects.externalId, caseId: cases.id })
    .from(subjects)
    .innerJoin(cases, eq(cases.subjectId, subjects.id))
    .where(and(eq(subjects.platform, platform), inArray(subjects.externalId, [...externalIds])))
    .orderBy(subjects.id, desc(cases.openedAt));
}

/** What a decision imposed on the account: whether it struck, and each restriction's kind and end. */
export async function decisionMeasures(
  db: Db,
  decisionId: string,
): Promise<{ strike: boolean; restrictions: { kind: string; endsAt: Date | null }[] }> {
  const [struck] = await db.select({ id: strikes.id }).from(strikes).where(eq(strikes.decisionId, decisionId)).limit(1);
  const restrictions = await db
    .select({ kind: accountRestrictions.kind, endsAt: accountRestrictions.endsAt })
    .from(accountRestrictions)
    .where(eq(accountRestrictions.decisionId, decisionId));
  return { strike: struck !== undefined, restrictions };
}

/** The kinds of restriction in force on an account at `at` (not lifted, not ended), whatever decision imposed them. */
export async function restrictionKindsInForce(
  db: Db,
  platform: string,
  accountRef: string,
  at: Date,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ kind: accountRestrictions.kind })
    .from(accountRestrictions)
    .where(
      and(
        eq(accountRestrictions.platform, platform),
        eq(accountRestrictions.accountRef, accountRef),
        isNull(accountRestrictions.liftedAt),
        lte(accountRestrictions.startsAt, at),
        or(isNull(accountRestrictions.endsAt), gt(accountRestrictions.endsAt, at)),
      ),
    );
  return rows.map((r) => r.kind);
}
