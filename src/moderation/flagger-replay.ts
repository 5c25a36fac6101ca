import type { ChainEntry } from '../core/chain.js';
import { applyReplay, setRow, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { trustedFlaggers } from './flagger-tables.js';

/** A key hash no key has (unique per flagger, as the column is): a rebuilt register's flaggers need a new key. */
export const replayedKeyHash = (flaggerId: string): string => `replayed:${flaggerId}`;

/** The register of trusted flaggers rebuilt from its events; keys are not on the log, so they must be issued anew. */
const handlers: ReplayHandlers = {
  'trusted_flagger.registered': async (tx, p, e) => {
    const at = new Date(e.at);
    await tx.insert(trustedFlaggers).values({
      id: p.flaggerId,
      name: p.name,
      memberState: p.memberState,
      areas: p.areas,
      contactEmail: p.contactEmail,
      website: p.website,
      awardedOn: p.awardedOn,
      status: p.status,
      statusSince: p.statusSince,
      statusReason: null,
      keyHash: null,
      keyPrefix: null,
      keyIssuedAt: null,
      registeredAt: at,
      updatedAt: at,
    });
  },
  'trusted_flagger.details_changed': async (tx, p, e) => {
    const { flaggerId, ...details } = p;
    await setRow(tx, trustedFlaggers, flaggerId, { ...details, updatedAt: new Date(e.at) });
  },
  'trusted_flagger.status_changed': async (tx, p, e) => {
    await setRow(tx, trustedFlaggers, p.flaggerId, {
      status: p.to,
      statusSince: p.since,
      statusReason: p.reason,
      updatedAt: new Date(e.at),
    });
  },
  'trusted_flagger.key_issued': async (tx, p, e) => {
    await setRow(tx, trustedFlaggers, p.flaggerId, {
      keyHash: replayedKeyHash(p.flaggerId),
      keyPrefix: p.prefix,
      keyIssuedAt: new Date(e.at),
      updatedAt: new Date(e.at),
    });
  },
};

export async function replayTrustedFlaggers(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
