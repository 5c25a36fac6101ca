import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, gt, type SQL } from 'drizzle-orm';
import { boardCases, implementationObligations, recommendations } from '../../board/tables.js';
import type { Clock } from '../../core/clock.js';
import { designations } from '../../crisis/tables.js';
import { figureRestrictions, publicFigures, restrictedFigureEntry } from '../../figures/tables.js';
import type { Db } from '../../store/database.js';
import { recommendationViews } from '../../board/reads.js';
import type { TrackerFilter } from './filters.js';
import { obligationState, trackerCounts } from './tracker.js';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * What the public site reads besides the board's own public reads: the recommendation tracker and the crisis
 * designations. Only published things: recommendations of decided cases, approved designations. Never who wrote a
 * response or decided a designation, nor the liaison's notes or the detector's evidence.
 */
export function createPublicRecords(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The tracker's scope: decided cases, narrowed to one case or country. The counts cover the whole scope. */
  function scope(filter: TrackerFilter): SQL[] {
    const conditions: SQL[] = [eq(boardCases.status, 'decided')];
    if (filter.case) conditions.push(eq(boardCases.ref, filter.case));
    if (filter.country) conditions.push(eq(boardCases.country, filter.country));
    return conditions;
  }

  /** The response state as SQL, for the same instant `responseState` judges. */
  function stateCondition(state: NonNullable<TrackerFilter['state']>, now: Date): SQL | undefined {
    switch (state) {
      case 'awaiting':
        return and(isNull(recommendations.firstRespondedAt), gte(recommendations.responseDueAt, now));
      case 'overdue':
        return and(isNull(recommendations.firstRespondedAt), lt(recommendations.responseDueAt, now));
      case 'answered':
        return and(
          isNotNull(recommendations.firstRespondedAt),
          lte(recommendations.firstRespondedAt, recommendations.responseDueAt),
        );
      case 'answered_late':
        return gt(recommendations.firstRespondedAt, recommendations.responseDueAt);
    }
  }

  async function tracker(filter: TrackerFilter) {
    const now = clock.now();
    const inScope = and(...scope(filter));
    const conditions: (SQL | undefined)[] = [inScope];
    if (filter.state) conditions.push(stateCondition(filter.state, now));
    if (filter.category)
      conditions.push(
        filter.category === 'none'
          ? isNull(recommendations.latestResponse)
          : eq(recommendations.latestResponse, filter.category),
      );
    if (filter.assessment)
      conditions.push(
        filter.assessment === 'none'
          ? isNull(recommendations.latestAssessment)
          : eq(recommendations.latestAssessment, filter.assessment),
      );

    const scoped = await db
      .select({
        responseDueAt: recommendations.responseDueAt,
        firstRespondedAt: recommendations.firstRespondedAt,
        latestResponse: recommendations.latestResponse,
        latestAssessment: recommendations.latestAssessment,
        closedAt: recommendations.closedAt,
      })
      .from(recommendations)
      .innerJoin(boardCases, eq(boardCases.id, recommendations.boardCaseId))
      .where(inScope);
    const obligationRows = await db
      .select({
        o: implementationObligations,
        caseRef: boardCases.ref,
        caseTitle: boardCases.title,
        country: boardCases.country,
      })
      .from(implementationObligations)
      .innerJoin(boardCases, eq(boardCases.id, implementationObligations.boardCaseId))
      .where(inScope)
      .orderBy(desc(implementationObligations.dueAt));

    const recs = await db
      .select({ r: recommendations, caseRef: boardCases.ref, caseTitle: boardCases.title, country: boardCases.country })
      .from(recommendations)
      .innerJoin(boardCases, eq(boardCases.id, recommendations.boardCaseId))
      .where(and(...conditions))
      .orderBy(desc(recommendations.publishedAt), asc(boardCases.ref), asc(recommendations.number));
    return {
      counts: trackerCounts(
        scoped,
        obligationRows.map(({ o }) => o),
        now,
      ),
      // The board's views carry each response's id for staff; the public tracker shows responses without it.
      recommendations: (await recommendationViews(db, recs, now)).map((r) => ({
        ...r,
        responses: r.responses.map(({ id: _id, ...response }) => response),
      })),
      obligations: obligationRows.map(({ o, caseRef, caseTitle, country }) => ({
        caseRef,
        caseTitle,
        country,
        requiredOutcome: o.requiredOutcome,
        dueAt: o.dueAt.toISOString(),
        state: obligationState(o, now),
        implementedAt: iso(o.implementedAt),
        sweepMatched: o.sweepMatched,
        sweepActioned: o.sweepActioned,
      })),
    };
  }

  /** What the tracker can be narrowed to: the decided cases with recommendations or an obligation, and their countries. */
  async function trackerChoices() {
    const rows = await db
      .select({ ref: boardCases.ref, title: boardCases.title, country: boardCases.country })
      .from(boardCases)
      .where(eq(boardCases.status, 'decided'))
      .orderBy(desc(boardCases.ref));
    const countries = [...new Set(rows.map((r) => r.country).filter((c): c is string => c !== null))].sort();
    return { cases: rows.map(({ ref, title }) => ({ ref, title })), countries };
  }

  /**
   * The approved designations: those in force and those ended. Proposals and rejected ones are staff work, not
   * public; nor are the detector's evidence or who proposed or decided.
   */
  async function publicDesignations() {
    const rows = await db
      .select({
        iso3: designations.iso3,
        kind: designations.kind,
        status: designations.status,
        reasons: designations.reasons,
        approvalNote: designations.decisionNote,
        since: designations.startsAt,
        reviewAt: designations.reviewAt,
        endedAt: designations.endedAt,
      })
      .from(designations)
      .where(inArray(designations.status, ['active', 'ended']))
      .orderBy(desc(designations.startsAt), asc(designations.iso3));
    const view = ({ status: _status, ...row }: (typeof rows)[number]) => ({
      ...row,
      since: iso(row.since),
      reviewAt: iso(row.reviewAt),
      endedAt: iso(row.endedAt),
    });
    return {
      current: rows.filter((r) => r.status === 'active').map(view),
      past: rows
        .filter((r) => r.status === 'ended')
        .sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0))
        .map(view),
      restrictions: await restrictions(),
    };
  }

  /**
   * Public figures' accounts restricted under the protocol, newest first: who (from the registry), how long and
   * why. Who imposed or reviewed a restriction stays private, as does any figure the registry no longer holds.
   */
  async function restrictions() {
    const rows = await db
      .select({
        name: publicFigures.name,
        role: publicFigures.kind,
        country: publicFigures.country,
        platform: figureRestrictions.platform,
        tier: figureRestrictions.tier,
        context: figureRestrictions.context,
        status: figureRestrictions.status,
        reason: figureRestrictions.reason,
        startsAt: figureRestrictions.startsAt,
        endsAt: figureRestrictions.endsAt,
        closedAt: figureRestrictions.closedAt,
      })
      .from(figureRestrictions)
      .innerJoin(publicFigures, restrictedFigureEntry)
      .orderBy(desc(figureRestrictions.startsAt));
    return rows.map((r) => ({
      ...r,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      closedAt: iso(r.closedAt),
    }));
  }

  return { tracker, trackerChoices, designations: publicDesignations };
}

export type PublicRecords = ReturnType<typeof createPublicRecords>;
