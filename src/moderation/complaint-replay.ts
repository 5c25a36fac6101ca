import type { ChainEntry } from '../core/chain.js';
import { applyReplay, dateOf, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { complaintLinks } from './complaint-tables.js';

/**
 * Complaint links rebuilt from their events. The token's hash is not on the log (a secret): the replay writes one
 * no link matches, so a rebuilt complaint link must be issued anew (the complaints themselves are appeals, rebuilt by
 * moderation's replay).
 */
const handlers: ReplayHandlers = {
  'complaint_link.issued': async (tx, p, e) => {
    await tx.insert(complaintLinks).values({
      id: p.linkId,
      decisionId: p.decisionId,
      tokenHash: `replayed:${p.linkId}`,
      createdAt: dateOf(e.at) as Date,
      expiresAt: new Date(p.expiresAt),
    });
  },
};

export async function replayComplaints(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
