import { dayProblem } from '../../core/days.js';
import { DocketError } from '../../core/errors.js';
import { statementsDecidedBetween } from '../../moderation/record-reads.js';
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
  const rows = await statementsDecidedBetween(db, start, end);
  const records: DsaRecord[] = [];
  for (const row of rows) {
    const record = toDsaRecord({
      decisionId: row.id,
      statement: row.statement,
      territorialScope: row.territorialScope,
      language: row.language,
      postedAt: row.postedAt,
      decidedAt: row.decidedAt,
    });
    if (record) records.push(record);
  }
  return records;
}
