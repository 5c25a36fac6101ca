import { and, asc, desc, eq } from 'drizzle-orm';
import type { CommandContext, CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import { DEFAULT_LIBRARY } from './library.js';
import { checkNewPolicyId, checkPolicyDraft, type PolicyDraft } from './rules.js';
import type { PolicySection, PolicyVersion } from './contract.js';
import { policies, policyVersions } from './tables.js';

/** A published version, as the API answers it. */
export type PolicyVersionView = PolicyVersion;

export type PolicyService = ReturnType<typeof createPolicyService>;

export function createPolicyService(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  /** Publishes a new version of an existing policy. Earlier versions stay as they were. */
  async function publish(
    actor: string,
    policyId: string,
    draft: PolicyDraft,
    changeNote: string,
  ): Promise<PolicyVersion> {
    checkPolicyDraft(draft);
    return run(actor, (ctx) => publishIn(ctx, actor, policyId, draft, changeNote, 'existing'));
  }

  /** Creates a policy on purpose: its version 1, under an id that no policy has. */
  async function create(
    actor: string,
    policyId: string,
    draft: PolicyDraft,
    changeNote: string,
  ): Promise<PolicyVersion> {
    checkNewPolicyId(policyId);
    checkPolicyDraft(draft);
    return run(actor, (ctx) => publishIn(ctx, actor, policyId, draft, changeNote, 'new'));
  }

  async function publishIn(
    ctx: CommandContext,
    actor: string,
    policyId: string,
    draft: PolicyDraft,
    changeNote: string,
    expect: 'new' | 'existing',
  ): Promise<PolicyVersion> {
    const { tx, now, record } = ctx;
    const [existing] = await tx.select().from(policies).where(eq(policies.id, policyId)).for('update');
    if (expect === 'existing' && !existing)
      throw new DocketError('not_found', `no policy "${policyId}"; a new policy is created with POST /api/policies`);
    if (expect === 'new' && existing)
      throw new DocketError(
        'already_exists',
        `a policy "${policyId}" exists already; publish a new version of it instead`,
        [{ field: '/id', message: 'taken' }],
      );
    const version = (existing?.currentVersion ?? 0) + 1;
    if (existing) await tx.update(policies).set({ currentVersion: version }).where(eq(policies.id, policyId));
    else await tx.insert(policies).values({ id: policyId, currentVersion: version, createdAt: now });
    const row = {
      policyId,
      version,
      title: draft.title,
      summary: draft.summary,
      dsaCategory: draft.dsaCategory,
      sections: draft.sections,
      changeNote,
      publishedBy: actor,
      publishedAt: now,
    };
    await tx.insert(policyVersions).values(row);
    record('policy.published', `policy/${policyId}`, {
      policyId,
      version,
      title: draft.title,
      summary: draft.summary,
      dsaCategory: draft.dsaCategory,
      sections: draft.sections,
      changeNote,
    });
    return view(row);
  }

  /** Seeds the default library on a Docket that has no policies yet. */
  async function ensureDefaultLibrary(actor: string): Promise<boolean> {
    const [any] = await db.select({ id: policies.id }).from(policies).limit(1);
    if (any) return false;
    await run(actor, async (ctx) => {
      for (const [policyId, draft] of Object.entries(DEFAULT_LIBRARY))
        await publishIn(ctx, actor, policyId, draft, 'Initial version of the policy library.', 'new');
    });
    return true;
  }

  /** The gravest section of a policy: what a report citing only the policy is taken to allege. */
  async function gravestSection(tx: Db, policyId: string): Promise<PolicySection | null> {
    const [row] = await tx
      .select({ sections: policyVersions.sections })
      .from(policies)
      .innerJoin(
        policyVersions,
        and(eq(policyVersions.policyId, policies.id), eq(policyVersions.version, policies.currentVersion)),
      )
      .where(eq(policies.id, policyId));
    if (!row) return null;
    return [...row.sections].sort((a, b) => b.severity - a.severity)[0] ?? null;
  }

  return {
    publish,
    create,
    ensureDefaultLibrary,
    current: () => currentPolicies(db),
    history: (policyId: string) => policyHistory(db, policyId),
    gravestSection,
  };
}

/** The library as it stands: each policy's current version. */
export async function currentPolicies(db: Db): Promise<PolicyVersion[]> {
  const rows = await db
    .select({ version: policyVersions })
    .from(policies)
    .innerJoin(
      policyVersions,
      and(eq(policyVersions.policyId, policies.id), eq(policyVersions.version, policies.currentVersion)),
    )
    .orderBy(asc(policies.id));
  return rows.map((row) => view(row.version));
}

/** Every version of a policy, newest first. */
export async function policyHistory(db: Db, policyId: string): Promise<PolicyVersion[]> {
  const rows = await db
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.policyId, policyId))
    .orderBy(desc(policyVersions.version));
  if (rows.length === 0) throw new DocketError('not_found', `no policy "${policyId}"`);
  return rows.map(view);
}

function view(row: typeof policyVersions.$inferSelect): PolicyVersion {
  return {
    policyId: row.policyId,
    version: row.version,
    title: row.title,
    summary: row.summary,
    dsaCategory: row.dsaCategory,
    sections: row.sections,
    changeNote: row.changeNote,
    publishedAt: row.publishedAt.toISOString(),
  };
}
