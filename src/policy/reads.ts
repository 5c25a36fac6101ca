import { and, eq, inArray } from 'drizzle-orm';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import type { PolicySection } from './contract.js';
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

/**
 * The current version of a policy section, as a decision or a notice template must cite it: an unknown policy or
 * section is a validation error on the request's `/policyId` or `/sectionId`.
 */
export async function currentSection(
  db: Db,
  policyId: string,
  sectionId: string,
): Promise<{ version: number; section: PolicySection; title: string; dsaCategory: string }> {
  const [row] = await db
    .select({ version: policyVersions })
    .from(policies)
    .innerJoin(
      policyVersions,
      and(eq(policyVersions.policyId, policies.id), eq(policyVersions.version, policies.currentVersion)),
    )
    .where(eq(policies.id, policyId));
  if (!row)
    throw new DocketError('validation_failed', `unknown policy "${policyId}"`, [
      { field: '/policyId', message: 'unknown policy' },
    ]);
  const section = row.version.sections.find((s) => s.id === sectionId);
  if (!section) {
    throw new DocketError(
      'validation_failed',
      `policy "${policyId}" version ${row.version.version} has no section "${sectionId}"`,
      [{ field: '/sectionId', message: 'unknown section' }],
    );
  }
  return { version: row.version.version, section, title: row.version.title, dsaCategory: row.version.dsaCategory };
}

/**
 * The DSA data of every version of these policies (what a statement of reasons sends to the EU DSA Transparency
 * Database): the version's category and its sections, by `policyId@version`.
 */
export async function dsaDataOfVersions(
  db: Db,
  policyIds: readonly string[],
): Promise<Map<string, { dsaCategory: string; sections: PolicySection[] }>> {
  const unique = [...new Set(policyIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({
      policyId: policyVersions.policyId,
      version: policyVersions.version,
      dsaCategory: policyVersions.dsaCategory,
      sections: policyVersions.sections,
    })
    .from(policyVersions)
    .where(inArray(policyVersions.policyId, unique));
  return new Map(rows.map((row) => [`${row.policyId}@${row.version}`, row]));
}
