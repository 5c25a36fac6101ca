import { Type, type Static, type TSchema } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import { CONTENT_OUTCOMES, REPORT_SOURCES } from '../core/outcomes.js';
import { Balancing, StatementOfReasons } from '../moderation/contract.js';
import {
  ASSESSMENTS,
  BOARD_CASE_KINDS,
  BOARD_CASE_STATUSES,
  BOARD_PRIORITIES,
  RECOMMENDATION_GROUPS,
  REGIONS,
  RESPONSE_CATEGORIES,
  TRACKS,
} from './rules.js';

/**
 * The oversight board's contract: what each route of src/board/routes.ts takes and answers. The web console and the
 * tests use these types; the service functions that build an answer return them.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Text = (min: number, max: number, description?: string) =>
  WrittenText({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const strict = { additionalProperties: false } as const;

// ---- vocabulary ----

const VOTE_VALUES = ['uphold', 'overturn', 'adopt', 'reject'] as const;
export const BoardVote = Type.Enum(VOTE_VALUES);
export type BoardVote = Static<typeof BoardVote>;
export const BoardCaseKind = Type.Enum(BOARD_CASE_KINDS);
export const BoardCaseStatus = Type.Enum(BOARD_CASE_STATUSES);
export const BoardTrack = Type.Enum(TRACKS);
export const BoardRegion = Type.Enum(REGIONS);
export const BoardPriority = Type.Enum(BOARD_PRIORITIES);
export const ResponseCategory = Type.Enum(RESPONSE_CATEGORIES);
export const Assessment = Type.Enum(ASSESSMENTS);
export const DeadlineState = Type.Enum(['on_time', 'warning', 'overdue']);
export type DeadlineState = Static<typeof DeadlineState>;
export const RequiredOutcome = Type.Enum(['remove', 'no_violation']);
/** The vote counts of a decision, by vote. */
export const VoteCounts = Type.Record(Type.String(), Type.Integer());
export type VoteCounts = Static<typeof VoteCounts>;

/** The group a recommendation belongs to: the board publishes its recommendations in these groups. */
export const RecommendationGroup = Type.Enum(RECOMMENDATION_GROUPS, {
  description: 'policy, enforcement or transparency',
});
export type RecommendationGroup = Static<typeof RecommendationGroup>;

// ---- requests ----

export const IdParams = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParams>;
export const RefParams = Type.Object({ ref: Type.String({ pattern: '^BC-\\d{4}-\\d{3,}$' }) });
export type RefParams = Static<typeof RefParams>;

export const AppealBody = Type.Object(
  { decisionId: Uuid, statement: Text(10, 10_000, "the user's statement") },
  strict,
);
export type AppealBody = Static<typeof AppealBody>;

export const ReferralBody = Type.Object(
  {
    kind: Type.Enum(['platform_referral', 'policy_advisory']),
    track: BoardTrack,
    title: Text(5, 300),
    statement: Text(10, 20_000, 'why the platform refers the case, or the policy question'),
    decisionId: Type.Optional(Uuid),
    platform: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 120,
        description: "the platform that refers: a token's or the liaison's own (may be left out)",
      }),
    ),
  },
  strict,
);
export type ReferralBody = Static<typeof ReferralBody>;

export const MemberBody = Type.Object(
  {
    username: Text(1, 64),
    region: BoardRegion,
    conflicts: Type.Array(Text(1, 200), { maxItems: 50, description: 'country codes, account refs or organisations' }),
  },
  strict,
);
export type MemberBody = Static<typeof MemberBody>;

export const CandidateAssessmentBody = Type.Object(
  {
    priorities: Type.Array(BoardPriority, { uniqueItems: true }),
    significance: Type.Integer({ minimum: 1, maximum: 3 }),
    difficulty: Type.Integer({ minimum: 1, maximum: 3 }),
    region: Type.Optional(BoardRegion),
  },
  strict,
);
export type CandidateAssessmentBody = Static<typeof CandidateAssessmentBody>;

export const SelectBody = Type.Object(
  {
    note: Text(10, 5_000),
    region: Type.Optional(BoardRegion),
    priorities: Type.Optional(Type.Array(BoardPriority, { uniqueItems: true })),
  },
  strict,
);
export type SelectBody = Static<typeof SelectBody>;

/** A note on the record: declining a case, the platform's reversal, an implementation. */
export const NoteBody = Type.Object({ note: Text(10, 5_000) }, strict);
export type NoteBody = Static<typeof NoteBody>;

export const BriefBody = Type.Object(
  { name: Text(2, 200), organisation: Text(2, 200), body: Text(20, 50_000) },
  strict,
);
export type BriefBody = Static<typeof BriefBody>;

export const CommentModerationBody = Type.Object(
  { status: Type.Enum(['approved', 'rejected']), note: Text(2, 2_000) },
  strict,
);
export type CommentModerationBody = Static<typeof CommentModerationBody>;

export const CloseCommentsBody = Type.Object({ reason: Text(10, 2_000) }, strict);
export type CloseCommentsBody = Static<typeof CloseCommentsBody>;

/** A recommendation as a draft decision carries it. */
export const DraftRecommendation = Type.Object(
  {
    text: WrittenText({ minLength: 10, maxLength: 5_000 }),
    measure: WrittenText({ minLength: 10, maxLength: 2_000, description: 'how the board will measure implementation' }),
    group: Type.Optional(Nullable(RecommendationGroup)),
  },
  strict,
);
export type DraftRecommendation = Static<typeof DraftRecommendation>;

export const DraftBody = Type.Object(
  { text: Text(20, 100_000), recommendations: Type.Array(DraftRecommendation, { maxItems: 30 }) },
  strict,
);
export type DraftBody = Static<typeof DraftBody>;

export const VoteBody = Type.Object({ vote: BoardVote, opinion: Type.Optional(Text(20, 20_000)) }, strict);
export type VoteBody = Static<typeof VoteBody>;

/**
 * How the decision is published. The board may publish the vote split or withhold it (its decision then reads
 * "approved by a majority"); the counts stay on its own record either way.
 */
export const PublishBody = Type.Object(
  {
    confirm: Type.Boolean({ description: 'publication is final: true to publish' }),
    voteSplit: Type.Optional(
      Type.Enum(['published', 'withheld'], { description: 'whether the public decision shows the vote split' }),
    ),
  },
  strict,
);
export type PublishBody = Static<typeof PublishBody>;

export const SummaryDecisionBody = Type.Object({ text: Text(20, 20_000) }, strict);
export type SummaryDecisionBody = Static<typeof SummaryDecisionBody>;

export const ResponseBody = Type.Object(
  { category: ResponseCategory, reasons: Text(20, 20_000), timeline: Type.Optional(Text(2, 2_000)) },
  strict,
);
export type ResponseBody = Static<typeof ResponseBody>;

export const RecommendationAssessmentBody = Type.Object({ assessment: Assessment, note: Text(10, 10_000) }, strict);
export type RecommendationAssessmentBody = Static<typeof RecommendationAssessmentBody>;

export const PublicCommentBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    organisation: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 320, description: 'never published' })),
    anonymous: Type.Boolean({ description: 'publish without the name' }),
    body: Type.String({ minLength: 1, maxLength: 100_000 }),
    website: Type.Optional(Type.String({ maxLength: 500, description: 'leave empty' })),
  },
  strict,
);
export type PublicCommentBody = Static<typeof PublicCommentBody>;

// ---- intake answers ----

export const AppealFiled = Type.Object({
  boardCaseId: Type.String(),
  ref: Type.String(),
  status: BoardCaseStatus,
  joined: Type.Boolean({ description: 'true when the appeal joined a case already before the board' }),
});
export type AppealFiled = Static<typeof AppealFiled>;

export const CaseOpened = Type.Object({
  boardCaseId: Type.String(),
  ref: Type.String(),
  status: Type.Literal('candidate'),
});
export type CaseOpened = Static<typeof CaseOpened>;

export const MemberRegistered = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  region: BoardRegion,
  conflicts: Type.Array(Type.String()),
});
export type MemberRegistered = Static<typeof MemberRegistered>;

export const BoardMember = Type.Object({
  ...MemberRegistered.properties,
  active: Type.Boolean(),
  openPanels: Type.Integer(),
});
export type BoardMember = Static<typeof BoardMember>;
export const BoardMembers = Type.Object({ members: Type.Array(BoardMember) });
export type BoardMembers = Static<typeof BoardMembers>;

/** A board case as the board's lists show it. */
export const BoardCaseSummary = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  kind: BoardCaseKind,
  track: BoardTrack,
  status: BoardCaseStatus,
  platform: Type.String(),
  title: Type.String(),
  country: Nullable(Type.String()),
  region: Nullable(BoardRegion),
  priorities: Type.Array(BoardPriority),
  significance: Type.Integer(),
  difficulty: Type.Integer(),
  demand: Type.Integer(),
  submittedAt: DateTime,
  selectedAt: Nullable(DateTime),
  decisionDueAt: Nullable(DateTime),
  commentsCloseAt: Nullable(DateTime),
  outcome: Nullable(BoardVote),
  summary: Nullable(Type.Boolean()),
  publishedAt: Nullable(DateTime),
});
export type BoardCaseSummary = Static<typeof BoardCaseSummary>;

/** A case under way, with where its decision clock stands (null once it is no longer under deliberation). */
export const BoardCase = Type.Object({ ...BoardCaseSummary.properties, deadline: Nullable(DeadlineState) });
export type BoardCase = Static<typeof BoardCase>;

export const CandidateRank = Type.Object({
  score: Type.Number(),
  parts: Type.Array(Type.Object({ factor: Type.String(), points: Type.Number() })),
});
export type CandidateRank = Static<typeof CandidateRank>;
export const Candidate = Type.Object({ ...BoardCaseSummary.properties, rank: CandidateRank });
export type Candidate = Static<typeof Candidate>;
export const Candidates = Type.Object({ candidates: Type.Array(Candidate) });
export type Candidates = Static<typeof Candidates>;

/** A member the panel draw recused, and why. */
export const Recusal = Type.Object({ userId: Type.String(), reason: Type.String() });
export type Recusal = Static<typeof Recusal>;

export const CaseSelected = Type.Object({
  boardCaseId: Type.String(),
  ref: Type.String(),
  status: Type.Literal('selected'),
  panel: Type.Array(Type.String(), { description: 'the seated members' }),
  recused: Type.Array(Recusal),
  decisionDueAt: DateTime,
  commentsCloseAt: DateTime,
});
export type CaseSelected = Static<typeof CaseSelected>;

export const CaseDeclined = Type.Object({ boardCaseId: Type.String(), status: Type.Literal('not_selected') });
export type CaseDeclined = Static<typeof CaseDeclined>;

export const PlatformReversed = Type.Object({
  boardCaseId: Type.String(),
  status: Type.Literal('platform_reversed'),
  reversalDecisionId: Type.String(),
});
export type PlatformReversed = Static<typeof PlatformReversed>;

// ---- recommendations and obligations ----

export const RecommendationResponse = Type.Object({
  id: Type.String(),
  category: ResponseCategory,
  reasons: Type.String(),
  timeline: Nullable(Type.String()),
  respondedAt: DateTime,
});
export const RecommendationAssessment = Type.Object({
  assessment: Assessment,
  note: Type.String(),
  assessedAt: DateTime,
});

/** A published recommendation with its response clock, responses and assessments, as the public reads it. */
export const PublicRecommendation = Type.Object({
  ref: Type.String({ description: 'e.g. BC-2023-001-R3' }),
  number: Type.Integer(),
  group: Nullable(RecommendationGroup),
  caseRef: Type.String(),
  caseTitle: Type.String(),
  text: Type.String(),
  measure: Type.String(),
  publishedAt: DateTime,
  responseDueAt: DateTime,
  responseState: Type.Enum(['awaiting', 'overdue', 'answered', 'answered_late']),
  latestResponse: Nullable(ResponseCategory),
  latestAssessment: Nullable(Assessment),
  closed: Type.Boolean(),
  responses: Type.Array(RecommendationResponse),
  assessments: Type.Array(RecommendationAssessment),
});
export type PublicRecommendation = Static<typeof PublicRecommendation>;

/** A published recommendation as the board's workspaces read it: with its id. */
export const RecommendationView = Type.Object({ id: Uuid, ...PublicRecommendation.properties });
export type RecommendationView = Static<typeof RecommendationView>;
export const Recommendations = Type.Object({ recommendations: Type.Array(RecommendationView) });
export type Recommendations = Static<typeof Recommendations>;

/** What a published decision binds the platform to: the required decision within 7 days, and the sweep's numbers. */
export const Obligation = Type.Object({
  id: Type.String(),
  boardCaseId: Type.String(),
  requiredOutcome: RequiredOutcome,
  dueAt: DateTime,
  status: Type.Enum(['open', 'implemented']),
  overdue: Type.Boolean(),
  actionDecisionId: Nullable(Type.String()),
  note: Nullable(Type.String()),
  sweepMatched: Nullable(Type.Integer()),
  sweepActioned: Nullable(Type.Integer()),
  implementedAt: Nullable(DateTime),
});
export type Obligation = Static<typeof Obligation>;

// ---- workspaces ----

export const PendingComment = Type.Object({
  id: Type.String(),
  boardCaseId: Type.String(),
  ref: Type.String(),
  name: Nullable(Type.String()),
  organisation: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  body: Type.String(),
  submittedAt: DateTime,
});
export type PendingComment = Static<typeof PendingComment>;

export const ManagerDesk = Type.Object({
  active: Type.Array(BoardCase),
  pendingComments: Type.Array(PendingComment),
});
export type ManagerDesk = Static<typeof ManagerDesk>;

export const PlatformObligation = Type.Object({ ...Obligation.properties, ref: Type.String(), title: Type.String() });
export type PlatformObligation = Static<typeof PlatformObligation>;

export const PlatformDesk = Type.Object({
  obligations: Type.Array(PlatformObligation),
  recommendations: Type.Array(RecommendationView),
  selectedCases: Type.Array(BoardCase),
});
export type PlatformDesk = Static<typeof PlatformDesk>;

/** The board workspace: each part is null for a user without the role it serves. */
export const Desk = Type.Object({
  manager: Nullable(ManagerDesk),
  panels: Nullable(Type.Array(BoardCase)),
  platform: Nullable(PlatformDesk),
});
export type Desk = Static<typeof Desk>;

// ---- the case file ----

/** The platform's history of the decision under review, as the case file shows it. Reporters are never identified. */
export const ModerationHistory = Type.Object({
  subject: Nullable(
    Type.Object({
      externalId: Type.String(),
      kind: Type.Enum(['content', 'account']),
      contentType: Nullable(Type.Enum(['text', 'image', 'video', 'link'])),
      title: Nullable(Type.String()),
      body: Nullable(Type.String()),
      country: Nullable(Type.String()),
      authorExternalId: Nullable(Type.String()),
      views: Type.Integer(),
      postedAt: Nullable(DateTime),
    }),
  ),
  reports: Type.Array(
    Type.Object({
      source: Type.Enum(REPORT_SOURCES),
      policyId: Type.String(),
      text: Nullable(Type.String()),
      receivedAt: DateTime,
    }),
  ),
  decisions: Type.Array(
    Type.Object({
      id: Type.String(),
      outcome: Type.Enum(CONTENT_OUTCOMES),
      policyId: Type.String(),
      sectionId: Type.String(),
      policyVersion: Type.Integer(),
      facts: Type.String(),
      balancing: Nullable(Balancing),
      warningScreen: Type.Boolean(),
      status: Type.Enum(['in_force', 'reversed']),
      reviewOf: Nullable(Type.String()),
      decidedAt: DateTime,
      notice: Nullable(StatementOfReasons),
    }),
  ),
  appeals: Type.Array(
    Type.Object({
      id: Type.String(),
      decisionId: Type.String(),
      appellant: Type.Enum(['affected_user', 'reporter']),
      statement: Type.String(),
      filedAt: DateTime,
      result: Nullable(Type.Enum(['upheld', 'reversed', 'moot'])),
      reason: Nullable(Type.String()),
      decidedAt: Nullable(DateTime),
    }),
  ),
  history: Type.Array(Type.Object({ seq: Type.Integer(), type: Type.String(), actor: Type.String(), at: DateTime })),
});
export type ModerationHistory = Static<typeof ModerationHistory>;

/** For the case manager while the case is under deliberation: what publishing would decide. */
export const Publication = Type.Object({
  draftVersion: Nullable(Type.Integer()),
  counts: VoteCounts,
  seated: Type.Integer(),
  votesNeeded: Type.Integer(),
  commentsOpenUntil: Nullable(DateTime),
});
export type Publication = Static<typeof Publication>;

export const PanelSeat = Type.Object({
  userId: Type.String(),
  name: Nullable(Type.String()),
  region: Nullable(BoardRegion),
  status: Type.Enum(['seated', 'recused']),
  reason: Nullable(Type.String()),
  voted: Nullable(Type.Integer({ description: 'the draft version the member last voted on' })),
});
export type PanelSeat = Static<typeof PanelSeat>;

export const Draft = Type.Object({
  version: Type.Integer(),
  authorId: Type.String(),
  text: Type.String(),
  recommendations: Type.Array(
    Type.Object({ text: Type.String(), measure: Type.String(), group: Type.Optional(Nullable(RecommendationGroup)) }),
  ),
  savedAt: DateTime,
});
export type Draft = Static<typeof Draft>;

export const CastVote = Type.Object({
  userId: Type.String(),
  draftVersion: Type.Integer(),
  vote: BoardVote,
  opinion: Nullable(Type.String()),
  castAt: DateTime,
});
export type CastVote = Static<typeof CastVote>;

export const CaseComment = Type.Object({
  id: Type.String(),
  kind: Type.Enum(['comment', 'brief']),
  status: Type.Enum(['pending', 'approved', 'rejected']),
  author: Type.String(),
  body: Type.String(),
  submittedAt: DateTime,
  name: Type.Optional(Nullable(Type.String({ description: 'case managers only' }))),
  organisation: Type.Optional(Nullable(Type.String({ description: 'case managers only' }))),
  anonymous: Type.Optional(Type.Boolean({ description: 'case managers only' })),
});
export type CaseComment = Static<typeof CaseComment>;

export const CaseFile = Type.Object({
  case: Type.Object({
    ...BoardCase.properties,
    statement: Type.String(),
    selectionNote: Nullable(Type.String()),
    platformReversal: Nullable(Type.String()),
    decisionText: Nullable(Type.String()),
    voteCounts: Nullable(VoteCounts),
    voteSplitPublished: Type.Boolean(),
    commentsOpen: Type.Boolean(),
    commentsClosedEarlyReason: Nullable(Type.String()),
  }),
  publication: Nullable(Publication),
  panel: Type.Array(PanelSeat),
  moderation: Nullable(ModerationHistory),
  drafts: Type.Array(Draft),
  votes: Type.Array(CastVote),
  comments: Type.Array(CaseComment),
  obligation: Nullable(Obligation),
  recommendations: Type.Array(RecommendationView),
  may: Type.Object({
    select: Type.Boolean(),
    manage: Type.Boolean(),
    deliberate: Type.Boolean(),
    reverse: Type.Boolean(),
    closeComments: Type.Boolean(),
    publish: Type.Boolean(),
    publishSummary: Type.Boolean(),
  }),
});
export type CaseFile = Static<typeof CaseFile>;

// ---- comments, deliberation and decision answers ----

export const CommentReceived = Type.Object({
  commentId: Type.String(),
  status: Type.Literal('pending'),
  message: Type.String(),
});
export type CommentReceived = Static<typeof CommentReceived>;

export const BriefAttached = Type.Object({ commentId: Type.String(), status: Type.Literal('approved') });
export type BriefAttached = Static<typeof BriefAttached>;

export const CommentModerated = Type.Object({ commentId: Type.String(), status: Type.Enum(['approved', 'rejected']) });
export type CommentModerated = Static<typeof CommentModerated>;

export const CommentsClosed = Type.Object({
  boardCaseId: Type.String(),
  ref: Type.String(),
  commentsCloseAt: DateTime,
  closedEarly: Type.Literal(true),
  reason: Type.String(),
});
export type CommentsClosed = Static<typeof CommentsClosed>;

export const DraftSaved = Type.Object({ version: Type.Integer() });
export type DraftSaved = Static<typeof DraftSaved>;

export const VoteRecorded = Type.Object({ draftVersion: Type.Integer(), vote: BoardVote });
export type VoteRecorded = Static<typeof VoteRecorded>;

export const DecisionPublished = Type.Object({
  boardCaseId: Type.String(),
  ref: Type.String(),
  outcome: BoardVote,
  counts: VoteCounts,
  voteSplitPublished: Type.Boolean(),
  obligationId: Nullable(Type.String()),
  recommendations: Type.Array(
    Type.Object({
      id: Type.String(),
      ref: Type.String(),
      group: Nullable(RecommendationGroup),
      responseDueAt: Type.String(),
    }),
  ),
});
export type DecisionPublished = Static<typeof DecisionPublished>;

export const SummaryPublished = Type.Object({
  boardCaseId: Type.String(),
  ref: Type.String(),
  outcome: Type.Literal('overturn'),
  summary: Type.Literal(true),
});
export type SummaryPublished = Static<typeof SummaryPublished>;

// ---- what the platform owes ----

export const ObligationImplemented = Type.Object({
  obligationId: Type.String(),
  actionDecisionId: Type.String(),
  sweepMatched: Type.Integer({ description: 'identical content found on the platform' }),
  sweepActioned: Type.Integer({ description: 'identical content given the same decision' }),
  onTime: Type.Boolean(),
});
export type ObligationImplemented = Static<typeof ObligationImplemented>;

export const ResponseRecorded = Type.Object({
  responseId: Type.String(),
  category: ResponseCategory,
  late: Type.Boolean(),
});
export type ResponseRecorded = Static<typeof ResponseRecorded>;

export const AssessmentRecorded = Type.Object({
  recommendationId: Type.String(),
  assessment: Assessment,
  closed: Type.Boolean(),
});
export type AssessmentRecorded = Static<typeof AssessmentRecorded>;

// ---- public ----

const PublicCaseFacts = {
  ref: Type.String(),
  title: Type.String(),
  kind: BoardCaseKind,
  question: Nullable(Type.String({ description: "a policy advisory opinion's question" })),
  track: BoardTrack,
  country: Nullable(Type.String()),
  region: Nullable(BoardRegion),
  policy: Nullable(Type.Object({ id: Type.String(), title: Nullable(Type.String()) })),
  status: Type.Enum(['selected', 'platform_reversed', 'decided']),
  selectedAt: Nullable(DateTime),
  decisionDueAt: Nullable(DateTime),
  commentsCloseAt: Nullable(DateTime),
  commentsOpen: Type.Boolean(),
  commentsClosedEarly: Type.Boolean(),
  commentsClosedEarlyReason: Nullable(Type.String()),
  commentsNotice: Nullable(Type.String({ description: 'what a late comment is told' })),
};

/** A case under deliberation (or reversed by the platform) as the public sees it. */
export const PublicOpenCase = Type.Object({ ...PublicCaseFacts, decision: Type.Null() });
export type PublicOpenCase = Static<typeof PublicOpenCase>;

export const PublicDecision = Type.Object({
  outcome: Nullable(BoardVote),
  summary: Nullable(Type.Boolean()),
  text: Nullable(Type.String()),
  votes: Nullable(VoteCounts),
  voteSplitPublished: Type.Boolean(),
  publishedAt: Nullable(DateTime),
  separateOpinions: Type.Array(
    Type.Object({ position: Type.Enum(['concurring', 'dissenting']), text: Nullable(Type.String()) }),
  ),
});
export type PublicDecision = Static<typeof PublicDecision>;

/** A decided case as the public sees it: the decision, approved comments, the obligation and the recommendations. */
export const PublicDecidedCase = Type.Object({
  ...PublicCaseFacts,
  decision: PublicDecision,
  comments: Type.Array(
    Type.Object({
      kind: Type.Enum(['comment', 'brief']),
      author: Type.String(),
      body: Type.String(),
      submittedAt: DateTime,
    }),
  ),
  obligation: Nullable(
    Type.Object({
      requiredOutcome: RequiredOutcome,
      dueAt: DateTime,
      status: Type.Enum(['open', 'implemented']),
      overdue: Type.Boolean(),
      implementedAt: Nullable(DateTime),
      sweepMatched: Nullable(Type.Integer()),
      sweepActioned: Nullable(Type.Integer()),
    }),
  ),
  recommendations: Type.Array(PublicRecommendation),
});
export type PublicDecidedCase = Static<typeof PublicDecidedCase>;

export const PublicBoardCase = Type.Union([PublicOpenCase, PublicDecidedCase]);
export type PublicBoardCase = Static<typeof PublicBoardCase>;

// The board's vocabulary, as the public site and the console name it.
export type BoardCaseKind = Static<typeof BoardCaseKind>;
export type BoardCaseStatus = Static<typeof BoardCaseStatus>;
export type ResponseCategory = Static<typeof ResponseCategory>;
export type Assessment = Static<typeof Assessment>;
export {
  ASSESSMENTS,
  groupRecommendations,
  RECOMMENDATION_GROUPS,
  RESPONSE_CATEGORIES,
  responseState,
  type ResponseState,
  type Track,
} from './rules.js';
