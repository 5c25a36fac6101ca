import { sql } from 'drizzle-orm';
import type { IllegalContentGround } from './ground-rules.js';
import type { Automation } from './automation-rules.js';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PriorityFactor } from './rules.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** What moderation acts on: a piece of content or an account, as a platform reported it. */
export const subjects = pgTable(
  'subjects',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    kind: text('kind', { enum: ['content', 'account'] }).notNull(),
    contentType: text('content_type', { enum: ['text', 'image', 'video', 'link'] }),
    authorExternalId: text('author_external_id'),
    title: text('title'),
    body: text('body'),
    url: text('url'),
    language: text('language'),
    country: text('country'),
    views: bigint('views', { mode: 'number' }).notNull().default(0),
    shares: bigint('shares', { mode: 'number' }).notNull().default(0),
    followers: bigint('followers', { mode: 'number' }).notNull().default(0),
    /** For accounts: the public-figure kind the platform states (verified by policy staff in the registry). */
    publicFigure: text('public_figure'),
    /** For accounts: business or private, as the platform states it (the DSA statement's account_type); null: not stated. */
    accountType: text('account_type', { enum: ['business', 'private'] }),
    /** SHA-256 of the normalised content: finds identical content, and tells when a subject changed. */
    contentHash: text('content_hash'),
    contentChangedAt: ts('content_changed_at'),
    postedAt: ts('posted_at'),
    registeredAt: ts('registered_at').notNull(),
  },
  (table) => [
    unique('subjects_platform_external_id').on(table.platform, table.externalId),
    index('subjects_country_idx').on(table.country),
    index('subjects_content_hash_idx').on(table.contentHash),
    // Search (search.ts): external ids and authors by prefix (text_pattern_ops serves LIKE 'x%' under any
    // collation); an author's subjects newest first from the same index (ids are time-ordered UUIDv7).
    index('subjects_external_id_prefix_idx').on(table.externalId.op('text_pattern_ops')),
    // A notice names content by its address: the subject at that address, else its platform by the address's origin.
    index('subjects_url_idx').on(table.url.op('text_pattern_ops')),
    index('subjects_author_idx').on(table.authorExternalId.op('text_pattern_ops'), table.id),
    // Words of the title and body: PostgreSQL's built-in full-text index, the same on PGlite (pg_trgm would need an
    // extension loaded into the embedded store and the right to create it on a managed server).
    index('subjects_text_search_idx').using(
      'gin',
      sql`to_tsvector('simple', coalesce(${table.title}, '') || ' ' || coalesce(${table.body}, ''))`,
    ),
  ],
);

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    caseId: uuid('case_id').notNull(),
    policyId: text('policy_id').notNull(),
    sectionId: text('section_id'),
    text: text('text'),
    /** The platform's id of the person reporting. Private: never shown to the reported user or published. */
    reporterRef: text('reporter_ref'),
    source: text('source', { enum: ['user', 'trusted_flagger', 'automated', 'staff', 'legal_order'] }).notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (table) => [index('reports_case_idx').on(table.caseId), index('reports_subject_idx').on(table.subjectId)],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    level: text('level', { enum: ['frontline', 'senior', 'policy'] }).notNull(),
    openedAt: ts('opened_at').notNull(),
    closedAt: ts('closed_at'),
    priorityBase: doublePrecision('priority_base').notNull(),
    /**
     * log2(base) − opened at / doubling period, while the case's age factor is under its ceiling: ordering by it is
     * ordering those cases by their priority now. Null once the ceiling is reached (`settleAgedCases`), which takes
     * the case out of the young run's index.
     */
    rankKey: doublePrecision('rank_key'),
    priorityFactors: jsonb('priority_factors').$type<PriorityFactor[]>().notNull(),
    reportCount: integer('report_count').notNull(),
    policiesAlleged: text('policies_alleged').array().notNull(),
    gravestPolicyId: text('gravest_policy_id').notNull(),
    strongestSource: text('strongest_source', {
      enum: ['user', 'trusted_flagger', 'automated', 'staff', 'legal_order'],
    }).notNull(),
    country: text('country'),
    language: text('language'),
    claimedBy: uuid('claimed_by'),
    leaseExpiresAt: ts('lease_expires_at'),
    escalationNote: text('escalation_note'),
    lastDecisionId: uuid('last_decision_id'),
  },
  (table) => [
    uniqueIndex('cases_one_open_per_subject')
      .on(table.subjectId)
      .where(sql`${table.status} = 'open'`),
    // The queue reads two runs (see queue-order.ts): cases past the age ceiling by base, younger ones by rank key.
    index('cases_queue_base_idx')
      .on(table.level, table.priorityBase.desc(), table.openedAt)
      .where(sql`${table.status} = 'open'`),
    index('cases_queue_young_idx')
      .on(table.level, table.rankKey.desc())
      .where(sql`${table.status} = 'open' and ${table.rankKey} is not null`),
    // What the sweep that nulls the rank key of cases reaching the ceiling reads: only cases still holding one.
    index('cases_aging_idx')
      .on(table.openedAt)
      .where(sql`${table.status} = 'open' and ${table.rankKey} is not null`),
    // Every claim first looks for the cases the reviewer already holds: a probe, not a scan of the open cases.
    index('cases_held_idx')
      .on(table.claimedBy)
      .where(sql`${table.status} = 'open' and ${table.claimedBy} is not null`),
    // The queue's filters by date reported, and the closed cases newest first: a range of one status, not a scan.
    index('cases_status_opened_idx').on(table.status, table.openedAt),
    // A subject's cases, latest first: search results link to the latest, the account page lists them.
    index('cases_subject_idx').on(table.subjectId, table.openedAt),
  ],
);

export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    decidedBy: uuid('decided_by').notNull(),
    decidedAt: ts('decided_at').notNull(),
    policyId: text('policy_id').notNull(),
    sectionId: text('section_id').notNull(),
    policyVersion: integer('policy_version').notNull(),
    outcome: text('outcome', {
      enum: ['no_violation', 'remove', 'warning_screen', 'keep_newsworthy', 'restrict_visibility'],
    }).notNull(),
    accountAction: jsonb('account_action').$type<{ kind: string; days?: number } | null>(),
    facts: text('facts').notNull(),
    automatedDetection: boolean('automated_detection').notNull(),
    automatedDecision: boolean('automated_decision').notNull(),
    territorialScope: text('territorial_scope').array().notNull(),
    balancing: jsonb('balancing'),
    /** Kept content shown behind a warning screen. */
    warningScreen: boolean('warning_screen').notNull().default(false),
    status: text('status', { enum: ['in_force', 'reversed'] }).notNull(),
    /** Set on a decision taken on appeal: the decision it reviewed. */
    reviewOf: uuid('review_of'),
    /** Set when the decision rests on illegal content instead of the terms: the provision, why, where. */
    illegalContent: jsonb('illegal_content').$type<IllegalContentGround | null>(),
    /** Set when the decision came from a tool: which, its score, whether a person reviewed it. */
    automation: jsonb('automation').$type<Automation | null>(),
  },
  (table) => [
    index('decisions_case_idx').on(table.caseId),
    index('decisions_decided_at_idx').on(table.decidedAt),
    // The account page reads the decisions on an account's subjects.
    index('decisions_subject_idx').on(table.subjectId, table.decidedAt),
  ],
);

export const strikes = pgTable(
  'strikes',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    accountRef: text('account_ref').notNull(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    policyId: text('policy_id').notNull(),
    issuedAt: ts('issued_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    reversedAt: ts('reversed_at'),
  },
  (table) => [
    index('strikes_account_idx').on(table.platform, table.accountRef),
    // Reversing a decision reverses its strike: found by decision, not by a scan.
    index('strikes_decision_idx').on(table.decisionId),
  ],
);

export const accountRestrictions = pgTable(
  'account_restrictions',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    accountRef: text('account_ref').notNull(),
    kind: text('kind', {
      enum: [
        'warning',
        'feature_limit',
        'block_content_creation',
        'restrict_account',
        'suspend_account',
        'disable_account',
      ],
    }).notNull(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    reason: text('reason').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at'),
    liftedAt: ts('lifted_at'),
  },
  (table) => [
    index('account_restrictions_account_idx').on(table.platform, table.accountRef),
    // Reversing a decision lifts its restrictions, and a connector reads what it imposed: by decision, not a scan.
    index('account_restrictions_decision_idx').on(table.decisionId),
  ],
);

/** The notice to the affected user, with its statement of reasons (EU DSA Art. 17 fields). */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    platform: text('platform').notNull(),
    recipientRef: text('recipient_ref'),
    statement: jsonb('statement').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [
    index('notices_decision_idx').on(table.decisionId),
    // A platform's decision feed (GET /api/decisions) walks its notices in (time, decision) order from a cursor.
    index('notices_platform_feed_idx').on(table.platform, table.createdAt, table.decisionId),
  ],
);

export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    appellant: text('appellant', { enum: ['affected_user', 'reporter'] }).notNull(),
    appellantRef: text('appellant_ref'),
    /** A notifier's complaint through their notice's status link: that notice (content_notices), whose page shows it. */
    noticeId: uuid('notice_id'),
    statement: text('statement').notNull(),
    filedAt: ts('filed_at').notNull(),
    /** `closed`: the appealed decision was reversed another way (the board), so the appeal is moot. */
    status: text('status', { enum: ['pending', 'decided', 'closed'] }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    result: text('result', { enum: ['upheld', 'reversed', 'moot'] }),
    reason: text('reason'),
    reviewDecisionId: uuid('review_decision_id'),
  },
  (table) => [
    // One appeal per party: the affected user once, and each reporter once (several users may report the same content).
    uniqueIndex('appeals_one_per_party').on(
      table.decisionId,
      table.appellant,
      sql`coalesce(${table.appellantRef}, '')`,
    ),
    index('appeals_pending_idx')
      .on(table.filedAt)
      .where(sql`${table.status} = 'pending'`),
    // A notifier's complaint page finds their complaints by their notice.
    index('appeals_notice_idx')
      .on(table.noticeId)
      .where(sql`${table.noticeId} is not null`),
  ],
);

/**
 * A reviewer's internal note on a case. Internal only: never in the notice, the statement of reasons, the DSA
 * export, the public log or a webhook. Written by the `case.note_added` event, on a stream of its own.
 */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [index('case_notes_case_idx').on(table.caseId, table.createdAt)],
);

/** The team's saved statements of facts, per policy section: a reviewer starts the decision's facts from one. */
export const noticeTemplates = pgTable(
  'notice_templates',
  {
    id: uuid('id').primaryKey(),
    policyId: text('policy_id').notNull(),
    sectionId: text('section_id').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** Retired templates are kept (the log names them) but no longer offered. */
    retiredAt: ts('retired_at'),
  },
  (table) => [
    // One title per section among the templates in use; it is also how the decision form finds a section's templates.
    uniqueIndex('notice_templates_in_use')
      .on(table.policyId, table.sectionId, table.title)
      .where(sql`${table.retiredAt} is null`),
  ],
);

/**
 * What an account's owner did to the account itself (deleted it, restored it), as the platform reports it. Not
 * moderation: no policy, decision, strike or restriction. Read per account, in time order.
 */
export const accountOwnerEvents = pgTable(
  'account_owner_events',
  {
    id: uuid('id').primaryKey(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    platform: text('platform').notNull(),
    accountRef: text('account_ref').notNull(),
    kind: text('kind', { enum: ['deleted_by_owner', 'restored_by_owner'] }).notNull(),
    occurredAt: ts('occurred_at').notNull(),
    note: text('note'),
    recordedAt: ts('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (table) => [index('account_owner_events_subject_idx').on(table.subjectId, table.occurredAt)],
);
