import { sql } from 'drizzle-orm';
import type { ChainEntry } from '../core/chain.js';
import { applyReplay, setRow, userOfActor, type ReplayHandlers } from '../core/replay.js';
import { decisionById, subjectById } from '../moderation/reads.js';
import type { Db } from '../store/database.js';
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

/**
 * The board's read model from its events: members, cases, panels, comments (without what commenters wrote or who
 * they are: not on the log), drafts, votes, obligations, recommendations with their responses and assessments.
 *
 * Entries written before issue 14 lack fields added since (`?? …` below), each with a stated default (checked by
 * test/event-replay-old-entries.test.ts): a submitted case takes its decision's case, subject, platform and country
 * (an empty platform without a decision), an empty statement, significance, difficulty and demand 1 and no region
 * (the intake's weighing is not redone); a comment is not anonymous and waits for moderation (a brief is approved);
 * a draft has no text or recommendations; a vote has no opinion's text; a decision no text; a recommendation
 * belongs to its entry's stream's case and takes the number its ref ends with; an assessment updates its
 * recommendation but writes no assessment row (the entry had no id).
 */
const handlers: ReplayHandlers = {
  'board.member_registered': async (tx, p, e) => {
    await tx
      .insert(boardMembers)
      .values({
        userId: p.userId,
        name: p.name,
        region: p.region,
        conflicts: p.conflicts,
        active: true,
        addedAt: new Date(e.at),
      })
      .onConflictDoUpdate({
        target: boardMembers.userId,
        set: { region: p.region, conflicts: p.conflicts, active: true },
      });
  },
  'board.case_submitted': async (tx, p, e) => {
    // An entry before issue 14 names only the decision: the case, the subject and its platform and country are its.
    const decision = p.platform === undefined && p.decisionId ? await decisionById(tx, p.decisionId) : null;
    const subject = decision ? await subjectById(tx, decision.subjectId) : null;
    await tx.insert(boardCases).values({
      id: p.boardCaseId,
      ref: p.ref,
      kind: p.kind,
      track: p.track,
      status: 'candidate',
      platform: p.platform ?? subject?.platform ?? '',
      title: p.title,
      statement: p.statement ?? '',
      decisionId: p.decisionId,
      subjectId: p.subjectId ?? decision?.subjectId ?? null,
      caseId: p.caseId ?? decision?.caseId ?? null,
      country: p.country ?? subject?.country ?? null,
      region: p.region ?? null,
      priorities: [],
      significance: p.significance ?? 1,
      difficulty: p.difficulty ?? 1,
      demand: p.demand ?? 1,
      submittedAt: new Date(e.at),
      submittedBy: e.actor,
    });
  },
  'board.appeal_joined': (tx, p) => setRow(tx, boardCases, p.boardCaseId, { demand: p.demand }),
  'board.candidate_assessed': (tx, p) =>
    setRow(tx, boardCases, p.boardCaseId, {
      priorities: p.priorities,
      significance: p.significance,
      difficulty: p.difficulty,
      region: p.region,
    }),
  'board.case_selected': (tx, p, e) =>
    setRow(tx, boardCases, p.boardCaseId, {
      status: 'selected',
      selectedAt: new Date(e.at),
      selectionNote: p.note,
      region: p.region,
      priorities: p.priorities,
      decisionDueAt: new Date(p.decisionDueAt),
      commentsCloseAt: new Date(p.commentsCloseAt),
    }),
  'board.case_not_selected': (tx, p) =>
    setRow(tx, boardCases, p.boardCaseId, { status: 'not_selected', selectionNote: p.note }),
  'board.panel_drawn': async (tx, p, e) => {
    const assignedAt = new Date(e.at);
    const seats = [
      ...p.seated.map((userId) => ({ userId, status: 'seated' as const, reason: null })),
      ...p.recused.map((r) => ({ userId: r.userId, status: 'recused' as const, reason: r.reason })),
    ];
    if (seats.length > 0)
      await tx.insert(panelSeats).values(seats.map((seat) => ({ ...seat, boardCaseId: p.boardCaseId, assignedAt })));
  },
  'board.platform_reversed': (tx, p) =>
    setRow(tx, boardCases, p.boardCaseId, {
      status: 'platform_reversed',
      platformReversal: p.note,
      decisionId: p.decisionId,
    }),
  'board.comment_received': async (tx, p, e) => {
    const at = new Date(e.at);
    const brief = p.kind === 'brief';
    await tx.insert(publicComments).values({
      id: p.commentId,
      boardCaseId: p.boardCaseId,
      kind: p.kind,
      anonymous: p.anonymous ?? false,
      // What the commenter wrote and who they are stay off the log (see NOT_ON_THE_LOG in the replay test).
      body: '',
      senderHash: '',
      status: p.status ?? (brief ? 'approved' : 'pending'),
      submittedAt: at,
      ...(brief
        ? { moderatedBy: userOfActor(e.actor), moderatedAt: at, moderationNote: 'brief attached by a case manager' }
        : {}),
    });
  },
  'board.comment_moderated': (tx, p, e) =>
    setRow(tx, publicComments, p.commentId, {
      status: p.status,
      moderatedBy: userOfActor(e.actor),
      moderatedAt: new Date(e.at),
      moderationNote: p.note,
    }),
  'board.comments_closed_early': (tx, p) =>
    setRow(tx, boardCases, p.boardCaseId, {
      commentsCloseAt: new Date(p.closedAt),
      commentsClosedEarlyReason: p.reason,
    }),
  'board.draft_saved': async (tx, p, e) => {
    await tx.insert(boardDrafts).values({
      boardCaseId: p.boardCaseId,
      version: p.version,
      authorId: userOfActor(e.actor),
      text: p.text ?? '',
      recommendations: p.draftRecommendations ?? [],
      savedAt: new Date(e.at),
    });
  },
  'board.vote_cast': async (tx, p, e) => {
    const values = {
      boardCaseId: p.boardCaseId,
      userId: userOfActor(e.actor),
      draftVersion: p.draftVersion,
      vote: p.vote,
      opinion: p.opinion ?? null,
      castAt: new Date(e.at),
    };
    await tx
      .insert(boardVotes)
      .values(values)
      .onConflictDoUpdate({ target: [boardVotes.boardCaseId, boardVotes.userId], set: values });
  },
  'board.decision_published': (tx, p, e) =>
    setRow(tx, boardCases, p.boardCaseId, {
      status: 'decided',
      outcome: p.outcome,
      summary: p.summary,
      decisionText: p.text ?? null,
      voteCounts: p.counts,
      ...(p.summary ? {} : { voteSplitPublished: p.voteSplitPublished ?? true }),
      publishedAt: new Date(e.at),
    }),
  'board.obligation_created': async (tx, p) => {
    await tx.insert(implementationObligations).values({
      id: p.obligationId,
      boardCaseId: p.boardCaseId,
      requiredOutcome: p.requiredOutcome,
      dueAt: new Date(p.dueAt),
      status: 'open',
    });
  },
  'board.obligation_implemented': (tx, p, e) =>
    setRow(tx, implementationObligations, p.obligationId, {
      status: 'implemented',
      actionDecisionId: p.actionDecisionId,
      note: p.note,
      sweepMatched: p.sweepMatched,
      sweepActioned: p.sweepActioned,
      implementedAt: new Date(e.at),
      implementedBy: userOfActor(e.actor),
    }),
  'board.obligation_overdue': (tx, p, e) =>
    setRow(tx, implementationObligations, p.obligationId, { flaggedOverdueAt: new Date(e.at) }),
  'board.recommendation_published': async (tx, p, e) => {
    const boardCaseId = p.boardCaseId ?? e.stream.replace(/^board\//, '');
    await tx.insert(recommendations).values({
      id: p.recommendationId,
      boardCaseId,
      number: p.number ?? Number(/-R(\d+)$/.exec(p.ref)?.[1] ?? 0),
      ref: p.ref,
      group: p.group ?? null,
      text: p.text,
      measure: p.measure,
      publishedAt: new Date(e.at),
      responseDueAt: new Date(p.responseDueAt),
    });
  },
  'board.response_recorded': async (tx, p, e) => {
    const at = new Date(e.at);
    await tx.insert(recommendationResponses).values({
      id: p.responseId,
      recommendationId: p.recommendationId,
      category: p.category,
      reasons: p.reasons,
      timeline: p.timeline,
      respondedAt: at,
      respondedBy: userOfActor(e.actor),
    });
    await setRow(tx, recommendations, p.recommendationId, {
      latestResponse: p.category,
      firstRespondedAt: sql`coalesce(${recommendations.firstRespondedAt}, ${at})`,
    });
  },
  'board.response_overdue': (tx, p, e) =>
    setRow(tx, recommendations, p.recommendationId, { flaggedOverdueAt: new Date(e.at) }),
  'board.assessment_recorded': async (tx, p, e) => {
    const at = new Date(e.at);
    if (p.assessmentId)
      await tx.insert(recommendationAssessments).values({
        id: p.assessmentId,
        recommendationId: p.recommendationId,
        assessment: p.assessment,
        note: p.note,
        assessedAt: at,
        assessedBy: userOfActor(e.actor),
      });
    await setRow(tx, recommendations, p.recommendationId, {
      latestAssessment: p.assessment,
      closedAt: p.closed ? at : null,
    });
  },
};

/** Applies entries, in log order, to the board's tables. */
export async function replayBoard(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
