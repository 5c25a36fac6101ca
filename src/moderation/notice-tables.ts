import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Notices of content from anyone (EU DSA Art. 16): what the notifier says about which content, who they are, and
 * where the notice stands. Each notice is also a report on its subject's case (`report_id`), so it is worked like
 * any report; the notice keeps what the notifier is owed: the outcome once the case is decided, and the redress.
 * Room for what comes later: a trusted flagger's notice names the flagger (Art. 22), and `language` is the
 * notifier's, for messages in their language.
 */
export const contentNotices = pgTable(
  'content_notices',
  {
    id: uuid('id').primaryKey(),
    /** The reference the notifier is given, e.g. `N-20260112-7KQ2M9XD`. */
    ref: text('ref').notNull().unique(),
    /** The location of the content, as the notifier gave it. */
    location: text('location').notNull(),
    explanation: text('explanation').notNull(),
    policyId: text('policy_id').notNull(),
    /** The law the notifier says the content breaks, in their words (optional). */
    legalReference: text('legal_reference'),
    /** The notifier says the content is child sexual abuse material: their name and e-mail are then optional. */
    childSexualAbuse: boolean('child_sexual_abuse').notNull(),
    /** Personal data, erasable: never on the log. */
    notifierName: text('notifier_name'),
    notifierEmail: text('notifier_email'),
    goodFaith: boolean('good_faith').notNull(),
    language: text('language'),
    /** Set for a trusted flagger's notice (Art. 22); null for anyone's. */
    trustedFlaggerId: uuid('trusted_flagger_id'),
    subjectId: uuid('subject_id').notNull(),
    caseId: uuid('case_id').notNull(),
    reportId: uuid('report_id').notNull(),
    platform: text('platform').notNull(),
    /** The content was not known to Docket: the platform is asked to confirm it (webhook subject.confirmation_requested). */
    confirmationRequested: boolean('confirmation_requested').notNull(),
    /** Hash of the sender's address and the day, for the per-sender allowance (src/core/public-forms.ts). */
    senderHash: text('sender_hash').notNull(),
    receivedAt: ts('received_at').notNull(),
    /** The decision the notifier was last told of, and when. */
    decisionId: uuid('decision_id'),
    outcome: text('outcome'),
    notifiedAt: ts('notified_at'),
  },
  (table) => [
    index('content_notices_case_idx').on(table.caseId),
    index('content_notices_sender_idx').on(table.senderHash, table.receivedAt),
    // A trusted flagger's notices in a period: their accuracy in the statistics.
    index('content_notices_flagger_idx')
      .on(table.trustedFlaggerId, table.receivedAt)
      .where(sql`${table.trustedFlaggerId} is not null`),
  ],
);

/**
 * Capability links of a notice: whoever holds the link may use it, without an account. Only a SHA-256 of the token
 * is kept. `status`: the notice's status page; later purposes (the notifier's appeal) are rows of their own.
 */
export const noticeLinks = pgTable('notice_links', {
  id: uuid('id').primaryKey(),
  noticeId: uuid('notice_id')
    .notNull()
    .references(() => contentNotices.id),
  purpose: text('purpose', { enum: ['status'] }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at'),
});
