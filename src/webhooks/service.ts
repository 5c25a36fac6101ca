import { and, desc, eq, inArray, isNull, lte, or, lt } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { CommandContext, CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { IdSource } from '../core/ids.js';
import type { Db } from '../store/database.js';
import { retryDelaySeconds, signatureHeader, type DeliveryRules } from './rules.js';
import type { Delivery, EndpointSet, WebhookEndpoint } from './contract.js';
import { outbox, webhookDeliveries, webhookEndpoints } from './tables.js';

export type WebhookService = ReturnType<typeof createWebhookService>;

const TIMEOUT_MS = 10_000;
/** Beyond the batch's worst case, before a claimed message may be retried by another process. */
const CLAIM_MARGIN_MS = 30_000;

/**
 * How long a claimed batch stays with the process that claimed it: its messages go out one after another, so the
 * last is sent only after every one before it, each taking up to the timeout. A shorter lease would let another
 * process claim the rest of a batch still being sent to a slow endpoint, and send them twice.
 */
const claimLeaseMs = (messages: number): number => messages * TIMEOUT_MS + CLAIM_MARGIN_MS;

export function createWebhookService(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  ids: IdSource;
  rules: DeliveryRules;
}) {
  const { db, run, clock, ids, rules } = deps;

  async function setEndpoint(actor: string, platform: string, url: string, secret?: string): Promise<EndpointSet> {
    // The schema's "uri" format takes some addresses (`http://`) that WHATWG URL parsing, and so fetch, refuses.
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (!parsed)
      throw new DocketError('validation_failed', `"${url}" is not a URL a webhook can be sent to`, [
        { field: '/url', message: 'not a URL' },
      ]);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new DocketError('validation_failed', 'a webhook URL is http(s)', [
        { field: '/url', message: 'not http(s)' },
      ]);
    const chosen = secret ?? randomBytes(32).toString('base64url');
    return run(actor, async ({ tx, now, record }) => {
      await tx
        .insert(webhookEndpoints)
        .values({ platform, url, secret: chosen, createdAt: now })
        .onConflictDoUpdate({ target: webhookEndpoints.platform, set: { url, secret: chosen } });
      record('webhook.endpoint_set', `webhook/${platform}`, { platform, url });
      return { platform, url, secret: secret === undefined ? chosen : null };
    });
  }

  async function endpoints(): Promise<WebhookEndpoint[]> {
    const rows = await db
      .select({ platform: webhookEndpoints.platform, url: webhookEndpoints.url, createdAt: webhookEndpoints.createdAt })
      .from(webhookEndpoints);
    return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  }

  /** Queues a message for a platform inside the caller's command, if the platform receives webhooks. */
  async function enqueue(
    ctx: CommandContext,
    platform: string,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const [endpoint] = await ctx.tx
      .select({ platform: webhookEndpoints.platform })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.platform, platform));
    if (!endpoint) return;
    await ctx.tx
      .insert(outbox)
      .values({ id: ids.next(), platform, type, payload, createdAt: ctx.now, nextAttemptAt: ctx.now });
  }

  /**
   * Sends what is due: claims up to `limit` messages (rows other workers hold are skipped, so several processes
   * can run this), posts each one signed, and records the attempt; failures are retried with backoff until the
   * attempts run out.
   */
  async function deliverDue(limit = 20): Promise<{ delivered: number; retrying: number; failed: number }> {
    const now = clock.now();
    const claimed = await db.transaction(async (tx) => {
      const due = await tx
        .select({ message: outbox, url: webhookEndpoints.url, secret: webhookEndpoints.secret })
        .from(outbox)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.platform, outbox.platform))
        .where(
          and(
            isNull(outbox.deliveredAt),
            isNull(outbox.failedAt),
            lte(outbox.nextAttemptAt, now),
            or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
          ),
        )
        .orderBy(outbox.nextAttemptAt)
        .limit(limit)
        .for('update', { of: outbox, skipLocked: true });
      if (due.length > 0) {
        const lease = new Date(now.getTime() + claimLeaseMs(due.length));
        await tx
          .update(outbox)
          .set({ lockedUntil: lease })
          .where(
            inArray(
              outbox.id,
              due.map(({ message }) => message.id),
            ),
          );
      }
      return due;
    });

    const tally = { delivered: 0, retrying: 0, failed: 0 };
    for (const { message, url, secret } of claimed) {
      const attempt = message.attempts + 1;
      const body = JSON.stringify({
        id: message.id,
        type: message.type,
        createdAt: message.createdAt.toISOString(),
        data: message.payload,
      });
      const started = Date.now();
      let status: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-docket-event': message.type,
            'x-docket-delivery': message.id,
            'x-docket-signature': signatureHeader(secret, Math.floor(clock.now().getTime() / 1000), body),
          },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        status = response.status;
        await response.body?.cancel();
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (failure) {
        error =
          (failure as Error).name === 'TimeoutError'
            ? `no answer within ${TIMEOUT_MS / 1000} s`
            : (failure as Error).message;
      }
      const at = clock.now();
      const outcome = error === null ? 'delivered' : attempt >= rules.maxAttempts ? 'failed' : 'retrying';
      await db.transaction(async (tx) => {
        await tx.insert(webhookDeliveries).values({
          id: ids.next(),
          outboxId: message.id,
          platform: message.platform,
          attempt,
          at,
          status,
          error,
          durationMs: Date.now() - started,
        });
        await tx
          .update(outbox)
          .set({
            attempts: attempt,
            lockedUntil: null,
            lastError: error,
            ...(outcome === 'delivered' ? { deliveredAt: at } : {}),
            ...(outcome === 'failed' ? { failedAt: at } : {}),
            ...(outcome === 'retrying'
              ? { nextAttemptAt: new Date(at.getTime() + retryDelaySeconds(attempt, rules) * 1000) }
              : {}),
          })
          .where(eq(outbox.id, message.id));
      });
      tally[outcome] += 1;
    }
    return tally;
  }

  /** The delivery log, newest first. */
  async function deliveries(platform: string | undefined, limit: number): Promise<Delivery[]> {
    const rows = await db
      .select({
        delivery: webhookDeliveries,
        type: outbox.type,
        deliveredAt: outbox.deliveredAt,
        failedAt: outbox.failedAt,
        nextAttemptAt: outbox.nextAttemptAt,
      })
      .from(webhookDeliveries)
      .innerJoin(outbox, eq(outbox.id, webhookDeliveries.outboxId))
      .where(platform ? eq(webhookDeliveries.platform, platform) : undefined)
      .orderBy(desc(webhookDeliveries.at))
      .limit(limit);
    return rows.map(({ delivery, type, deliveredAt, failedAt, nextAttemptAt }) => ({
      messageId: delivery.outboxId,
      platform: delivery.platform,
      type,
      attempt: delivery.attempt,
      at: delivery.at.toISOString(),
      status: delivery.status,
      error: delivery.error,
      durationMs: delivery.durationMs,
      state: deliveredAt ? ('delivered' as const) : failedAt ? ('failed' as const) : ('retrying' as const),
      nextAttemptAt: deliveredAt || failedAt ? null : nextAttemptAt.toISOString(),
    }));
  }

  return { setEndpoint, endpoints, enqueue, deliverDue, deliveries };
}
