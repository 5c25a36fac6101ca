import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { DocketError } from '../core/errors.js';
import * as schema from './schema.js';

export type Schema = typeof schema;

/**
 * The database handle every service receives. PGlite's and node-postgres' Drizzle databases, and a transaction
 * of either, all satisfy it, which is what lets one codebase run on both stores.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type StoreKind = 'embedded' | 'postgres';

export interface Store {
  readonly kind: StoreKind;
  readonly db: Db;
  /**
   * Where the public reads go: a streaming replica's database when one is configured (it may lag behind db), else db
   * itself. Nothing writes through it.
   */
  readonly readDb: Db;
  /** Where the data lives, without credentials (for logs and `docket` output). */
  readonly location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL connection string; when absent the embedded store is used. */
  databaseUrl?: string | undefined;
  /** A streaming replica of databaseUrl's database, for the public reads; only with databaseUrl. */
  databaseReadUrl?: string | undefined;
  /** Docket's data folder (the embedded database lives in its `pglite/`), or `memory` for a throw-away one. */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.databaseReadUrl);
  if (options.databaseReadUrl)
    throw new DocketError(
      'validation_failed',
      'a read replica needs a PostgreSQL primary: the embedded store has no replicas',
    );
  const dataDir = options.dataDir ?? 'memory';
  if (dataDir === 'memory') return openEmbedded(dataDir);
  // Opening an absent folder creates an empty store: after an interrupted restore that would hide the data.
  if (!existsSync(join(dataDir, 'pglite')) && existsSync(join(dataDir, 'pglite.restored'))) {
    throw new DocketError(
      'unavailable',
      `a restore into ${dataDir} was interrupted: the restored store is in pglite.restored (the one it replaced in pglite.replaced-*); rename it to pglite, or run docket restore again`,
    );
  }
  return openEmbedded(join(dataDir, 'pglite'));
}

/** `loadDataDir` starts the store from a dumped data folder (a backup being restored) instead of an empty one. */
export async function openEmbedded(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<Store> {
  const client = dataDir === 'memory' ? new PGlite(options) : new PGlite(dataDir, options);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'embedded',
    db,
    readDb: db,
    location: dataDir === 'memory' ? 'embedded (in memory)' : `embedded (${dataDir})`,
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

export async function openPostgres(databaseUrl: string, poolSize: number, databaseReadUrl?: string): Promise<Store> {
  const primary = await openPool(databaseUrl, poolSize);
  // The replica's pool is as large as the primary's: the public site is most of the traffic it takes off it.
  const replica = databaseReadUrl ? await openReplica(databaseReadUrl, poolSize, primary.pool) : null;
  return {
    kind: 'postgres',
    db: primary.db,
    readDb: replica?.db ?? primary.db,
    location: `postgres (${redactUrl(databaseUrl)})${databaseReadUrl ? `, public reads from its replica (${redactUrl(databaseReadUrl)})` : ''}`,
    ping: async () => {
      await primary.db.execute(sql`select 1`);
    },
    close: async () => {
      await Promise.all([primary.pool.end(), replica?.pool.end()]);
    },
  };
}

async function openPool(url: string, poolSize: number): Promise<{ pool: pg.Pool; db: Db }> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePostgres(pool, { schema }) as unknown as Db;
  try {
    await db.execute(sql`select 1`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { pool, db };
}

/** Which of the two databases does not answer is the first thing an operator needs to know. */
async function openReplica(url: string, poolSize: number, primary: pg.Pool): Promise<{ pool: pg.Pool; db: Db }> {
  try {
    return await openPool(url, poolSize);
  } catch (error) {
    await primary.end();
    // Drizzle wraps the driver's error ("Failed query: select 1"); the cause says why (refused, unknown database).
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new DocketError(
      'unavailable',
      `the read replica DATABASE_READ_URL (${redactUrl(url)}) does not answer: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
