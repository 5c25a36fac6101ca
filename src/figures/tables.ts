import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Public figures as verified by policy staff; a verified entry overrides what a platform states. */
export const publicFigures = pgTable(
  'public_figures',
  {
    platform: text('platform').notNull(),
    accountRef: text('account_ref').notNull(),
    kind: text('kind', { enum: ['head_of_state', 'head_of_government', 'minister', 'legislator', 'candidate', 'official', 'other'] }).notNull(),
    name: text('name').notNull(),
    country: text('country'),
    note: text('note').notNull(),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.platform, table.accountRef] })],
);
