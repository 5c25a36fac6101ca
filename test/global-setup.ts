import type { TestProject } from 'vitest/node';
import { openPostgres } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { adminQuery, databaseUrl, LEFTOVER_AGE_MS, newRunId, runStartedAt, templateDatabase, TEST_DATABASE_PREFIX } from './stores.js';

let template: string | null = null;

/**
 * Prepares PostgreSQL, when the run uses it: drops what runs that died long ago left, and migrates this run's
 * template database once. Databases of a run still going (another checkout, a helper) are left alone.
 */
export async function setup(project: TestProject): Promise<void> {
  const runId = newRunId();
  project.provide('pgRunId', runId);
  if (!process.env.TEST_DATABASE_URL) {
    console.log('store tests: embedded store only (set TEST_DATABASE_URL to run them on PostgreSQL too)');
    return;
  }
  const leftovers = await adminQuery<{ datname: string }>(
    `select datname from pg_database where datname like '${TEST_DATABASE_PREFIX}%'`,
  );
  for (const { datname } of leftovers) {
    const started = runStartedAt(datname);
    if (started === null || Date.now() - started > LEFTOVER_AGE_MS) await adminQuery(`drop database if exists ${datname} with (force)`);
  }
  template = templateDatabase(runId);
  await adminQuery(`create database ${template}`);
  const store = await openPostgres(databaseUrl(template), 1);
  await migrate(store.db);
  await store.close();
  console.log('store tests: embedded store and PostgreSQL');
}

export async function teardown(): Promise<void> {
  if (process.env.TEST_DATABASE_URL && template) await adminQuery(`drop database if exists ${template} with (force)`);
}
