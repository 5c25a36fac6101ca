import { bigint, date, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** What a statistics row counts: `count` of `key` under `metric` in `country` ('' when unknown). */
const counted = () => ({
  metric: text('metric').notNull(),
  country: text('country').notNull(),
  key: text('key').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
});

/**
 * The transparency report's aggregates: one count per day, country, metric and key (e.g. day 2023-06-29,
 * country QKB, metric `reports.source`, key `user_report`). Reports for any period sum these rows instead of
 * scanning reports and decisions.
 */
export const statisticsCounts = pgTable(
  'statistics_counts',
  { ...counted(), day: date('day', { mode: 'string' }).notNull() },
  (table) => [
    primaryKey({ columns: [table.metric, table.day, table.country, table.key] }),
    index('statistics_counts_day_idx').on(table.day),
  ],
);

/** The same counts summed per calendar month (`month` is its first day): a long period reads these for its whole months. */
export const statisticsMonthly = pgTable(
  'statistics_monthly',
  { ...counted(), month: date('month', { mode: 'string' }).notNull() },
  (table) => [
    primaryKey({ columns: [table.metric, table.month, table.country, table.key] }),
    index('statistics_monthly_month_idx').on(table.month),
  ],
);
