import { Type } from 'typebox';
import { ACCOUNT_ACTIONS, CONTENT_OUTCOMES, ESCALATION_LEVELS, REPORT_SOURCES } from '../core/outcomes.js';
import { PriorityFactor } from './contract.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** An open case's state after a batch of reports (the rank key is the queue's index, derived from these). */
const CaseState = Type.Object({
  reportCount: Type.Integer(),
  policiesAlleged: Type.Array(Type.String()),
  gravestPolicyId: Type.String(),
  strongestSource: Type.Enum(REPORT_SOURCES),
  priorityBase: Type.Number(),
  priorityFactors: Type.Array(PriorityFactor),
});

export const moderationEvents = {
  'subject.registered': Type.Object({
    subjectId: Type.String(),
    platform: Type.String(),
    externalId: Type.String(),
    kind: Type.Enum(['content', 'account']),
    contentType: Nullable(Type.String()),
    authorExternalId: Nullable(Type.String()),
    country: Nullable(Type.String()),
    language: Nullable(Type.String()),
    // The rest of the subject as pushed (added for issue 14: the log rebuilds the subjects table).
    title: Nullable(Type.String()),
    body: Nullable(Type.String()),
    url: Nullable(Type.String()),
    views: Type.Integer(),
    shares: Type.Integer(),
    followers: Type.Integer(),
    publicFigure: Nullable(Type.String()),
    contentHash: Nullable(Type.String()),
    postedAt: Nullable(Type.String()),
  }),
  'subject.updated': Type.Object({
    subjectId: Type.String(),
    fields: Type.Array(Type.String()),
    contentChanged: Type.Boolean(),
    /** The new value of each field in `fields`. */
    values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
    /** The subject's content hash after the update (changes only with its content). */
    contentHash: Nullable(Type.String()),
  }),
  /** Reporter identity stays in the reports table; the log records only the source. */
  'report.received': Type.Object({
    reportId: Type.String(),
    subjectId: Type.String(),
    caseId: Type.String(),
    policyId: Type.String(),
    sectionId: Nullable(Type.String()),
    source: Type.Enum(REPORT_SOURCES),
    priority: Type.Number(),
    /** What the reporter wrote. */
    text: Nullable(Type.String()),
    /** The case as the batch left it (its priority computed once per batch); null when the case stayed closed. */
    caseState: Nullable(CaseState),
  }),
  'case.opened': Type.Object({
    caseId: Type.String(),
    subjectId: Type.String(),
    level: Type.Enum(ESCALATION_LEVELS),
    country: Nullable(Type.String()),
    language: Nullable(Type.String()),
    policiesAlleged: Type.Array(Type.String()),
    gravestPolicyId: Type.String(),
    strongestSource: Type.Enum(REPORT_SOURCES),
    escalationNote: Nullable(Type.String()),
  }),
  'case.reopened': Type.Object({ caseId: Type.String(), reason: Type.String() }),
  'case.claimed': Type.Object({ caseId: Type.String(), userId: Type.String(), leaseExpiresAt: Type.String() }),
  'case.released': Type.Object({ caseId: Type.String(), userId: Type.String() }),
  'case.escalated': Type.Object({
    caseId: Type.String(),
    from: Type.Enum(ESCALATION_LEVELS),
    to: Type.Enum(ESCALATION_LEVELS),
    note: Type.String(),
  }),
  'decision.taken': Type.Object({
    decisionId: Type.String(),
    caseId: Type.String(),
    subjectId: Type.String(),
    policyId: Type.String(),
    sectionId: Type.String(),
    policyVersion: Type.Integer(),
    outcome: Type.Enum(CONTENT_OUTCOMES),
    accountAction: Nullable(Type.Object({ kind: Type.Enum(ACCOUNT_ACTIONS), days: Type.Optional(Type.Integer()) })),
    facts: Type.String(),
    automatedDetection: Type.Boolean(),
    automatedDecision: Type.Boolean(),
    territorialScope: Type.Array(Type.String()),
    balancing: Nullable(Type.Unknown()),
    reviewOf: Nullable(Type.String()),
    warningScreen: Type.Boolean(),
    /** The reviewer (a user id). */
    decidedBy: Type.String(),
  }),
  'decision.reversed': Type.Object({
    decisionId: Type.String(),
    appealId: Type.Optional(Type.String()),
    boardCaseId: Type.Optional(Type.String()),
  }),
  'strike.issued': Type.Object({
    strikeId: Type.String(),
    decisionId: Type.String(),
    platform: Type.String(),
    accountRef: Type.String(),
    policyId: Type.String(),
    expiresAt: Type.String(),
    activeStrikes: Type.Integer(),
  }),
  'strike.reversed': Type.Object({
    strikeId: Type.String(),
    appealId: Type.Optional(Type.String()),
    boardCaseId: Type.Optional(Type.String()),
  }),
  'account.restricted': Type.Object({
    restrictionId: Type.String(),
    decisionId: Type.String(),
    platform: Type.String(),
    accountRef: Type.String(),
    kind: Type.String(),
    endsAt: Nullable(Type.String()),
    reason: Type.String(),
  }),
  'account.restriction_lifted': Type.Object({ restrictionId: Type.String(), reason: Type.String() }),
  'notice.issued': Type.Object({
    noticeId: Type.String(),
    decisionId: Type.String(),
    platform: Type.String(),
    /** The affected account (as on the decision's strike and restrictions); null for content without an author. */
    recipientRef: Nullable(Type.String()),
    /** The statement of reasons sent with the notice. */
    statement: Type.Unknown(),
  }),
  /** The appellant's identity (appeals.appellant_ref, a reporter's when a reporter appeals) stays in the table. */
  'appeal.filed': Type.Object({
    appealId: Type.String(),
    decisionId: Type.String(),
    appellant: Type.Enum(['affected_user', 'reporter']),
    statement: Type.String(),
  }),
  'appeal.decided': Type.Object({
    appealId: Type.String(),
    result: Type.Enum(['upheld', 'reversed']),
    reason: Type.String(),
    reviewDecisionId: Nullable(Type.String()),
    decidedBy: Type.String(),
  }),
  /** The appealed decision was reversed another way (the board, the platform, the other party's appeal): nothing is left to decide. */
  'appeal.closed_moot': Type.Object({
    appealId: Type.String(),
    decisionId: Type.String(),
    appellant: Type.Enum(['affected_user', 'reporter']),
    reason: Type.String(),
    appealIdThatReversed: Type.Optional(Type.String()),
    boardCaseId: Type.Optional(Type.String()),
    decidedBy: Type.String(),
  }),
};
