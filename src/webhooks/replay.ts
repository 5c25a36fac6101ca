import type { ChainEntry } from '../core/chain.js';
import { applyReplay, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { webhookEndpoints } from './tables.js';

/**
 * What stands in for an endpoint's signing secret, which the log never holds: a rebuilt endpoint needs a new one
 * (PUT /api/webhooks/:platform) before its platform can trust what it receives.
 */
export const REPLAYED_WEBHOOK_SECRET = '';

/**
 * The platforms' webhook endpoints from their events, without their secrets. The outbox and the delivery attempts
 * are delivery state, not rebuilt (test/event-replay.test.ts says why).
 */
const handlers: ReplayHandlers = {
  // The first setting creates the endpoint; a later one moves it (its creation time stays).
  'webhook.endpoint_set': async (tx, p, e) => {
    await tx
      .insert(webhookEndpoints)
      .values({ platform: p.platform, url: p.url, secret: REPLAYED_WEBHOOK_SECRET, createdAt: new Date(e.at) })
      .onConflictDoUpdate({ target: webhookEndpoints.platform, set: { url: p.url } });
  },
};

/** Applies entries, in log order, to the webhook endpoints. */
export async function replayWebhooks(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
