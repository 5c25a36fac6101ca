import { DocketError } from '../core/errors.js';

export type DesignationKind = 'acute' | 'chronic';
export type DesignationStatus = 'proposed' | 'active' | 'rejected' | 'ended';

/** Review dates: 30 days after approval for acute designations, 90 days for chronic ones. */
export const REVIEW_DAYS: Record<DesignationKind, number> = { acute: 30, chronic: 90 };

export function reviewDate(kind: DesignationKind, from: Date): Date {
  return new Date(from.getTime() + REVIEW_DAYS[kind] * 86_400_000);
}

const MOVES: Record<'approve' | 'reject' | 'review' | 'end', DesignationStatus> = {
  approve: 'proposed',
  reject: 'proposed',
  review: 'active',
  end: 'active',
};

/** Which moves a designation's status allows: approve or reject a proposal; review or end an active one. */
export function checkMove(move: keyof typeof MOVES, status: DesignationStatus): void {
  if (MOVES[move] !== status)
    throw new DocketError(
      'conflict',
      `a ${status} designation cannot be ${move === 'end' ? 'ended' : `${move}d`}; only a ${MOVES[move]} one can`,
    );
}

/** The context factor a country's live designations give its cases: acute outranks chronic. */
export function contextFrom(active: readonly DesignationKind[]): 'none' | DesignationKind {
  if (active.includes('acute')) return 'acute';
  return active.includes('chronic') ? 'chronic' : 'none';
}
