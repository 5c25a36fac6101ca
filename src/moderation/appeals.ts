import { and, asc, eq } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import type { Db } from '../store/database.js';
import type { AppealDecision, AppealDecisionInput, AppealInput, AppealReceipt, PendingAppeal } from './contract.js';
import type { createDecisions } from './decisions.js';
import { findDecision } from './reads.js';
import { checkAppeal, checkAppealReviewer, queueLevelsOf, type ModerationRules } from './rules.js';
import { contentNotices } from './notice-tables.js';
import { checkNotSuspended, complainantOf } from './misuse-reads.js';
import { appeals, decisions } from './tables.js';
import { checkAutomation } from './automation-rules.js';

type User = Extract<Principal, { kind: 'user' }>;

export function createAppeals(deps: {
  db: Db;
  run: CommandRunner;
  rules: ModerationRules;
  decisions: ReturnType<typeof createDecisions>;
}) {
  const { db, run, rules, decisions: decisionService } = deps;

  /**
   * A platform files an internal appeal for its user (EU DSA Art. 20); a complaint link files one for the person
   * it was given to (complaint-desk.ts). A notifier's complaint names their notice (through the link, or as the
   * reporter `notice:<ref>` through the API), its window runs from when they were told the decision, and their
   * notice's status link shows it.
   */
  async function file(
    actor: string,
    platform: string,
    input: AppealInput,
    link: { noticeId: string; informedAt: Date } | null = null,
  ): Promise<AppealReceipt> {
    return run(actor, async ({ tx, now, ids, record }) => {
      const decision = await findDecision(tx, input.decisionId, platform);
      const through = link ?? (await notifierOf(tx, input, decision.id));
      // A complainant suspended under Art. 23(2) is told so, and until when.
      const complainant = await complainantOf(
        tx,
        { ...input, appellantRef: input.appellantRef ?? null, noticeId: through?.noticeId ?? null },
        decision.id,
      );
      await checkNotSuspended(tx, 'complainant', complainant?.key ?? null, now);
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
          decidedAt: through?.informedAt ?? decision.decidedAt,
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
        noticeId: through?.noticeId ?? null,
        statement: input.statement,
        filedAt: now,
        status: 'pending',
      });
      record('appeal.filed', `case/${decision.caseId}`, {
        appealId: id,
        decisionId: decision.id,
        appellant: input.appellant,
        statement: input.statement,
        ...(through ? { noticeId: through.noticeId } : {}),
      });
      return { appealId: id, status: 'pending' as const, filedAt: now.toISOString() };
    });
  }

  /** The notice a platform names as the reporter `notice:<ref>`, when its notifier was told this decision. */
  async function notifierOf(
    tx: Db,
    input: AppealInput,
    decisionId: string,
  ): Promise<{ noticeId: string; informedAt: Date } | null> {
    const ref = input.appellant === 'reporter' ? /^notice:(.+)$/.exec(input.appellantRef ?? '')?.[1] : undefined;
    if (!ref) return null;
    const [notice] = await tx
      .select({ id: contentNotices.id, decisionId: contentNotices.decisionId, notifiedAt: contentNotices.notifiedAt })
      .from(contentNotices)
      .where(eq(contentNotices.ref, ref));
    if (!notice?.notifiedAt || notice.decisionId !== decisionId) return null;
    return { noticeId: notice.id, informedAt: notice.notifiedAt };
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
        // A complaint is never decided by automated means alone (Art. 20(6)): refused before anything changes.
        checkAutomation(replacement.automation ?? null, { decider: 'person', onAppeal: true }, '/replacement');
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
