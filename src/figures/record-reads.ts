import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { figureRestrictions, publicFigures, restrictedFigureEntry } from './tables.js';

/**
 * The restricted account's public identity: the platform, the account and, from the registry, the figure's name,
 * role and country (null when the entry was since removed from the registry).
 */
export async function restrictedFigure(tx: Db, restrictionId: string) {
  const [row] = await tx
    .select({
      platform: figureRestrictions.platform,
      accountRef: figureRestrictions.accountRef,
      name: publicFigures.name,
      kind: publicFigures.kind,
      country: publicFigures.country,
    })
    .from(figureRestrictions)
    .leftJoin(publicFigures, restrictedFigureEntry)
    .where(eq(figureRestrictions.id, restrictionId));
  if (!row) throw new Error(`published event names restriction ${restrictionId}, which does not exist`);
  return {
    stream: `figure/${row.platform}/${row.accountRef}`,
    figure: { platform: row.platform, account: row.accountRef, name: row.name, role: row.kind, country: row.country },
  };
}

/** The country of each restricted figure as the registry holds it now (null once the entry is removed). */
export function restrictionCountries(tx: Db, ids: string[]): Promise<{ id: string; country: string | null }[]> {
  return tx
    .select({ id: figureRestrictions.id, country: publicFigures.country })
    .from(figureRestrictions)
    .leftJoin(publicFigures, restrictedFigureEntry)
    .where(inArray(figureRestrictions.id, ids));
}
