import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { boardCases, boardVotes, implementationObligations, recommendations } from './tables.js';

/**
 * What the public record (the public log's publications and the statistics) reads of the board: keyed lookups, in
 * the caller's transaction, so a projection sees the state as of the events it applies.
 */

/** A board case's row; an error when it does not exist (a published event always names one). */
export async function boardCaseById(tx: Db, id: string): Promise<typeof boardCases.$inferSelect> {
  const [row] = await tx.select().from(boardCases).where(eq(boardCases.id, id));
  if (!row) throw new Error(`published event names board case ${id}, which does not exist`);
  return row;
}

/** The separate opinions written on a case, by vote then text (they are published unsigned). */
export async function writtenOpinions(
  tx: Db,
  boardCaseId: string,
): Promise<{ vote: string; opinion: string | null }[]> {
  return tx
    .select({ vote: boardVotes.vote, opinion: boardVotes.opinion })
    .from(boardVotes)
    .where(and(eq(boardVotes.boardCaseId, boardCaseId), sql`${boardVotes.opinion} is not null`))
    .orderBy(asc(boardVotes.vote), asc(boardVotes.opinion));
}

/** A recommendation's reference and its case's. */
export async function recommendationRefs(tx: Db, id: string): Promise<{ ref: string; caseRef: string }> {
  const [row] = await tx
    .select({ ref: recommendations.ref, caseRef: boardCases.ref })
    .from(recommendations)
    .innerJoin(boardCases, eq(boardCases.id, recommendations.boardCaseId))
    .where(eq(recommendations.id, id));
  if (!row) throw new Error(`published event names recommendation ${id}, which does not exist`);
  return row;
}

/** An implementation obligation's case reference and the outcome it requires. */
export async function obligationRefs(
  tx: Db,
  id: string,
): Promise<{ ref: string; requiredOutcome: typeof implementationObligations.$inferSelect.requiredOutcome }> {
  const [row] = await tx
    .select({ ref: boardCases.ref, requiredOutcome: implementationObligations.requiredOutcome })
    .from(implementationObligations)
    .innerJoin(boardCases, eq(boardCases.id, implementationObligations.boardCaseId))
    .where(eq(implementationObligations.id, id));
  if (!row) throw new Error(`published event names obligation ${id}, which does not exist`);
  return row;
}

type Countries = Promise<{ id: string; country: string | null }[]>;

/** The country of each board case (the statistics count by it). */
export function boardCaseCountries(tx: Db, ids: string[]): Countries {
  return tx
    .select({ id: boardCases.id, country: boardCases.country })
    .from(boardCases)
    .where(inArray(boardCases.id, ids));
}

/** The country of each recommendation's case. */
export function recommendationCountries(tx: Db, ids: string[]): Countries {
  return tx
    .select({ id: recommendations.id, country: boardCases.country })
    .from(recommendations)
    .innerJoin(boardCases, eq(boardCases.id, recommendations.boardCaseId))
    .where(inArray(recommendations.id, ids));
}

/** The country of each obligation's case. */
export function obligationCountries(tx: Db, ids: string[]): Countries {
  return tx
    .select({ id: implementationObligations.id, country: boardCases.country })
    .from(implementationObligations)
    .innerJoin(boardCases, eq(boardCases.id, implementationObligations.boardCaseId))
    .where(inArray(implementationObligations.id, ids));
}

/** How many board cases are decided (the public summary's count). */
export async function decidedBoardCaseCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(boardCases).where(eq(boardCases.status, 'decided'));
  return row?.n ?? 0;
}
