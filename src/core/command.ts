import type { Db } from '../store/database.js';
import type { EventPayload, EventType, NewEvent } from '../events.js';
import type { Clock } from './clock.js';
import type { IdSource } from './ids.js';
import { appendEvents } from './event-log.js';
import { advanceProjections, type Projection } from './projection.js';

export interface CommandContext {
  /** The database handle bound to this command's transaction. */
  tx: Db;
  /** The command's time: every event it records carries it. */
  now: Date;
  ids: IdSource;
  /** Records an event; all of a command's events are appended when its work has succeeded, in the same transaction. */
  record<T extends EventType>(type: T, stream: string, payload: EventPayload<T>): void;
}

/** Runs a command: its reads, read-model writes and events commit together, or nothing does. */
export type CommandRunner = <R>(actor: string, work: (ctx: CommandContext) => Promise<R>) => Promise<R>;

/** `projections` are kept in step with the log: each command's events are applied to them in its transaction. */
export function createCommandRunner(db: Db, clock: Clock, ids: IdSource, projections: readonly Projection[] = []): CommandRunner {
  return (actor, work) =>
    db.transaction(async (tx) => {
      const recorded: NewEvent[] = [];
      const now = clock.now();
      const context: CommandContext = {
        tx,
        now,
        ids,
        record: (type, stream, payload) => recorded.push({ type, stream, payload } as NewEvent),
      };
      const result = await work(context);
      // Appending last keeps the head row's lock for as short a time as possible.
      const appended = await appendEvents(tx, actor, now, recorded);
      await advanceProjections(tx, projections, appended);
      return result;
    });
}
