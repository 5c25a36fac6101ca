import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `work` every `intervalMs` in this process, never two at once; the work itself claims rows with
 * SKIP LOCKED, so several processes may poll one PostgreSQL. Returns a stop function that waits for a run in flight.
 */
export function startPolling(
  label: string,
  work: () => Promise<Record<string, number>>,
  intervalMs: number,
  log: FastifyBaseLogger,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .then((tally) => {
        if (Object.values(tally).some((n) => n > 0)) log.info({ [label]: tally }, label);
      })
      .catch((error: unknown) => log.error({ err: error }, `${label} failed`))
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
