import { describe, expect, it } from 'vitest';
import { checkOwnerEvent, ownerState } from './account-owner-rules.js';

const at = (iso: string) => new Date(`${iso}T18:00:00.000Z`);
const now = at('2023-07-20');

describe('account events by the account’s owner', () => {
  it('deletes an account that is up, then restores it, in time order', () => {
    expect(() =>
      checkOwnerEvent({
        subjectKind: 'account',
        last: null,
        kind: 'deleted_by_owner',
        occurredAt: at('2023-06-29'),
        now,
      }),
    ).not.toThrow();
    expect(() =>
      checkOwnerEvent({
        subjectKind: 'account',
        last: { kind: 'deleted_by_owner', occurredAt: at('2023-06-29') },
        kind: 'restored_by_owner',
        occurredAt: at('2023-07-20'),
        now,
      }),
    ).not.toThrow();
    expect(ownerState(null)).toBe('active');
    expect(ownerState({ kind: 'deleted_by_owner' })).toBe('deleted_by_owner');
    expect(ownerState({ kind: 'restored_by_owner' })).toBe('active');
  });

  it('refuses events out of turn, out of order, in the future, or on content', () => {
    expect(() =>
      checkOwnerEvent({
        subjectKind: 'account',
        last: null,
        kind: 'restored_by_owner',
        occurredAt: at('2023-07-01'),
        now,
      }),
    ).toThrow(/nothing to restore/);
    expect(() =>
      checkOwnerEvent({
        subjectKind: 'account',
        last: { kind: 'deleted_by_owner', occurredAt: at('2023-06-29') },
        kind: 'deleted_by_owner',
        occurredAt: at('2023-07-01'),
        now,
      }),
    ).toThrow(/already deleted/);
    expect(() =>
      checkOwnerEvent({
        subjectKind: 'account',
        last: { kind: 'deleted_by_owner', occurredAt: at('2023-06-29') },
        kind: 'restored_by_owner',
        occurredAt: at('2023-06-28'),
        now,
      }),
    ).toThrow(/must not precede/);
    expect(() =>
      checkOwnerEvent({
        subjectKind: 'account',
        last: null,
        kind: 'deleted_by_owner',
        occurredAt: at('2023-07-21'),
        now,
      }),
    ).toThrow(/future/);
    expect(() =>
      checkOwnerEvent({
        subjectKind: 'content',
        last: null,
        kind: 'deleted_by_owner',
        occurredAt: at('2023-06-29'),
        now,
      }),
    ).toThrow(/on accounts/);
  });
});
