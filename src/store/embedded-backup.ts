import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { DocketError } from '../core/errors.js';
import { describeContents, eventCount, type StoreContents } from './contents.js';
import { openEmbedded, type Db, type Store } from './database.js';
import { rowsOf } from './migrate.js';

/** The embedded database's folder inside Docket's data folder (as openStore places it). */
export const embeddedFolder = (dataDir: string): string => join(dataDir, 'pglite');

const holdsDatabase = (folder: string): boolean => existsSync(join(folder, 'PG_VERSION'));

export interface EmbeddedDump {
  contents: StoreContents;
  tool: string;
  /** The data folder as a gzipped tarball (PGlite's `dumpDataDir`). */
  tarball: Buffer;
}

/**
 * Dumps the embedded store's data folder. The caller holds the store's lock, so nothing writes meanwhile; a
 * checkpoint first puts every change into the data files, so the copy opens without replaying its WAL.
 */
export async function dumpEmbedded(dataDir: string): Promise<EmbeddedDump> {
  const folder = embeddedFolder(dataDir);
  if (!holdsDatabase(folder)) throw new DocketError('not_found', `no embedded store in ${dataDir} to back up`);
  const store = await openEmbedded(folder);
  try {
    if ((await eventCount(store.db)) === null)
      throw new DocketError('not_found', `the embedded store in ${dataDir} holds no Docket data`);
    const contents = await describeContents(store.db);
    const client = pgliteOf(store);
    await client.exec('checkpoint');
    const tarball = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    return { contents, tool: await pgliteTool(store.db), tarball };
  } finally {
    await store.close();
  }
}

/** How many events the embedded store in this data folder holds; null when there is none (or no Docket schema). */
export async function embeddedEventCount(dataDir: string): Promise<number | null> {
  const folder = embeddedFolder(dataDir);
  if (!holdsDatabase(folder)) return null;
  const store = await openEmbedded(folder);
  try {
    return await eventCount(store.db);
  } finally {
    await store.close();
  }
}

/**
 * Unpacks the tarball into a folder beside the store and lets `check` inspect it there; only a copy that passes
 * replaces the store, by two renames. A failure before that leaves the store as it was.
 */
export async function loadEmbedded(dataDir: string, tarball: Buffer, check: (db: Db) => Promise<void>): Promise<void> {
  const folder = embeddedFolder(dataDir);
  const staging = `${folder}.restoring`;
  // A restore that was killed leaves its staging folder, or a checked copy it did not move into place: this
  // restore replaces both. (The store a killed restore had moved aside, pglite.replaced-*, is left alone.)
  await rm(staging, { recursive: true, force: true });
  await rm(`${folder}.restored`, { recursive: true, force: true });
  try {
    const restored = await openRestored(staging, tarball);
    try {
      await check(restored.db);
    } finally {
      await restored.close();
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await swapInto(folder, staging);
}

async function openRestored(staging: string, tarball: Buffer): Promise<Store> {
  try {
    return await openEmbedded(staging, { loadDataDir: new Blob([new Uint8Array(tarball)]) });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DocketError(
      'validation_failed',
      `the backup's data folder does not open as a database (${why}); nothing was changed`,
    );
  }
}

/**
 * The checked copy is first renamed `pglite.restored`, then the store moves aside and the copy takes its place.
 * Killed between those two renames, the data folder has no `pglite` but a `pglite.restored`, which openStore
 * refuses to start on (rather than create an empty store) and names.
 */
async function swapInto(folder: string, staging: string): Promise<void> {
  const restored = `${folder}.restored`;
  const previous = `${folder}.replaced-${process.pid}`;
  await rename(staging, restored);
  if (existsSync(folder)) await rename(folder, previous);
  try {
    await rename(restored, folder);
  } catch (error) {
    if (existsSync(previous)) await rename(previous, folder);
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}

/** The PGlite instance behind an embedded store's Drizzle handle (dumping is PGlite's own API, not SQL). */
/** The PGlite client under an embedded store. */
export function pgliteOf(store: Store): PGlite {
  return (store.db as unknown as { $client: PGlite }).$client;
}

async function pgliteTool(db: Db): Promise<string> {
  const [row] = rowsOf<{ version: string }>(await db.execute(sql`select current_setting('server_version') as version`));
  return `PGlite (PostgreSQL ${row?.version ?? 'unknown'})`;
}
