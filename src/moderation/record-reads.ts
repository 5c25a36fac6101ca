import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../store/database.js';
import type { AccountType, StatementOfReasons } from './contract.js';
import type { Automation } from './automation-rules.js';
import { policyIdsOfDecisions } from './reads.js';
import { appeals, cases, decisions, notices, subjects } from './tables.js';

/**
 * What the public record (the public log's publications and the statistics) reads of moderation: keyed lookups,
 * in the caller's transaction.
 */

/** The policy a decision applied, or null (no decision, or none found). */
export async function policyOfDecision(tx: Db, decisionId: string | null): Promise<string | null> {
  if (!decisionId) return null;
  return (await policyIdsOfDecisions(tx, [decisionId])).get(decisionId) ?? null;
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

/** The tool each of these decisions came from (null for a person's decision), with its case's country. */
export function decisionTools(
  tx: Db,
  ids: string[],
): Promise<{ id: string; country: string | null; automation: Automation | null }[]> {
  return tx
    .select({ id: decisions.id, country: cases.country, automation: decisions.automation })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(inArray(decisions.id, ids));
}

/**
 * What the statistics count of each decision a notifier is told of: its case's country, whether it rests on illegal
 * content (instead of the terms), whether a machine took it alone and whether it came from a tool.
 */
export function decisionGrounds(
  tx: Db,
  ids: string[],
): Promise<
  { id: string; country: string | null; illegalContent: boolean; automatedDecision: boolean; tool: boolean }[]
> {
  return tx
    .select({
      id: decisions.id,
      country: cases.country,
      illegalContent: sql<boolean>`${decisions.illegalContent} is not null`,
      automatedDecision: decisions.automatedDecision,
      tool: sql<boolean>`${decisions.automation} is not null`,
    })
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

/** A decision's statement of reasons with what the DSA export adds to it. */
export interface StatementFacts {
  id: string;
  decidedAt: Date;
  territorialScope: string[];
  statement: StatementOfReasons;
  language: string | null;
  postedAt: Date | null;
  subjectKind: 'content' | 'account';
  /** The policy section and version the decision applied. */
  policyId: string;
  sectionId: string;
  policyVersion: number;
  /** The account the notice went to, business or private, when its platform said so. */
  accountType: AccountType | null;
}

/**
 * The statement of reasons of every decision taken in [start, end), with what the DSA export adds to it (the
 * territorial scope, the content's language and posting time), oldest first.
 */
export function statementsDecidedBetween(db: Db, start: Date, end: Date): Promise<StatementFacts[]> {
  return statementsWhere(db, and(gte(decisions.decidedAt, start), lt(decisions.decidedAt, end)));
}

/**
 * The same for the decisions with these ids (those that have a notice), oldest first. The DSA submitter reads a
 * batch this way at every claim: the query is built and prepared once per database, the ids one array parameter.
 */
export async function statementsOfDecisions(db: Db, ids: readonly string[]): Promise<StatementFacts[]> {
  if (ids.length === 0) return [];
  let prepared = statementsById.get(db);
  if (!prepared) {
    prepared = statementsQuery(db, sql`${decisions.id} = any(${sql.placeholder('ids')}::uuid[])`).prepare(
      'statements_of_decisions',
    );
    statementsById.set(db, prepared);
  }
  return asFacts(await prepared.execute({ ids: [...ids] }));
}

const statementsById = new WeakMap<Db, ReturnType<ReturnType<typeof statementsQuery>['prepare']>>();

async function statementsWhere(db: Db, condition: SQL | undefined): Promise<StatementFacts[]> {
  return asFacts(await statementsQuery(db, condition));
}

function statementsQuery(db: Db, condition: SQL | undefined) {
  const account = alias(subjects, 'account');
  return db
    .select({
      id: decisions.id,
      decidedAt: decisions.decidedAt,
      territorialScope: decisions.territorialScope,
      statement: notices.statement,
      language: subjects.language,
      postedAt: subjects.postedAt,
      subjectKind: subjects.kind,
      policyId: decisions.policyId,
      sectionId: decisions.sectionId,
      policyVersion: decisions.policyVersion,
      accountType: account.accountType,
    })
    .from(decisions)
    .innerJoin(notices, eq(notices.decisionId, decisions.id))
    .innerJoin(subjects, eq(subjects.id, decisions.subjectId))
    .leftJoin(
      account,
      and(
        eq(account.platform, notices.platform),
        eq(account.externalId, notices.recipientRef),
        eq(account.kind, 'account'),
      ),
    )
    .where(condition)
    .orderBy(asc(decisions.decidedAt), asc(decisions.id));
}

function asFacts(rows: Awaited<ReturnType<typeof statementsQuery>>): StatementFacts[] {
  return rows.map((row) => ({ ...row, statement: row.statement as StatementOfReasons }));
}
