import { sql } from 'drizzle-orm';
import { readHead } from '../core/event-log.js';
import type { Db } from './database.js';
import { rowsOf } from './migrate.js';

/** What a store holds, in the terms a backup is checked by: migrations, the event log's head, rows per table. */
export interface StoreContents {
  migrations: string[];
  head: { seq: number; hash: string };
  tables: Record<string, number>;
}

export async function describeContents(db: Db): Promise<StoreContents> {
  const tables = await tableNames(db);
  const counts =
    tables.length === 0
      ? []
      : rowsOf<{ name: string; rows: string }>(
          await db.execute(
            sql.join(
              tables.map(
                (name) => sql`select ${name}::text as name, count(*)::text as rows from ${sql.identifier(name)}`,
              ),
              sql` union all `,
            ),
          ),
        );
  const migrations = rowsOf<{ tag: string }>(await db.execute(sql`select tag from docket_migrations order by tag`)).map(
    (r) => r.tag,
  );
  return {
    migrations,
    head: await readHead(db),
    tables: Object.fromEntries(
      counts.map((c) => [c.name, Number(c.rows)]).sort(([a], [b]) => String(a).localeCompare(String(b))),
    ),
  };
}

/**
 * The kept tables of Docket's schema (PGlite and PostgreSQL both answer from the catalogue). Unlogged tables (the
 * request counters) are left out: a restart may empty them, and PGlite's restored data folder starts so, so a
 * backup neither records nor checks their rows.
 */
export async function tableNames(db: Db): Promise<string[]> {
  return rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relpersistence = 'p'
      order by c.relname`),
  ).map((r) => r.name);
}

/** Events in the log, or null when the store has no Docket schema yet (a new database or data folder). */
export async function eventCount(db: Db): Promise<number | null> {
  const [found] = rowsOf<{ present: boolean }>(
    await db.execute(sql`select to_regclass('events') is not null as present`),
  );
  if (!found?.present) return null;
  const [row] = rowsOf<{ n: string }>(await db.execute(sql`select count(*)::text as n from events`));
  return Number(row?.n ?? 0);
}

/** Every difference between what a backup recorded and what a store holds, in words; empty when they agree. */
export function contentDifferences(expected: StoreContents, actual: StoreContents): string[] {
  const differences: string[] = [];
  if (expected.head.seq !== actual.head.seq || expected.head.hash !== actual.head.hash) {
    differences.push(
      `event log head ${actual.head.seq} ${actual.head.hash}, expected ${expected.head.seq} ${expected.head.hash}`,
    );
  }
  if (expected.migrations.join() !== actual.migrations.join())
    differences.push(`migrations ${actual.migrations.join(', ')}, expected ${expected.migrations.join(', ')}`);
  for (const table of new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)])) {
    const [want, got] = [expected.tables[table], actual.tables[table]];
    if (want !== got)
      differences.push(`${table}: ${got ?? 'missing'} rows, expected ${want ?? 'none (no such table)'}`);
  }
  return differences;
}
