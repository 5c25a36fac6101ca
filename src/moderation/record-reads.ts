import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { appeals, cases, decisions } from './tables.js';

/**
 * What the public record (the public log's publications and the statistics) reads of moderation: keyed lookups,
 * in the caller's transaction.
 */

/** The policy a decision applied, or null (no decision, or none found). */
export async function policyOfDecision(tx: Db, decisionId: string | null): Promise<string | null> {
  if (!decisionId) return null;
  const [row] = await tx.select({ policyId: decisions.policyId }).from(decisions).where(eq(decisions.id, decisionId));
  return row?.policyId ?? null;
}

/** Each case's country and when it was opened. */
export function caseCountries(
  tx: Db,
  ids: string[],
): Promise<{ id: string; country: string | null; openedAt: Date }[]> {
  return tx
    .select({ id: cases.id, country: cases.country, openedAt: cases.openedAt })
    .from(cases)
    .where(inArray(cases.id, ids));
}

/** The country of each decision's case. */
export function decisionCountries(tx: Db, ids: string[]): Promise<{ id: string; country: string | null }[]> {
  return tx
    .select({ id: decisions.id, country: cases.country })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(inArray(decisions.id, ids));
}

/** The country of each appeal's case, and when the appeal was filed. */
export function appealCountries(
  tx: Db,
  ids: string[],
): Promise<{ id: string; country: string | null; filedAt: Date }[]> {
  return tx
    .select({ id: appeals.id, country: cases.country, filedAt: appeals.filedAt })
    .from(appeals)
    .innerJoin(decisions, eq(decisions.id, appeals.decisionId))
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(inArray(appeals.id, ids));
}
