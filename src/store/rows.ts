import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { DocketError } from '../core/errors.js';
import { UUID_PATTERN } from '../core/ids.js';
import type { Db } from './database.js';

const UUID = new RegExp(UUID_PATTERN);

/** An id from a URL or a body that cannot be one of ours is simply not found (and never reaches the database). */
export function isId(value: string): boolean {
  return UUID.test(value);
}

type TableWithId = PgTable & { id: PgColumn };

/**
 * The row with this id, or `not_found` naming what was asked for ("no board case <id>"). With `lock`, the row is
 * locked for the rest of the transaction (SELECT ... FOR UPDATE): a command reads, checks and changes it alone.
 */
export async function rowById<T extends TableWithId>(
  db: Db,
  table: T,
  id: string,
  what: string,
  options: { lock?: boolean } = {},
): Promise<T['$inferSelect']> {
  if (!isId(id)) throw new DocketError('not_found', `no ${what} ${id}`);
  const query = db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new DocketError('not_found', `no ${what} ${id}`);
  return row as T['$inferSelect'];
}
