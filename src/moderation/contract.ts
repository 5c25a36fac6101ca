/**
 * The moderation API's contract: the request and response schema of every route (ingestion, the queue and its
 * cases, decisions, appeals, the case tools, account owners' events) and the types the server, the web console and
 * the tests share. Importable by the web console: it depends on typebox and pure rules only.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import {
  ACCOUNT_ACTIONS,
  ACTOR_KINDS,
  CONTENT_OUTCOMES,
  CONTEXT_KINDS,
  ESCALATION_LEVELS,
  PUBLIC_FIGURE_KINDS,
  REPORT_SOURCES,
} from '../core/outcomes.js';
import { OWNER_EVENT_KINDS } from './account-owner-rules.js';
import { HARM_FACTORS, MAX_ACCOUNT_ACTION_DAYS, PUBLIC_INTEREST_FACTORS } from './rules.js';
import { EEA_COUNTRY_CODES } from '../core/dsa-tdb-enums.js';
import { MAX_ILLEGALITY_EXPLANATION, MAX_LEGAL_PROVISION } from './ground-rules.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Ref = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Count = Type.Integer({ minimum: 0, description: 'a non-negative count' });
const Iso = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const SUBJECT_KINDS = ['content', 'account'] as const;
const CONTENT_TYPES = ['text', 'image', 'video', 'link'] as const;
/** Whether an account is a business's (a trader's) or a private person's: the DSA statement's `account_type`. */
export const ACCOUNT_TYPES = ['business', 'private'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Subjects and reports (platform integrations)

export const SubjectInput = Type.Object(
  {
    externalId: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "the platform's own id for the content or account",
    }),
    kind: Type.Enum(SUBJECT_KINDS),
    contentType: Type.Optional(Type.Enum(CONTENT_TYPES)),
    authorExternalId: Type.Optional(Text(200)),
    title: Type.Optional(Text(500)),
    body: Type.Optional(Type.String({ maxLength: 20_000 })),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2_000 })),
    language: Type.Optional(
      Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47 language tag' }),
    ),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3 country code' })),
    views: Type.Optional(Count),
    shares: Type.Optional(Count),
    followers: Type.Optional(Count),
    publicFigure: Type.Optional(
      Type.Enum(PUBLIC_FIGURE_KINDS, { description: 'for accounts: the public role the platform knows of' }),
    ),
    accountType: Type.Optional(
      Type.Enum(ACCOUNT_TYPES, {
        description:
          "for accounts: a business's (trader's) or a private person's, as the platform knows it; sent as the DSA statement of reasons' account_type, left out of it when not given",
      }),
    ),
    postedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type SubjectInput = Static<typeof SubjectInput>;

/** The most subjects or reports one batch push carries. */
export const MAX_BATCH = 1_000;

export const SubjectBatchInput = Type.Object(
  { items: Type.Array(SubjectInput, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);

export const ReportInput = Type.Object(
  {
    subject: Type.Optional(SubjectInput),
    subjectExternalId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'a subject pushed before; give this or `subject`' }),
    ),
    policyId: Type.String({ minLength: 1, maxLength: 60, description: 'the policy the reporter says is broken' }),
    sectionId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    text: Type.Optional(Type.String({ maxLength: 5_000 })),
    reporterRef: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "the platform's id of the reporter; private, never shown to the reported user",
      }),
    ),
    source: Type.Enum(REPORT_SOURCES),
  },
  { additionalProperties: false },
);
export type ReportInput = Static<typeof ReportInput>;

export const ReportBatchInput = Type.Object(
  { items: Type.Array(ReportInput, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);

export const ReportReceipt = Type.Object({
  reportId: Type.String(),
  subjectId: Type.String(),
  caseId: Type.String(),
  disposition: Type.Enum(['opened_case', 'joined_case', 'reopened_case', 'recorded_on_closed_case']),
});
export type ReportReceipt = Static<typeof ReportReceipt>;

export const ReportAnswer = Type.Object({ receipt: ReportReceipt });
export type ReportAnswer = Static<typeof ReportAnswer>;
export const ReportBatchAnswer = Type.Object({ receipts: Type.Array(ReportReceipt) });
export type ReportBatchAnswer = Static<typeof ReportBatchAnswer>;

export const Subject = Type.Object({
  id: Type.String(),
  platform: Type.String(),
  externalId: Type.String(),
  kind: Type.Enum(SUBJECT_KINDS),
  contentType: Nullable(Type.Enum(CONTENT_TYPES)),
  authorExternalId: Nullable(Type.String()),
  title: Nullable(Type.String()),
  body: Nullable(Type.String()),
  url: Nullable(Type.String()),
  language: Nullable(Type.String()),
  country: Nullable(Type.String()),
  views: Type.Integer(),
  shares: Type.Integer(),
  followers: Type.Integer(),
  publicFigure: Nullable(Type.Enum(PUBLIC_FIGURE_KINDS)),
  accountType: Nullable(
    Type.Enum(ACCOUNT_TYPES, { description: 'for accounts: business or private; null: not stated' }),
  ),
  contentHash: Nullable(Type.String()),
  postedAt: Nullable(Iso),
  registeredAt: Iso,
});
export type Subject = Static<typeof Subject>;

export const SubjectAnswer = Type.Object({ subject: Subject });
export type SubjectAnswer = Static<typeof SubjectAnswer>;
export const SubjectBatchAnswer = Type.Object({
  results: Type.Array(Type.Object({ subject: Subject, created: Type.Boolean() })),
});
export type SubjectBatchAnswer = Static<typeof SubjectBatchAnswer>;

export const SubjectListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    after: Type.Optional(Type.String({ format: 'uuid', description: 'the last id of the previous page' })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  },
  { additionalProperties: false },
);
export const SubjectList = Type.Object({ subjects: Type.Array(Subject) });
export type SubjectList = Static<typeof SubjectList>;

// ---------------------------------------------------------------------------------------------------------------
// Decisions

export const Balancing = Type.Object(
  {
    publicInterest: Type.Array(Type.Enum(PUBLIC_INTEREST_FACTORS), { uniqueItems: true }),
    harms: Type.Array(Type.Enum(HARM_FACTORS), { uniqueItems: true }),
    assessment: WrittenText({ minLength: 1, maxLength: 5_000 }),
  },
  { additionalProperties: false },
);
export type Balancing = Static<typeof Balancing>;

export const AccountAction = Type.Object(
  {
    kind: Type.Enum(ACCOUNT_ACTIONS),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ACCOUNT_ACTION_DAYS })),
  },
  { additionalProperties: false },
);

/** The ground of a decision on illegal content (EU DSA Art. 17(3)(d)), instead of the platform's terms. */
export const IllegalContentGround = Type.Object(
  {
    legalProvision: WrittenText({
      minLength: 1,
      maxLength: MAX_LEGAL_PROVISION,
      description: "the legal provision relied on (the statement's illegal_content_legal_ground)",
    }),
    explanation: WrittenText({
      minLength: 1,
      maxLength: MAX_ILLEGALITY_EXPLANATION,
      description: 'why the content is illegal under it (illegal_content_explanation)',
    }),
    memberStates: Type.Array(Type.Enum(EEA_COUNTRY_CODES), {
      minItems: 1,
      uniqueItems: true,
      description:
        "the EU/EEA Member States where the content is illegal, as the DSA Transparency Database takes them (ISO 3166-1 alpha-2): the decision's territorial scope",
    }),
  },
  { additionalProperties: false },
);
export type IllegalContentGround = Static<typeof IllegalContentGround>;

/** The tool a decision came from (EU DSA Art. 17(3)(c)), and whether a person reviewed it. */
export const Automation = Type.Object(
  {
    tool: Text(100),
    toolVersion: Text(60),
    score: Type.Number({ minimum: 0, maximum: 1, description: "the tool's confidence, 0 to 1" }),
    humanReviewed: Type.Boolean({
      description:
        'a person reviewed the decision before it took effect: partially automated; otherwise fully automated',
    }),
  },
  { additionalProperties: false },
);
export type Automation = Static<typeof Automation>;

export const DecisionInput = Type.Object(
  {
    policyId: Type.String({ minLength: 1, maxLength: 60 }),
    sectionId: Type.String({ minLength: 1, maxLength: 60 }),
    outcome: Type.Enum(CONTENT_OUTCOMES),
    accountAction: Type.Optional(Nullable(AccountAction)),
    facts: WrittenText({ minLength: 10, maxLength: 10_000, description: 'the facts and circumstances relied on' }),
    territorialScope: Type.Optional(Type.Array(Type.String({ pattern: '^([A-Z]{3}|WORLD)$' }), { maxItems: 300 })),
    automatedDetection: Type.Optional(Type.Boolean()),
    balancing: Type.Optional(Nullable(Balancing)),
    warningScreen: Type.Optional(Type.Boolean({ description: 'show kept content behind a warning screen' })),
    /** Set, the decision rests on illegal content instead of the platform's terms. */
    illegalContent: Type.Optional(Nullable(IllegalContentGround)),
    automation: Type.Optional(Nullable(Automation)),
  },
  { additionalProperties: false },
);
export type DecisionInput = Static<typeof DecisionInput>;

/**
 * A tool's decision as a platform's integration records it (POST /api/automated-decisions): the subject by its
 * external id, the decision, and the tool, required here. With no human review it is fully automated.
 */
export const AutomatedDecisionInput = Type.Object(
  {
    subjectExternalId: Type.String({ minLength: 1, maxLength: 200 }),
    ...Type.Omit(DecisionInput, ['automation', 'balancing']).properties,
    automation: Automation,
  },
  { additionalProperties: false },
);
export type AutomatedDecisionInput = Static<typeof AutomatedDecisionInput>;

/** A decision's body as drafted: the same fields, the facts not yet required (the form previews before they are written). */
export const DecisionDraft = Type.Object(
  { ...DecisionInput.properties, facts: Type.Optional(DecisionInput.properties.facts) },
  { additionalProperties: false },
);
export type DecisionDraft = Static<typeof DecisionDraft>;

export const DecisionResult = Type.Object({
  decisionId: Type.String(),
  strikeId: Nullable(Type.String()),
  activeStrikes: Nullable(Type.Integer()),
  restrictions: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), endsAt: Nullable(Iso) })),
  noticeId: Type.String(),
});
export type DecisionResult = Static<typeof DecisionResult>;

/**
 * The statement of reasons sent with every decision's notice (EU DSA Art. 17), in the field names and enumerations
 * of the EU DSA Transparency Database API so the export can reuse it. It never names the person who reported.
 */
export const StatementOfReasons = Type.Object(
  {
    decision_visibility: Type.Array(Type.String()),
    end_date_visibility_restriction: Nullable(Type.String()),
    decision_account: Nullable(Type.Enum(['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'])),
    end_date_account_restriction: Nullable(Type.String()),
    decision_provision: Nullable(Type.Enum(['DECISION_PROVISION_PARTIAL_SUSPENSION'])),
    end_date_service_restriction: Nullable(Type.String()),
    decision_ground: Type.Enum(['DECISION_GROUND_INCOMPATIBLE_CONTENT', 'DECISION_GROUND_ILLEGAL_CONTENT']),
    /** The terms ground (a decision on the terms): the policy section and the facts. */
    incompatible_content_ground: Type.Optional(Type.String()),
    incompatible_content_explanation: Type.Optional(Type.String()),
    /** The legal ground (a decision on illegal content): the provision and why the content is illegal under it. */
    illegal_content_legal_ground: Type.Optional(Type.String()),
    illegal_content_explanation: Type.Optional(Type.String()),
    content_type: Type.Array(Type.String()),
    category: Type.String(),
    territorial_scope: Type.Array(Type.String()),
    source_type: Type.Enum([
      'SOURCE_ARTICLE_16',
      'SOURCE_TRUSTED_FLAGGER',
      'SOURCE_TYPE_OTHER_NOTIFICATION',
      'SOURCE_VOLUNTARY',
    ]),
    automated_detection: Type.Enum(['Yes', 'No']),
    automated_decision: Type.Enum([
      'AUTOMATED_DECISION_FULLY',
      'AUTOMATED_DECISION_PARTIALLY',
      'AUTOMATED_DECISION_NOT_AUTOMATED',
    ]),
    decision_facts: Type.String(),
    content_date: Nullable(Type.String()),
    application_date: Type.String(),
    summary: Type.String({ description: "Docket's own, for the affected user: what happened in plain words" }),
    redress: Type.Object({
      internal_appeal_until: Nullable(Iso),
      out_of_court_settlement: Type.Boolean(),
      judicial_redress: Type.Boolean(),
    }),
  },
  { description: 'the statement of reasons (EU DSA Art. 17), in the DSA Transparency Database field names' },
);
export type StatementOfReasons = Static<typeof StatementOfReasons>;

/** What a decision's notice says, and to whom: the `notice.issued` event records the same. */
export const NoticeContent = Type.Object({
  /** The affected account (as on the decision's strike and restrictions); null for content without an author. */
  recipientRef: Nullable(Type.String()),
  statement: StatementOfReasons,
});
export type NoticeContent = Static<typeof NoticeContent>;

const RESTRICTION_KINDS = [
  'warning',
  'feature_limit',
  'block_content_creation',
  'restrict_account',
  'suspend_account',
  'disable_account',
] as const;

const Penalty = Type.Union([
  Type.Object({ kind: Type.Enum(['none', 'warning', 'feature_limit']) }),
  Type.Object({ kind: Type.Enum(['block_content_creation']), days: Type.Integer() }),
]);

/** Every consequence a draft decision would bring (POST /api/cases/{id}/decision/preview); records nothing. */
export const DecisionPreview = Type.Object({
  outcome: Type.Enum(CONTENT_OUTCOMES),
  warningScreen: Type.Boolean(),
  strike: Nullable(
    Type.Object({
      activeStrikes: Type.Integer(),
      rung: Nullable(Type.Object({ minStrikes: Type.Integer(), penalty: Penalty })),
    }),
  ),
  strikeWithheld: Nullable(Type.String({ description: 'why a strike the reviewer might expect is not issued' })),
  restrictions: Type.Array(
    Type.Object({
      kind: Type.Enum(RESTRICTION_KINDS),
      cause: Type.Enum(['strike_ladder', 'severe_section', 'reviewer']),
      days: Nullable(Type.Integer()),
      endsAt: Nullable(Iso),
      reason: Type.String(),
    }),
  ),
  noticeTo: Nullable(Type.String({ description: 'the account the notice goes to, when one is known' })),
  summary: Type.Array(Type.String(), { description: 'every consequence in plain words, in the order applied' }),
  notice: NoticeContent,
});
export type DecisionPreview = Static<typeof DecisionPreview>;

/** A decision with its notice and statement of reasons: one shape for `GET /api/decisions/{id}` and the feed. */
export const DecisionView = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  subject: Type.Object({ id: Type.String(), platform: Type.String(), externalId: Type.String() }),
  policyId: Type.String(),
  sectionId: Type.String(),
  policyVersion: Type.Integer(),
  outcome: Type.Enum(CONTENT_OUTCOMES),
  accountAction: Nullable(Type.Object({ kind: Type.String(), days: Type.Optional(Type.Integer()) })),
  status: Type.Enum(['in_force', 'reversed'], {
    description:
      'in_force, or reversed (on appeal or by the board; the decision that replaced it names this one in reviewOf)',
  }),
  reviewOf: Nullable(Type.String()),
  decidedAt: Iso,
  notice: Nullable(Type.Object({ id: Type.String(), ...NoticeContent.properties, createdAt: Iso })),
});
export type DecisionView = Static<typeof DecisionView>;

/**
 * How long a decision waits before the feed lists it. A decision is stamped with the time its command began and
 * becomes visible when it commits; on PostgreSQL a slower command may commit a decision stamped a little earlier
 * than one already listed. Listing only decisions older than this keeps every cursor behind them, so paging never
 * skips one. (Webhooks remain the immediate way to hear of a decision.)
 */
export const FEED_SETTLE_MS = 30_000;

export const DecisionFeedQuery = Type.Object(
  {
    subjectExternalId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "only decisions on this subject (the platform's own id for it)",
      }),
    ),
    platform: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "staff: only this platform's decisions (an integration token always reads its own platform's)",
      }),
    ),
    since: Type.Optional(
      Type.String({ format: 'date-time', description: 'only decisions taken at or after this instant (RFC 3339)' }),
    ),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'the nextCursor of the previous answer: continue after it',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type DecisionFeedQuery = Static<typeof DecisionFeedQuery>;

export const DecisionFeed = Type.Object({
  decisions: Type.Array(DecisionView, { description: 'oldest first, ordered by (decidedAt, id)' }),
  nextCursor: Nullable(
    Type.String({
      description:
        'pass it as `cursor` for the next page, or later to poll for new decisions; null only when nothing was listed and no cursor was given',
    }),
  ),
  hasMore: Type.Boolean({ description: 'more decisions are listed after this page now' }),
  settledUntil: Type.String({
    format: 'date-time',
    description: `decisions taken up to this instant are listed (${FEED_SETTLE_MS / 1000} seconds ago)`,
  }),
});
export type DecisionFeed = Static<typeof DecisionFeed>;

// ---------------------------------------------------------------------------------------------------------------
// The queue and its cases (reviewers)

/** How far a reviewer can page into a filtered queue, and up to where its size is counted exactly (see queue.ts). */
export const QUEUE_COUNT_CAP = 10_000;
/**
 * How deep open cases page in priority order. Each page re-reads the queue's two priority runs from their heads
 * (queue-order.ts), `offset + limit` rows of each; past a couple of hundred rows PostgreSQL stops walking the young
 * run's index and sorts the whole run instead (measured: 0.2 ms for 150 rows, 88 ms for 250 and 600 ms for 10,000
 * with 500,000 open cases), which would grow with the backlog. Reviewers work the head of the queue; the filters
 * (status, holder, days reported, policy, place) reach any other case.
 */
export const QUEUE_PRIORITY_DEPTH = 200;
export const MAX_BULK_CASES = 100;

export const QUEUE_STATUSES = ['open', 'claimed', 'closed'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const QueueQuery = Type.Object(
  {
    level: Type.Optional(Type.Enum(ESCALATION_LEVELS)),
    policyId: Type.Optional(Type.String({ maxLength: 60 })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    language: Type.Optional(Type.String({ maxLength: 20 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const QueuePageQuery = Type.Object(
  {
    ...QueueQuery.properties,
    status: Type.Enum(QUEUE_STATUSES, {
      default: 'open',
      description:
        '`open`: every open case, held or waiting; `claimed`: open cases a reviewer holds now; `closed`: decided cases, newest reported first',
    }),
    holder: Type.String({
      default: 'anyone',
      pattern: '^(anyone|me|unclaimed|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$',
      description:
        'who holds the case now: `anyone`, `me`, `unclaimed`, or a reviewer’s user id (see `holders` in the answer)',
    }),
    reportedFrom: Type.Optional(
      Type.String({ format: 'date', description: 'first day (UTC) the case was reported (opened), inclusive' }),
    ),
    reportedTo: Type.Optional(
      Type.String({ format: 'date', description: 'last day (UTC) the case was reported (opened), inclusive' }),
    ),
    offset: Type.Integer({
      minimum: 0,
      maximum: QUEUE_COUNT_CAP,
      default: 0,
      description: 'how many matching cases to skip',
    }),
  },
  { additionalProperties: false },
);
export type QueuePageQuery = Static<typeof QueuePageQuery>;

const KeepOthers = Type.Optional(
  Type.Boolean({ description: 'keep the other cases you hold instead of giving them back to the queue' }),
);

export const ClaimNextInput = Type.Optional(
  Type.Object(
    {
      level: QueueQuery.properties.level,
      policyId: QueueQuery.properties.policyId,
      country: QueueQuery.properties.country,
      language: QueueQuery.properties.language,
      keepOthers: KeepOthers,
    },
    { additionalProperties: false },
  ),
);
export const ClaimQuery = Type.Object({ keepOthers: KeepOthers }, { additionalProperties: false });

export const PriorityFactor = Type.Object({
  factor: Type.Enum(['severity', 'reach', 'actor', 'context', 'trusted_flagger', 'age']),
  value: Type.Number(),
  detail: Type.String(),
  ref: Type.Optional(Type.String({ description: 'for severity: the policy/section alleged' })),
});
export type PriorityFactor = Static<typeof PriorityFactor>;

export const CaseSummary = Type.Object({
  id: Type.String(),
  status: Type.Enum(['open', 'closed']),
  level: Type.Enum(ESCALATION_LEVELS),
  priority: Type.Number(),
  priorityFactors: Type.Array(PriorityFactor, {
    description: 'their product is `priority`, at `priorityAt`; the queue orders by it',
  }),
  priorityAt: Iso,
  reportCount: Type.Integer(),
  policiesAlleged: Type.Array(Type.String()),
  country: Nullable(Type.String()),
  language: Nullable(Type.String()),
  openedAt: Iso,
  claimedBy: Nullable(Type.String()),
  claimedByName: Nullable(Type.String({ description: 'who holds the case (display name), while the lease runs' })),
  leaseExpiresAt: Nullable(Iso),
  escalationNote: Nullable(Type.String()),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const QueueEntry = Type.Object({
  ...CaseSummary.properties,
  subject: Type.Object({
    id: Type.String(),
    kind: Type.Enum(SUBJECT_KINDS),
    contentType: Nullable(Type.Enum(CONTENT_TYPES)),
    title: Type.String(),
    country: Nullable(Type.String()),
    language: Nullable(Type.String()),
  }),
});
export type QueueEntry = Static<typeof QueueEntry>;

export const QueuePage = Type.Object({
  cases: Type.Array(QueueEntry),
  offset: Type.Integer(),
  depth: Type.Integer({
    description: `how far this listing pages (offset + limit): open cases by priority their ${QUEUE_PRIORITY_DEPTH} most urgent, others ${QUEUE_COUNT_CAP.toLocaleString('en')}`,
  }),
  total: Type.Object({
    count: Type.Integer({ description: 'the cases matching the filters, counted up to the cap' }),
    exact: Type.Boolean({
      description: `false when more than ${QUEUE_COUNT_CAP.toLocaleString('en')} match: count is then the cap`,
    }),
  }),
  holders: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'the reviewers holding open cases now, by display name, for the holder filter',
  }),
});
export type QueuePage = Static<typeof QueuePage>;

/** What the newsworthiness balancing weighs: the country's designation, who the author is, what is alleged. */
export const Situation = Type.Object({
  context: Type.Enum(CONTEXT_KINDS),
  actor: Type.Enum(ACTOR_KINDS),
  threatOfViolence: Type.Boolean({ description: 'the section is about threats of violence or incitement' }),
  figure: Type.Optional(
    Nullable(
      Type.Enum(PUBLIC_FIGURE_KINDS, {
        description: "the author's public role: the registry's verified kind, else what the platform states",
      }),
    ),
  ),
});
export type Situation = Static<typeof Situation>;

/** A decision as a case shows it: everything recorded with it. */
export const CaseDecision = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  subjectId: Type.String(),
  decidedBy: Type.String(),
  decidedAt: Iso,
  policyId: Type.String(),
  sectionId: Type.String(),
  policyVersion: Type.Integer(),
  outcome: Type.Enum(CONTENT_OUTCOMES),
  accountAction: Nullable(Type.Object({ kind: Type.String(), days: Type.Optional(Type.Integer()) })),
  facts: Type.String(),
  automatedDetection: Type.Boolean(),
  automatedDecision: Type.Boolean(),
  territorialScope: Type.Array(Type.String()),
  balancing: Nullable(
    Type.Object({
      publicInterest: Type.Array(Type.String()),
      harms: Type.Array(Type.String()),
      assessment: Type.String(),
    }),
  ),
  warningScreen: Type.Boolean(),
  status: Type.Enum(['in_force', 'reversed']),
  reviewOf: Nullable(Type.String()),
  /** Null (or absent, on entries recorded before grounds) for a decision on the platform's terms. */
  illegalContent: Type.Optional(Nullable(IllegalContentGround)),
  /** The tool the decision came from; null (or absent) for a person's decision. */
  automation: Type.Optional(Nullable(Automation)),
});
export type CaseDecision = Static<typeof CaseDecision>;

/** A report as reviewers see it and the `report.received` event records it: the reporter's identity stays out. */
export const ReportFacts = Type.Object({
  policyId: Type.String(),
  sectionId: Nullable(Type.String()),
  /** What the reporter wrote. */
  text: Nullable(Type.String()),
  source: Type.Enum(REPORT_SOURCES),
});

/** Everything a reviewer needs on one case, with what this user may do with it. Reporter identities are left out. */
export const CaseView = Type.Object({
  case: CaseSummary,
  subject: Subject,
  author: Nullable(Subject),
  reports: Type.Array(Type.Object({ id: Type.String(), ...ReportFacts.properties, receivedAt: Iso })),
  decisions: Type.Array(CaseDecision),
  notices: Type.Array(
    Type.Object({ id: Type.String(), decisionId: Type.String(), statement: StatementOfReasons, createdAt: Iso }),
  ),
  activeStrikes: Type.Array(Type.Object({ id: Type.String(), policyId: Type.String(), issuedAt: Iso, expiresAt: Iso })),
  restrictions: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      reason: Type.String(),
      startsAt: Iso,
      endsAt: Nullable(Iso),
    }),
  ),
  history: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      type: Type.String(),
      actor: Type.String(),
      actorName: Type.String(),
      at: Iso,
      payload: Type.Record(Type.String(), Type.Unknown(), {
        description: "the event's payload as the event log holds it (its fields depend on `type`)",
      }),
    }),
  ),
  permissions: Type.Object({
    claim: Type.Boolean(),
    decide: Type.Boolean(),
    escalate: Type.Boolean(),
    keepNewsworthy: Type.Boolean(),
  }),
  designation: Type.Enum(CONTEXT_KINDS),
  situation: Situation,
  verifiedFigure: Nullable(
    Type.Object(
      {
        kind: Type.String(),
        kindWhenPosted: Type.String(),
        name: Type.String(),
        country: Nullable(Type.String()),
        verifiedAt: Iso,
      },
      { description: "the registry's verified entry for the author, which overrides the role the platform states" },
    ),
  ),
  newsworthyNeedsWarningScreen: Type.Boolean(),
});
export type CaseView = Static<typeof CaseView>;

export const NewsworthinessInput = Type.Object(
  {
    publicInterest: Type.Array(Type.Enum(PUBLIC_INTEREST_FACTORS), { uniqueItems: true }),
    harms: Type.Array(Type.Enum(HARM_FACTORS), { uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const NewsworthinessAdvice = Type.Object({
  recommendation: Type.Enum(['keep', 'remove']),
  reasons: Type.Array(Type.String()),
  situation: Situation,
});
export type NewsworthinessAdvice = Static<typeof NewsworthinessAdvice>;

export const EscalationInput = Type.Object(
  { to: Type.Enum(['senior', 'policy']), note: WrittenText({ minLength: 5, maxLength: 2_000 }) },
  { additionalProperties: false },
);

export const BULK_ACTIONS = ['release', 'escalate', 'decide'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BulkInput = Type.Object(
  {
    action: Type.Enum(BULK_ACTIONS),
    caseIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: MAX_BULK_CASES, uniqueItems: true }),
    escalation: Type.Optional(
      Type.Object(EscalationInput.properties, {
        additionalProperties: false,
        description: 'for `escalate`: where to, and the note every case carries',
      }),
    ),
    decision: Type.Optional(
      Type.Object(DecisionInput.properties, {
        additionalProperties: false,
        description: 'for `decide`: the one decision (with one statement of facts) recorded on every case',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BulkInput = Static<typeof BulkInput>;

export const BulkResult = Type.Object({
  action: Type.Enum(BULK_ACTIONS),
  done: Type.Integer(),
  refused: Type.Integer(),
  results: Type.Array(
    Type.Object({
      caseId: Type.String(),
      ok: Type.Boolean(),
      code: Type.Optional(Type.String({ description: 'why it was refused: an error code of the single-case action' })),
      reason: Type.Optional(Type.String()),
      decisionId: Type.Optional(Type.String()),
    }),
  ),
});
export type BulkResult = Static<typeof BulkResult>;

// ---------------------------------------------------------------------------------------------------------------
// Internal appeals

export const AppealInput = Type.Object(
  {
    decisionId: Type.String({ format: 'uuid' }),
    appellant: Type.Enum(['affected_user', 'reporter']),
    appellantRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    statement: WrittenText({ minLength: 1, maxLength: 5_000 }),
  },
  { additionalProperties: false },
);
export type AppealInput = Static<typeof AppealInput>;

export const AppealReceipt = Type.Object({
  appealId: Type.String(),
  status: Type.Enum(['pending']),
  filedAt: Iso,
});
export type AppealReceipt = Static<typeof AppealReceipt>;

export const AppealListQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) },
  { additionalProperties: false },
);

/** A pending appeal with the decision under appeal (appellant identities are left out). */
export const PendingAppeal = Type.Object({
  id: Type.String(),
  appellant: AppealInput.properties.appellant,
  statement: Type.String(),
  filedAt: Iso,
  decision: Type.Object({
    id: Type.String(),
    caseId: Type.String(),
    outcome: Type.Enum(CONTENT_OUTCOMES),
    policyId: Type.String(),
    sectionId: Type.String(),
    decidedAt: Iso,
  }),
  mayDecide: Type.Boolean({ description: 'false for the reviewer who took the decision' }),
});
export type PendingAppeal = Static<typeof PendingAppeal>;

export const PendingAppeals = Type.Object({ appeals: Type.Array(PendingAppeal) });
export type PendingAppeals = Static<typeof PendingAppeals>;

export const AppealDecisionInput = Type.Object(
  {
    result: Type.Enum(['upheld', 'reversed']),
    reason: WrittenText({ minLength: 10, maxLength: 5_000 }),
    replacement: Type.Optional(DecisionInput),
  },
  { additionalProperties: false },
);
export type AppealDecisionInput = Static<typeof AppealDecisionInput>;

export const AppealDecision = Type.Object({
  appealId: Type.String(),
  result: Type.Enum(['upheld', 'reversed']),
  reviewDecisionId: Nullable(Type.String()),
});
export type AppealDecision = Static<typeof AppealDecision>;

// ---------------------------------------------------------------------------------------------------------------
// Case tools: notes, notice templates, search, an account's record

export const CaseNote = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  author: Type.String({ description: "the author's display name" }),
  text: Type.String(),
  createdAt: Iso,
});
export type CaseNote = Static<typeof CaseNote>;

export const CaseNotes = Type.Object({ notes: Type.Array(CaseNote) });
export type CaseNotes = Static<typeof CaseNotes>;

export const NoteInput = Type.Object(
  {
    text: WrittenText({
      minLength: 1,
      maxLength: 5_000,
      description: 'the note; internal to reviewers, never published',
    }),
  },
  { additionalProperties: false },
);

/** A template's text becomes a decision's facts, so it is held to the same length. */
const facts = DecisionInput.properties.facts as unknown as { minLength: number; maxLength: number };
const templateText = WrittenText({
  minLength: facts.minLength,
  maxLength: facts.maxLength,
  description: 'the statement of facts it starts',
});
const templateTitle = WrittenText({
  minLength: 1,
  maxLength: 120,
  description: 'how reviewers pick it, unique within its section',
});

export const NoticeTemplate = Type.Object({
  id: Type.String(),
  policyId: Type.String(),
  sectionId: Type.String(),
  title: Type.String(),
  text: Type.String(),
  updatedBy: Nullable(Type.String({ description: 'display name of whoever last wrote it' })),
  updatedAt: Iso,
});
export type NoticeTemplate = Static<typeof NoticeTemplate>;

export const NoticeTemplates = Type.Object({ templates: Type.Array(NoticeTemplate) });
export type NoticeTemplates = Static<typeof NoticeTemplates>;

export const TemplateInput = Type.Object(
  {
    policyId: Type.String({ minLength: 1, maxLength: 60 }),
    sectionId: Type.String({ minLength: 1, maxLength: 60 }),
    title: templateTitle,
    text: templateText,
  },
  { additionalProperties: false },
);
export type TemplateInput = Static<typeof TemplateInput>;

export const TemplateChange = Type.Object(
  { title: Type.Optional(templateTitle), text: Type.Optional(templateText) },
  { additionalProperties: false, minProperties: 1 },
);
export type TemplateChange = Static<typeof TemplateChange>;

export const TemplateQuery = Type.Object(
  {
    policyId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    sectionId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type TemplateQuery = Static<typeof TemplateQuery>;

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'an external id or author id (their beginning), or words of the title or text',
    }),
    kind: Type.Optional(Type.Enum(SUBJECT_KINDS)),
    platform: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
    after: Type.Optional(Type.String({ format: 'uuid', description: 'the `nextAfter` of the previous page' })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResult = Type.Object({
  id: Type.String(),
  platform: Type.String(),
  externalId: Type.String(),
  kind: Type.Enum(SUBJECT_KINDS),
  contentType: Nullable(Type.String()),
  title: Nullable(Type.String()),
  excerpt: Nullable(Type.String()),
  url: Nullable(Type.String()),
  authorExternalId: Nullable(Type.String()),
  country: Nullable(Type.String()),
  registeredAt: Iso,
  latestCaseId: Nullable(Type.String()),
});
export type SearchResult = Static<typeof SearchResult>;

export const SearchResults = Type.Object({ results: Type.Array(SearchResult), nextAfter: Nullable(Type.String()) });
export type SearchResults = Static<typeof SearchResults>;

export const AccountQuery = Type.Object(
  { platform: Type.String({ minLength: 1, maxLength: 100 }), accountRef: Ref("the platform's id of the account") },
  { additionalProperties: false },
);

const Listed = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), more: Type.Boolean({ description: 'older entries exist beyond these' }) });

const AccountSubject = Type.Object({
  id: Type.String(),
  externalId: Type.String(),
  kind: Type.Enum(SUBJECT_KINDS),
  contentType: Nullable(Type.String()),
  title: Nullable(Type.String()),
  excerpt: Nullable(Type.String()),
  country: Nullable(Type.String()),
  postedAt: Nullable(Iso),
  registeredAt: Iso,
});

/** A strike on an account (the `strike.issued` event records the same decision, policy and expiry). */
export const AccountStrike = Type.Object({
  id: Type.String(),
  decisionId: Type.String(),
  policyId: Type.String(),
  issuedAt: Iso,
  expiresAt: Iso,
  reversedAt: Nullable(Iso),
  active: Type.Boolean(),
});
export type AccountStrike = Static<typeof AccountStrike>;

/** A restriction of an account (the `account.restricted` event records the same decision, kind, reason and end). */
export const AccountRestriction = Type.Object({
  id: Type.String(),
  decisionId: Type.String(),
  kind: Type.String(),
  reason: Type.String(),
  startsAt: Iso,
  endsAt: Nullable(Iso),
  liftedAt: Nullable(Iso),
  inForce: Type.Boolean(),
});
export type AccountRestriction = Static<typeof AccountRestriction>;

export const AccountHistory = Type.Object({
  platform: Type.String(),
  accountRef: Type.String(),
  account: Nullable(
    Type.Object({ ...AccountSubject.properties, followers: Type.Integer(), publicFigure: Nullable(Type.String()) }),
  ),
  subjects: Listed(AccountSubject),
  reports: Listed(
    Type.Object({
      id: Type.String(),
      subjectId: Type.String(),
      caseId: Type.String(),
      policyId: Type.String(),
      sectionId: Nullable(Type.String()),
      source: Type.String(),
      text: Nullable(Type.String()),
      receivedAt: Iso,
    }),
  ),
  decisions: Listed(
    Type.Object({
      id: Type.String(),
      caseId: Type.String(),
      subjectId: Type.String(),
      outcome: Type.String(),
      accountAction: Nullable(Type.Object({ kind: Type.String(), days: Type.Optional(Type.Integer()) })),
      policyId: Type.String(),
      sectionId: Type.String(),
      policyVersion: Type.Integer(),
      status: Type.String(),
      decidedBy: Nullable(Type.String()),
      decidedAt: Iso,
    }),
  ),
  strikes: Listed(AccountStrike),
  restrictions: Listed(AccountRestriction),
  appeals: Type.Array(
    Type.Object({
      id: Type.String(),
      decisionId: Type.String(),
      appellant: Type.String(),
      status: Type.String(),
      result: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      filedAt: Iso,
      decidedAt: Nullable(Iso),
      decidedBy: Nullable(Type.String()),
    }),
  ),
});
export type AccountHistory = Static<typeof AccountHistory>;

// ---------------------------------------------------------------------------------------------------------------
// Account owners' own events

const OwnerEventKind = Type.Enum(OWNER_EVENT_KINDS, {
  description: 'deleted_by_owner: the owner deleted the account; restored_by_owner: the owner brought it back',
});
const OwnerState = Type.Enum(['active', 'deleted_by_owner'], {
  description: "the account's state after its owner's last event",
});

export const OwnerEventParams = Type.Object({
  accountRef: Type.String({ minLength: 1, maxLength: 200, description: "the account's externalId, as pushed" }),
});

export const OwnerEventInput = Type.Object(
  {
    kind: OwnerEventKind,
    occurredAt: Type.String({ format: 'date-time', description: 'when the owner did it' }),
    note: Type.Optional(WrittenText({ minLength: 1, maxLength: 2_000 })),
  },
  { additionalProperties: false },
);
export type OwnerEventInput = Static<typeof OwnerEventInput>;

export const OwnerEventReceipt = Type.Object({
  id: Type.String(),
  subjectId: Type.String(),
  accountRef: Type.String(),
  kind: OwnerEventKind,
  occurredAt: Iso,
  note: Nullable(Type.String()),
  state: OwnerState,
});
export type OwnerEventReceipt = Static<typeof OwnerEventReceipt>;

export const OwnerEvents = Type.Object({
  subjectId: Type.String(),
  accountRef: Type.String(),
  state: OwnerState,
  events: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: OwnerEventKind,
      occurredAt: Iso,
      note: Nullable(Type.String()),
      recordedAt: Iso,
    }),
  ),
});
export type OwnerEvents = Static<typeof OwnerEvents>;

/** An answer with no body (204). */
export const NoContent = Type.Null({ description: 'no content' });

/**
 * What reversed a decision: an internal appeal, or an oversight board case (`ref` is its public reference, BC-…):
 * the board's binding decision, or the platform reversing itself once the board selected the case.
 */
export type ReversalCause =
  | { appealId: string }
  | { boardCaseId: string; ref: string; by: 'board' | 'platform' }
  /** A certified out-of-court dispute settlement body's outcome (DSA Art. 21), named by the body. */
  | { disputeId: string; body: string };

/** The moderation rules' shape (a crisis designation changes some of them for its country). */
export type { ModerationRules } from './rules.js';
