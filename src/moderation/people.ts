import { inArray } from 'drizzle-orm';
import { users } from '../access/tables.js';
import type { Db } from '../store/database.js';

/** Staff are shown by their display names, never by ids: the names of these users, by id. */
export async function displayNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A user's display name, or a neutral word when the account no longer exists. */
export const nameOf = (names: Map<string, string>, id: string | null): string | null => (id === null ? null : (names.get(id) ?? 'a former staff member'));
