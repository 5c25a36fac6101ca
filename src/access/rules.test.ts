import { describe, expect, it } from 'vitest';
import { doublingUpTo, normaliseUsername, signInLimits, tooManyAttempts } from './rules.js';

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
    expect(tooManyAttempts(after(30), now)).toMatchObject({ code: 'too_many_attempts', message: 'too many failed sign-ins: try again in 30 seconds', retryAfterSeconds: 30 });
    expect(tooManyAttempts(after(900), now)).toMatchObject({ message: 'too many failed sign-ins: try again in 15 minutes', retryAfterSeconds: 900 });
    expect(tooManyAttempts(after(86_400), now)).toMatchObject({ message: 'too many failed sign-ins: try again in 24 hours' });
  });

  it('asks for at least a second, even when the lock ends now', () => {
    expect(tooManyAttempts(now, now).retryAfterSeconds).toBe(1);
    expect(tooManyAttempts(after(0.2), now).retryAfterSeconds).toBe(1);
  });
});
