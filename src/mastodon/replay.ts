import type { ChainEntry } from '../core/chain.js';
import { applyReplay, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { writeRecordsSeen, writeReportState } from './service.js';
import { mastodonConnectors } from './tables.js';

/**
 * What stands in for a connector's access token and webhook secret, which the log never holds: a rebuilt connector
 * needs them set again (PUT /api/connectors/mastodon/:platform) before it can call or trust its instance.
 */
export const REPLAYED_CONNECTOR_SECRET = '';

/** The connected instances from their events, without their secrets. */
const handlers: ReplayHandlers = {
  'mastodon.connector_set': async (tx, p, e) => {
    const at = new Date(e.at);
    await tx
      .insert(mastodonConnectors)
      .values({
        platform: p.platform,
        baseUrl: p.baseUrl,
        policyMap: p.policyMap,
        accessToken: REPLAYED_CONNECTOR_SECRET,
        webhookSecret: REPLAYED_CONNECTOR_SECRET,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoUpdate({
        target: mastodonConnectors.platform,
        set: { baseUrl: p.baseUrl, policyMap: p.policyMap, updatedAt: at },
      });
  },
  'mastodon.records_seen': async (tx, p) => {
    await writeRecordsSeen(tx, p);
  },
  'mastodon.report_state': async (tx, p) => {
    await writeReportState(tx, p);
  },
};

/** Applies entries, in log order, to the connectors. */
export async function replayMastodon(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
