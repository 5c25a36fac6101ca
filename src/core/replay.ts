import { eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { EventPayload, EventType } from '../events.js';
import type { Db } from '../store/database.js';
import type { ChainEntry } from './chain.js';

/** What one event type writes to a capability's read model, from the entry alone (payload, actor, time). */
export type ReplayHandler<T extends EventType> = (tx: Db, payload: EventPayload<T>, entry: ChainEntry) => Promise<void>;
export type ReplayHandlers = { [T in EventType]?: ReplayHandler<T> };

/**
 * Applies entries in log order through a capability's handlers; entries of types it does not handle are passed
 * over. Each capability's `replay.ts` rebuilds its tables this way (test/event-replay.test.ts compares the result
 * with the tables the commands wrote).
 *
 * A payload is typed as its event is written now, but the log keeps every entry as it was written: a field added to
 * an event later is absent from older entries. Handlers give such a field a default their replay.ts states (never
 * a value the entry did not give); test/event-replay-old-entries.test.ts replays entries of the older shapes.
 */
export async function applyReplay(tx: Db, handlers: ReplayHandlers, entries: readonly ChainEntry[]): Promise<void> {
  for (const entry of entries) {
    const handler = handlers[entry.type as EventType] as ReplayHandler<EventType> | undefined;
    if (handler) await handler(tx, entry.payload as EventPayload<EventType>, entry);
  }
}

/** An ISO time from a payload as a Date (null stays null). */
export const dateOf = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);

/** The user id of an actor `user:<id>` (the console's commands run as their user). */
export const userOfActor = (actor: string): string => actor.replace(/^user:/, '');

/**
 * Sets columns of the one row with this `id`: what most events do to a row their first event wrote. (Tables keyed
 * otherwise, or changes of several rows, write their own update.)
 */
export async function setRow<T extends PgTable & { id: AnyPgColumn }>(
  tx: Db,
  table: T,
  id: string,
  values: PgUpdateSetSource<T>,
): Promise<void> {
  await tx.update(table).set(values).where(eq(table.id, id));
}
