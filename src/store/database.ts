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
  /** Where the data lives, without credentials (for logs and `docket` output). */
  readonly location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL connection string; when absent the embedded store is used. */
  databaseUrl?: string | undefined;
  /** Docket's data folder (the embedded database lives in its `pglite/`), or `memory` for a throw-away one. */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  const dataDir = options.dataDir ?? 'memory';
  if (dataDir === 'memory') return openEmbedded(dataDir);
  // Opening an absent folder creates an empty store: after an interrupted restore that would hide the data.
  if (!existsSync(join(dataDir, 'pglite')) && existsSync(join(dataDir, 'pglite.restored'))) {
    throw new DocketError('unavailable', `a restore into ${dataDir} was interrupted: the restored store is in pglite.restored (the one it replaced in pglite.replaced-*); rename it to pglite, or run docket restore again`);
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
    location: dataDir === 'memory' ? 'embedded (in memory)' : `embedded (${dataDir})`,
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

export async function openPostgres(databaseUrl: string, poolSize: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePostgres(pool, { schema }) as unknown as Db;
  await db.execute(sql`select 1`);
  return {
    kind: 'postgres',
    db,
    location: `postgres (${redactUrl(databaseUrl)})`,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
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
