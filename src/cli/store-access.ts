import { createDocket, type Docket } from '../app.js';
import type { Config } from '../core/config.js';
import { lockEmbeddedStore } from '../store/embedded-lock.js';

/**
 * Opens the configured store for one CLI command: the embedded store is locked first, so a command never opens
 * it behind a running server's back. Migrations are applied on open.
 */
export async function openForCommand(config: Config): Promise<{ docket: Docket; release(): Promise<void> }> {
  const unlock = config.databaseUrl ? () => undefined : lockEmbeddedStore(config.dataDir);
  try {
    const docket = await createDocket({ config });
    // A fresh store gets the default policy library on its first open, whichever command opens it.
    await docket.policies.ensureDefaultLibrary('system:bootstrap');
    return {
      docket,
      release: async () => {
        await docket.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * Runs one CLI command on the store. Commands read and write the primary only: the read replica serves the public
 * site, so `docket migrate` or `verify` must work while it is down or not yet made.
 */
export async function withDocket<T>(config: Config, work: (docket: Docket) => Promise<T>): Promise<T> {
  const { docket, release } = await openForCommand({ ...config, databaseReadUrl: undefined });
  try {
    return await work(docket);
  } finally {
    await release();
  }
}
