import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { FLAGGER_STATUSES } from './flagger-rules.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The register of trusted flaggers (EU DSA Art. 22): entities a Member State's Digital Services Coordinator awarded
 * the status, for their areas of expertise. Public, except the key: a trusted flagger files notices with its key
 * (POST /api/public/notices, header `x-flagger-key`), of which only a SHA-256 is kept.
 */
export const trustedFlaggers = pgTable(
  'trusted_flaggers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** The Member State (ISO 3166-1 alpha-2) whose Digital Services Coordinator awarded the status. */
    memberState: text('member_state').notNull(),
    /** Its areas of expertise, as the DSA Transparency Database's statement categories. */
    areas: text('areas').array().notNull(),
    /** Where the flagger is reached: published, as the Commission's list publishes it. */
    contactEmail: text('contact_email').notNull(),
    website: text('website'),
    awardedOn: date('awarded_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: FLAGGER_STATUSES }).notNull(),
    /** Since when the status holds, and why it changed (null while active as awarded). */
    statusSince: date('status_since', { mode: 'string' }).notNull(),
    statusReason: text('status_reason'),
    keyHash: text('key_hash').unique(),
    keyPrefix: text('key_prefix'),
    keyIssuedAt: ts('key_issued_at'),
    registeredAt: ts('registered_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (table) => [index('trusted_flaggers_name_idx').on(table.name)],
);
