import type { ChainEntry } from '../core/chain.js';
import { applyReplay, setRow, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { designations } from './tables.js';

/**
 * Crisis designations from their events (moderation's replay gives the cases they repriced their new priority). A
 * proposal written before issue 14 has no evidence (null).
 */
const handlers: ReplayHandlers = {
  'designation.proposed': async (tx, p, e) => {
    await tx.insert(designations).values({
      id: p.designationId,
      iso3: p.iso3,
      kind: p.kind,
      status: 'proposed',
      source: p.source,
      reasons: p.reasons,
      evidence: p.evidence ?? null,
      proposedBy: e.actor,
      proposedAt: new Date(e.at),
    });
  },
  'designation.approved': async (tx, p, e) => {
    const at = new Date(e.at);
    await setRow(tx, designations, p.designationId, {
      status: 'active',
      decidedBy: e.actor,
      decidedAt: at,
      decisionNote: p.note,
      startsAt: at,
      reviewAt: new Date(p.reviewAt),
    });
  },
  'designation.rejected': (tx, p, e) =>
    setRow(tx, designations, p.designationId, {
      status: 'rejected',
      decidedBy: e.actor,
      decidedAt: new Date(e.at),
      decisionNote: p.note,
    }),
  'designation.reviewed': (tx, p) => setRow(tx, designations, p.designationId, { reviewAt: new Date(p.reviewAt) }),
  'designation.ended': (tx, p, e) =>
    setRow(tx, designations, p.designationId, { status: 'ended', endedAt: new Date(e.at) }),
};

/** Applies entries, in log order, to the crisis designations. */
export async function replayCrisis(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
