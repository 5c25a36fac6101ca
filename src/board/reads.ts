import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { Clock } from '../core/clock.js';
import { DocketError } from '../core/errors.js';
import { readEvents } from '../core/event-log.js';
import { rowById } from '../store/rows.js';
import { caseRecord, decisionById, policyIdsOfDecisions } from '../moderation/reads.js';
import { currentTitlesOf } from '../policy/reads.js';
import type { Db } from '../store/database.js';
import { caseSummary, type BoardCaseRow } from './intake.js';
import {
  commentPeriod,
  commentsClosedNotice,
  deadlineState,
  publishedAuthor,
  publishedVoteSplit,
  responseState,
  votesToDecide,
  type BoardRules,
  type Vote,
} from './rules.js';
import {
  boardCases,
  boardDrafts,
  boardMembers,
  boardVotes,
  implementationObligations,
  panelSeats,
  publicComments,
  recommendationAssessments,
  recommendationResponses,
  recommendations,
} from './tables.js';
import type {
  BoardCase,
  CaseFile,
  ManagerDesk,
  ModerationHistory,
  Obligation,
  PlatformDesk,
  Publication,
  PublicBoardCase,
  RecommendationView,
} from './contract.js';

type User = Extract<Principal, { kind: 'user' }>;
type BoardOutcome = NonNullable<BoardCaseRow['outcome']>;

/** The statuses in which a case is public: selected for deliberation, reversed by the platform, decided. */
export const PUBLIC_CASE_STATUSES = ['selected', 'platform_reversed', 'decided'] as const;

/** A search of the board's public docket. Days are YYYY-MM-DD (UTC), both ends included. */
export interface PublicCaseFilter {
  country?: string;
  /** The policy of the platform's decision under review. */
  policy?: string;
  outcome?: BoardOutcome;
  from?: string;
  to?: string;
  /** Words in the title or the reference. */
  q?: string;
  page?: number;
  pageSize?: number;
}

const startOfDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
const iso = (date: Date | null | undefined): string | null => date?.toISOString() ?? null;

/**
 * What each board role sees. Board members see only the cases of their panels; the platform's liaison sees what it
 * owes (obligations, recommendations) and published decisions, never drafts or votes.
 */
export function createBoardReads(deps: { db: Db; clock: Clock; rules: BoardRules }) {
  const { db, clock, rules } = deps;

  const deadline = (row: BoardCaseRow) =>
    row.decisionDueAt && row.status === 'selected'
      ? deadlineState(row.decisionDueAt, clock.now(), rules.warningDays[row.track])
      : null;
  const withDeadline = (row: BoardCaseRow): BoardCase => ({ ...caseSummary(row), deadline: deadline(row) });

  /** The case manager's desk: candidates, cases under deliberation with their deadlines, comments to moderate. */
  async function managerDesk(): Promise<ManagerDesk> {
    const active = await db
      .select()
      .from(boardCases)
      .where(inArray(boardCases.status, ['selected', 'platform_reversed']))
      .orderBy(asc(boardCases.decisionDueAt));
    const pending = await db
      .select({
        id: publicComments.id,
        boardCaseId: publicComments.boardCaseId,
        ref: boardCases.ref,
        name: publicComments.name,
        organisation: publicComments.organisation,
        anonymous: publicComments.anonymous,
        body: publicComments.body,
        submittedAt: publicComments.submittedAt,
      })
      .from(publicComments)
      .innerJoin(boardCases, eq(boardCases.id, publicComments.boardCaseId))
      .where(eq(publicComments.status, 'pending'))
      .orderBy(asc(publicComments.submittedAt))
      .limit(200);
    return {
      active: active.map(withDeadline),
      pendingComments: pending.map((c) => ({ ...c, submittedAt: c.submittedAt.toISOString() })),
    };
  }

  /** A member's panels, with deadlines and whether they have voted on the current draft. */
  async function myPanels(user: User): Promise<BoardCase[]> {
    const rows = await db
      .select({ row: boardCases })
      .from(panelSeats)
      .innerJoin(boardCases, eq(boardCases.id, panelSeats.boardCaseId))
      .where(and(eq(panelSeats.userId, user.id), eq(panelSeats.status, 'seated')))
      .orderBy(desc(boardCases.selectedAt));
    return rows.map(({ row }) => withDeadline(row));
  }

  /** The liaison's desk: their platform's obligations, recommendations to answer and cases it may still reverse. */
  async function platformDesk(platform: string | null): Promise<PlatformDesk> {
    const now = clock.now();
    const ofPlatform = eq(boardCases.platform, platform ?? '');
    const obligations = await db
      .select({ o: implementationObligations, ref: boardCases.ref, title: boardCases.title })
      .from(implementationObligations)
      .innerJoin(boardCases, eq(boardCases.id, implementationObligations.boardCaseId))
      .where(ofPlatform)
      .orderBy(asc(implementationObligations.dueAt));
    const recs = await recommendationRows({ platform: platform ?? '' });
    const selected = await db
      .select()
      .from(boardCases)
      .where(and(eq(boardCases.status, 'selected'), isNotNull(boardCases.decisionId), ofPlatform))
      .orderBy(asc(boardCases.selectedAt));
    return {
      obligations: obligations.map(({ o, ref, title }) => ({ ...obligationView(o, now), ref, title })),
      recommendations: recs,
      selectedCases: selected.map(withDeadline),
    };
  }

  /**
   * The case file. Case managers see everything; panel members (not recused) see the deliberation; every board member
   * sees a candidate (the selection committee); others get not_found, so a case's existence is not revealed to them.
   */
  async function caseFile(user: User, id: string): Promise<CaseFile> {
    const row = await rowById(db, boardCases, id, 'board case');
    const seats = await db
      .select({
        userId: panelSeats.userId,
        status: panelSeats.status,
        reason: panelSeats.reason,
        name: boardMembers.name,
        region: boardMembers.region,
      })
      .from(panelSeats)
      .leftJoin(boardMembers, eq(boardMembers.userId, panelSeats.userId))
      .where(eq(panelSeats.boardCaseId, id));
    const mySeat = seats.find((s) => s.userId === user.id);
    const manager = user.roles.includes('case_manager');
    const member = mySeat?.status === 'seated';
    const liaison = user.roles.includes('platform_liaison') && user.platform === row.platform;
    // Board members sit on the selection committee, so every member sees candidates; after selection, only the panel.
    const committee = user.roles.includes('board_member') && row.status === 'candidate';
    if (!manager && !member && !committee && !(liaison && row.status !== 'candidate'))
      throw new DocketError('not_found', `no board case ${id}`);
    const deliberation = manager || member;

    const moderation = row.caseId ? await moderationHistory(row.caseId) : null;
    const drafts = deliberation
      ? await db.select().from(boardDrafts).where(eq(boardDrafts.boardCaseId, id)).orderBy(desc(boardDrafts.version))
      : [];
    const votes = deliberation ? await db.select().from(boardVotes).where(eq(boardVotes.boardCaseId, id)) : [];
    const comments =
      deliberation || row.status === 'decided'
        ? await db
            .select()
            .from(publicComments)
            .where(eq(publicComments.boardCaseId, id))
            .orderBy(asc(publicComments.submittedAt))
        : [];
    const [obligation] = await db
      .select()
      .from(implementationObligations)
      .where(eq(implementationObligations.boardCaseId, id));
    const period = commentPeriod(
      { closesAt: row.commentsCloseAt, closedEarly: row.commentsClosedEarlyReason !== null },
      clock.now(),
    );
    const underDeliberation = row.status === 'selected';
    return {
      case: {
        ...withDeadline(row),
        statement: row.statement,
        selectionNote: row.selectionNote,
        platformReversal: row.platformReversal,
        decisionText: row.decisionText,
        voteCounts: deliberation || row.voteSplitPublished ? row.voteCounts : null,
        voteSplitPublished: row.voteSplitPublished,
        commentsOpen: underDeliberation && period.open,
        commentsClosedEarlyReason: row.commentsClosedEarlyReason,
      },
      publication:
        deliberation && underDeliberation ? publicationFacts(seats, votes, drafts[0]?.version ?? null, period) : null,
      panel: deliberation
        ? seats.map((s) => ({
            userId: s.userId,
            name: s.name,
            region: s.region,
            status: s.status,
            reason: s.reason,
            voted: votes.find((v) => v.userId === s.userId)?.draftVersion ?? null,
          }))
        : [],
      moderation,
      drafts: drafts.map((d) => ({
        version: d.version,
        authorId: d.authorId,
        text: d.text,
        recommendations: d.recommendations,
        savedAt: d.savedAt.toISOString(),
      })),
      votes: votes.map((v) => ({
        userId: v.userId,
        draftVersion: v.draftVersion,
        vote: v.vote,
        opinion: v.opinion,
        castAt: v.castAt.toISOString(),
      })),
      comments: comments
        .filter((c) => deliberation || c.status === 'approved')
        .map((c) => ({
          id: c.id,
          kind: c.kind,
          status: c.status,
          author: publishedAuthor(c),
          body: c.body,
          submittedAt: c.submittedAt.toISOString(),
          ...(manager ? { name: c.name, organisation: c.organisation, anonymous: c.anonymous } : {}),
        })),
      obligation: obligation ? obligationView(obligation, clock.now()) : null,
      recommendations: await recommendationRows({ boardCaseId: id }),
      may: {
        select: user.roles.includes('board_member') && row.status === 'candidate',
        manage: manager,
        deliberate: member && row.status === 'selected',
        reverse: liaison && row.status === 'selected' && row.decisionId !== null,
        closeComments: manager && underDeliberation && period.open,
        // Publication waits for the comment period: the button appears once it has closed (or was closed early).
        publish: manager && underDeliberation && !period.open,
        publishSummary: manager && row.status === 'platform_reversed',
      },
    };
  }

  /** What the case manager confirms before publishing: the tally on the current draft against the majority needed. */
  function publicationFacts(
    seats: { userId: string; status: string }[],
    votes: { userId: string; vote: Vote; draftVersion: number }[],
    draftVersion: number | null,
    period: { open: boolean; closesAt: Date | null },
  ): Publication {
    const seated = seats.filter((s) => s.status === 'seated').map((s) => s.userId);
    const counts: Partial<Record<Vote, number>> = {};
    for (const v of votes)
      if (v.draftVersion === draftVersion && seated.includes(v.userId)) counts[v.vote] = (counts[v.vote] ?? 0) + 1;
    return {
      draftVersion,
      counts,
      seated: seated.length,
      votesNeeded: votesToDecide(seated.length, rules),
      commentsOpenUntil: period.open ? iso(period.closesAt) : null,
    };
  }

  async function moderationHistory(caseId: string): Promise<ModerationHistory | null> {
    const record = await caseRecord(db, caseId);
    if (!record) return null;
    const { subject } = record;
    const history = await readEvents(db, { stream: `case/${caseId}`, limit: 500 });
    return {
      subject: subject
        ? {
            externalId: subject.externalId,
            kind: subject.kind,
            contentType: subject.contentType,
            title: subject.title,
            body: subject.body,
            country: subject.country,
            authorExternalId: subject.authorExternalId,
            views: subject.views,
            postedAt: iso(subject.postedAt),
          }
        : null,
      // Reporters are never identified, not even to the board.
      reports: record.reports.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
      decisions: record.decisions.map((d) => ({
        id: d.id,
        outcome: d.outcome,
        policyId: d.policyId,
        sectionId: d.sectionId,
        policyVersion: d.policyVersion,
        facts: d.facts,
        balancing: d.balancing as ModerationHistory['decisions'][number]['balancing'],
        warningScreen: d.warningScreen,
        status: d.status,
        reviewOf: d.reviewOf,
        decidedAt: d.decidedAt.toISOString(),
        notice: record.notices.find((n) => n.decisionId === d.id)?.statement ?? null,
      })),
      appeals: record.appeals.map((a) => ({ ...a, filedAt: a.filedAt.toISOString(), decidedAt: iso(a.decidedAt) })),
      history: history.entries.map((e) => ({ seq: e.seq, type: e.type, actor: e.actor, at: e.at })),
    };
  }

  /**
   * Recommendations with their responses and assessments as history, and where their 60-day clocks stand: every
   * recommendation, or those of one case, or of one platform's cases.
   */
  async function recommendationRows(
    of?: { boardCaseId: string } | { platform: string },
  ): Promise<RecommendationView[]> {
    const recs = await db
      .select({ r: recommendations, caseRef: boardCases.ref, caseTitle: boardCases.title })
      .from(recommendations)
      .innerJoin(boardCases, eq(boardCases.id, recommendations.boardCaseId))
      .where(
        of === undefined
          ? undefined
          : 'boardCaseId' in of
            ? eq(recommendations.boardCaseId, of.boardCaseId)
            : eq(boardCases.platform, of.platform),
      )
      .orderBy(asc(recommendations.publishedAt), asc(recommendations.number));
    return (await recommendationViews(db, recs, clock.now())).map((view, i) => ({
      id: (recs[i] as (typeof recs)[number]).r.id,
      ...view,
    }));
  }

  /**
   * A case as the public sees it: while it is open, its title and comment period; once decided, the decision with
   * its separate opinions (unsigned), the approved comments and briefs (names only where allowed), the platform's
   * obligation and the recommendations with their responses. Nothing private: no statement of the appellant, no
   * e-mail, no panel identities.
   */
  async function publicCase(ref: string): Promise<PublicBoardCase> {
    const [row] = await db.select().from(boardCases).where(eq(boardCases.ref, ref));
    if (!row || !(PUBLIC_CASE_STATUSES as readonly string[]).includes(row.status))
      throw new DocketError('not_found', `no board case ${ref}`);
    const now = clock.now();
    const period = commentPeriod(
      { closesAt: row.commentsCloseAt, closedEarly: row.commentsClosedEarlyReason !== null },
      now,
    );
    const open = {
      ref: row.ref,
      title: row.title,
      kind: row.kind,
      /** A policy advisory opinion's question is what the public is asked to comment on: it is public from selection. */
      question: row.kind === 'policy_advisory' ? row.statement : null,
      track: row.track,
      country: row.country,
      region: row.region,
      policy: await policyOf(row.decisionId),
      status: row.status as (typeof PUBLIC_CASE_STATUSES)[number],
      selectedAt: iso(row.selectedAt),
      decisionDueAt: iso(row.decisionDueAt),
      commentsCloseAt: iso(row.commentsCloseAt),
      commentsOpen: row.status === 'selected' && period.open,
      commentsClosedEarly: period.closedEarly,
      commentsClosedEarlyReason: row.commentsClosedEarlyReason,
      /** What a late comment is told: the page shows the same words. */
      commentsNotice:
        row.status === 'selected' && period.open
          ? null
          : period.closesAt && !period.open
            ? commentsClosedNotice({ closesAt: period.closesAt, closedEarly: period.closedEarly })
            : 'this case is not open for public comments',
    };
    if (row.status !== 'decided') return { ...open, decision: null };
    const votes = await db
      .select({ vote: boardVotes.vote, opinion: boardVotes.opinion })
      .from(boardVotes)
      .where(eq(boardVotes.boardCaseId, row.id));
    const comments = await db
      .select()
      .from(publicComments)
      .where(and(eq(publicComments.boardCaseId, row.id), eq(publicComments.status, 'approved')))
      .orderBy(asc(publicComments.submittedAt));
    const [obligation] = await db
      .select()
      .from(implementationObligations)
      .where(eq(implementationObligations.boardCaseId, row.id));
    return {
      ...open,
      decision: {
        outcome: row.outcome,
        summary: row.summary,
        text: row.decisionText,
        /** Null when the board withheld the split: the decision was approved by a majority. */
        votes: publishedVoteSplit({ counts: row.voteCounts, splitPublished: row.voteSplitPublished }),
        voteSplitPublished: row.voteSplitPublished,
        publishedAt: iso(row.publishedAt),
        separateOpinions: votes
          .filter((v) => v.opinion)
          .map((v) => ({
            position: v.vote === row.outcome ? ('concurring' as const) : ('dissenting' as const),
            text: v.opinion,
          })),
      },
      comments: comments.map((c) => ({
        kind: c.kind,
        author: publishedAuthor(c),
        body: c.body,
        submittedAt: c.submittedAt.toISOString(),
      })),
      obligation: obligation
        ? (({ requiredOutcome, dueAt, status, overdue, implementedAt, sweepMatched, sweepActioned }) => ({
            requiredOutcome,
            dueAt,
            status,
            overdue,
            implementedAt,
            sweepMatched,
            sweepActioned,
          }))(obligationView(obligation, now))
        : null,
      recommendations: (await recommendationRows({ boardCaseId: row.id })).map(({ id: _id, ...rec }) => rec),
    };
  }

  /** The policy a case is about: that of the platform's decision under review (none for an advisory opinion). */
  async function policyOf(decisionId: string | null): Promise<{ id: string; title: string | null } | null> {
    if (!decisionId) return null;
    const decision = await decisionById(db, decisionId);
    if (!decision) return null;
    const titles = await currentTitlesOf(db, [decision.policyId]);
    return { id: decision.policyId, title: titles.get(decision.policyId) ?? null };
  }

  /**
   * The board's public docket: cases under deliberation and decided, newest first (by publication, else selection),
   * searched in the database by country, policy, outcome, publication date and words of the title.
   */
  async function publicCases(filter: PublicCaseFilter = {}) {
    const conditions: (SQL | undefined)[] = [inArray(boardCases.status, [...PUBLIC_CASE_STATUSES])];
    if (filter.country) conditions.push(eq(boardCases.country, filter.country));
    if (filter.outcome) conditions.push(eq(boardCases.outcome, filter.outcome));
    if (filter.from) conditions.push(gte(boardCases.publishedAt, startOfDay(filter.from)));
    if (filter.to) conditions.push(lt(boardCases.publishedAt, new Date(startOfDay(filter.to).getTime() + 86_400_000)));
    if (filter.q)
      conditions.push(or(ilike(boardCases.title, likePattern(filter.q)), ilike(boardCases.ref, likePattern(filter.q))));
    if (filter.policy) {
      // The policy is moderation's, on the decision under review: the docket's decisions, then their policies by id.
      const reviewed = await db
        .select({ decisionId: boardCases.decisionId })
        .from(boardCases)
        .where(and(...conditions, isNotNull(boardCases.decisionId)));
      const policiesOf = await policyIdsOfDecisions(
        db,
        reviewed.map((r) => r.decisionId as string),
      );
      const matching = [...policiesOf].filter(([, policyId]) => policyId === filter.policy).map(([id]) => id);
      conditions.push(matching.length ? inArray(boardCases.decisionId, matching) : sql`false`);
    }
    const where = and(...conditions);
    const pageSize = filter.pageSize ?? 50;
    const page = Math.max(1, filter.page ?? 1);
    const [total] = await db.select({ n: count() }).from(boardCases).where(where);
    const rows = await db
      .select({ row: boardCases })
      .from(boardCases)
      .where(where)
      .orderBy(desc(sql`coalesce(${boardCases.publishedAt}, ${boardCases.selectedAt})`), desc(boardCases.ref))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const policyOfDecision = await policyIdsOfDecisions(
      db,
      rows.flatMap(({ row }) => row.decisionId ?? []),
    );
    const titles = await currentTitlesOf(db, [...policyOfDecision.values()]);
    const pageIds = rows.map(({ row }) => row.id);
    const recommendationCounts = new Map(
      (pageIds.length
        ? await db
            .select({ boardCaseId: recommendations.boardCaseId, n: count() })
            .from(recommendations)
            .where(inArray(recommendations.boardCaseId, pageIds))
            .groupBy(recommendations.boardCaseId)
        : []
      ).map((r) => [r.boardCaseId, r.n]),
    );
    return {
      total: total?.n ?? 0,
      page,
      pageSize,
      cases: rows.map(({ row }) => {
        const policyId = row.decisionId ? policyOfDecision.get(row.decisionId) : undefined;
        return {
          ref: row.ref,
          title: row.title,
          kind: row.kind,
          question: row.kind === 'policy_advisory' ? row.statement : null,
          country: row.country,
          status: row.status,
          outcome: row.outcome,
          summary: row.summary,
          selectedAt: iso(row.selectedAt),
          publishedAt: iso(row.publishedAt),
          policy: policyId ? { id: policyId, title: titles.get(policyId) ?? null } : null,
          recommendations: recommendationCounts.get(row.id) ?? 0,
        };
      }),
    };
  }

  /** What the public docket can be searched by: the countries of its cases. */
  async function publicCaseCountries(): Promise<string[]> {
    const rows = await db
      .selectDistinct({ country: boardCases.country })
      .from(boardCases)
      .where(and(inArray(boardCases.status, [...PUBLIC_CASE_STATUSES]), isNotNull(boardCases.country)))
      .orderBy(asc(boardCases.country));
    return rows.map((r) => r.country as string);
  }

  return {
    managerDesk,
    myPanels,
    platformDesk,
    caseFile,
    recommendations: recommendationRows,
    publicCase,
    publicCases,
    publicCaseCountries,
  };
}

export function obligationView(o: typeof implementationObligations.$inferSelect, now: Date): Obligation {
  return {
    id: o.id,
    boardCaseId: o.boardCaseId,
    requiredOutcome: o.requiredOutcome,
    dueAt: o.dueAt.toISOString(),
    status: o.status,
    overdue: o.status === 'open' ? now > o.dueAt : o.implementedAt !== null && o.implementedAt > o.dueAt,
    actionDecisionId: o.actionDecisionId,
    note: o.note,
    sweepMatched: o.sweepMatched,
    sweepActioned: o.sweepActioned,
    implementedAt: iso(o.implementedAt),
  };
}

/**
 * Recommendations as every reader sees them: the response state on the clock, the latest answer and assessment,
 * and the whole history of responses and assessments. `extra` fields of each row (its case, country) are kept.
 */
export async function recommendationViews<T extends { r: typeof recommendations.$inferSelect }>(
  db: Db,
  recs: readonly T[],
  now: Date,
) {
  const ids = recs.map(({ r }) => r.id);
  const responses = ids.length
    ? await db
        .select()
        .from(recommendationResponses)
        .where(inArray(recommendationResponses.recommendationId, ids))
        .orderBy(asc(recommendationResponses.respondedAt))
    : [];
  const assessments = ids.length
    ? await db
        .select()
        .from(recommendationAssessments)
        .where(inArray(recommendationAssessments.recommendationId, ids))
        .orderBy(asc(recommendationAssessments.assessedAt))
    : [];
  return recs.map(({ r, ...extra }) => ({
    ref: r.ref,
    number: r.number,
    group: r.group,
    ...extra,
    text: r.text,
    measure: r.measure,
    publishedAt: r.publishedAt.toISOString(),
    responseDueAt: r.responseDueAt.toISOString(),
    responseState: responseState(r, now),
    latestResponse: r.latestResponse,
    latestAssessment: r.latestAssessment,
    closed: r.closedAt !== null,
    responses: responses
      .filter((x) => x.recommendationId === r.id)
      .map((x) => ({
        id: x.id,
        category: x.category,
        reasons: x.reasons,
        timeline: x.timeline,
        respondedAt: x.respondedAt.toISOString(),
      })),
    assessments: assessments
      .filter((x) => x.recommendationId === r.id)
      .map((x) => ({ assessment: x.assessment, note: x.note, assessedAt: x.assessedAt.toISOString() })),
  }));
}
