import { Type } from 'typebox';
import {
  ASSESSMENTS,
  BOARD_CASE_KINDS,
  BOARD_PRIORITIES,
  RECOMMENDATION_GROUPS,
  REGIONS,
  RESPONSE_CATEGORIES,
  TRACKS,
} from './rules.js';

const Vote = Type.Enum(['uphold', 'overturn', 'adopt', 'reject']);

/**
 * The board's events. Public comments are referred to by id only: commenters' names, e-mails and texts stay in
 * their table, where publication honours the anonymity they asked for.
 */
export const boardEvents = {
  'board.member_registered': Type.Object({
    userId: Type.String(),
    name: Type.String(),
    region: Type.Enum(REGIONS),
    conflicts: Type.Array(Type.String()),
  }),
  'board.case_submitted': Type.Object({
    boardCaseId: Type.String(),
    ref: Type.String(),
    kind: Type.Enum(BOARD_CASE_KINDS),
    track: Type.Enum(TRACKS),
    decisionId: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
  }),
  'board.case_selected': Type.Object({
    boardCaseId: Type.String(),
    region: Type.Enum(REGIONS),
    priorities: Type.Array(Type.Enum(BOARD_PRIORITIES)),
    decisionDueAt: Type.String(),
    commentsCloseAt: Type.String(),
    note: Type.String(),
  }),
  'board.case_not_selected': Type.Object({ boardCaseId: Type.String(), note: Type.String() }),
  'board.panel_drawn': Type.Object({
    boardCaseId: Type.String(),
    seated: Type.Array(Type.String()),
    recused: Type.Array(Type.Object({ userId: Type.String(), reason: Type.String() })),
  }),
  'board.platform_reversed': Type.Object({
    boardCaseId: Type.String(),
    decisionId: Type.String(),
    reversalDecisionId: Type.String(),
    note: Type.String(),
  }),
  'board.comment_received': Type.Object({
    boardCaseId: Type.String(),
    commentId: Type.String(),
    kind: Type.Enum(['comment', 'brief']),
  }),
  'board.comments_closed_early': Type.Object({
    boardCaseId: Type.String(),
    scheduledCloseAt: Type.String(),
    closedAt: Type.String(),
    reason: Type.String(),
  }),
  'board.comment_moderated': Type.Object({
    commentId: Type.String(),
    status: Type.Enum(['approved', 'rejected']),
    note: Type.String(),
  }),
  'board.draft_saved': Type.Object({
    boardCaseId: Type.String(),
    version: Type.Integer(),
    recommendations: Type.Integer(),
  }),
  'board.vote_cast': Type.Object({
    boardCaseId: Type.String(),
    draftVersion: Type.Integer(),
    vote: Vote,
    withOpinion: Type.Boolean(),
  }),
  'board.decision_published': Type.Object({
    boardCaseId: Type.String(),
    ref: Type.String(),
    outcome: Vote,
    summary: Type.Boolean(),
    counts: Type.Record(Type.String(), Type.Integer()),
    voteSplitPublished: Type.Optional(
      Type.Boolean({
        description:
          'false: the board withheld the vote split (absent on entries written before the choice existed: published)',
      }),
    ),
    textSha256: Type.String(),
  }),
  'board.obligation_created': Type.Object({
    obligationId: Type.String(),
    boardCaseId: Type.String(),
    requiredOutcome: Type.Enum(['remove', 'no_violation']),
    dueAt: Type.String(),
  }),
  'board.obligation_implemented': Type.Object({
    obligationId: Type.String(),
    actionDecisionId: Type.String(),
    sweepMatched: Type.Integer(),
    sweepActioned: Type.Integer(),
    onTime: Type.Boolean(),
    note: Type.String(),
  }),
  'board.obligation_overdue': Type.Object({ obligationId: Type.String(), dueAt: Type.String() }),
  'board.recommendation_published': Type.Object({
    recommendationId: Type.String(),
    ref: Type.String(),
    group: Type.Optional(
      Type.Union([Type.Enum(RECOMMENDATION_GROUPS), Type.Null()], {
        description: 'policy, enforcement or transparency; absent on entries written before groups existed',
      }),
    ),
    text: Type.String(),
    measure: Type.String(),
    responseDueAt: Type.String(),
  }),
  'board.response_recorded': Type.Object({
    recommendationId: Type.String(),
    responseId: Type.String(),
    category: Type.Enum(RESPONSE_CATEGORIES),
    reasons: Type.String(),
    timeline: Type.Union([Type.String(), Type.Null()]),
    late: Type.Boolean(),
  }),
  'board.response_overdue': Type.Object({ recommendationId: Type.String(), dueAt: Type.String() }),
  'board.assessment_recorded': Type.Object({
    recommendationId: Type.String(),
    assessment: Type.Enum(ASSESSMENTS),
    note: Type.String(),
    closed: Type.Boolean(),
  }),
};
