import { dayProblem } from '../../core/days.js';
import { DocketError } from '../../core/errors.js';
import { statementsDecidedBetween, statementsOfDecisions, type StatementFacts } from '../../moderation/record-reads.js';
import { dsaDataOfVersions } from '../../policy/reads.js';
import type { Db } from '../../store/database.js';
import type { DsaRecord } from './contract.js';
import { toDsaRecord } from './rules.js';

/** The period [from, to] in whole UTC days; refused when malformed or reversed. */
export function exportPeriod(from: string, to: string): { start: Date; end: Date } {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const problem = dayProblem(value);
    if (problem)
      throw new DocketError('validation_failed', `${field} "${value}" ${problem}`, [
        { field: `/${field}`, message: problem },
      ]);
  }
  const start = new Date(`${from}T00:00:00.000Z`);
  const end = new Date(new Date(`${to}T00:00:00.000Z`).getTime() + 86_400_000);
  if (end <= start)
    throw new DocketError('validation_failed', `the period ends (${to}) before it starts (${from})`, [
      { field: '/to', message: 'before from' },
    ]);
  return { start, end };
}

/**
 * Statements of reasons of the decisions applied in a period, in the DSA Transparency Database format, oldest first.
 * Decisions later reversed are included: the database records each statement as it was sent.
 */
export async function exportStatements(db: Db, from: string, to: string): Promise<DsaRecord[]> {
  const { start, end } = exportPeriod(from, to);
  return [...(await recordsOf(db, await statementsDecidedBetween(db, start, end))).values()].filter(
    (record): record is DsaRecord => record !== null,
  );
}

/**
 * The statements of these decisions as the export writes them, by decision id: null for a decision whose statement
 * the database does not take (it restricted nothing in the EEA); a decision without a statement is left out.
 */
export async function exportStatementsOf(
  db: Db,
  decisionIds: readonly string[],
  versions?: PolicyVersionCache,
): Promise<Map<string, DsaRecord | null>> {
  return recordsOf(db, await statementsOfDecisions(db, decisionIds), versions);
}

type DsaDataOfVersion = NonNullable<ReturnType<Awaited<ReturnType<typeof dsaDataOfVersions>>['get']>>;

/**
 * The DSA data of the policy versions read so far, by `policyId@version`. A published version never changes (a new
 * one is published instead), so a submitter keeps what it read and asks the database only about versions it has not
 * seen. Bounded: past `limit` versions it starts again.
 */
export class PolicyVersionCache {
  private readonly versions = new Map<string, DsaDataOfVersion>();
  constructor(private readonly limit = 2_000) {}

  get(key: string): DsaDataOfVersion | undefined {
    return this.versions.get(key);
  }

  keep(fetched: ReadonlyMap<string, DsaDataOfVersion>): void {
    if (this.versions.size + fetched.size > this.limit) this.versions.clear();
    for (const [key, version] of fetched) this.versions.set(key, version);
  }
}

/** Each decision's record, with the DSA data (category, keywords) of the policy version it applied. */
async function recordsOf(
  db: Db,
  rows: readonly StatementFacts[],
  cache?: PolicyVersionCache,
): Promise<Map<string, DsaRecord | null>> {
  const keyOf = (row: StatementFacts) => `${row.policyId}@${row.policyVersion}`;
  const unseen = rows.filter((row) => !cache?.get(keyOf(row)));
  const fetched =
    unseen.length === 0
      ? new Map<string, DsaDataOfVersion>()
      : await dsaDataOfVersions(
          db,
          unseen.map((row) => row.policyId),
        );
  cache?.keep(fetched);
  const records = new Map<string, DsaRecord | null>();
  for (const row of rows) {
    const version = fetched.get(keyOf(row)) ?? cache?.get(keyOf(row));
    records.set(
      row.id,
      toDsaRecord({
        decisionId: row.id,
        statement: row.statement,
        territorialScope: row.territorialScope,
        language: row.language,
        postedAt: row.postedAt,
        decidedAt: row.decidedAt,
        subjectKind: row.subjectKind,
        policy: version
          ? {
              dsaCategory: version.dsaCategory,
              section: version.sections.find((section) => section.id === row.sectionId) ?? null,
            }
          : null,
        accountType: row.accountType,
      }),
    );
  }
  return records;
}
