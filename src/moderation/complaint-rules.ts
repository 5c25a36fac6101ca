import { addMonths } from '../core/days.js';
import { DocketError, invalid } from '../core/errors.js';
import { NOT_ACTING, type ContentOutcome } from '../core/outcomes.js';
import { ENGLISH, type Say } from './message-rules.js';

/**
 * Complaints from the people concerned (EU DSA Art. 20) as pure rules: the six-month window from the decision's
 * notice, the life of a complaint link, who may complain about what, and where a complaint stands in words.
 */

/** Who complains through a link: the user the decision is about, or the person whose notice it answered. */
export type Complainant = 'affected_user' | 'notifier';

const day = (date: Date): string => date.toISOString().slice(0, 10);

/** The last moment a complaint may be filed: `months` calendar months after the complainant was told the decision. */
export const complaintDeadline = (informedAt: Date, months: number): Date => addMonths(informedAt, months);

/**
 * Art. 20(1): a complaint may be filed for six months after the complainant is informed of the decision. After
 * that it is refused, naming the deadline.
 */
export function checkComplaintWindow(input: { informedAt: Date; now: Date }, months: number): void {
  const deadline = complaintDeadline(input.informedAt, months);
  if (input.now.getTime() > deadline.getTime())
    throw new DocketError(
      'complaint_window_closed',
      `the time to complain about this decision ended on ${day(deadline)}: complaints are taken for ${months} months after the decision notice of ${day(input.informedAt)} (EU DSA Art. 20(1))`,
    );
}

/**
 * A complaint link opens while it has not expired; an expired link is refused naming the day it expired (a forged
 * link matches no stored hash and is refused before this).
 */
export function checkLinkLive(expiresAt: Date | null, now: Date): void {
  if (expiresAt !== null && now.getTime() > expiresAt.getTime())
    throw new DocketError(
      'link_expired',
      `this complaint link expired on ${day(expiresAt)}, when the time to complain about the decision ended`,
    );
}

/**
 * Who may complain about what (Art. 20(1)): the affected user about any decision; the notifier about a decision
 * not to act on their notice (a decision that acted gave them what they asked). Null when they may, else why not.
 */
export function complaintRefusal(complainant: Complainant, outcome: ContentOutcome): string | null {
  if (complainant === 'notifier' && !NOT_ACTING.includes(outcome))
    return 'action was taken on the content you reported: a notifier may complain about a decision not to act';
  return null;
}

/** The complainant's statement: required, not blank, at most 5,000 characters (as an appeal's through the API). */
export function checkComplaintStatement(statement: string | undefined): string {
  const text = statement?.trim() ?? '';
  if (!text) throw invalid('/statement', 'say what you want reviewed, and why');
  if (text.length > 5_000) throw invalid('/statement', 'must be at most 5000 characters');
  return text;
}

/** Where a complaint stands, as the complainant sees it. */
export type ComplaintState = 'received' | 'upheld' | 'reversed' | 'closed';

/** The state of an internal appeal's row, told to its complainant. */
export function complaintState(row: {
  status: 'pending' | 'decided' | 'closed';
  result: string | null;
}): ComplaintState {
  if (row.status === 'pending') return 'received';
  if (row.status === 'closed') return 'closed';
  return row.result === 'reversed' ? 'reversed' : 'upheld';
}

/** The state told to the complainant, in their language (`say`). */
export const complaintStateText = (state: ComplaintState, say: Say = ENGLISH): string =>
  say('complaint.state', { state });
