import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { decisions } from './tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The affected user's complaint links (EU DSA Art. 20): a capability link to complain about one decision, without
 * an account, which the platform puts in the notice it sends its user. Only a SHA-256 of the token is kept (as for
 * notices' links, notice-rules.ts linkTokenHash); the link stops opening when the complaint window closes. The
 * notifier complains through their notice's status link instead (notice_links).
 */
export const complaintLinks = pgTable('complaint_links', {
  id: uuid('id').primaryKey(),
  decisionId: uuid('decision_id')
    .notNull()
    .references(() => decisions.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull(),
  /** The end of the six-month window from the decision's notice: the link opens nothing after it. */
  expiresAt: ts('expires_at').notNull(),
});
