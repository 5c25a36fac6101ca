/** Every table, in one place: what drizzle-kit diffs to write migrations, and the type of the database handle. */
export * from '../core/tables.js';
export * from '../access/tables.js';
export * from '../policy/tables.js';
export * from '../moderation/tables.js';
export * from '../moderation/notice-tables.js';
export * from '../moderation/complaint-tables.js';
export * from '../moderation/flagger-tables.js';
export * from '../webhooks/tables.js';
export * from '../crisis/tables.js';
export * from '../figures/tables.js';
export * from '../board/tables.js';
export * from '../transparency/public-log/tables.js';
export * from '../transparency/statistics/tables.js';
export * from '../http/tables.js';
export * from '../mastodon/tables.js';
export * from '../transparency/dsa/tables.js';
export * from '../disputes/tables.js';
