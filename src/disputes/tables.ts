import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CONTENT_OUTCOMES } from '../core/outcomes.js';
import {
  CERTIFICATION_STATUSES,
  COMPLAINANTS,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  FEE_BEARERS,
  IMPLEMENTATION_STATUSES,
} from './rules.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** The register of out-of-court dispute settlement bodies certified under DSA Art. 21(3), public. */
export const disputeBodies = pgTable('dispute_bodies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The certifying Member State (ISO 3166-1 alpha-2) and its Digital Services Coordinator. */
  memberState: text('member_state').notNull(),
  coordinator: text('coordinator').notNull(),
  website: text('website').notNull(),
  /** The areas of expertise and languages it was certified for. */
  areas: text('areas').array().notNull(),
  languages: text('languages').array().notNull(),
  status: text('status', { enum: CERTIFICATION_STATUSES }).notNull(),
  certifiedOn: date('certified_on', { mode: 'string' }).notNull(),
  certifiedUntil: date('certified_until', { mode: 'string' }),
  registeredAt: ts('registered_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * A dispute before a certified body about one decision, its outcome and fees, and the change of decision the outcome
 * requires, tracked to implementation. Who complained is kept as a kind (the affected user or the notifier), not an
 * identity.
 */
export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey(),
    decisionId: uuid('decision_id').notNull(),
    caseId: uuid('case_id').notNull(),
    platform: text('platform').notNull(),
    /** The disputed decision's outcome when the dispute was filed. */
    decisionOutcome: text('decision_outcome', { enum: CONTENT_OUTCOMES }).notNull(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => disputeBodies.id),
    complainant: text('complainant', { enum: COMPLAINANTS }).notNull(),
    /** The body's own reference for the dispute. */
    bodyReference: text('body_reference'),
    filedAt: ts('filed_at').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull(),
    outcome: text('outcome', { enum: DISPUTE_OUTCOMES }),
    summary: text('summary'),
    concludedAt: ts('concluded_at'),
    feeCents: integer('fee_cents'),
    feeCurrency: text('fee_currency'),
    feesBorneBy: text('fees_borne_by', { enum: FEE_BEARERS }),
    badFaith: boolean('bad_faith'),
    requiredOutcome: text('required_outcome', { enum: CONTENT_OUTCOMES }),
    implementation: text('implementation', { enum: IMPLEMENTATION_STATUSES }).notNull(),
    implementationDueAt: ts('implementation_due_at'),
    actionDecisionId: uuid('action_decision_id'),
    implementationNote: text('implementation_note'),
    implementedAt: ts('implemented_at'),
    implementedBy: text('implemented_by'),
  },
  (table) => [
    index('disputes_decision_idx').on(table.decisionId),
    index('disputes_open_implementation_idx')
      .on(table.implementationDueAt)
      .where(sql`${table.implementation} = 'open'`),
  ],
);
