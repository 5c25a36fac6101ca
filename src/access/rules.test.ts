import { describe, expect, it } from 'vitest';
import {
  checkOwnAccountChange,
  checkStillAdmin,
  doublingUpTo,
  normaliseUsername,
  platformAfterChange,
  signInLimits,
  tooManyAttempts,
} from './rules.js';

describe('sign-in limits', () => {
  it('lock one address out after the configured failures, for the configured minutes, doubling up to a day', () => {
    const { address } = signInLimits(5, 15);
    expect(address.attempts).toBe(5);
    expect(address.lockSeconds).toEqual([900, 1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400]);
  });

  it('hold the account back across addresses only after four times as many, for seconds growing to five minutes', () => {
    const { account } = signInLimits(5, 15);
    expect(account.attempts).toBe(20);
    expect(account.lockSeconds).toEqual([30, 60, 120, 240, 300]);
  });

  it('never shorten a lock configured longer than a day', () => {
    expect(signInLimits(3, 24 * 60 * 2).address.lockSeconds).toEqual([172_800]);
    expect(doublingUpTo(10, 10)).toEqual([10]);
  });

  it('count a username the way it is stored', () => {
    expect(normaliseUsername('  Admin ')).toBe('admin');
  });
});

describe('a refused sign-in', () => {
  const now = new Date('2026-12-01T09:00:00.000Z');
  const after = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('says when to try again, in words and as Retry-After seconds', () => {
    expect(tooManyAttempts(after(30), now)).toMatchObject({
      code: 'too_many_attempts',
      message: 'too many failed sign-ins: try again in 30 seconds',
      retryAfterSeconds: 30,
    });
    expect(tooManyAttempts(after(900), now)).toMatchObject({
      message: 'too many failed sign-ins: try again in 15 minutes',
      retryAfterSeconds: 900,
    });
    expect(tooManyAttempts(after(86_400), now)).toMatchObject({
      message: 'too many failed sign-ins: try again in 24 hours',
    });
  });

  it('asks for at least a second, even when the lock ends now', () => {
    expect(tooManyAttempts(now, now).retryAfterSeconds).toBe(1);
    expect(tooManyAttempts(after(0.2), now).retryAfterSeconds).toBe(1);
  });
});

describe("an administrator's own account", () => {
  const me = '0190a000-0000-7000-8000-000000000001';
  const other = '0190a000-0000-7000-8000-000000000002';
  const actor = `user:${me}`;

  it('cannot be disabled, lose its administrator role or have its password reset by itself', () => {
    expect(() => checkOwnAccountChange(actor, me, { disabled: true })).toThrow('you cannot disable your own account');
    expect(() => checkOwnAccountChange(actor, me, { roles: ['moderator'] })).toThrow(
      'you cannot remove your own administrator role',
    );
    expect(() => checkOwnAccountChange(actor, me, { passwordReset: true })).toThrow(
      'you cannot reset your own password',
    );
    const refusal = (() => {
      try {
        checkOwnAccountChange(actor, me, { roles: ['policy'] });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toMatchObject({ code: 'forbidden', fields: [{ field: '/roles' }] });
  });

  it('may gain roles, keep administrator, or stay enabled', () => {
    expect(() => checkOwnAccountChange(actor, me, { roles: ['admin', 'policy'], disabled: false })).not.toThrow();
  });

  it("is the only one protected: another administrator's account may be changed", () => {
    expect(() =>
      checkOwnAccountChange(actor, other, { disabled: true, roles: ['moderator'], passwordReset: true }),
    ).not.toThrow();
    expect(() => checkOwnAccountChange('system:cli', me, { disabled: true })).not.toThrow();
  });
});

describe('the platform after a change of roles', () => {
  it('is kept while the user stays a liaison, dropped when they stop being one, and required when they become one', () => {
    expect(platformAfterChange(['platform_liaison'], undefined, 'lumen')).toBe('lumen');
    expect(platformAfterChange(['platform_liaison'], 'other', 'lumen')).toBe('other');
    expect(platformAfterChange(['moderator'], undefined, 'lumen')).toBeNull();
    expect(() => platformAfterChange(['platform_liaison'], undefined, null)).toThrow(
      'a platform liaison needs the platform they act for',
    );
    expect(() => platformAfterChange(['moderator'], 'lumen', null)).toThrow(
      'only a platform liaison acts for a platform',
    );
  });
});

describe('the administrator acting', () => {
  it('must still be an enabled administrator when the change is made', () => {
    expect(() => checkStillAdmin({ roles: ['admin'], disabledAt: null })).not.toThrow();
    expect(() => checkStillAdmin({ roles: ['admin'], disabledAt: new Date('2026-12-01T09:00:00Z') })).toThrow(
      'no longer an active administrator',
    );
    expect(() => checkStillAdmin({ roles: ['policy'], disabledAt: null })).toThrow('no longer an active administrator');
    expect(() => checkStillAdmin(null)).toThrow('no longer an active administrator');
  });
});
