import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
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

/**
 * Which Mastodon report named which record (the reported account, each reported status), so that a decision on the
 * record can tell Mastodon which report it settles (`report_id`).
 */
export const mastodonReportSubjects = pgTable(
  'mastodon_report_subjects',
  {
    platform: text('platform').notNull(),
    /** The account's or the status's id on the instance: the subject's external id. */
    externalId: text('external_id').notNull(),
    reportId: text('report_id').notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.platform, table.reportId, table.externalId] }),
    index('mastodon_report_subjects_newest_idx').on(table.platform, table.externalId, table.receivedAt),
  ],
);

/**
 * The instance's accounts Docket has seen, and whether each is the instance's own: Mastodon acts differently on a
 * remote account (no warnings, no disabling), so the plan must know.
 */
export const mastodonAccounts = pgTable(
  'mastodon_accounts',
  {
    platform: text('platform').notNull(),
    accountId: text('account_id').notNull(),
    acct: text('acct').notNull(),
    local: boolean('local').notNull(),
  },
  (table) => [primaryKey({ columns: [table.platform, table.accountId] })],
);

/**
 * What Docket keeps of each Mastodon report between its webhooks (the newest version received): the category and
 * rules it cites and whether it is resolved inside Mastodon, so that a later `report.updated` can tell a reopening
 * or a changed policy, and an older delivery arriving late changes nothing.
 */
export const mastodonReports = pgTable(
  'mastodon_reports',
  {
    platform: text('platform').notNull(),
    reportId: text('report_id').notNull(),
    category: text('category').notNull(),
    ruleIds: jsonb('rule_ids').$type<string[]>().notNull(),
    resolved: boolean('resolved').notNull(),
    /** Mastodon's `updated_at` of the version kept. */
    updatedAt: ts('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.platform, table.reportId] })],
);
