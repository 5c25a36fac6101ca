import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { DocketError } from '../../core/errors.js';
import { UUID_PATTERN } from '../../core/ids.js';
import type { Db } from '../../store/database.js';
import type { SubmissionsAnswer, SubmissionsQuery } from './submission-contract.js';
import { dsaSubmissions, dsaSubmitter } from './tables.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const UUID = new RegExp(UUID_PATTERN);

/** A place in the list: after the statement decided at `at` with this id; opaque text to clients. */
const encodeCursor = (at: Date, id: string): string =>
  Buffer.from(`s1|${at.toISOString()}|${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [version, at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (version !== 's1' || !at || !id || rest.length > 0 || !UUID.test(id)) return null;
  const time = new Date(at);
  return Number.isNaN(time.getTime()) || time.toISOString() !== at ? null : { at: time, id };
}

/**
 * Each statement's submission state, newest decision first, a page at a time from a cursor (an index range, by
 * state or not), with the submitter's shared state.
 */
export async function listSubmissions(db: Db, query: SubmissionsQuery, enabled: boolean): Promise<SubmissionsAnswer> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !after) {
    throw new DocketError('validation_failed', 'the cursor is not one this list gave out', [
      { field: '/cursor', message: 'unknown cursor' },
    ]);
  }
  const conditions: SQL[] = [];
  if (query.state) conditions.push(eq(dsaSubmissions.state, query.state));
  if (after) {
    conditions.push(
      or(
        lt(dsaSubmissions.decidedAt, after.at),
        and(eq(dsaSubmissions.decidedAt, after.at), lt(dsaSubmissions.decisionId, after.id)),
      )!,
    );
  }
  const rows = await db
    .select()
    .from(dsaSubmissions)
    .where(and(...conditions))
    .orderBy(desc(dsaSubmissions.decidedAt), desc(dsaSubmissions.decisionId))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const [shared] = await db.select().from(dsaSubmitter).where(eq(dsaSubmitter.id, 1));
  return {
    submitter: {
      enabled,
      stopped:
        shared?.stoppedAt && shared.stoppedReason
          ? { at: shared.stoppedAt.toISOString(), reason: shared.stoppedReason }
          : null,
      pausedUntil: iso(shared?.pausedUntil ?? null),
      lastError: shared?.lastError ?? null,
    },
    submissions: page.map((row) => ({
      puid: row.decisionId,
      decidedAt: row.decidedAt.toISOString(),
      state: row.state,
      attempts: row.attempts,
      nextAttemptAt: row.state === 'pending' ? row.nextAttemptAt.toISOString() : null,
      uuid: row.uuid,
      permalink: row.permalink,
      submittedAt: iso(row.submittedAt),
      problems: row.problems ?? null,
      lastError: row.lastError,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.decidedAt, last.decisionId) : null,
  };
}
