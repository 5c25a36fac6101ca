import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ASSESSMENTS,
  BOARD_CASE_KINDS,
  BOARD_CASE_STATUSES,
  RECOMMENDATION_GROUPS,
  REGIONS,
  RESPONSE_CATEGORIES,
  TRACKS,
  type RecommendationGroup,
} from './rules.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Board members: a user with the board_member role, their region and declared conflicts of interest. */
export const boardMembers = pgTable('board_members', {
  userId: uuid('user_id').primaryKey(),
  name: text('name').notNull(),
  region: text('region', { enum: REGIONS }).notNull(),
  conflicts: text('conflicts').array().notNull(),
  active: boolean('active').notNull(),
  addedAt: ts('added_at').notNull(),
});

/** A matter before the board: a user's appeal, a platform's referral, or a policy advisory opinion request. */
export const boardCases = pgTable(
  'board_cases',
  {
    id: uuid('id').primaryKey(),
    /** The public reference, e.g. BC-2023-004. */
    ref: text('ref').notNull(),
    kind: text('kind', { enum: BOARD_CASE_KINDS }).notNull(),
    track: text('track', { enum: TRACKS }).notNull(),
    status: text('status', { enum: BOARD_CASE_STATUSES }).notNull(),
    platform: text('platform').notNull(),
    title: text('title').notNull(),
    /** The appellant's or the platform's statement, or the policy question. */
    statement: text('statement').notNull(),
    /** The moderation decision under review (none for a policy advisory opinion). */
    decisionId: uuid('decision_id'),
    subjectId: uuid('subject_id'),
    caseId: uuid('case_id'),
    country: text('country'),
    region: text('region', { enum: REGIONS }),
    priorities: text('priorities').array().notNull(),
    significance: integer('significance').notNull(),
    difficulty: integer('difficulty').notNull(),
    demand: integer('demand').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
    selectedAt: ts('selected_at'),
    selectionNote: text('selection_note'),
    decisionDueAt: ts('decision_due_at'),
    commentsCloseAt: ts('comments_close_at'),
    /** Why a case manager closed the comment period before its date (then commentsCloseAt is when they did). */
    commentsClosedEarlyReason: text('comments_closed_early_reason'),
    platformReversal: text('platform_reversal'),
    /** The published decision. */
    outcome: text('outcome', { enum: ['uphold', 'overturn', 'adopt', 'reject'] }),
    summary: boolean('summary'),
    decisionText: text('decision_text'),
    voteCounts: jsonb('vote_counts').$type<Record<string, number>>(),
    /** Whether the public decision shows the vote split; false: it reads "approved by a majority" (the counts stay here). */
    voteSplitPublished: boolean('vote_split_published').notNull().default(true),
    publishedAt: ts('published_at'),
  },
  (table) => [
    unique('board_cases_ref').on(table.ref),
    index('board_cases_status_idx').on(table.status),
    index('board_cases_decision_idx').on(table.decisionId),
  ],
);

/** The panel of a case: seated members, and members recused for a declared conflict. */
export const panelSeats = pgTable(
  'panel_seats',
  {
    boardCaseId: uuid('board_case_id')
      .notNull()
      .references(() => boardCases.id),
    userId: uuid('user_id').notNull(),
    status: text('status', { enum: ['seated', 'recused'] }).notNull(),
    reason: text('reason'),
    assignedAt: ts('assigned_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.boardCaseId, table.userId] }),
    index('panel_seats_user_idx').on(table.userId),
  ],
);

/** Public comments and briefs. The contact e-mail and the sender's hash are private and never published. */
export const publicComments = pgTable(
  'public_comments',
  {
    id: uuid('id').primaryKey(),
    boardCaseId: uuid('board_case_id')
      .notNull()
      .references(() => boardCases.id),
    kind: text('kind', { enum: ['comment', 'brief'] }).notNull(),
    name: text('name'),
    organisation: text('organisation'),
    email: text('email'),
    anonymous: boolean('anonymous').notNull(),
    body: text('body').notNull(),
    /** SHA-256 of the sender's address, salted per installation: for the rate limit only. */
    senderHash: text('sender_hash').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    submittedAt: ts('submitted_at').notNull(),
    moderatedBy: uuid('moderated_by'),
    moderatedAt: ts('moderated_at'),
    moderationNote: text('moderation_note'),
  },
  (table) => [
    index('public_comments_case_idx').on(table.boardCaseId),
    index('public_comments_sender_idx').on(table.senderHash, table.submittedAt),
  ],
);

/** Draft decisions, versioned: each save is a new version; votes are cast on a version. */
export const boardDrafts = pgTable(
  'board_drafts',
  {
    boardCaseId: uuid('board_case_id')
      .notNull()
      .references(() => boardCases.id),
    version: integer('version').notNull(),
    authorId: uuid('author_id').notNull(),
    text: text('text').notNull(),
    recommendations: jsonb('recommendations')
      .$type<{ text: string; measure: string; group?: RecommendationGroup | null }[]>()
      .notNull(),
    savedAt: ts('saved_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.boardCaseId, table.version] })],
);

export const boardVotes = pgTable(
  'board_votes',
  {
    boardCaseId: uuid('board_case_id')
      .notNull()
      .references(() => boardCases.id),
    userId: uuid('user_id').notNull(),
    draftVersion: integer('draft_version').notNull(),
    vote: text('vote', { enum: ['uphold', 'overturn', 'adopt', 'reject'] }).notNull(),
    /** A separate opinion (minority or concurring), published with the decision. */
    opinion: text('opinion'),
    castAt: ts('cast_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.boardCaseId, table.userId] })],
);

/** The platform's duty to implement a binding decision within 7 days, with the evidence recorded. */
export const implementationObligations = pgTable(
  'implementation_obligations',
  {
    id: uuid('id').primaryKey(),
    boardCaseId: uuid('board_case_id')
      .notNull()
      .references(() => boardCases.id),
    requiredOutcome: text('required_outcome', { enum: ['remove', 'no_violation'] }).notNull(),
    dueAt: ts('due_at').notNull(),
    status: text('status', { enum: ['open', 'implemented'] }).notNull(),
    /** Set by the scheduler when the deadline passed with the obligation open: shown publicly. */
    flaggedOverdueAt: ts('flagged_overdue_at'),
    actionDecisionId: uuid('action_decision_id'),
    note: text('note'),
    sweepMatched: integer('sweep_matched'),
    sweepActioned: integer('sweep_actioned'),
    implementedAt: ts('implemented_at'),
    implementedBy: uuid('implemented_by'),
  },
  (table) => [
    index('implementation_obligations_open_idx')
      .on(table.dueAt)
      .where(sql`${table.status} = 'open'`),
  ],
);

export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey(),
    boardCaseId: uuid('board_case_id')
      .notNull()
      .references(() => boardCases.id),
    number: integer('number').notNull(),
    ref: text('ref').notNull(),
    /** The group the board published it in (policy, enforcement, transparency); null when it gave none. */
    group: text('recommendation_group', { enum: RECOMMENDATION_GROUPS }),
    text: text('text').notNull(),
    measure: text('measure').notNull(),
    publishedAt: ts('published_at').notNull(),
    responseDueAt: ts('response_due_at').notNull(),
    firstRespondedAt: ts('first_responded_at'),
    latestResponse: text('latest_response', { enum: RESPONSE_CATEGORIES }),
    latestAssessment: text('latest_assessment', { enum: ASSESSMENTS }),
    closedAt: ts('closed_at'),
    flaggedOverdueAt: ts('flagged_overdue_at'),
  },
  (table) => [unique('recommendations_ref').on(table.ref), index('recommendations_case_idx').on(table.boardCaseId)],
);

/** The platform's responses to a recommendation: the first within 60 days, later updates kept as history. */
export const recommendationResponses = pgTable(
  'recommendation_responses',
  {
    id: uuid('id').primaryKey(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    category: text('category', { enum: RESPONSE_CATEGORIES }).notNull(),
    reasons: text('reasons').notNull(),
    timeline: text('timeline'),
    respondedAt: ts('responded_at').notNull(),
    respondedBy: uuid('responded_by').notNull(),
  },
  (table) => [index('recommendation_responses_rec_idx').on(table.recommendationId, table.respondedAt)],
);

/** The board's own assessment of implementation, per recommendation, kept as history. */
export const recommendationAssessments = pgTable(
  'recommendation_assessments',
  {
    id: uuid('id').primaryKey(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    assessment: text('assessment', { enum: ASSESSMENTS }).notNull(),
    note: text('note').notNull(),
    assessedAt: ts('assessed_at').notNull(),
    assessedBy: uuid('assessed_by').notNull(),
  },
  (table) => [index('recommendation_assessments_rec_idx').on(table.recommendationId, table.assessedAt)],
);
