import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Each statement of reasons on its way to the EU DSA Transparency Database, keyed by its decision (the statement's
 * puid). Not an event-sourced read model: it records what an outside system answered, like the outbox.
 * - `pending`: to send when `next_attempt_at` comes;
 * - `sending`: claimed by a process (`batch_id`, until `lease_until`) and maybe sent: after a crash, the database is
 *   asked (GET existing-puid) whether it has it before anything is sent again;
 * - `submitted`: the database has it (`uuid` and `permalink` when it said them);
 * - `refused`: the database answered 422 for it (`problems`: its errors);
 * - `held`: Docket's check against the database's rules failed (`problems`), so it was never sent;
 * - `not_required`: the decision restricted nothing in the EEA, which the database does not take.
 *
 * `body` is the statement as it will be sent (its JSON), built and checked when its notice is chained, so a claim
 * sends it without reading or checking anything; null once it is submitted, and for statements pending from before
 * it was kept or sent back to pending for a new check, which the claim builds from the tables.
 */
export const dsaSubmissions = pgTable(
  'dsa_submissions',
  {
    decisionId: uuid('decision_id').primaryKey(),
    decidedAt: ts('decided_at').notNull(),
    state: text('state', {
      enum: ['pending', 'sending', 'submitted', 'refused', 'held', 'not_required'],
    }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    batchId: uuid('batch_id'),
    leaseUntil: ts('lease_until'),
    uuid: text('uuid'),
    permalink: text('permalink'),
    submittedAt: ts('submitted_at'),
    problems: jsonb('problems').$type<Record<string, string[]>>(),
    lastError: text('last_error'),
    body: text('body'),
    updatedAt: ts('updated_at').notNull(),
  },
  (table) => [
    // What a submitter claims, in the claim's own order so a claim reads one batch whatever the backlog: due pending
    // statements by next_attempt_at then decided_at, and sendings whose lease ran out, oldest lease first.
    index('dsa_submissions_pending_idx')
      .on(table.nextAttemptAt, table.decidedAt)
      .where(sql`${table.state} = 'pending'`),
    index('dsa_submissions_sending_idx')
      .on(table.leaseUntil)
      .where(sql`${table.state} = 'sending'`),
    // The listing by state and by time (GET /api/transparency/sor/submissions, docket dsa submit --from --to).
    index('dsa_submissions_state_decided_idx').on(table.state, table.decidedAt, table.decisionId),
    index('dsa_submissions_decided_idx').on(table.decidedAt, table.decisionId),
  ],
);

/**
 * The submitter's shared state, one row: a back-off every process honours (the database limits per platform, not
 * per process), and a stop after the database refused the token, for that token.
 */
export const dsaSubmitter = pgTable('dsa_submitter', {
  id: smallint('id').primaryKey(),
  pausedUntil: ts('paused_until'),
  /** 429s and 5xx in a row: the next back-off doubles until the cap. */
  failures: integer('failures').notNull().default(0),
  stoppedAt: ts('stopped_at'),
  stoppedReason: text('stopped_reason'),
  /** SHA-256 (hex, 16 characters) of the refused token: a new token resumes. */
  stoppedToken: text('stopped_token'),
  lastError: text('last_error'),
});
