import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { createDocket, type Docket } from '../src/app.js';
import type { Clock } from '../src/core/clock.js';
import { loadConfig, type Config } from '../src/core/config.js';
import { openEmbedded, openPostgres, type Store, type StoreKind } from '../src/store/database.js';

/**
 * One harness runs the same store tests on each store: the embedded store always, PostgreSQL as well when
 * TEST_DATABASE_URL is set (CI sets it). Each PostgreSQL test store is a fresh database cloned from a template
 * that global setup migrated once. Every run names its databases `docket_test_<run>_…`, where the run id starts
 * with the time it began, so two runs on one server never touch each other's databases, and a run can drop
 * what a run killed hours ago left behind.
 */
export const TEST_DATABASE_PREFIX = 'docket_test_';
export const LEFTOVER_AGE_MS = 3 * 3_600_000;

export const newRunId = (now = Date.now()): string => `${now.toString(36)}_${randomBytes(3).toString('hex')}`;
export const templateDatabase = (runId: string): string => `${TEST_DATABASE_PREFIX}${runId}_template`;
/** The migrated template with the demo seeded into it once per run (on the clock of the run's start). */
export const demoTemplateDatabase = (runId: string): string => `${TEST_DATABASE_PREFIX}${runId}_demo`;

/**
 * What a test store starts from. Global setup makes each once per run: `migrated` is an empty store with every
 * migration applied; `demo` also holds the demo data, seeded through the real services on the system clock at
 * the run's start (a store opened from it is Docket restarted minutes after `docket serve --demo` seeded it).
 * Migrating an embedded store takes about 3 s and seeding the demo about 15 s; loading a snapshot, under 1 s.
 */
export type StoreSnapshot = 'migrated' | 'demo';
export const embeddedSnapshotFile = (dir: string, snapshot: StoreSnapshot): string => join(dir, `${snapshot}.tar`);

/** When a leftover database's run began, read back from its name; null for names this harness did not make. */
export function runStartedAt(datname: string): number | null {
  const match = /^docket_test_([0-9a-z]+)_/.exec(datname);
  return match?.[1] ? parseInt(match[1], 36) : null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgRunId: string;
    /** The folder holding the embedded store's snapshots (see StoreSnapshot). */
    snapshotDir: string;
  }
}

export const testStoreKinds: StoreKind[] = process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

export function databaseUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery<T = unknown>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface TestStore {
  store: Store;
  /** Runs raw SQL on a separate connection, as an attacker with database access would. */
  tamper(sqlText: string): Promise<void>;
  /** The same database through a pool of its own, as a second Docket process opens it; close it before disposing. */
  another(): Promise<Store>;
  dispose(): Promise<void>;
}

const snapshotBytes = new Map<StoreSnapshot, Buffer>();

/** The embedded snapshot's bytes, read once per test process. */
function embeddedSnapshot(snapshot: StoreSnapshot): Blob {
  let bytes = snapshotBytes.get(snapshot);
  if (!bytes) {
    bytes = readFileSync(embeddedSnapshotFile(inject('snapshotDir'), snapshot));
    snapshotBytes.set(snapshot, bytes);
  }
  return new Blob([bytes]);
}

export async function openTestStore(kind: StoreKind, snapshot: StoreSnapshot = 'migrated'): Promise<TestStore> {
  if (kind === 'embedded') {
    const store = await openEmbedded('memory', { loadDataDir: embeddedSnapshot(snapshot) });
    return {
      store,
      // PGlite is one connection: "another connection" is the same one, outside Docket's services.
      tamper: async (sqlText) => {
        await (store.db as unknown as { $client: { exec(q: string): Promise<unknown> } }).$client.exec(sqlText);
      },
      // One process holds an embedded store: a second Docket in it shares the store (closing it is the first's job).
      another: async () => ({ ...store, close: async () => undefined }),
      dispose: () => store.close(),
    };
  }
  const name = testDatabaseName();
  const runId = inject('pgRunId');
  await adminQuery(
    `create database ${name} template ${snapshot === 'demo' ? demoTemplateDatabase(runId) : templateDatabase(runId)}`,
  );
  const store = await openPostgres(databaseUrl(name), 4);
  return {
    store,
    another: () => openPostgres(databaseUrl(name), 4),
    tamper: async (sqlText) => {
      const client = new pg.Client({ connectionString: databaseUrl(name) });
      await client.connect();
      try {
        await client.query(sqlText);
      } finally {
        await client.end();
      }
    },
    dispose: async () => {
      await store.close();
      await adminQuery(`drop database if exists ${name}`);
    },
  };
}

const testDatabaseName = (): string =>
  `${TEST_DATABASE_PREFIX}${inject('pgRunId')}_${process.pid}_${randomBytes(4).toString('hex')}`;

/**
 * A store at an address that tools outside this process reach too (a data folder, a database of its own), for
 * what works on a whole store, such as backups. It starts empty: Docket migrates it when it first opens it.
 */
export async function newTestLocation(kind: StoreKind): Promise<{ config: Partial<Config>; dispose(): Promise<void> }> {
  if (kind === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'docket-store-'));
    return { config: { dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = testDatabaseName();
  await adminQuery(`create database ${name}`);
  return {
    config: { databaseUrl: databaseUrl(name) },
    dispose: async () => void (await adminQuery(`drop database if exists ${name} with (force)`)),
  };
}

export const testConfig = (overrides: Partial<Config> = {}): Config =>
  loadConfig(
    {},
    {
      logLevel: 'silent',
      demo: false,
      dataDir: 'memory',
      // Every answer is checked against its route's contract (src/http/response-check.ts).
      checkResponses: true,
      ...overrides,
    },
  );

export interface TestDocket extends Docket {
  tamper(sqlText: string): Promise<void>;
  another: TestStore['another'];
}

/**
 * A Docket over a fresh test store. `demo: true` starts it holding the demo data, seeded at the run's start; a
 * test whose clock is not the system's seeds the demo itself (`seedDemo`), so that the demo's week ends at its now.
 */
export async function openTestDocket(
  kind: StoreKind,
  options: { clock?: Clock; config?: Partial<Config>; demo?: boolean } = {},
): Promise<TestDocket> {
  const testStore = await openTestStore(kind, options.demo ? 'demo' : 'migrated');
  const docket = await createDocket({
    config: testConfig(options.config),
    store: testStore.store,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { ...docket, tamper: testStore.tamper, another: testStore.another, close: testStore.dispose };
}

/** `describe` once per store, named after it, so a failure says which store it failed on. */
export function describeEachStore(name: string, body: (kind: StoreKind) => void): void {
  for (const kind of testStoreKinds) describe(`${name} [${kind}]`, () => body(kind));
}
