import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDocket } from '../src/app.js';
import { seedDemo } from '../src/demo/seed.js';
import { openEmbedded, openPostgres, type Store } from '../src/store/database.js';
import { pgliteOf } from '../src/store/embedded-backup.js';
import { migrate } from '../src/store/migrate.js';
import {
  adminQuery,
  databaseUrl,
  demoTemplateDatabase,
  embeddedSnapshotFile,
  LEFTOVER_AGE_MS,
  newRunId,
  runStartedAt,
  templateDatabase,
  testConfig,
  TEST_DATABASE_PREFIX,
  type StoreSnapshot,
} from './stores.js';

let templates: string[] = [];
let snapshotDir: string | null = null;

async function seedDemoInto(store: Store): Promise<void> {
  const docket = await createDocket({ config: testConfig(), store });
  await seedDemo(docket);
  await docket.sequencer.caughtUp();
}

/** The embedded store's snapshots (StoreSnapshot), dumped from one store as it is migrated and then seeded. */
async function makeEmbeddedSnapshots(dir: string): Promise<void> {
  const store = await openEmbedded('memory');
  const dumpAs = async (snapshot: StoreSnapshot) =>
    writeFileSync(
      embeddedSnapshotFile(dir, snapshot),
      Buffer.from(await (await pgliteOf(store).dumpDataDir('none')).arrayBuffer()),
    );
  try {
    await migrate(store.db);
    await dumpAs('migrated');
    await seedDemoInto(store);
    await dumpAs('demo');
  } finally {
    await store.close();
  }
}

/** This run's PostgreSQL templates: migrated, and a copy of it with the demo seeded. */
async function makePostgresTemplates(runId: string): Promise<void> {
  const template = templateDatabase(runId);
  await adminQuery(`create database ${template}`);
  templates.push(template);
  const store = await openPostgres(databaseUrl(template), 1);
  try {
    await migrate(store.db);
  } finally {
    await store.close();
  }
  const demo = demoTemplateDatabase(runId);
  await adminQuery(`create database ${demo} template ${template}`);
  templates.push(demo);
  const demoStore = await openPostgres(databaseUrl(demo), 2);
  try {
    await seedDemoInto(demoStore);
  } finally {
    await demoStore.close();
  }
}

/**
 * Prepares PostgreSQL, when the run uses it: drops what runs that died long ago left, and migrates this run's
 * template database once. Databases of a run still going (another checkout, a helper) are left alone.
 */
export async function setup(project: TestProject): Promise<void> {
  const runId = newRunId();
  project.provide('pgRunId', runId);
  snapshotDir = mkdtempSync(join(tmpdir(), 'docket-test-snapshots-'));
  project.provide('snapshotDir', snapshotDir);
  const embedded = makeEmbeddedSnapshots(snapshotDir);
  if (!process.env.TEST_DATABASE_URL) {
    await embedded;
    console.log('store tests: embedded store only (set TEST_DATABASE_URL to run them on PostgreSQL too)');
    return;
  }
  const leftovers = await adminQuery<{ datname: string }>(
    `select datname from pg_database where datname like '${TEST_DATABASE_PREFIX}%'`,
  );
  for (const { datname } of leftovers) {
    const started = runStartedAt(datname);
    if (started === null || Date.now() - started > LEFTOVER_AGE_MS)
      await adminQuery(`drop database if exists ${datname} with (force)`);
  }
  await Promise.all([embedded, makePostgresTemplates(runId)]);
  console.log('store tests: embedded store and PostgreSQL');
}

export async function teardown(): Promise<void> {
  if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
  for (const template of templates) await adminQuery(`drop database if exists ${template} with (force)`);
  templates = [];
}
