import { and, asc, eq, ne } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { CommandContext, CommandRunner, Notify } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import type { Db } from '../store/database.js';
import type {
  AppealDecision,
  AppealDecisionInput,
  AppealInput,
  AppealReceipt,
  PendingAppeal,
  ReversalCause,
} from './contract.js';
import type { createDecisions } from './decisions.js';
import { findDecision } from './reads.js';
import { checkAppeal, checkAppealReviewer, queueLevelsOf, type ModerationRules } from './rules.js';
import { appeals, decisions } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;

export function createAppeals(deps: {
  db: Db;
  run: CommandRunner;
  rules: ModerationRules;
  decisions: ReturnType<typeof createDecisions>;
}) {
  const { db, run, rules, decisions: decisionService } = deps;

  /** A platform files an internal appeal for its user (EU DSA Art. 20). */
  async function file(actor: string, platform: string, input: AppealInput): Promise<AppealReceipt> {
    return run(actor, async ({ tx, now, ids, record }) => {
      const decision = await findDecision(tx, input.decisionId, platform);
      // Each party appeals once; reporters are each a party of their own (several users may report the same content).
      const sameParty =
        input.appellant === 'reporter' && input.appellantRef ? eq(appeals.appellantRef, input.appellantRef) : undefined;
      const [existing] = await tx
        .select({ id: appeals.id })
        .from(appeals)
        .where(and(eq(appeals.decisionId, decision.id), eq(appeals.appellant, input.appellant), sameParty));
      checkAppeal(
        {
          appellant: input.appellant,
          outcome: decision.outcome,
          decidedAt: decision.decidedAt,
          now,
          alreadyAppealed: Boolean(existing),
        },
        rules,
      );
      if (decision.status !== 'in_force') throw new DocketError('conflict', 'the decision was already reversed');
      const id = ids.next();
      await tx.insert(appeals).values({
        id,
        decisionId: decision.id,
        appellant: input.appellant,
        appellantRef: input.appellantRef ?? null,
        statement: input.statement,
        filedAt: now,
        status: 'pending',
      });
      record('appeal.filed', `case/${decision.caseId}`, {
        appealId: id,
        decisionId: decision.id,
        appellant: input.appellant,
        statement: input.statement,
      });
      return { appealId: id, status: 'pending' as const, filedAt: now.toISOString() };
    });
  }

  /** Pending appeals, oldest first, with the decision under appeal (appellant identities are left out). */
  async function pending(user: User, limit: number): Promise<PendingAppeal[]> {
    if (queueLevelsOf(user.roles).length === 0) throw new DocketError('forbidden', 'your roles decide no appeals');
    const rows = await db
      .select({ appeal: appeals, decision: decisions })
      .from(appeals)
      .innerJoin(decisions, eq(decisions.id, appeals.decisionId))
      .where(eq(appeals.status, 'pending'))
      .orderBy(asc(appeals.filedAt))
      .limit(limit);
    return rows.map(({ appeal, decision }) => ({
      id: appeal.id,
      appellant: appeal.appellant,
      statement: appeal.statement,
      filedAt: appeal.filedAt.toISOString(),
      decision: {
        id: decision.id,
        caseId: decision.caseId,
        outcome: decision.outcome,
        policyId: decision.policyId,
        sectionId: decision.sectionId,
        decidedAt: decision.decidedAt.toISOString(),
      },
      mayDecide: decision.decidedBy !== user.id,
    }));
  }

  /** A different reviewer decides; a reversal undoes the decision's strike and restrictions and replaces it. */
  /** A reversed decision's replacement is by default, for the affected user's appeal, "no violation". */
  async function decide(user: User, appealId: string, input: AppealDecisionInput): Promise<AppealDecision> {
    if (queueLevelsOf(user.roles).length === 0) throw new DocketError('forbidden', 'your roles decide no appeals');
    return run(`user:${user.id}`, async (ctx) => {
      const { tx, now, record } = ctx;
      const appeal = await rowById(tx, appeals, appealId, 'appeal', { lock: true });
      if (appeal.status !== 'pending') throw new DocketError('conflict', 'the appeal is already decided');
      const [decision] = await tx.select().from(decisions).where(eq(decisions.id, appeal.decisionId)).for('update');
      if (!decision) throw new DocketError('not_found', 'the appealed decision is gone');
      checkAppealReviewer(decision.decidedBy, user.id);

      let reviewDecisionId: string | null = null;
      if (input.result === 'reversed') {
        const replacement =
          input.replacement ??
          (appeal.appellant === 'affected_user'
            ? {
                policyId: decision.policyId,
                sectionId: decision.sectionId,
                outcome: 'no_violation' as const,
                facts: input.reason,
              }
            : null);
        if (!replacement)
          throw new DocketError('validation_failed', 'reversing a decision not to act needs the replacement decision', [
            { field: '/replacement', message: 'required' },
          ]);
        const review = await decisionService.replace(ctx, user, decision.id, replacement, { appealId }, input.reason);
        reviewDecisionId = review.decisionId;
      }
      await tx
        .update(appeals)
        .set({
          status: 'decided',
          decidedBy: user.id,
          decidedAt: now,
          result: input.result,
          reason: input.reason,
          reviewDecisionId,
        })
        .where(eq(appeals.id, appealId));
      record('appeal.decided', `case/${decision.caseId}`, {
        appealId,
        result: input.result,
        reason: input.reason,
        reviewDecisionId,
        decidedBy: user.id,
      });
      return { appealId, result: input.result, reviewDecisionId };
    });
  }

  return { file, pending, decide };
}

/** The ids a reversal's events and webhooks carry: the appeal's, or the board case's. */
export const reversalIds = (cause: ReversalCause): { appealId: string } | { boardCaseId: string } =>
  'appealId' in cause ? { appealId: cause.appealId } : { boardCaseId: cause.boardCaseId };

/** Why a decision no longer stands, in words the people concerned can look up (the board case's public reference, never an id). */
export function reversalReason(cause: ReversalCause): string {
  if ('appealId' in cause) return 'another appeal against it was upheld and the decision was reversed';
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

/** A decision on one of the platform's own subjects; any other is not found, so its existence is not revealed. */
