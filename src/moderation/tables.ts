import { bigint, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** What moderation acts on: a piece of content or an account, as a platform reported it. */
export const subjects = pgTable(
  'subjects',
  {
    id: uuid('id').primaryKey(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    kind: text('kind', { enum: ['content', 'account'] }).notNull(),
    contentType: text('content_type', { enum: ['text', 'image', 'video', 'link'] }),
    authorExternalId: text('author_external_id'),
    title: text('title'),
    body: text('body'),
    url: text('url'),
    language: text('language'),
    country: text('country'),
    views: bigint('views', { mode: 'number' }).notNull().default(0),
    shares: bigint('shares', { mode: 'number' }).notNull().default(0),
    followers: bigint('followers', { mode: 'number' }).notNull().default(0),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }),
    registeredAt: timestamp('registered_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    unique('subjects_platform_external_id').on(table.platform, table.externalId),
    index('subjects_country_idx').on(table.country),
  ],
);
