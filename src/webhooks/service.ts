import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, lt, not, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { CommandContext, CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { IdSource } from '../core/ids.js';
import type { OutboxMessage, OutboxQueue, SendResult, Sender } from '../core/outbox.js';
import type { Db } from '../store/database.js';
import { retryDelaySeconds, signatureHeader, type DeliveryRules } from './rules.js';
import type { Delivery, EndpointSet, WebhookEndpoint } from './contract.js';
import { outbox, webhookDeliveries, webhookEndpoints } from './tables.js';

export type WebhookService = ReturnType<typeof createWebhookService>;

/** What one run of the sender did: messages delivered, to be retried, failed for good, and held back unsent. */
export interface DeliveryTally {
  delivered: number;
  retrying: number;
  failed: number;
  notSent: number;
}

const TIMEOUT_MS = 10_000;
/** Beyond the batch's worst case, before a claimed message may be retried by another process. */
const CLAIM_MARGIN_MS = 30_000;

/**
 * How long a claimed batch stays with the process that claimed it: its messages go out one after another, so the
 * last is sent only after every one before it, each taking up to the timeout. A shorter lease would let another
 * process claim the rest of a batch still being sent to a slow endpoint, and send them twice.
 */
const claimLeaseMs = (messages: number): number => messages * TIMEOUT_MS + CLAIM_MARGIN_MS;
/** Claims in one run of the sender, at most: each settles the ordered messages the one before let through. */
const MAX_ROUNDS = 10;

export function createWebhookService(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  ids: IdSource;
  rules: DeliveryRules;
  /** The connectors' senders, by transport name; webhooks are sent by the service itself. */
  transports?: Record<string, Sender>;
}) {
  const { db, run, clock, ids, rules } = deps;
  const transports = deps.transports ?? {};

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

  /** A message that was never sent, in the delivery log: attempt 0, no answer, and why. */
  async function logUnsent(
    ctx: CommandContext,
    message: { id: string; platform: string },
    reason: string,
  ): Promise<void> {
    await ctx.tx.insert(webhookDeliveries).values({
      id: ids.next(),
      outboxId: message.id,
      platform: message.platform,
      attempt: 0,
      at: ctx.now,
      status: null,
      error: reason,
      durationMs: 0,
    });
  }

  /** The outbox for a connector's transport: its calls, what it could not send, and withdrawing what is pending. */
  const queue: OutboxQueue = {
    async enqueue(ctx, call) {
      await ctx.tx.insert(outbox).values({
        id: ids.next(),
        platform: call.platform,
        transport: call.transport,
        orderingKey: call.orderingKey ?? null,
        groupRef: call.groupRef ?? null,
        type: call.type,
        purpose: call.purpose,
        payload: call.payload,
        createdAt: ctx.now,
        nextAttemptAt: call.notBefore ?? ctx.now,
      });
    },
    async notSent(ctx, call, reason) {
      const id = ids.next();
      await ctx.tx.insert(outbox).values({
        id,
        platform: call.platform,
        transport: call.transport,
        groupRef: call.groupRef ?? null,
        type: call.type,
        purpose: call.purpose,
        payload: call.payload,
        createdAt: ctx.now,
        nextAttemptAt: ctx.now,
        failedAt: ctx.now,
        lastError: reason,
      });
      await logUnsent(ctx, { id, platform: call.platform }, reason);
    },
    async withdrawPending(ctx, transport, groupRef, reason) {
      const withdrawn = await ctx.tx
        .update(outbox)
        .set({ failedAt: ctx.now, lastError: reason, lockedUntil: null })
        .where(
          and(
            eq(outbox.groupRef, groupRef),
            eq(outbox.transport, transport),
            isNull(outbox.deliveredAt),
            isNull(outbox.failedAt),
            gt(outbox.nextAttemptAt, ctx.now),
            eq(outbox.attempts, 0),
          ),
        )
        .returning({ id: outbox.id, platform: outbox.platform });
      for (const row of withdrawn) await logUnsent(ctx, row, reason);
      return withdrawn.length;
    },
  };

  /** A webhook: the message posted, signed, to the platform's endpoint. */
  async function sendWebhook(message: OutboxMessage, url: string, secret: string): Promise<SendResult> {
    const body = JSON.stringify({
      id: message.id,
      type: message.type,
      createdAt: message.createdAt.toISOString(),
      data: message.payload,
    });
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
      await response.body?.cancel();
      return response.ok
        ? { outcome: 'delivered', status: response.status, error: null, retryInSeconds: null }
        : { outcome: 'retrying', status: response.status, error: `HTTP ${response.status}`, retryInSeconds: null };
    } catch (failure) {
      const error =
        (failure as Error).name === 'TimeoutError'
          ? `no answer within ${TIMEOUT_MS / 1000} s`
          : (failure as Error).message;
      return { outcome: 'retrying', status: null, error, retryInSeconds: null };
    }
  }

  // A message waits while an earlier one with its ordering key is still unsettled.
  const overtakes = sql`exists (
    select 1 from ${outbox} as earlier
    where earlier.ordering_key = ${outbox.orderingKey} and earlier.seq < ${outbox.seq}
      and earlier.delivered_at is null and earlier.failed_at is null)`;

  /**
   * Sends what is due: claims up to `limit` messages (rows other workers hold are skipped, so several processes
   * can run this), sends each by its transport, and records the attempt; failures are retried with backoff until
   * the attempts run out. A message whose transport this process lacks, or whose platform has no webhook endpoint
   * any more, stays where it is.
   */
  async function deliverDue(limit = 20): Promise<DeliveryTally> {
    // A message that waited for an earlier one of its ordering key is due once that one settles: claim again
    // (a bounded number of rounds) so calls on one account go out in one run, one after another.
    const tally: DeliveryTally = { delivered: 0, retrying: 0, failed: 0, notSent: 0 };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const sent = await deliverRound(limit);
      tally.delivered += sent.delivered;
      tally.retrying += sent.retrying;
      tally.failed += sent.failed;
      tally.notSent += sent.notSent;
      if (sent.delivered + sent.failed + sent.notSent === 0 || !sent.ordered) break;
    }
    return tally;
  }

  async function deliverRound(limit: number): Promise<DeliveryTally & { ordered: boolean }> {
    const now = clock.now();
    const claimed = await db.transaction(async (tx) => {
      const due = await tx
        .select({ message: outbox, url: webhookEndpoints.url, secret: webhookEndpoints.secret })
        .from(outbox)
        .leftJoin(webhookEndpoints, eq(webhookEndpoints.platform, outbox.platform))
        .where(
          and(
            isNull(outbox.deliveredAt),
            isNull(outbox.failedAt),
            lte(outbox.nextAttemptAt, now),
            or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
            or(
              and(eq(outbox.transport, 'webhook'), isNotNull(webhookEndpoints.url)),
              inArray(outbox.transport, Object.keys(transports).length > 0 ? Object.keys(transports) : ['']),
            ),
            or(isNull(outbox.orderingKey), not(overtakes)),
          ),
        )
        .orderBy(outbox.nextAttemptAt, outbox.seq)
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

    const tally = {
      delivered: 0,
      retrying: 0,
      failed: 0,
      notSent: 0,
      ordered: claimed.some((c) => c.message.orderingKey !== null),
    };
    for (const { message, url, secret } of claimed) {
      const attempt = message.attempts + 1;
      const started = Date.now();
      const sender = transports[message.transport];
      const sent =
        message.transport === 'webhook'
          ? await sendWebhook(message as OutboxMessage, url ?? '', secret ?? '')
          : sender
            ? await sender(message as OutboxMessage, attempt)
            : {
                outcome: 'retrying' as const,
                status: null,
                error: `no ${message.transport} sender`,
                retryInSeconds: null,
              };
      const at = clock.now();
      const outcome = sent.outcome === 'retrying' && attempt >= rules.maxAttempts ? 'failed' : sent.outcome;
      // A message the sender held back when it came due was never sent: attempt 0, like the ones not planned.
      const tried = outcome === 'not_sent' ? message.attempts : attempt;
      const waitSeconds = Math.max(retryDelaySeconds(attempt, rules), sent.retryInSeconds ?? 0);
      await db.transaction(async (tx) => {
        await tx.insert(webhookDeliveries).values({
          id: ids.next(),
          outboxId: message.id,
          platform: message.platform,
          attempt: outcome === 'not_sent' ? 0 : attempt,
          at,
          status: sent.status,
          error: sent.error,
          durationMs: Date.now() - started,
        });
        await tx
          .update(outbox)
          .set({
            attempts: tried,
            lockedUntil: null,
            lastError: sent.error,
            ...(outcome === 'delivered' ? { deliveredAt: at } : {}),
            ...(outcome === 'failed' || outcome === 'not_sent' ? { failedAt: at } : {}),
            ...(outcome === 'retrying' ? { nextAttemptAt: new Date(at.getTime() + waitSeconds * 1000) } : {}),
          })
          .where(eq(outbox.id, message.id));
      });
      tally[outcome === 'not_sent' ? 'notSent' : outcome] += 1;
    }
    return tally;
  }

  /** The delivery log, newest first. */
  async function deliveries(platform: string | undefined, limit: number): Promise<Delivery[]> {
    const rows = await db
      .select({
        delivery: webhookDeliveries,
        type: outbox.type,
        transport: outbox.transport,
        purpose: outbox.purpose,
        attempts: outbox.attempts,
        deliveredAt: outbox.deliveredAt,
        failedAt: outbox.failedAt,
        nextAttemptAt: outbox.nextAttemptAt,
      })
      .from(webhookDeliveries)
      .innerJoin(outbox, eq(outbox.id, webhookDeliveries.outboxId))
      .where(platform ? eq(webhookDeliveries.platform, platform) : undefined)
      .orderBy(desc(webhookDeliveries.at))
      .limit(limit);
    return rows.map(({ delivery, type, transport, purpose, attempts, deliveredAt, failedAt, nextAttemptAt }) => ({
      messageId: delivery.outboxId,
      platform: delivery.platform,
      type,
      transport,
      purpose,
      attempt: delivery.attempt,
      at: delivery.at.toISOString(),
      status: delivery.status,
      error: delivery.error,
      durationMs: delivery.durationMs,
      state: deliveredAt
        ? ('delivered' as const)
        : failedAt
          ? attempts === 0
            ? ('not_sent' as const)
            : ('failed' as const)
          : ('retrying' as const),
      nextAttemptAt: deliveredAt || failedAt ? null : nextAttemptAt.toISOString(),
    }));
  }

  return { setEndpoint, endpoints, enqueue, queue, deliverDue, deliveries };
}
