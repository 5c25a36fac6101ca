import pg from 'pg';
import type { Docket } from '../app.js';
import type { Config } from '../core/config.js';
import { DEMO_TOKEN, DEMO_USERS, demoPassword, seedDemo } from '../demo/seed.js';
import { openForCommand } from './store-access.js';

export type Say = (line?: string) => void;

/** Advisory-lock key held while one process sets up what a first start needs (migrations use their own key). */
const FIRST_START_LOCK_KEY = 4_242_002;

/**
 * Opens the store for serving and does, once, what a first start needs: the default policy library, then the demo
 * data or the first administrator. On PostgreSQL several processes may start together on a fresh database (a
 * cluster's primary beside other hosts): each waits for a session advisory lock held on a connection of its own,
 * so the second finds the first's users and policies instead of racing it to create them.
 */
export async function openPrepared(config: Config, say: Say): Promise<{ docket: Docket; release(): Promise<void> }> {
  return oneAtATime(config, async () => {
    const opened = await openForCommand(config);
    try {
      say(`Docket: store ${opened.docket.store.location}`);
      if (config.demo) await announceDemo(opened.docket, say);
      else await ensureFirstAdmin(opened.docket, say);
      return opened;
    } catch (error) {
      await opened.release();
      throw error;
    }
  });
}

async function oneAtATime<T>(config: Config, work: () => Promise<T>): Promise<T> {
  // The embedded store is locked to one process already (store-access.ts).
  if (!config.databaseUrl) return work();
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [FIRST_START_LOCK_KEY]);
    return await work();
  } finally {
    // Ending the session releases its advisory lock (so does the process dying: PostgreSQL ends the session).
    await client.end();
  }
}

async function announceDemo(docket: Docket, say: Say): Promise<void> {
  const { seeded } = await seedDemo(docket);
  say(seeded ? 'Demo data: seeded (first start).' : 'Demo data: already present.');
  await docket.transparency.checkpoint();
  say('');
  say(
    'DEMO MODE: these accounts and the token below are public and for local demos only. Never expose a demo to a network.',
  );
  for (const user of DEMO_USERS)
    say(`  ${user.username.padEnd(12)} password ${demoPassword(user.username).padEnd(24)} ${user.roles.join(', ')}`);
  say(`  integration token for the demo platform "lumen": ${DEMO_TOKEN}`);
  say('');
}

async function ensureFirstAdmin(docket: Docket, say: Say): Promise<void> {
  if ((await docket.access.countUsers()) > 0) return;
  const { password } = await docket.access.createUser('system:bootstrap', {
    username: 'admin',
    displayName: 'Administrator',
    roles: ['admin'],
  });
  say('');
  say(
    'First start: created the user "admin" with this one-time password (shown only now; it must be changed at first sign-in):',
  );
  say(`  ${password}`);
  say('');
}
