import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import type { PolicySection } from './rules.js';
import { policies, policyVersions } from './tables.js';

/** What other capabilities read of the policy library's tables. */

/** The sections of the current version of each of these policies, by policy id; unknown ids are left out. */
export async function currentSectionsOf(db: Db, policyIds: readonly string[]): Promise<Map<string, PolicySection[]>> {
  if (policyIds.length === 0) return new Map();
  const rows = await db
    .select({ id: policies.id, sections: policyVersions.sections })
    .from(policies)
    .innerJoin(
      policyVersions,
      and(eq(policyVersions.policyId, policies.id), eq(policyVersions.version, policies.currentVersion)),
    )
    .where(inArray(policies.id, [...policyIds]));
  return new Map(rows.map((row) => [row.id, row.sections]));
}

/** The title of the current version of each of these policies, by policy id; unknown ids are left out. */
export async function currentTitlesOf(db: Db, policyIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(policyIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: policies.id, title: policyVersions.title })
    .from(policies)
    .innerJoin(
      policyVersions,
      and(eq(policyVersions.policyId, policies.id), eq(policyVersions.version, policies.currentVersion)),
    )
    .where(inArray(policies.id, unique));
  return new Map(rows.map((row) => [row.id, row.title]));
}
