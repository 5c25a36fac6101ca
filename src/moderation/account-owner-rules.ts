import { DocketError } from '../core/errors.js';

/**
 * What an account's owner does to the account itself: deletes it, restores it. These are facts the platform reports,
 * not moderation: they carry no policy, strike or restriction, and nobody appeals them.
 */
export const OWNER_EVENT_KINDS = ['deleted_by_owner', 'restored_by_owner'] as const;
export type OwnerEventKind = (typeof OWNER_EVENT_KINDS)[number];
export type OwnerState = 'active' | 'deleted_by_owner';

/** The account's state after its owner's last event. */
export function ownerState(last: { kind: OwnerEventKind } | null): OwnerState {
  return last?.kind === 'deleted_by_owner' ? 'deleted_by_owner' : 'active';
}

/**
 * Whether the platform may record this owner event now: on an account, in time order, not in the future, and in
 * turn (an account is restored only after its owner deleted it, and deleted only while it is up).
 */
export function checkOwnerEvent(input: {
  subjectKind: 'content' | 'account';
  last: { kind: OwnerEventKind; occurredAt: Date } | null;
  kind: OwnerEventKind;
  occurredAt: Date;
  now: Date;
}): void {
  const { last, kind, occurredAt, now } = input;
  if (input.subjectKind !== 'account')
    throw new DocketError('conflict', 'owner events are recorded on accounts, and this subject is a piece of content');
  if (occurredAt.getTime() > now.getTime()) throw field('/occurredAt', 'cannot be in the future');
  if (last && occurredAt.getTime() < last.occurredAt.getTime())
    throw field('/occurredAt', `must not precede the account's last owner event (${last.occurredAt.toISOString()})`);
  const state = ownerState(last);
  if (kind === 'deleted_by_owner' && state === 'deleted_by_owner')
    throw new DocketError('conflict', 'the account is already deleted by its owner');
  if (kind === 'restored_by_owner' && state !== 'deleted_by_owner')
    throw new DocketError('conflict', 'the account was not deleted by its owner, so there is nothing to restore');
}

function field(path: string, message: string): DocketError {
  return new DocketError('validation_failed', message, [{ field: path, message }]);
}
