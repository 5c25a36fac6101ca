import type { Db } from '../store/database.js';
import { insertMany } from '../store/insert-many.js';
import { accountRestrictions, cases, decisions, notices, reports, strikes, subjects } from './tables.js';

type Rows<T extends { $inferInsert: unknown }> = T['$inferInsert'][];

/**
 * Decided history as rows of moderation's tables: subjects, their closed cases and reports, the decisions with
 * their strikes, account measures and notices. `docket demo --scale` builds these (with the events that record
 * them) to fill a database the way the decision path would, far faster than one command per report.
 */
export interface DecidedHistory {
  subjects: Rows<typeof subjects>;
  cases: Rows<typeof cases>;
  reports: Rows<typeof reports>;
  decisions: Rows<typeof decisions>;
  strikes: Rows<typeof strikes>;
  restrictions: Rows<typeof accountRestrictions>;
  notices: Rows<typeof notices>;
}

/** Writes a batch of decided history in the caller's transaction: one set-based INSERT per table. */
export async function insertDecidedHistory(tx: Db, batch: DecidedHistory): Promise<void> {
  // Parents before children: the foreign keys are checked statement by statement.
  await insertMany(tx, subjects, batch.subjects);
  await insertMany(tx, cases, batch.cases);
  await insertMany(tx, reports, batch.reports);
  await insertMany(tx, decisions, batch.decisions);
  await insertMany(tx, strikes, batch.strikes);
  await insertMany(tx, accountRestrictions, batch.restrictions);
  await insertMany(tx, notices, batch.notices);
}
