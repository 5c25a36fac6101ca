import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { packageRoot } from '../core/paths.js';
import type { Db } from './database.js';

/** Advisory-lock key so that several Docket processes starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 4_242_001;

export const migrationsFolder = (): string => join(packageRoot(), 'migrations');

export interface MigrationResult {
  applied: string[];
  total: number;
}

/**
 * Applies the pending migrations in the journal's order, all in one transaction that first takes a
 * transaction-scoped advisory lock: a second process starting at the same time waits, then finds nothing to do.
 * One migration history serves both stores.
 */
export async function migrate(db: Db): Promise<MigrationResult> {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const tags = migrationTags();

  const applied = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`
      create table if not exists docket_migrations (
        hash text primary key,
        tag text not null,
        applied_at timestamptz not null default now()
      )`);
    const done = new Set(
      rowsOf<{ hash: string }>(await tx.execute(sql`select hash from docket_migrations`)).map((r) => r.hash),
    );
    const newlyApplied: string[] = [];
    for (const [index, migration] of migrations.entries()) {
      if (done.has(migration.hash)) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      const tag = tags[index] ?? `migration_${index}`;
      await tx.execute(sql`insert into docket_migrations (hash, tag) values (${migration.hash}, ${tag})`);
      newlyApplied.push(tag);
    }
    return newlyApplied;
  });
  return { applied, total: migrations.length };
}

/** The tags of the migrations this version knows, in the order they apply. */
export function migrationTags(): string[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((entry) => entry.tag);
}

/** Both drivers answer a raw query with `{ rows }`; Drizzle's `execute` type does not say so. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
