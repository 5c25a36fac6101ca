import { and, desc, eq, inArray } from 'drizzle-orm';
import type { PublicFigureKind } from '../core/outcomes.js';
import type { Db } from '../store/database.js';
import { roleHeldAt } from './role-rules.js';
import { figureRestrictions, publicFigureRoles, publicFigures, restrictedFigureEntry } from './tables.js';

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

/** Verified kinds for some accounts of a platform; absent accounts are not in the registry. */
export async function verifiedKinds(
  tx: Db,
  platform: string,
  accountRefs: string[],
): Promise<Map<string, PublicFigureKind>> {
  if (accountRefs.length === 0) return new Map();
  const rows = await tx
    .select({ accountRef: publicFigures.accountRef, kind: publicFigures.kind })
    .from(publicFigures)
    .where(and(eq(publicFigures.platform, platform), inArray(publicFigures.accountRef, accountRefs)));
  return new Map(rows.map((row) => [row.accountRef, row.kind]));
}

/**
 * The role a verified account's owner held when they posted (`at`), from the registry's dated roles; undefined when
 * the account is not in the registry. Reads one account's few role rows by their index.
 */
export async function verifiedKindAt(
  tx: Db,
  platform: string,
  accountRef: string,
  at: Date,
): Promise<PublicFigureKind | undefined> {
  const [figure] = await tx
    .select({ kind: publicFigures.kind })
    .from(publicFigures)
    .where(and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef)));
  if (!figure) return undefined;
  const roles = await tx
    .select({ kind: publicFigureRoles.kind, since: publicFigureRoles.since, until: publicFigureRoles.until })
    .from(publicFigureRoles)
    .where(and(eq(publicFigureRoles.platform, platform), eq(publicFigureRoles.accountRef, accountRef)));
  return roleHeldAt(roles, figure.kind, at);
}

/**
 * Public figures' accounts restricted under the protocol, newest first: who (from the registry), how long and
 * why. Who imposed or reviewed a restriction stays private, as does any figure the registry no longer holds.
 */
export async function publicRestrictions(db: Db) {
  const rows = await db
    .select({
      name: publicFigures.name,
      role: publicFigures.kind,
      country: publicFigures.country,
      platform: figureRestrictions.platform,
      tier: figureRestrictions.tier,
      context: figureRestrictions.context,
      status: figureRestrictions.status,
      reason: figureRestrictions.reason,
      startsAt: figureRestrictions.startsAt,
      endsAt: figureRestrictions.endsAt,
      closedAt: figureRestrictions.closedAt,
    })
    .from(figureRestrictions)
    .innerJoin(publicFigures, restrictedFigureEntry)
    .orderBy(desc(figureRestrictions.startsAt));
  return rows.map((r) => ({
    ...r,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
  }));
}
