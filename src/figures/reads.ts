import { and, eq } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { publicFigures } from './tables.js';

/** What other capabilities read of the public-figure registry's tables. */

/** The registry's verified entry for an account, if any (a probe of its primary key). */
export async function verifiedFigureOf(
  db: Db,
  platform: string,
  accountRef: string,
): Promise<{ kind: string; name: string; country: string | null; verifiedAt: Date } | null> {
  const [row] = await db
    .select({
      kind: publicFigures.kind,
      name: publicFigures.name,
      country: publicFigures.country,
      verifiedAt: publicFigures.verifiedAt,
    })
    .from(publicFigures)
    .where(and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef)));
  return row ?? null;
}
