import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  roles: text('roles').array().notNull(),
  /** Region (ISO 3166-1 alpha-3 or a region name) a board member comes from; used for panel composition. */
  region: text('region'),
  /** The platform a platform liaison acts for (required for that role): its referrals, obligations and answers. */
  platform: text('platform'),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true, precision: 3 }),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** Browser sessions. Only a SHA-256 of the cookie value is stored, so a copy of the table opens no session. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/**
 * Bearer tokens: `integration` tokens act for a platform; `user` tokens act as their user.
 * Only a SHA-256 of the secret is stored; the prefix lets people tell tokens apart.
 */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['integration', 'user'] }).notNull(),
  platform: text('platform'),
  userId: uuid('user_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
});

/**
 * Sign-in attempts, counted per normalised username whether or not such a user exists (so an unknown name
 * answers like a real one) and per source: a client address, or `*` for the account across all addresses.
 * `attempts` counts the current round (cleared by a success, restarted when a lock ends); `locks` counts the
 * locks in a row, which lengthen the next one; `signedInAt` marks an address that has signed in as this user.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    username: text('username').notNull(),
    source: text('source').notNull(),
    attempts: integer('attempts').notNull(),
    locks: integer('locks').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, precision: 3 }),
    signedInAt: timestamp('signed_in_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [primaryKey({ columns: [table.username, table.source] })],
);
