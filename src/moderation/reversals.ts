import { and, eq, ne } from 'drizzle-orm';
import type { CommandContext, Notify } from '../core/command.js';
import type { ReversalCause } from './contract.js';
import { appeals } from './tables.js';

/**
 * What follows when a decision is reversed, whatever reversed it (an upheld appeal, the oversight board): the ids
 * and words its events and notices carry, and the other appeals on it closed as moot. Decisions use it; appeals and
 * the board reach it through decisions' replace.
 */

/** The ids a reversal's events and webhooks carry: the appeal's, the board case's, or the out-of-court dispute's. */
export const reversalIds = (
  cause: ReversalCause,
): { appealId: string } | { boardCaseId: string } | { disputeId: string } =>
  'appealId' in cause
    ? { appealId: cause.appealId }
    : 'disputeId' in cause
      ? { disputeId: cause.disputeId }
      : { boardCaseId: cause.boardCaseId };

/** Why a decision no longer stands, in words the people concerned can look up (the board case's public reference, never an id). */
export function reversalReason(cause: ReversalCause): string {
  if ('appealId' in cause) return 'another appeal against it was upheld and the decision was reversed';
  if ('disputeId' in cause)
    return `the out-of-court dispute settlement body ${cause.body} decided the dispute about it`;
  return cause.by === 'board'
    ? `the oversight board overturned it in case ${cause.ref}`
    : `the platform reversed it after the oversight board selected case ${cause.ref}`;
}

/** What the appellant of a moot appeal is told: their appeal is closed because what they asked for already happened. */
export function mootAppealNotice(why: string): string {
  return `Your appeal is closed without a review: the decision you appealed no longer stands (${why}). The decision that replaces it comes with its own notice, which you may appeal in turn.`;
}

/**
 * Closes the pending internal appeals on a decision reversed some other way as moot: a reviewer has nothing left to
 * decide, so they leave the appeals queue, and each appellant is told (through the platform, like every notice).
 */
export async function closeMootAppeals(
  ctx: CommandContext,
  notify: Notify,
  args: {
    decision: { id: string; caseId: string };
    platform: string;
    cause: ReversalCause;
    why: string;
    userId: string;
  },
): Promise<string[]> {
  const { tx, now, record } = ctx;
  const { decision, cause } = args;
  const reversingAppeal = 'appealId' in cause ? cause.appealId : null;
  const moot = await tx
    .update(appeals)
    .set({ status: 'closed', result: 'moot', reason: args.why, decidedBy: args.userId, decidedAt: now })
    .where(
      and(
        eq(appeals.decisionId, decision.id),
        eq(appeals.status, 'pending'),
        reversingAppeal ? ne(appeals.id, reversingAppeal) : undefined,
      ),
    )
    .returning({ id: appeals.id, appellant: appeals.appellant, appellantRef: appeals.appellantRef });
  for (const appeal of moot) {
    record('appeal.closed_moot', `case/${decision.caseId}`, {
      appealId: appeal.id,
      decisionId: decision.id,
      appellant: appeal.appellant,
      reason: args.why,
      decidedBy: args.userId,
      ...(reversingAppeal ? { appealIdThatReversed: reversingAppeal } : reversalIds(cause)),
    });
    await notify(ctx, args.platform, 'appeal.closed', {
      appealId: appeal.id,
      decisionId: decision.id,
      result: 'moot',
      reason: args.why,
      notice: { recipientRef: appeal.appellantRef, appellant: appeal.appellant, text: mootAppealNotice(args.why) },
    });
  }
  return moot.map((appeal) => appeal.id);
}
