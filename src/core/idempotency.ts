import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { idempotencyKeys } from './tables.js';
import type { Db } from '../store/database.js';
import { canonicalJson } from './canonical-json.js';
import type { CommandContext, CommandOptions, CommandRunner } from './command.js';
import { isUniqueViolation } from './conflicts.js';
import { DocketError } from './errors.js';

export interface Keyed {
  principal: string;
  key: string;
  request: unknown;
}

export interface Answer<T> {
  status: number;
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Runs a command at most once per (principal, Idempotency-Key): a retry with the same key and the same request
 * gets the first answer and changes nothing; the same key with a different request is refused. The key is
 * stored in the command's own transaction, so a command that failed leaves no key behind.
 */
export async function runOnce<T>(
  run: CommandRunner,
  actor: string,
  keyed: Keyed | null,
  work: (ctx: CommandContext) => Promise<{ status: number; body: T }>,
  options?: CommandOptions,
): Promise<Answer<T>> {
  if (!keyed) return { ...(await run(actor, work, options)), replayed: false };
  const requestHash = createHash('sha256').update(canonicalJson(keyed.request)).digest('hex');
  try {
    return await run(
      actor,
      async (ctx) => {
        const stored = await storedAnswer<T>(ctx.tx, keyed, requestHash);
        if (stored) return stored;
        const answer = await work(ctx);
        await ctx.tx.insert(idempotencyKeys).values({
          principal: keyed.principal,
          key: keyed.key,
          requestHash,
          status: answer.status,
          response: answer.body,
          createdAt: ctx.now,
        });
        return { ...answer, replayed: false };
      },
      options,
    );
  } catch (error) {
    // Two requests with one key at once: the loser's insert hits the primary key; answer with the winner's.
    if (!isUniqueViolation(error)) throw error;
    return run(actor, async (ctx) => {
      const stored = await storedAnswer<T>(ctx.tx, keyed, requestHash);
      if (!stored) throw error;
      return stored;
    });
  }
}

async function storedAnswer<T>(tx: Db, keyed: Keyed, requestHash: string): Promise<Answer<T> | null> {
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, keyed.principal), eq(idempotencyKeys.key, keyed.key)));
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new DocketError('conflict', `the Idempotency-Key "${keyed.key}" was already used for a different request`, [
      { field: 'Idempotency-Key', message: 'reused for a different request' },
    ]);
  }
  return { status: row.status, body: row.response as T, replayed: true };
}
