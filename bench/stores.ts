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
  /** Where other processes reach the same database (PostgreSQL only). */
  databaseUrl?: string;
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

/** A database of its own on a PostgreSQL server, reached at `url`; `drop` removes it and closes the admin connection. */
export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates `name` (dropping a leftover of that name first) on the server at `url`, or says why not. Each bench run
 * names its databases after its process id, so two runs on one server never drop each other's.
 */
export async function freshDatabase(url: string, name: string): Promise<FreshDatabase | Skipped> {
  const admin = new pg.Client({ connectionString: url });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    return { skipped: `PostgreSQL at ${redactUrl(url)} is not reachable (${(error as Error).message})` };
  }
  const dropDatabase = () => admin.query(`drop database if exists ${name} with (force)`);
  try {
    await dropDatabase();
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      try {
        await dropDatabase();
      } finally {
        await admin.end();
      }
    },
  };
}

/** The name of this run's database for `purpose` (`docket_bench_<pid>`, `bench_peer_<pid>`). */
export const runDatabaseName = (purpose: string): string => `${purpose}_${process.pid}`;

/** A fresh, migrated `docket_bench_<pid>` database on the server at `url` (dropped by `dispose`), or why it was skipped. */
export async function postgresBenchStore(url: string): Promise<BenchStore | Skipped> {
  const database = await freshDatabase(url, runDatabaseName('docket_bench'));
  if ('skipped' in database) return database;
  const dispose = async (store?: Store) => {
    try {
      await store?.close();
    } finally {
      await database.drop();
    }
  };
  let store: Store | undefined;
  try {
    store = await openPostgres(database.url, 16);
    await migrate(store.db);
    const opened = store;
    return {
      name: 'postgres',
      store: opened,
      raw: rawClientOf(opened.db),
      databaseUrl: database.url,
      dispose: () => dispose(opened),
    };
  } catch (error) {
    await dispose(store);
    throw error;
  }
}
