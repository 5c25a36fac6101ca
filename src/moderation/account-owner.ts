import { and, asc, desc, eq } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import type { Db } from '../store/database.js';
import { checkOwnerEvent, ownerState } from './account-owner-rules.js';
import type { OwnerEventInput, OwnerEventReceipt, OwnerEvents } from './contract.js';
import { accountOwnerEvents, subjects } from './tables.js';

/**
 * Account events by the account's owner (a page deleted and restored by the person who runs it), reported by the
 * platform. They go on the account's own stream and are never moderation: no decision, strike or restriction.
 */
export function createAccountOwnerEvents(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  async function record(
    actor: string,
    platform: string,
    accountRef: string,
    input: OwnerEventInput,
  ): Promise<OwnerEventReceipt> {
    return run(actor, async ({ tx, now, ids, record: log }) => {
      const [account] = await tx
        .select()
        .from(subjects)
        .where(and(eq(subjects.platform, platform), eq(subjects.externalId, accountRef)))
        .for('update');
      if (!account)
        throw new DocketError('not_found', `no account ${accountRef} on ${platform}: push it as a subject first`);
      const [last] = await tx
        .select()
        .from(accountOwnerEvents)
        .where(eq(accountOwnerEvents.subjectId, account.id))
        .orderBy(desc(accountOwnerEvents.occurredAt), desc(accountOwnerEvents.recordedAt))
        .limit(1);
      const occurredAt = new Date(input.occurredAt);
      checkOwnerEvent({ subjectKind: account.kind, last: last ?? null, kind: input.kind, occurredAt, now });
      const id = ids.next();
      const note = input.note?.trim() || null;
      await tx.insert(accountOwnerEvents).values({
        id,
        subjectId: account.id,
        platform,
        accountRef,
        kind: input.kind,
        occurredAt,
        note,
        recordedAt: now,
        recordedBy: actor,
      });
      log('account.owner_event', `subject/${account.id}`, {
        eventId: id,
        subjectId: account.id,
        platform,
        accountRef,
        kind: input.kind,
        occurredAt: occurredAt.toISOString(),
        note,
      });
      return {
        id,
        subjectId: account.id,
        accountRef,
        kind: input.kind,
        occurredAt: occurredAt.toISOString(),
        note,
        state: ownerState({ kind: input.kind }),
      };
    });
  }

  /** An account's owner events, oldest first, and its state after the last one. */
  async function ofSubject(subjectId: string): Promise<OwnerEvents> {
    const account = await rowById(db, subjects, subjectId, 'subject');
    const rows = await db
      .select()
      .from(accountOwnerEvents)
      .where(eq(accountOwnerEvents.subjectId, account.id))
      .orderBy(asc(accountOwnerEvents.occurredAt), asc(accountOwnerEvents.recordedAt));
    const events = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      occurredAt: r.occurredAt.toISOString(),
      note: r.note,
      recordedAt: r.recordedAt.toISOString(),
    }));
    return { subjectId: account.id, accountRef: account.externalId, state: ownerState(rows.at(-1) ?? null), events };
  }

  return { record, ofSubject };
}
