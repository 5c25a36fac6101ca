import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openEmbedded, openPostgres, redactUrl, type Db, type Store } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';

/** The driver under Drizzle (a PGlite, or a pg.Pool): both answer `query(text, params)`. */
export interface RawClient {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

export interface BenchStore {
  name: 'embedded' | 'postgres';
  store: Store;
  /** The same connection(s) as `store.db`, without Drizzle: the raw limit is measured through it. */
  raw: RawClient;
  dispose(): Promise<void>;
}

export interface Skipped {
  skipped: string;
}

/** Drizzle keeps its driver as `$client`; `Db` does not declare it. */
function rawClientOf(db: Db): RawClient {
  const client = (db as unknown as { $client?: RawClient }).$client;
  if (typeof client?.query !== 'function') throw new Error('the Drizzle database exposes no $client to query directly');
  return client;
}

/** The embedded store on disk, as the product runs it, in a fresh temporary folder removed afterwards. */
export async function embeddedBenchStore(): Promise<BenchStore> {
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-'));
  const dispose = async (store?: Store) => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  let store: Store | undefined;
  try {
    store = await openEmbedded(join(dir, 'pglite'));
    await migrate(store.db);
    const opened = store;
    return { name: 'embedded', store: opened, raw: rawClientOf(opened.db), dispose: () => dispose(opened) };
  } catch (error) {
    await dispose(store);
    throw error;
  }
}

const BENCH_DATABASE = 'docket_bench';

/** A fresh, migrated `docket_bench` database on the server at `url` (dropped by `dispose`), or why it was skipped. */
export async function postgresBenchStore(url: string): Promise<BenchStore | Skipped> {
  const admin = new pg.Client({ connectionString: url });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    return { skipped: `PostgreSQL at ${redactUrl(url)} is not reachable (${(error as Error).message})` };
  }
  const dropBenchDatabase = () => admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
  const dispose = async (store?: Store) => {
    try {
      await store?.close();
      await dropBenchDatabase();
    } finally {
      await admin.end();
    }
  };
  let store: Store | undefined;
  try {
    await dropBenchDatabase();
    await admin.query(`create database ${BENCH_DATABASE}`);
    const target = new URL(url);
    target.pathname = `/${BENCH_DATABASE}`;
    store = await openPostgres(target.toString(), 16);
    await migrate(store.db);
    const opened = store;
    return { name: 'postgres', store: opened, raw: rawClientOf(opened.db), dispose: () => dispose(opened) };
  } catch (error) {
    await dispose(store);
    throw error;
  }
}
