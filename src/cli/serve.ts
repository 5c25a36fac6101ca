import type { Docket } from '../app.js';
import type { Config } from '../core/config.js';
import { DEMO_TOKEN, DEMO_USERS, demoPassword, seedDemo } from '../demo/seed.js';
import { sweepEndedWindows } from '../http/rate-limit-store.js';
import { buildServer } from '../http/server.js';
import { startPolling } from '../core/polling.js';
import { settleAgedCases } from '../moderation/queue-order.js';
import { DEFAULT_MODERATION_RULES } from '../moderation/rules.js';
import { openForCommand } from './store-access.js';

/** `docket serve`: migrate, seed what a first start needs, listen, and shut down gracefully on a signal. */
export async function serve(config: Config): Promise<void> {
  const { docket, release } = await openForCommand(config);
  const say = (line = '') => process.stdout.write(`${line}\n`);
  try {
    say(`Docket: store ${docket.store.location}`);
    if (config.demo) await announceDemo(docket, say);
    else await ensureFirstAdmin(docket, say);
    say(`Public log signing key: Ed25519 ${docket.transparency.key.keyId} (x=${docket.transparency.key.x})`);
    const app = await buildServer(docket);
    const stopDeliveries = startPolling('webhook deliveries', () => docket.webhooks.deliverDue(), config.webhookPollMs, app.log);
    const stopScheduler = startPolling('scheduled reviews', async () => ({
      ...(await docket.restrictions.runDue()),
      ...(await docket.board.followUp.runDue()),
      // After the due work, whose flags are public entries: sign the public log's head if it moved.
      checkpoints: (await docket.transparency.checkpoint()) ? 1 : 0,
    }), config.schedulerPollMs, app.log);
    // Housekeeping, never logged unless it fails: the rate-limit counts whose window has ended, and the queue's
    // cases whose age factor reached its ceiling (they leave the young run's index).
    const stopSweeping = startPolling('rate-limit windows', async () => {
      await sweepEndedWindows(docket.store.db, docket.clock.now());
      await settleAgedCases(docket.store.db, docket.clock.now(), DEFAULT_MODERATION_RULES);
      return {};
    }, config.schedulerPollMs, app.log);
    app.addHook('onClose', async () => {
      await stopDeliveries();
      await stopScheduler();
      await stopSweeping();
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    say(`Docket is running at ${base}  (API docs: ${base}/api/docs)`);

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        say(`${signal} again: exiting now`);
        process.exit(130);
      }
      stopping = true;
      say(`${signal}: finishing requests in flight, then stopping`);
      await app.close();
      await release();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  } catch (error) {
    await release();
    throw error;
  }
}

async function announceDemo(docket: Docket, say: (line?: string) => void): Promise<void> {
  const { seeded } = await seedDemo(docket);
  say(seeded ? 'Demo data: seeded (first start).' : 'Demo data: already present.');
  await docket.transparency.checkpoint();
  say('');
  say('DEMO MODE: these accounts and the token below are public and for local demos only. Never expose a demo to a network.');
  for (const user of DEMO_USERS) say(`  ${user.username.padEnd(12)} password ${demoPassword(user.username).padEnd(24)} ${user.roles.join(', ')}`);
  say(`  integration token for the demo platform "lumen": ${DEMO_TOKEN}`);
  say('');
}

async function ensureFirstAdmin(docket: Docket, say: (line?: string) => void): Promise<void> {
  if ((await docket.access.countUsers()) > 0) return;
  const { password } = await docket.access.createUser('system:bootstrap', { username: 'admin', displayName: 'Administrator', roles: ['admin'] });
  say('');
  say('First start: created the user "admin" with this one-time password (shown only now; it must be changed at first sign-in):');
  say(`  ${password}`);
  say('');
}
