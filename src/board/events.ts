import { Type } from 'typebox';
import {
  AssessmentRecorded,
  BoardCaseSummary,
  BoardRegion,
  CaseComment,
  CaseSelected,
  CastVote,
  CommentModerated,
  CommentsClosed,
  DecisionPublished,
  MemberRegistered,
  Obligation,
  ObligationImplemented,
  PlatformReversed,
  PublicRecommendation,
  RecommendationResponse,
  ResponseRecorded,
} from './contract.js';
import { RECOMMENDATION_GROUPS } from './rules.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * The board's events. Public comments are referred to by id only: commenters' names, e-mails and texts stay in
 * their table, where publication honours the anonymity they asked for (and from where they can be erased).
 */
export const boardEvents = {
  'board.member_registered': MemberRegistered,
  /** The case as submitted, all of it (the log rebuilds board_cases). */
  'board.case_submitted': Type.Object({
    boardCaseId: Type.String(),
    ...Type.Pick(BoardCaseSummary, [
      'ref',
      'kind',
      'track',
      'platform',
      'title',
      'country',
      'region',
      'significance',
      'difficulty',
      'demand',
    ]).properties,
    decisionId: Nullable(Type.String()),
    statement: Type.String(),
    subjectId: Nullable(Type.String()),
    caseId: Nullable(Type.String()),
  }),
  /** Another user appealed a decision already before the board: the case's demand grows. */
  'board.appeal_joined': Type.Object({
    boardCaseId: Type.String(),
    ...Type.Pick(BoardCaseSummary, ['demand']).properties,
  }),
  /** A case manager assessed a candidate: the board's priorities it touches, its significance and difficulty. */
  'board.candidate_assessed': Type.Object({
    boardCaseId: Type.String(),
    ...Type.Pick(BoardCaseSummary, ['priorities', 'significance', 'difficulty', 'region']).properties,
  }),
  'board.case_selected': Type.Object({
    boardCaseId: Type.String(),
    region: BoardRegion,
    priorities: BoardCaseSummary.properties.priorities,
    ...Type.Pick(CaseSelected, ['decisionDueAt', 'commentsCloseAt']).properties,
    note: Type.String(),
  }),
  'board.case_not_selected': Type.Object({ boardCaseId: Type.String(), note: Type.String() }),
  'board.panel_drawn': Type.Object({
    boardCaseId: Type.String(),
    seated: CaseSelected.properties.panel,
    recused: CaseSelected.properties.recused,
  }),
  'board.platform_reversed': Type.Object({
    ...Type.Pick(PlatformReversed, ['boardCaseId', 'reversalDecisionId']).properties,
    decisionId: Type.String(),
    note: Type.String(),
  }),
  'board.comment_received': Type.Object({
    boardCaseId: Type.String(),
    commentId: Type.String(),
    kind: CaseComment.properties.kind,
    anonymous: Type.Boolean(),
    status: Type.Enum(['pending', 'approved']),
  }),
  'board.comments_closed_early': Type.Object({
    ...Type.Pick(CommentsClosed, ['boardCaseId', 'reason']).properties,
    scheduledCloseAt: Type.String(),
    closedAt: Type.String(),
  }),
  'board.comment_moderated': Type.Object({ ...CommentModerated.properties, note: Type.String() }),
  'board.draft_saved': Type.Object({
    boardCaseId: Type.String(),
    version: Type.Integer(),
    recommendations: Type.Integer(),
    text: Type.String(),
    draftRecommendations: Type.Array(
      Type.Object({ text: Type.String(), measure: Type.String(), group: Nullable(Type.Enum(RECOMMENDATION_GROUPS)) }),
    ),
  }),
  /** The vote, and the separate opinion that goes with it (published with the decision). */
  'board.vote_cast': Type.Object({
    boardCaseId: Type.String(),
    ...Type.Pick(CastVote, ['draftVersion', 'vote', 'opinion']).properties,
    withOpinion: Type.Boolean(),
  }),
  'board.decision_published': Type.Object({
    ...Type.Pick(DecisionPublished, ['boardCaseId', 'ref', 'outcome', 'counts']).properties,
    summary: Type.Boolean(),
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
    ...Type.Pick(Obligation, ['boardCaseId', 'requiredOutcome', 'dueAt']).properties,
  }),
  'board.obligation_implemented': Type.Object({ ...ObligationImplemented.properties, note: Type.String() }),
  'board.obligation_overdue': Type.Object({ obligationId: Type.String(), dueAt: Type.String() }),
  'board.recommendation_published': Type.Object({
    recommendationId: Type.String(),
    boardCaseId: Type.String(),
    ...Type.Pick(PublicRecommendation, ['number', 'ref', 'text', 'measure', 'responseDueAt']).properties,
    group: Type.Optional(
      Type.Union([Type.Enum(RECOMMENDATION_GROUPS), Type.Null()], {
        description: 'policy, enforcement or transparency; absent on entries written before groups existed',
      }),
    ),
  }),
  'board.response_recorded': Type.Object({
    recommendationId: Type.String(),
    ...ResponseRecorded.properties,
    ...Type.Pick(RecommendationResponse, ['reasons', 'timeline']).properties,
  }),
  'board.response_overdue': Type.Object({ recommendationId: Type.String(), dueAt: Type.String() }),
  'board.assessment_recorded': Type.Object({
    ...AssessmentRecorded.properties,
    note: Type.String(),
    assessmentId: Type.String(),
  }),
};
