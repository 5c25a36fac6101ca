import { eq, inArray } from 'drizzle-orm';
import { userIdOfActor } from '../core/roles.js';
import type { Db } from '../store/database.js';
import { normaliseUsername } from './rules.js';
import { users } from './tables.js';

/**
 * What other capabilities read of the access tables: users by id or username, never the tables themselves. Each read
 * is keyed (the users' ids, or one username), so it costs what it returns.
 */

/** The id of the user with this username (as typed: it is normalised), or null when there is none. */
export async function userIdOfUsername(db: Db, username: string): Promise<string | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, normaliseUsername(username)));
  return row?.id ?? null;
}

/** The usernames of these users, by id (unknown ids are left out). */
export async function usernamesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.username]));
}

/** The display names of these users, by id (unknown ids are left out). */
export async function displayNamesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The display names of the users among some actors (`user:<id>`), by actor; the system and integrations have none. */
export async function displayNamesOfActors(db: Db, actors: readonly string[]): Promise<Map<string, string>> {
  const names = await displayNamesOf(
    db,
    actors.flatMap((actor) => userIdOfActor(actor) ?? []),
  );
  return new Map([...names].map(([id, name]) => [`user:${id}`, name]));
}

/** A user by username (as typed: it is normalised), with the roles the board checks; null when there is none. */
export async function userByUsername(
  db: Db,
  username: string,
): Promise<{ id: string; displayName: string; roles: string[] } | null> {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(eq(users.username, normaliseUsername(username)));
  return row ?? null;
}
