import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { PolicySection } from './contract.js';

export const policies = pgTable('policies', {
  id: text('id').primaryKey(),
  currentVersion: integer('current_version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** Every published version is kept: decisions cite the version they applied. */
export const policyVersions = pgTable(
  'policy_versions',
  {
    policyId: text('policy_id')
      .notNull()
      .references(() => policies.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** The EU DSA Transparency Database category (v2) of a breach of this version of the policy. */
    dsaCategory: text('dsa_category').notNull(),
    sections: jsonb('sections').$type<PolicySection[]>().notNull(),
    changeNote: text('change_note').notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.policyId, table.version] })],
);
