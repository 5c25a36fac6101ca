import { eq } from 'drizzle-orm';
import type { ChainEntry } from '../core/chain.js';
import { applyReplay, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { legacyDsaCategory } from './rules.js';
import { policies, policyVersions } from './tables.js';

/** The policy library from its events: each published version whole, the policy pointing at its latest. */
const handlers: ReplayHandlers = {
  'policy.published': async (tx, p, e) => {
    const at = new Date(e.at);
    if (p.version === 1) await tx.insert(policies).values({ id: p.policyId, currentVersion: 1, createdAt: at });
    else await tx.update(policies).set({ currentVersion: p.version }).where(eq(policies.id, p.policyId));
    await tx.insert(policyVersions).values({
      policyId: p.policyId,
      version: p.version,
      title: p.title,
      summary: p.summary,
      dsaCategory: p.dsaCategory ?? legacyDsaCategory(p.policyId),
      sections: p.sections,
      changeNote: p.changeNote,
      publishedBy: e.actor,
      publishedAt: at,
    });
  },
};

/** Applies entries, in log order, to the policy library's tables. */
export async function replayPolicy(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
