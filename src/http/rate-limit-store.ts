import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { lte, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { createGroupCommit } from '../core/group-commit.js';
import type { Db } from '../store/database.js';
import { rateLimitCounters } from './tables.js';

export interface Count {
  /** Requests in the key's current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

export type RequestCounter = (key: string, windowMs: number, now: Date) => Promise<Count>;

/**
 * Counts one request against `key` in a window of `windowMs` that starts with the key's first request: one
 * statement, a primary-key upsert, so its cost does not grow with the table and concurrent processes on one
 * PostgreSQL never lose a count. A window that has ended starts again at this request. The statement is
 * prepared once (building and parsing it each time doubled its cost).
 *
 * Every request of one token counts on one row, so concurrent requests would queue on its lock, one commit each.
 * Instead, the requests of a key that arrive while its count is being written are counted together in the next
 * statement (+N); each learns its own place in the window, as if they had been counted one by one.
 */
export function requestCounter(db: Db): RequestCounter {
  const { windowEndsAt, hits } = rateLimitCounters;
  const ended = sql`${windowEndsAt} <= ${sql.placeholder('now')}::timestamptz`;
  const upsert = db
    .insert(rateLimitCounters)
    .values({
      key: sql.placeholder('key'),
      windowEndsAt: sql.placeholder('windowEndsAt'),
      hits: sql.placeholder('hits'),
    })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        hits: sql`case when ${ended} then excluded.hits else ${hits} + excluded.hits end`,
        windowEndsAt: sql`case when ${ended} then excluded.window_ends_at else ${windowEndsAt} end`,
      },
    })
    .returning({ hits, windowEndsAt })
    .prepare('count_requests');
  const countTogether = createGroupCommit<{ windowMs: number; now: Date }, Count>(
    async (key, requests) => {
      const { windowMs, now } = requests[0] as { windowMs: number; now: Date };
      const [row] = await upsert.execute({
        key,
        hits: requests.length,
        windowEndsAt: new Date(now.getTime() + windowMs),
        now: now.toISOString(),
      });
      if (!row) throw new Error(`the rate-limit count for ${key} returned no row`);
      const first = row.hits - requests.length + 1;
      return requests.map((_, i) => ({ current: first + i, ttl: row.windowEndsAt.getTime() - now.getTime() }));
    },
    { maxBatch: 1_000, atOnce: 1 },
  );
  return (key, windowMs, now) => countTogether(key, { windowMs, now });
}

/** Deletes the counts whose window has ended (each process's scheduler does, so the table holds live keys only). */
export async function sweepEndedWindows(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(rateLimitCounters)
    .where(lte(rateLimitCounters.windowEndsAt, now))
    .returning({ key: rateLimitCounters.key });
  return gone.length;
}

/**
 * The store @fastify/rate-limit counts in: the database, so several Docket processes share one count. Keys carry
 * their limit group, so every route and group shares this one store (`child` returns it).
 */
export function databaseCounterStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  const countRequest = requestCounter(db);
  return class DatabaseCounterStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: Count) => void, timeWindow: number): void {
      countRequest(key, timeWindow, clock.now()).then(
        (count) => callback(null, count),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
