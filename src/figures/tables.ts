import { and, eq, sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Public figures as verified by policy staff; a verified entry overrides what a platform states. */
export const publicFigures = pgTable(
  'public_figures',
  {
    platform: text('platform').notNull(),
    accountRef: text('account_ref').notNull(),
    kind: text('kind', {
      enum: ['head_of_state', 'head_of_government', 'minister', 'legislator', 'candidate', 'official', 'other'],
    }).notNull(),
    name: text('name').notNull(),
    country: text('country'),
    note: text('note').notNull(),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.platform, table.accountRef] })],
);

/**
 * Restrictions of public figures' accounts under the protocol. The table is also the scheduler's work list: the
 * poll finds restrictions whose review is due, and lapsed reviews.
 */
export const figureRestrictions = pgTable(
  'figure_restrictions',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    accountRef: text('account_ref').notNull(),
    tier: integer('tier').notNull(),
    context: text('context', { enum: ['acute', 'chronic'] }).notNull(),
    status: text('status', { enum: ['active', 'review_due', 'lifted', 'lapsed'] }).notNull(),
    reason: text('reason').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    reviewDueSince: timestamp('review_due_since', { withTimezone: true, precision: 3 }),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    index('figure_restrictions_account_idx').on(table.platform, table.accountRef),
    index('figure_restrictions_due_idx')
      .on(table.endsAt)
      .where(sql`${table.status} in ('active', 'review_due')`),
  ],
);

/** Joins a restriction to its account's registry entry (the figure's name, role and country). */
export const restrictedFigureEntry = and(
  eq(publicFigures.platform, figureRestrictions.platform),
  eq(publicFigures.accountRef, figureRestrictions.accountRef),
);

/**
 * The roles a registry entry held, each with the date it began and, once changed, the date it ended (a head of
 * government who hands over office). The registry entry keeps the current role.
 */
export const publicFigureRoles = pgTable(
  'public_figure_roles',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    accountRef: text('account_ref').notNull(),
    kind: text('kind', {
      enum: ['head_of_state', 'head_of_government', 'minister', 'legislator', 'candidate', 'official', 'other'],
    }).notNull(),
    since: timestamp('since', { withTimezone: true, precision: 3 }).notNull(),
    until: timestamp('until', { withTimezone: true, precision: 3 }),
    note: text('note').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [index('public_figure_roles_account_idx').on(table.platform, table.accountRef, table.since)],
);
