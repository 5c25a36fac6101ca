import { userIdOfActor } from '../core/roles.js';
import { displayNamesOf } from '../access/reads.js';
import type { Db } from '../store/database.js';

/** Staff are shown by their display names, never by ids: the names of these users, by id. */
export async function displayNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  return displayNamesOf(
    db,
    ids.filter((id): id is string => id !== null),
  );
}

/** A user's display name, or a neutral word when the account no longer exists. */
export const nameOf = (names: Map<string, string>, id: string | null): string | null =>
  id === null ? null : (names.get(id) ?? 'a former staff member');

/** The user an event's actor names (`user:<id>`), if any: access's reading of its own actor format. */
export { userIdOfActor as userOfActor };

/**
 * Who did something, in words a reviewer reads: a staff member by display name, the platform through its
 * integration, Docket on its own schedule, an operator at the command line; never an id.
 */
export function actorLabel(actor: string, names: Map<string, string>): string {
  const user = userIdOfActor(actor);
  if (user !== null) return nameOf(names, user) as string;
  if (actor.startsWith('integration:')) return "the platform's integration";
  if (actor.startsWith('system:')) return 'Docket, automatically';
  if (actor.startsWith('cli:')) return 'an operator, at the command line';
  return actor;
}
