import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { designations } from './tables.js';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * The approved designations: those in force and those ended. Proposals and rejected ones are staff work, not
 * public; nor are the detector's evidence or who proposed or decided.
 */
export async function publicDesignations(db: Db) {
  const rows = await db
    .select({
      iso3: designations.iso3,
      kind: designations.kind,
      status: designations.status,
      reasons: designations.reasons,
      approvalNote: designations.decisionNote,
      since: designations.startsAt,
      reviewAt: designations.reviewAt,
      endedAt: designations.endedAt,
    })
    .from(designations)
    .where(inArray(designations.status, ['active', 'ended']))
    .orderBy(desc(designations.startsAt), asc(designations.iso3));
  const view = ({ status: _status, ...row }: (typeof rows)[number]) => ({
    ...row,
    since: iso(row.since),
    reviewAt: iso(row.reviewAt),
    endedAt: iso(row.endedAt),
  });
  return {
    current: rows.filter((r) => r.status === 'active').map(view),
    past: rows
      .filter((r) => r.status === 'ended')
      .sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0))
      .map(view),
  };
}
