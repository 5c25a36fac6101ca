import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A country's crisis designation: proposed (by the detector or staff), approved or rejected, reviewed, ended. */
export const designations = pgTable(
  'designations',
  {
    id: uuid('id').primaryKey(),
    iso3: text('iso3').notNull(),
    kind: text('kind', { enum: ['acute', 'chronic'] }).notNull(),
    status: text('status', { enum: ['proposed', 'active', 'rejected', 'ended'] }).notNull(),
    source: text('source', { enum: ['detector', 'staff'] }).notNull(),
    reasons: text('reasons').notNull(),
    evidence: jsonb('evidence'),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: ts('proposed_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    startsAt: ts('starts_at'),
    reviewAt: ts('review_at'),
    endedAt: ts('ended_at'),
  },
  (table) => [
    index('designations_iso3_idx').on(table.iso3, table.status),
    uniqueIndex('designations_one_live_per_kind')
      .on(table.iso3, table.kind)
      .where(sql`${table.status} in ('proposed', 'active')`),
  ],
);

/** Each run of the detector in the server, kept whole: the crisis screen shows the latest. */
export const crisisAssessments = pgTable('crisis_assessments', {
  id: uuid('id').primaryKey(),
  asOf: text('as_of').notNull(),
  result: jsonb('result').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

/**
 * Names of the countries whose codes ISO 3166 does not assign (see core/countries.ts), as the imported crisis
 * signals give them; the public pages show these names instead of bare codes.
 */
export const countryNames = pgTable('country_names', {
  iso3: text('iso3').primaryKey(),
  name: text('name').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
