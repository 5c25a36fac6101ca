import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { Clock } from '../core/clock.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import { decisionById, identicalSubjects, inForceOutcomeOf, subjectById } from '../moderation/reads.js';
import type { DecisionPort } from './ports.js';
import type { Db } from '../store/database.js';
import { checkActsFor, CLOSING_ASSESSMENTS, checkResponse } from './rules.js';
import {
  boardCases,
  implementationObligations,
  recommendationAssessments,
  recommendationResponses,
  recommendations,
} from './tables.js';
import type {
  AssessmentRecorded,
  NoteBody,
  ObligationImplemented,
  RecommendationAssessmentBody,
  ResponseBody,
  ResponseRecorded,
} from './contract.js';

type User = Extract<Principal, { kind: 'user' }>;

/** What the platform owes after a decision: implementing it within 7 days, and answering each recommendation. */
export function createFollowUp(deps: { run: CommandRunner; clock: Clock; decisions: DecisionPort }) {
  const { run, clock, decisions: decisionService } = deps;

  /**
   * The platform's liaison implements a binding decision: the required decision runs through moderation's pipeline
   * (reversal, new decision, notice, strike, events, webhook), then identical content (same content hash, or the
   * same text once normalised) on the platform gets the same decision. The numbers are the evidence.
   */
  async function implement(user: User, obligationId: string, input: NoteBody): Promise<ObligationImplemented> {
    return run(`user:${user.id}`, async (ctx) => {
      const { tx, now, record } = ctx;
      const obligation = await rowById(tx, implementationObligations, obligationId, 'obligation', { lock: true });
      if (obligation.status !== 'open') throw new DocketError('conflict', 'the obligation is already implemented');
      const [row] = await tx.select().from(boardCases).where(eq(boardCases.id, obligation.boardCaseId));
      if (row) checkActsFor(user, row.platform, `the obligation of case ${row.ref}`);
      if (!row?.decisionId) throw new DocketError('conflict', 'the case has no content decision to implement');
      const decision = await decisionById(tx, row.decisionId);
      if (!decision) throw new DocketError('not_found', 'the decision under review is gone');
      const replacement = {
        policyId: decision.policyId,
        sectionId: decision.sectionId,
        outcome: obligation.requiredOutcome,
        facts: `Implementing the oversight board's binding decision in case ${row.ref}: ${input.note}`,
      };
      const action =
        decision.status === 'in_force'
          ? await decisionService.replace(
              ctx,
              user,
              decision.id,
              replacement,
              { boardCaseId: row.id, ref: row.ref, by: 'board' },
              input.note,
            )
          : null;
      if (!action)
        throw new DocketError(
          'conflict',
          'the decision under review was already reversed; nothing left to implement on it',
        );

      const original = await subjectById(tx, decision.subjectId);
      let matched = 0;
      let actioned = 0;
      if (original && (original.contentHash || original.body)) {
        const twins = await identicalSubjects(tx, original);
        matched = twins.length;
        for (const twin of twins) {
          if ((await inForceOutcomeOf(tx, twin.id)) === obligation.requiredOutcome) continue;
          await decisionService.decideSubject(
            ctx,
            user,
            twin,
            {
              ...replacement,
              facts: `Identical to the content in the oversight board's case ${row.ref}, which the board's binding decision covers.`,
            },
            `identical-content sweep for board case ${row.ref}`,
          );
          actioned += 1;
        }
      }
      const onTime = now.getTime() <= obligation.dueAt.getTime();
      await tx
        .update(implementationObligations)
        .set({
          status: 'implemented',
          actionDecisionId: action.decisionId,
          note: input.note,
          sweepMatched: matched,
          sweepActioned: actioned,
          implementedAt: now,
          implementedBy: user.id,
        })
        .where(eq(implementationObligations.id, obligationId));
      record('board.obligation_implemented', `board/${row.id}`, {
        obligationId,
        actionDecisionId: action.decisionId,
        sweepMatched: matched,
        sweepActioned: actioned,
        onTime,
        note: input.note,
      });
      return {
        obligationId,
        actionDecisionId: action.decisionId,
        sweepMatched: matched,
        sweepActioned: actioned,
        onTime,
      };
    });
  }

  /** The platform's public response to a recommendation; later updates are kept as its history. */
  async function respond(user: User, recommendationId: string, input: ResponseBody): Promise<ResponseRecorded> {
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const rec = await lockRecommendation(tx, recommendationId);
      const [boardCase] = await tx
        .select({ ref: boardCases.ref, platform: boardCases.platform })
        .from(boardCases)
        .where(eq(boardCases.id, rec.boardCaseId));
      if (boardCase) checkActsFor(user, boardCase.platform, `recommendation ${boardCase.ref}-R${rec.number}`);
      checkResponse({ ...input, closed: rec.closedAt !== null });
      const id = ids.next();
      await tx.insert(recommendationResponses).values({
        id,
        recommendationId,
        category: input.category,
        reasons: input.reasons,
        timeline: input.timeline?.trim() || null,
        respondedAt: now,
        respondedBy: user.id,
      });
      await tx
        .update(recommendations)
        .set({ latestResponse: input.category, firstRespondedAt: rec.firstRespondedAt ?? now })
        .where(eq(recommendations.id, recommendationId));
      const late = !rec.firstRespondedAt && now.getTime() > rec.responseDueAt.getTime();
      record('board.response_recorded', `board/${rec.boardCaseId}`, {
        recommendationId,
        responseId: id,
        category: input.category,
        reasons: input.reasons,
        timeline: input.timeline?.trim() || null,
        late,
      });
      return { responseId: id, category: input.category, late };
    });
  }

  /** The board's own assessment of implementation; "implemented" and "declined" close the recommendation. */
  async function assess(
    user: User,
    recommendationId: string,
    input: RecommendationAssessmentBody,
  ): Promise<AssessmentRecorded> {
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const rec = await lockRecommendation(tx, recommendationId);
      if (rec.closedAt) throw new DocketError('conflict', 'the recommendation is closed');
      const closed = CLOSING_ASSESSMENTS.includes(input.assessment);
      const assessmentId = ids.next();
      await tx.insert(recommendationAssessments).values({
        id: assessmentId,
        recommendationId,
        assessment: input.assessment,
        note: input.note,
        assessedAt: now,
        assessedBy: user.id,
      });
      await tx
        .update(recommendations)
        .set({ latestAssessment: input.assessment, closedAt: closed ? now : null })
        .where(eq(recommendations.id, recommendationId));
      record('board.assessment_recorded', `board/${rec.boardCaseId}`, {
        recommendationId,
        assessment: input.assessment,
        note: input.note,
        closed,
        assessmentId,
      });
      return { recommendationId, assessment: input.assessment, closed };
    });
  }

  /** The scheduler flags, once and publicly, implementation deadlines missed and responses not given in time. */
  async function runDue(): Promise<{ obligationsOverdue: number; responsesOverdue: number }> {
    const now = clock.now();
    return run('system:scheduler', async ({ tx, record }) => {
      const late = await tx
        .update(implementationObligations)
        .set({ flaggedOverdueAt: now })
        .where(
          and(
            eq(implementationObligations.status, 'open'),
            lt(implementationObligations.dueAt, now),
            isNull(implementationObligations.flaggedOverdueAt),
          ),
        )
        .returning();
      for (const o of late)
        record('board.obligation_overdue', `board/${o.boardCaseId}`, {
          obligationId: o.id,
          dueAt: o.dueAt.toISOString(),
        });
      const unanswered = await tx
        .update(recommendations)
        .set({ flaggedOverdueAt: now })
        .where(
          and(
            isNull(recommendations.firstRespondedAt),
            lt(recommendations.responseDueAt, now),
            isNull(recommendations.flaggedOverdueAt),
          ),
        )
        .returning();
      for (const r of unanswered)
        record('board.response_overdue', `board/${r.boardCaseId}`, {
          recommendationId: r.id,
          dueAt: r.responseDueAt.toISOString(),
        });
      return { obligationsOverdue: late.length, responsesOverdue: unanswered.length };
    });
  }

  return { implement, respond, assess, runDue };
}

const lockRecommendation = (tx: Db, id: string) => rowById(tx, recommendations, id, 'recommendation', { lock: true });
