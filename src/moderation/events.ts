import { Type } from 'typebox';
import { ESCALATION_LEVELS, REPORT_SOURCES } from '../core/outcomes.js';
import {
  AccountAction,
  AccountRestriction,
  AccountStrike,
  AppealDecision,
  CaseDecision,
  CaseSummary,
  NoticeContent,
  PendingAppeal,
  ReportFacts,
  Subject,
} from './contract.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** What ranks a case among those alleging the same policies: its gravest policy and its strongest report source. */
const Gravest = { gravestPolicyId: Type.String(), strongestSource: Type.Enum(REPORT_SOURCES) };

/** An open case's state after a batch of reports (the rank key is the queue's index, derived from these). */
const CaseState = Type.Object({
  ...Type.Pick(CaseSummary, ['reportCount', 'policiesAlleged', 'priorityFactors']).properties,
  ...Gravest,
  priorityBase: Type.Number(),
});

const Appellant = PendingAppeal.properties.appellant;

export const moderationEvents = {
  /** The subject as pushed, all of it (the log rebuilds the subjects table). */
  'subject.registered': Type.Object({
    subjectId: Type.String(),
    ...Type.Omit(Subject, ['id', 'registeredAt']).properties,
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
    ...ReportFacts.properties,
    priority: Type.Number(),
    /** The case as the batch left it (its priority computed once per batch); null when the case stayed closed. */
    caseState: Nullable(CaseState),
  }),
  'case.opened': Type.Object({
    caseId: Type.String(),
    subjectId: Type.String(),
    ...Type.Pick(CaseSummary, ['level', 'country', 'language', 'policiesAlleged', 'escalationNote']).properties,
    ...Gravest,
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
  /** The decision as a case shows it (`decidedBy`: the reviewer's user id), its account action as the reviewer took it. */
  'decision.taken': Type.Object({
    decisionId: Type.String(),
    ...Type.Omit(CaseDecision, ['id', 'decidedAt', 'status', 'accountAction']).properties,
    accountAction: Nullable(AccountAction),
  }),
  'decision.reversed': Type.Object({
    decisionId: Type.String(),
    appealId: Type.Optional(Type.String()),
    boardCaseId: Type.Optional(Type.String()),
    disputeId: Type.Optional(Type.String()),
  }),
  'strike.issued': Type.Object({
    strikeId: Type.String(),
    ...Type.Pick(AccountStrike, ['decisionId', 'policyId', 'expiresAt']).properties,
    platform: Type.String(),
    accountRef: Type.String(),
    activeStrikes: Type.Integer(),
  }),
  'strike.reversed': Type.Object({
    strikeId: Type.String(),
    appealId: Type.Optional(Type.String()),
    boardCaseId: Type.Optional(Type.String()),
    disputeId: Type.Optional(Type.String()),
  }),
  'account.restricted': Type.Object({
    restrictionId: Type.String(),
    ...Type.Pick(AccountRestriction, ['decisionId', 'kind', 'reason', 'endsAt']).properties,
    platform: Type.String(),
    accountRef: Type.String(),
  }),
  'account.restriction_lifted': Type.Object({ restrictionId: Type.String(), reason: Type.String() }),
  /** The notice and the statement of reasons sent with it. */
  'notice.issued': Type.Object({
    noticeId: Type.String(),
    decisionId: Type.String(),
    platform: Type.String(),
    ...NoticeContent.properties,
  }),
  /** The appellant's identity (appeals.appellant_ref, a reporter's when a reporter appeals) stays in the table. */
  'appeal.filed': Type.Object({
    appealId: Type.String(),
    decisionId: Type.String(),
    ...Type.Pick(PendingAppeal, ['appellant', 'statement']).properties,
    /** A notifier's complaint through their notice's link: the notice (content_notice.received) it comes from. */
    noticeId: Type.Optional(Type.String()),
  }),
  'appeal.decided': Type.Object({ ...AppealDecision.properties, reason: Type.String(), decidedBy: Type.String() }),
  /** The appealed decision was reversed another way (the board, the platform, the other party's appeal): nothing is left to decide. */
  'appeal.closed_moot': Type.Object({
    appealId: Type.String(),
    decisionId: Type.String(),
    appellant: Appellant,
    reason: Type.String(),
    appealIdThatReversed: Type.Optional(Type.String()),
    boardCaseId: Type.Optional(Type.String()),
    disputeId: Type.Optional(Type.String()),
    decidedBy: Type.String(),
  }),
};
