import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { recommendationViews } from './reads.js';
import type { Assessment, ResponseCategory, ResponseState } from './rules.js';
import { boardCases, implementationObligations, recommendations } from './tables.js';
import { obligationState, trackerCounts } from './tracker-rules.js';

export type { ObligationState } from './tracker-rules.js';

/**
 * The board's public recommendation tracker, as the public site reads it. Only published things: recommendations of
 * decided cases and the binding decisions' implementation, never who wrote a response nor the liaison's notes.
 */

export interface TrackerFilter {
  state?: ResponseState;
  /** The latest response's category, or `none` when the platform has not answered. */
  category?: ResponseCategory | 'none';
  /** The board's latest assessment, or `none` when it has not assessed yet. */
  assessment?: Assessment | 'none';
  case?: string;
  country?: string;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

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

/**
 * The public recommendation tracker: each recommendation of a decided case with its responses and assessments, the
 * binding decisions' implementation, and the counts over the whole scope (one case, one country, or all).
 */
export async function publicTracker(db: Db, filter: TrackerFilter, now: Date) {
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
export async function trackerChoices(db: Db) {
  const rows = await db
    .select({ ref: boardCases.ref, title: boardCases.title, country: boardCases.country })
    .from(boardCases)
    .where(eq(boardCases.status, 'decided'))
    .orderBy(desc(boardCases.ref));
  const countries = [...new Set(rows.map((r) => r.country).filter((c): c is string => c !== null))].sort();
  return { cases: rows.map(({ ref, title }) => ({ ref, title })), countries };
}
