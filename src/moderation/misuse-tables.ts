import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { MISUSE_MARKS, MISUSE_PARTIES } from './misuse-rules.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The rules of measures against misuse (EU DSA Art. 23), one row per kind of person, as policy staff set them. A kind
 * without a row follows the defaults (misuse-rules.ts DEFAULT_MISUSE_RULES).
 */
export const misuseRules = pgTable('misuse_rules', {
  party: text('party', { enum: MISUSE_PARTIES }).primaryKey(),
  warnAfter: integer('warn_after').notNull(),
  suspendAfter: integer('suspend_after').notNull(),
  windowDays: integer('window_days').notNull(),
  suspensionDays: integer('suspension_days').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * Marks of misuse: a notice or a complaint a reviewer found manifestly unfounded, content found manifestly illegal.
 * One per item (`item_id`: the notice, the appeal, the decision). `party_key` names the person it counts against
 * (misuse-rules.ts notifierKey, accountKey, reporterKey).
 */
export const misuseMarks = pgTable(
  'misuse_marks',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: MISUSE_MARKS }).notNull(),
    itemId: uuid('item_id').notNull(),
    party: text('party', { enum: MISUSE_PARTIES }).notNull(),
    partyKey: text('party_key').notNull(),
    reason: text('reason').notNull(),
    markedBy: text('marked_by').notNull(),
    markedAt: ts('marked_at').notNull(),
  },
  (table) => [
    uniqueIndex('misuse_marks_item_idx').on(table.kind, table.itemId),
    index('misuse_marks_party_idx').on(table.party, table.partyKey, table.markedAt),
  ],
);

/**
 * The warnings and suspensions a person's marks brought, with the notice they were given and its appeal. A user's
 * suspension is also an account restriction (`restriction_id`, account_restrictions) the platform applies.
 */
export const misuseMeasures = pgTable(
  'misuse_measures',
  {
    id: uuid('id').primaryKey(),
    party: text('party', { enum: MISUSE_PARTIES }).notNull(),
    partyKey: text('party_key').notNull(),
    /** Who it is, in words that carry no personal data: "the notifier of N-…", "account lumen/@x". */
    partyLabel: text('party_label').notNull(),
    /** The platform concerned, for a user's or an affected user's measure (its webhooks carry the notice). */
    platform: text('platform'),
    kind: text('kind', { enum: ['warning', 'suspension'] }).notNull(),
    reason: text('reason').notNull(),
    /** The mark that brought it, and how many were counted. */
    markId: uuid('mark_id').notNull(),
    marks: integer('marks').notNull(),
    startsAt: ts('starts_at').notNull(),
    /** When a suspension ends; null for a warning. */
    endsAt: ts('ends_at'),
    restrictionId: uuid('restriction_id'),
    appealStatement: text('appeal_statement'),
    appealedAt: ts('appealed_at'),
    /** The review of an appeal or a lifting: `lifted` ends the suspension at once, `upheld` keeps it. */
    reviewResult: text('review_result', { enum: ['lifted', 'upheld'] }),
    reviewReason: text('review_reason'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
  },
  (table) => [
    index('misuse_measures_party_idx').on(table.party, table.partyKey, table.startsAt),
    index('misuse_measures_started_idx').on(table.startsAt),
  ],
);
