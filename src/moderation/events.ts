import { Type } from 'typebox';
import { ACCOUNT_ACTIONS, CONTENT_OUTCOMES, ESCALATION_LEVELS, REPORT_SOURCES } from '../core/outcomes.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

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
  }),
  'subject.updated': Type.Object({
    subjectId: Type.String(),
    fields: Type.Array(Type.String()),
    contentChanged: Type.Boolean(),
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
  }),
  'case.opened': Type.Object({ caseId: Type.String(), subjectId: Type.String(), level: Type.Enum(ESCALATION_LEVELS) }),
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
  'notice.issued': Type.Object({ noticeId: Type.String(), decisionId: Type.String() }),
  'appeal.filed': Type.Object({
    appealId: Type.String(),
    decisionId: Type.String(),
    appellant: Type.Enum(['affected_user', 'reporter']),
  }),
  'appeal.decided': Type.Object({
    appealId: Type.String(),
    result: Type.Enum(['upheld', 'reversed']),
    reason: Type.String(),
    reviewDecisionId: Nullable(Type.String()),
  }),
  /** The appealed decision was reversed another way (the board, the platform, the other party's appeal): nothing is left to decide. */
  'appeal.closed_moot': Type.Object({
    appealId: Type.String(),
    decisionId: Type.String(),
    appellant: Type.Enum(['affected_user', 'reporter']),
    reason: Type.String(),
    appealIdThatReversed: Type.Optional(Type.String()),
    boardCaseId: Type.Optional(Type.String()),
  }),
};
