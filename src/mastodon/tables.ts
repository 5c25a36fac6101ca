import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PolicyMap } from './contract.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The Mastodon instances connected to Docket, one per platform: where the admin API is, the admin token Docket
 * calls it with and the secret the instance signs its webhooks with. The secrets are kept like the webhook
 * endpoints' (the token must be sent and the secret must sign, so neither can be hashed) and never answered.
 */
export const mastodonConnectors = pgTable('mastodon_connectors', {
  platform: text('platform').primaryKey(),
  baseUrl: text('base_url').notNull(),
  accessToken: text('access_token').notNull(),
  webhookSecret: text('webhook_secret').notNull(),
  policyMap: jsonb('policy_map').$type<PolicyMap>().notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
