import { openPostgres } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { adminQuery, databaseUrl, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from './stores.js';

/** Prepares PostgreSQL, when the run uses it: drops what earlier runs left and migrates a template database once. */
export async function setup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    console.log('store tests: embedded store only (set TEST_DATABASE_URL to run them on PostgreSQL too)');
    return;
  }
  const leftovers = await adminQuery<{ datname: string }>(
    `select datname from pg_database where datname like '${TEST_DATABASE_PREFIX}%'`,
  );
  for (const { datname } of leftovers) await adminQuery(`drop database if exists ${datname} with (force)`);
  await adminQuery(`create database ${TEMPLATE_DATABASE}`);
  const store = await openPostgres(databaseUrl(TEMPLATE_DATABASE), 1);
  await migrate(store.db);
  await store.close();
  console.log('store tests: embedded store and PostgreSQL');
}

export async function teardown(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) await adminQuery(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
}
