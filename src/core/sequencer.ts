import type { Db } from '../store/database.js';
import type { ChainEntry } from './chain.js';
import { chainDirectly, chainPending, type UnchainedEvent } from './event-log.js';
import { advanceProjections, type Projection } from './projection.js';

/**
 * Orders committed events into the hash chain, the way a transparency log's sequencer does: commands commit their
 * events as pending rows without waiting for one another, and a pass moves every pending event into the chain in
 * one transaction that holds the head's lock for a few statements, then applies the projections to them.
 *
 * A pass takes whatever is pending, so concurrent commands share one (group commit). `settle()` resolves once a
 * pass that STARTED after the call has finished: everything committed before the call is then in the chain, by
 * this process's pass or by another process's (their passes queue on the head's lock, and a later pass sees what
 * an earlier one left). Commands await it before they answer, so a client reads its own writes in the log, and
 * an acknowledged command's events are chained. Events committed by a process that died before its pass are
 * chained by the next pass of any process (each runs one at start and on a timer when idle).
 */
export interface Sequencer {
  settle(): Promise<void>;
  /**
   * For a command that answers at its commit (`awaitChain: false`): starts a pass without waiting for it, and counts
   * the commit as not yet chained until a pass that started after it has finished.
   */
  chainSoon(): void;
  /** Resolves at once when every commit this process made is chained; otherwise when a pass has chained them. */
  caughtUp(): Promise<void>;
  /**
   * For a bulk load: chains the events in the caller's transaction and applies the projections to them, with the
   * head locked until it commits (`chainDirectly`), so the batch's rows, events and projections commit together.
   */
  chainInTransaction(tx: Db, entries: readonly UnchainedEvent[]): Promise<ChainEntry[]>;
}

/** Events moved per transaction: large enough to amortise a pass, small enough to keep its lock short. */
const PASS_SIZE = 2_000;

export function createSequencer(db: Db, projections: readonly Projection[]): Sequencer {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  // Commits of this process that answered before their events were chained, and how many of them a finished pass
  // is known to cover (it started after them).
  let unawaited = 0;
  let covered = 0;

  async function pass(): Promise<void> {
    for (;;) {
      const chained = await db.transaction(async (tx) => {
        const entries = await chainPending(tx, PASS_SIZE);
        await advanceProjections(tx, projections, entries);
        return entries.length;
      });
      if (chained < PASS_SIZE) return;
    }
  }

  function settle(): Promise<void> {
    if (!current) {
      const upTo = unawaited;
      current = pass()
        .then(() => {
          covered = Math.max(covered, upTo);
        })
        .finally(() => {
          current = null;
        });
      return current;
    }
    // A pass is running and may have read the pending rows before the caller's commit: wait for the one after it,
    // which every caller arriving meanwhile shares.
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = null;
        return settle();
      });
    return next;
  }

  function chainSoon(): void {
    unawaited++;
    // A pass that fails leaves the events pending and durable; the next settle (a command, a read, housekeeping)
    // tries again and reports the failure to its caller.
    settle().catch(() => undefined);
  }

  function caughtUp(): Promise<void> {
    return covered >= unawaited ? Promise.resolve() : settle();
  }

  async function chainInTransaction(tx: Db, entries: readonly UnchainedEvent[]): Promise<ChainEntry[]> {
    const chained = await chainDirectly(tx, entries);
    await advanceProjections(tx, projections, chained);
    return chained;
  }

  return { settle, chainSoon, caughtUp, chainInTransaction };
}
