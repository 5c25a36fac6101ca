import type { Db } from '../store/database.js';
import type { EventPayload, EventType, NewEvent } from '../events.js';
import type { Clock } from './clock.js';
import type { IdSource } from './ids.js';
import { stageEvents } from './event-log.js';
import type { Sequencer } from './sequencer.js';

export interface CommandContext {
  /** The database handle bound to this command's transaction. */
  tx: Db;
  /** The command's time: every event it records carries it. */
  now: Date;
  ids: IdSource;
  /** Records an event; all of a command's events are written when its work has succeeded, in the same transaction. */
  record<T extends EventType>(type: T, stream: string, payload: EventPayload<T>): void;
}

/**
 * Runs a command: its reads, read-model writes and events commit together, or nothing does. The events commit as
 * pending rows; the command answers once the sequencer has put them in the chain (and the projections), so what it
 * acknowledged is in the log, and no command holds the chain's lock while it does its own work.
 */
export type CommandRunner = <R>(actor: string, work: (ctx: CommandContext) => Promise<R>) => Promise<R>;

export function createCommandRunner(db: Db, clock: Clock, ids: IdSource, sequencer: Sequencer): CommandRunner {
  return async (actor, work) => {
    const recorded: NewEvent[] = [];
    const result = await db.transaction(async (tx) => {
      recorded.length = 0;
      const now = clock.now();
      const context: CommandContext = {
        tx,
        now,
        ids,
        record: (type, stream, payload) => recorded.push({ type, stream, payload } as NewEvent),
      };
      const done = await work(context);
      await stageEvents(tx, actor, now, recorded);
      return done;
    });
    if (recorded.length > 0) await sequencer.settle();
    return result;
  };
}
