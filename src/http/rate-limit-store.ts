import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { lte, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
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
 */
export function requestCounter(db: Db): RequestCounter {
  const { windowEndsAt, hits } = rateLimitCounters;
  const ended = sql`${windowEndsAt} <= ${sql.placeholder('now')}::timestamptz`;
  const upsert = db
    .insert(rateLimitCounters)
    .values({ key: sql.placeholder('key'), windowEndsAt: sql.placeholder('windowEndsAt'), hits: 1 })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        hits: sql`case when ${ended} then 1 else ${hits} + 1 end`,
        windowEndsAt: sql`case when ${ended} then excluded.window_ends_at else ${windowEndsAt} end`,
      },
    })
    .returning({ hits, windowEndsAt })
    .prepare('count_request');
  return async (key, windowMs, now) => {
    const [row] = await upsert.execute({ key, windowEndsAt: new Date(now.getTime() + windowMs), now: now.toISOString() });
    if (!row) throw new Error(`the rate-limit count for ${key} returned no row`);
    return { current: row.hits, ttl: row.windowEndsAt.getTime() - now.getTime() };
  };
}

/** Deletes the counts whose window has ended (each process's scheduler does, so the table holds live keys only). */
export async function sweepEndedWindows(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(rateLimitCounters).where(lte(rateLimitCounters.windowEndsAt, now)).returning({ key: rateLimitCounters.key });
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
