import { and, asc, count, eq, gte, inArray, isNotNull, lt, not, sql } from 'drizzle-orm';
import { STATEMENT_CATEGORIES } from '../core/dsa-tdb-enums.js';
import { NOT_ACTING } from '../core/outcomes.js';
import type { Db } from '../store/database.js';
import type { FlaggerAccuracy, ManagedFlagger, TrustedFlagger } from './flagger-contract.js';
import { flaggerAccuracy, flaggerKeyHash } from './flagger-rules.js';
import { trustedFlaggers } from './flagger-tables.js';
import { contentNotices } from './notice-tables.js';
import { cases } from './tables.js';

type FlaggerRow = typeof trustedFlaggers.$inferSelect;

/** The register's public shapes, for the public site and the statistics (this file is moderation's public face). */
export { FlaggerAccuracy, TrustedFlagger } from './flagger-contract.js';

/** What of the register is public (EU DSA Art. 22(5): the Commission publishes the same). */
export function publicView(row: FlaggerRow): TrustedFlagger {
  return {
    id: row.id,
    name: row.name,
    memberState: row.memberState,
    areas: row.areas.map((category) => ({
      category,
      label: STATEMENT_CATEGORIES[category as keyof typeof STATEMENT_CATEGORIES] ?? category,
    })),
    contactEmail: row.contactEmail,
    website: row.website,
    awardedOn: row.awardedOn,
    status: row.status,
    statusSince: row.statusSince,
    statusReason: row.statusReason,
  };
}

export function managedView(row: FlaggerRow): ManagedFlagger {
  return { ...publicView(row), keyPrefix: row.keyPrefix, keyIssuedAt: row.keyIssuedAt?.toISOString() ?? null };
}

/** The public register: active flaggers first, then by name. */
export async function flaggerRegister(db: Db): Promise<TrustedFlagger[]> {
  const rows = await db
    .select()
    .from(trustedFlaggers)
    .orderBy(sql`${trustedFlaggers.status} = 'active' desc`, asc(trustedFlaggers.name));
  return rows.map(publicView);
}

/** The flagger a key belongs to, whatever its status; null for a key no flagger holds. */
export async function flaggerOfKey(db: Db, key: string): Promise<FlaggerRow | null> {
  const [row] = await db
    .select()
    .from(trustedFlaggers)
    .where(eq(trustedFlaggers.keyHash, flaggerKeyHash(key)));
  return row ?? null;
}

/**
 * Each trusted flagger's notices received in the period (inclusive days), those decided and those upheld (the
 * decision the notifier was last told acted on the content), and its accuracy; most notices first. With a country,
 * only notices on that country's content ('' for unknown).
 */
export async function flaggerAccuracies(
  db: Db,
  period: { from: string; to: string },
  country: string | null,
): Promise<FlaggerAccuracy[]> {
  const to = new Date(`${period.to}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 1);
  const inCountry =
    country === null
      ? undefined
      : inArray(
          contentNotices.caseId,
          db
            .select({ id: cases.id })
            .from(cases)
            .where(sql`coalesce(${cases.country}, '') = ${country}`),
        );
  const rows = await db
    .select({
      flaggerId: trustedFlaggers.id,
      name: trustedFlaggers.name,
      memberState: trustedFlaggers.memberState,
      notices: count(),
      decided: count(contentNotices.outcome),
      upheld: sql<number>`count(*) filter (where ${and(
        isNotNull(contentNotices.outcome),
        not(inArray(contentNotices.outcome, [...NOT_ACTING])),
      )})`,
    })
    .from(contentNotices)
    .innerJoin(trustedFlaggers, eq(trustedFlaggers.id, contentNotices.trustedFlaggerId))
    .where(
      and(
        isNotNull(contentNotices.trustedFlaggerId),
        gte(contentNotices.receivedAt, new Date(`${period.from}T00:00:00Z`)),
        lt(contentNotices.receivedAt, to),
        inCountry,
      ),
    )
    .groupBy(trustedFlaggers.id, trustedFlaggers.name, trustedFlaggers.memberState);
  return rows
    .map((r) => {
      const decided = Number(r.decided);
      const upheld = Number(r.upheld);
      return { ...r, notices: Number(r.notices), decided, upheld, accuracy: flaggerAccuracy(decided, upheld) };
    })
    .sort((a, b) => b.notices - a.notices || a.name.localeCompare(b.name));
}
