import type { FastifyBaseLogger } from 'fastify';
import type { WebhookService } from './service.js';

/** Polls the outbox every `intervalMs` in this process (several processes may poll one PostgreSQL). */
export function startDeliveryLoop(webhooks: WebhookService, intervalMs: number, log: FastifyBaseLogger): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = webhooks
      .deliverDue()
      .then((tally) => {
        if (tally.delivered + tally.retrying + tally.failed > 0) log.info({ webhooks: tally }, 'webhook deliveries');
      })
      .catch((error: unknown) => log.error({ err: error }, 'webhook delivery loop failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
