import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openEmbedded, openPostgres, type Store } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';

export interface BenchStore {
  name: 'embedded' | 'postgres';
  store: Store;
  dispose(): Promise<void>;
}

/** The embedded store on disk (as the product runs it), in a fresh folder. */
export async function embeddedBenchStore(): Promise<BenchStore> {
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-'));
  const store = await openEmbedded(join(dir, 'pglite'));
  await migrate(store.db);
  return {
    name: 'embedded',
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const BENCH_DATABASE = 'docket_bench';

/** A fresh `docket_bench` database on the given server, or null (with the reason) when it cannot be reached. */
export async function postgresBenchStore(url: string): Promise<BenchStore | { skipped: string }> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `PostgreSQL at ${url} not reachable (${(error as Error).message})` };
  }
  await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
  await admin.query(`create database ${BENCH_DATABASE}`);
  const target = new URL(url);
  target.pathname = `/${BENCH_DATABASE}`;
  const store = await openPostgres(target.toString(), 16);
  await migrate(store.db);
  return {
    name: 'postgres',
    store,
    dispose: async () => {
      await store.close();
      await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
      await admin.end();
    },
  };
}
