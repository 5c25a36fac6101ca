import cluster from 'node:cluster';
import type { Docket } from '../app.js';
import type { Config } from '../core/config.js';
import { DocketError } from '../core/errors.js';
import { sweepEndedWindows } from '../http/rate-limit-store.js';
import { buildServer } from '../http/server.js';
import { startPolling } from '../core/polling.js';
import { settleAgedCases } from '../moderation/queue-order.js';
import { dsaSubmissionWork } from '../transparency/dsa/submissions.js';
import { DEFAULT_MODERATION_RULES } from '../moderation/rules.js';
import { openPrepared, type Say } from './first-start.js';
import { openForCommand } from './store-access.js';
import { STOP_MESSAGE, superviseWorkers } from './workers.js';

export interface ServeOptions {
  /** Processes serving requests; more than one needs PostgreSQL. */
  workers: number;
}

interface Opened {
  docket: Docket;
  release(): Promise<void>;
}

/**
 * `docket serve`: migrate, seed what a first start needs, listen, and shut down gracefully on a signal. With
 * `--workers N` (PostgreSQL) this process prepares the store once, then forks N workers that listen on one port;
 * every worker polls for due work, which each job claims so that it runs once.
 */
export async function serve(config: Config, options: ServeOptions = { workers: 1 }): Promise<void> {
  const say: Say = (line = '') => process.stdout.write(`${line}\n`);
  if (options.workers > 1 && !config.databaseUrl) {
    throw new DocketError(
      'validation_failed',
      `--workers ${options.workers}: the embedded store is one process's database; serve with one worker, or run Docket on PostgreSQL (DATABASE_URL) to use several`,
      [{ field: '--workers', message: 'more than 1 needs PostgreSQL' }],
    );
  }
  if (cluster.isWorker) return serveAsWorker(config, say);

  const opened = await openPrepared(config, say);
  say(
    `Public log signing key: Ed25519 ${opened.docket.transparency.key.keyId} (x=${opened.docket.transparency.key.x})`,
  );
  if (options.workers === 1) {
    await serveRequests(config, opened, say, { announce: true });
    return;
  }
  // The workers open the store themselves; the primary keeps no connection.
  await opened.release();
  say(`Starting ${options.workers} workers.`);
  const port = await superviseWorkers(options.workers, say);
  say(runningLine(config, port));
}

async function serveAsWorker(config: Config, say: Say): Promise<void> {
  let stop: (() => void) | null = null;
  // Asked to stop before serving (the primary stopping while this worker starts): nothing is in flight yet.
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) (stop ?? (() => process.exit(0)))();
  });
  stop = await serveRequests(config, await openForCommand(config), say, { announce: false });
}

/** Listens and polls for due work until a signal; returns how to stop gracefully when asked (not by a signal). */
async function serveRequests(
  config: Config,
  { docket, release }: Opened,
  say: Say,
  options: { announce: boolean },
): Promise<() => void> {
  try {
    const app = await buildServer(docket);
    const stopDeliveries = startPolling(
      'outbox deliveries',
      async () => ({ ...(await docket.webhooks.deliverDue()) }),
      config.webhookPollMs,
      app.log,
    );
    const stopScheduler = startPolling(
      'scheduled reviews',
      async () => ({
        ...(await docket.restrictions.runDue()),
        ...(await docket.board.followUp.runDue()),
        // After the due work, whose flags are public entries: sign the public log's head if it moved.
        checkpoints: (await docket.transparency.checkpoint()) ? 1 : 0,
      }),
      config.schedulerPollMs,
      app.log,
    );
    // The public log's witnesses are asked to cosign each new checkpoint, apart from the scheduler: one may be slow.
    const stopWitnessing = docket.transparency.witnesses.configured
      ? startPolling(
          'witness cosignatures',
          async () => ({ ...(await docket.transparency.witnesses.collect()) }),
          config.schedulerPollMs,
          app.log,
        )
      : null;
    // Housekeeping, never logged unless it fails: events a process committed and died before chaining (any
    // command's pass would chain them too, but the log may be idle), the rate-limit counts whose window has ended,
    // and the queue's cases whose age factor reached its ceiling (they leave the young run's index).
    const stopSweeping = startPolling(
      'housekeeping',
      async () => {
        await docket.sequencer.settle();
        await sweepEndedWindows(docket.store.db, docket.clock.now());
        await settleAgedCases(docket.store.db, docket.clock.now(), DEFAULT_MODERATION_RULES);
        return {};
      },
      config.schedulerPollMs,
      app.log,
    );
    // Statements of reasons to the EU DSA Transparency Database: every process polls; each batch is claimed once.
    const stopSubmissions = docket.dsaSubmitter
      ? startPolling('DSA submissions', dsaSubmissionWork(docket.dsaSubmitter, app.log), config.webhookPollMs, app.log)
      : null;
    if (!stopSubmissions && options.announce) {
      say(
        'Submission to the DSA Transparency Database is off: set DOCKET_DSA_TDB_URL and DOCKET_DSA_TDB_TOKEN to turn it on.',
      );
    }
    app.addHook('onClose', async () => {
      await stopSubmissions?.();
      await stopWitnessing?.();
      await stopDeliveries();
      await stopScheduler();
      await stopSweeping();
    });
    await app.listen({ port: config.port, host: config.host });
    if (options.announce) {
      const address = app.server.address();
      say(runningLine(config, typeof address === 'object' && address ? address.port : config.port));
    }

    let stopping = false;
    const stop = async (why: string, again: 'exit' | 'ignore') => {
      if (stopping) {
        if (again === 'ignore') return;
        say(`${why} again: exiting now`);
        process.exit(130);
      }
      stopping = true;
      say(`${why}: finishing requests in flight, then stopping`);
      await app.close();
      await release();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT', 'exit'));
    process.on('SIGTERM', () => void stop('SIGTERM', 'exit'));
    return () => void stop('Asked by the primary', 'ignore');
  } catch (error) {
    await release();
    throw error;
  }
}

function runningLine(config: Config, port: number): string {
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  return `Docket is running at ${base}  (API docs: ${base}/api/docs)`;
}
