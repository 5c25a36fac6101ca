import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/migrate.js';
import { ACCOUNT_WIDE, type AttemptLimit, type SignInLimits } from './rules.js';
import { signInAttempts } from './tables.js';

export type LockScope = 'address' | 'account';

/** A lock this attempt started by reaching its limit; it stands if the attempt's password is wrong. */
export interface StartedLock {
  scope: LockScope;
  until: Date;
  attempts: number;
}

export type Admission = { admitted: true; started: StartedLock[] } | { admitted: false; scope: LockScope; until: Date };

interface Counted {
  attempts: number;
  lockedUntil: Date | null;
  signedInAt: Date | null;
}

class Refusal extends Error {
  constructor(
    readonly scope: LockScope,
    readonly until: Date,
  ) {
    super(`sign-in refused: ${scope} locked`);
  }
}

/**
 * Counts a sign-in attempt before its password is checked, and says whether it may be checked at all. The
 * address's count and the account's count move in one transaction: an attempt the account's ceiling refuses is
 * not counted against the address (the real user at a new address does not lock themselves out while an
 * attack holds the account back). Rows are always locked address first, then account, so attempts never deadlock.
 */
export async function admitAttempt(
  db: Db,
  username: string,
  address: string,
  limits: SignInLimits,
  now: Date,
): Promise<Admission> {
  try {
    return await db.transaction(async (tx) => {
      const byAddress = await countAttempt(tx, username, address, limits.address, now);
      if (!byAddress) throw new Refusal('address', await lockEnd(tx, username, address, now));
      const started = startedLock('address', byAddress);
      // An address this user has signed in from before is held by its own count only: an attack spread over
      // other addresses cannot keep the user out of their usual place.
      if (byAddress.signedInAt) return { admitted: true, started };
      const byAccount = await countAttempt(tx, username, ACCOUNT_WIDE, limits.account, now);
      if (!byAccount) throw new Refusal('account', await lockEnd(tx, username, ACCOUNT_WIDE, now));
      return { admitted: true, started: [...started, ...startedLock('account', byAccount)] };
    });
  } catch (error) {
    if (error instanceof Refusal) return { admitted: false, scope: error.scope, until: error.until };
    throw error;
  }
}

/** After a successful sign-in: the address starts afresh and is remembered, and so does the account's count. */
export async function clearAttempts(tx: Db, username: string, address: string, now: Date): Promise<void> {
  const cleared = { attempts: 0, locks: 0, lockedUntil: null };
  await tx
    .update(signInAttempts)
    .set({ ...cleared, signedInAt: now })
    .where(and(eq(signInAttempts.username, username), eq(signInAttempts.source, address)));
  await tx
    .update(signInAttempts)
    .set(cleared)
    .where(and(eq(signInAttempts.username, username), eq(signInAttempts.source, ACCOUNT_WIDE)));
}

/**
 * ONE statement counts the attempt and returns the count: the upsert locks the row, so parallel attempts are
 * counted one after another and never more than the limit get through to a password check. The attempt that
 * reaches the limit starts the lock itself, before its password is checked, so attempts arriving meanwhile are
 * already refused. A source under lock is not counted and gets null. When a lock has run out, a new round
 * starts; the next lock is longer (`locks` counts them in a row until a success).
 */
async function countAttempt(
  tx: Db,
  username: string,
  source: string,
  limit: AttemptLimit,
  now: Date,
): Promise<Counted | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const next = (attempts: SQL, locks: SQL) => {
    const reached = sql`(${attempts}) >= ${limit.attempts}`;
    const lockSeconds = sql`(${sql.param(limit.lockSeconds)}::int[])[least(${locks} + 1, ${limit.lockSeconds.length})]`;
    return {
      attempts,
      locks: sql`${locks} + (case when ${reached} then 1 else 0 end)`,
      lockedUntil: sql`case when ${reached} then ${at} + make_interval(secs => ${lockSeconds}) end`,
    };
  };
  const first = next(sql`1`, sql`0`);
  const counted = next(sql`case when t.locked_until is null then t.attempts + 1 else 1 end`, sql`t.locks`);
  const result = await tx.execute(sql`
    insert into ${signInAttempts} as t (username, source, attempts, locks, locked_until)
    values (${username}, ${source}, ${first.attempts}, ${first.locks}, ${first.lockedUntil})
    on conflict (username, source) do update
      set attempts = ${counted.attempts}, locks = ${counted.locks}, locked_until = ${counted.lockedUntil}
      where t.locked_until is null or t.locked_until <= ${at}
    returning attempts, locked_until as "lockedUntil", signed_in_at as "signedInAt"`);
  const [row] = rowsOf<{ attempts: number; lockedUntil: Date | string | null; signedInAt: Date | string | null }>(
    result,
  );
  if (!row) return null;
  return { attempts: row.attempts, lockedUntil: dateOrNull(row.lockedUntil), signedInAt: dateOrNull(row.signedInAt) };
}

async function lockEnd(tx: Db, username: string, source: string, now: Date): Promise<Date> {
  const [row] = await tx
    .select({ lockedUntil: signInAttempts.lockedUntil })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.username, username), eq(signInAttempts.source, source)));
  return row?.lockedUntil ?? now;
}

function startedLock(scope: LockScope, counted: Counted): StartedLock[] {
  return counted.lockedUntil ? [{ scope, until: counted.lockedUntil, attempts: counted.attempts }] : [];
}

const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));
