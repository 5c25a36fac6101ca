import {
  ASSESSMENTS,
  RESPONSE_CATEGORIES,
  responseState,
  type Assessment,
  type ResponseCategory,
  type ResponseState,
} from './rules.js';

/**
 * The recommendation tracker's rules: where each recommendation and each binding decision stands, and the counts
 * shown at the top of the tracker. Pure: the time is passed in.
 */

export interface TrackedRecommendation {
  responseDueAt: Date;
  firstRespondedAt: Date | null;
  latestResponse: ResponseCategory | null;
  latestAssessment: Assessment | null;
  closedAt: Date | null;
}

export interface TrackedObligation {
  status: 'open' | 'implemented';
  dueAt: Date;
  implementedAt: Date | null;
}

export type ObligationState = 'open' | 'overdue' | 'implemented' | 'implemented_late';

/** A binding decision's implementation against its 7-day deadline: still open, overdue, or done (on time or late). */
export function obligationState(o: TrackedObligation, now: Date): ObligationState {
  if (o.status === 'open') return now.getTime() > o.dueAt.getTime() ? 'overdue' : 'open';
  return o.implementedAt && o.implementedAt.getTime() > o.dueAt.getTime() ? 'implemented_late' : 'implemented';
}

export interface TrackerCounts {
  recommendations: number;
  byState: Record<ResponseState, number>;
  /** By the latest response; `none` counts the recommendations the platform has not answered. */
  byCategory: Record<ResponseCategory | 'none', number>;
  /** By the board's latest assessment; `none` counts those it has not assessed yet. */
  byAssessment: Record<Assessment | 'none', number>;
  /** Settled by the board (implemented or declined): no further responses are taken. */
  closed: number;
  obligations: Record<ObligationState, number>;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function trackerCounts(
  recommendations: readonly TrackedRecommendation[],
  obligations: readonly TrackedObligation[],
  now: Date,
): TrackerCounts {
  const counts: TrackerCounts = {
    recommendations: recommendations.length,
    byState: zeros(['awaiting', 'overdue', 'answered', 'answered_late']),
    byCategory: zeros([...RESPONSE_CATEGORIES, 'none']),
    byAssessment: zeros([...ASSESSMENTS, 'none']),
    closed: 0,
    obligations: zeros(['open', 'overdue', 'implemented', 'implemented_late']),
  };
  for (const rec of recommendations) {
    counts.byState[responseState(rec, now)] += 1;
    counts.byCategory[rec.latestResponse ?? 'none'] += 1;
    counts.byAssessment[rec.latestAssessment ?? 'none'] += 1;
    if (rec.closedAt) counts.closed += 1;
  }
  for (const o of obligations) counts.obligations[obligationState(o, now)] += 1;
  return counts;
}
