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

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * The board's events. Public comments are referred to by id only: commenters' names, e-mails and texts stay in
 * their table, where publication honours the anonymity they asked for (and from where they can be erased).
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
    // The rest of the case as submitted (added for issue 14: the log rebuilds board_cases).
    platform: Type.String(),
    statement: Type.String(),
    subjectId: Nullable(Type.String()),
    caseId: Nullable(Type.String()),
    country: Nullable(Type.String()),
    region: Nullable(Type.Enum(REGIONS)),
    significance: Type.Integer(),
    difficulty: Type.Integer(),
    demand: Type.Integer(),
  }),
  /** Another user appealed a decision already before the board: the case's demand grows. */
  'board.appeal_joined': Type.Object({ boardCaseId: Type.String(), demand: Type.Integer() }),
  /** A case manager assessed a candidate: the board's priorities it touches, its significance and difficulty. */
  'board.candidate_assessed': Type.Object({
    boardCaseId: Type.String(),
    priorities: Type.Array(Type.Enum(BOARD_PRIORITIES)),
    significance: Type.Integer(),
    difficulty: Type.Integer(),
    region: Nullable(Type.Enum(REGIONS)),
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
    anonymous: Type.Boolean(),
    status: Type.Enum(['pending', 'approved']),
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
    text: Type.String(),
    draftRecommendations: Type.Array(
      Type.Object({ text: Type.String(), measure: Type.String(), group: Nullable(Type.Enum(RECOMMENDATION_GROUPS)) }),
    ),
  }),
  'board.vote_cast': Type.Object({
    boardCaseId: Type.String(),
    draftVersion: Type.Integer(),
    vote: Vote,
    withOpinion: Type.Boolean(),
    /** The separate opinion (published with the decision). */
    opinion: Nullable(Type.String()),
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
    /** The decision's text (published on the board's site). */
    text: Type.String(),
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
    boardCaseId: Type.String(),
    number: Type.Integer(),
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
    assessmentId: Type.String(),
  }),
};
