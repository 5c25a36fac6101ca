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
 * pending rows, durable, so no command holds the chain's lock while it does its own work; by default the command
 * answers once the sequencer has put them in the chain (and the projections), so its client reads its own writes
 * in the log.
 */
export type CommandRunner = <R>(
  actor: string,
  work: (ctx: CommandContext) => Promise<R>,
  options?: CommandOptions,
) => Promise<R>;

export interface CommandOptions {
  /**
   * False: answer as soon as the command commits, its events pending (durable) and chained by a pass that starts
   * at once. For the busiest writes, a platform's reports: their client does not read the log, and this process's
   * own reads wait for the pass (`Sequencer.caughtUp`). Default true.
   */
  awaitChain?: boolean;
}

export function createCommandRunner(db: Db, clock: Clock, ids: IdSource, sequencer: Sequencer): CommandRunner {
  return async (actor, work, options = {}) => {
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
    if (recorded.length === 0) return result;
    if (options.awaitChain === false) sequencer.chainSoon();
    else await sequencer.settle();
    return result;
  };
}

/** Queues a message to the platform in the caller's command (webhooks); sent after commit. */
export type Notify = (
  ctx: CommandContext,
  platform: string,
  type: string,
  payload: Record<string, unknown>,
) => Promise<void>;
