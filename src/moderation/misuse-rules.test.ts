import { describe, expect, it } from 'vitest';
import {
  accountKey,
  DEFAULT_MISUSE_RULES,
  measureDue,
  measureReason,
  misuseRuleProblems,
  normalisedEmail,
  notifierKey,
  reporterKey,
  suspendedMessage,
  suspensionEnd,
  type MisuseRule,
} from './misuse-rules.js';

const rule: MisuseRule = { warnAfter: 3, suspendAfter: 5, windowDays: 180, suspensionDays: 30 };
const now = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const marks = (n: number, age = 1) => Array.from({ length: n }, (_, i) => daysAgo(age + i));

describe('measures against misuse (EU DSA Art. 23)', () => {
  it('warns at warnAfter marks within the window, once', () => {
    const due = (n: number, lastWarningAt: Date | null = null) =>
      measureDue({ rule, marks: marks(n), lastWarningAt, lastSuspensionAt: null, now });
    expect(due(2)).toBeNull();
    expect(due(3)).toBe('warning');
    expect(due(4, daysAgo(0.5))).toBeNull();
  });

  it('suspends at suspendAfter marks only once warned: a person never warned is warned first', () => {
    const due = (lastWarningAt: Date | null) =>
      measureDue({ rule, marks: marks(5), lastWarningAt, lastSuspensionAt: null, now });
    expect(due(daysAgo(2))).toBe('suspension');
    expect(due(null)).toBe('warning');
  });

  it('counts only marks within the window', () => {
    const old = [...marks(2), ...marks(3, 200)];
    expect(measureDue({ rule, marks: old, lastWarningAt: null, lastSuspensionAt: null, now })).toBeNull();
  });

  it('counts only marks since the last suspension began, which answered those before it', () => {
    const suspendedAt = daysAgo(10);
    const input = { rule, marks: [...marks(5, 20), ...marks(2)], lastWarningAt: daysAgo(30), now };
    expect(measureDue({ ...input, lastSuspensionAt: suspendedAt })).toBeNull();
    // A warning before the suspension does not count for the next one: the person is warned again first.
    expect(measureDue({ ...input, marks: [...input.marks, daysAgo(0.1)], lastSuspensionAt: suspendedAt })).toBe(
      'warning',
    );
  });

  it('a suspension lasts suspensionDays from now', () => {
    expect(suspensionEnd(now, rule).toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });

  it('a rule suspends after more marks than it warns, for a set time, within bounds', () => {
    for (const party of ['notifier', 'complainant', 'user'] as const)
      expect(misuseRuleProblems(DEFAULT_MISUSE_RULES[party], `/${party}`)).toEqual([]);
    expect(misuseRuleProblems({ ...rule, suspendAfter: 3 }, '/notifier')).toEqual([
      { field: '/notifier/suspendAfter', message: expect.stringContaining('more than warnAfter') },
    ]);
    expect(misuseRuleProblems({ ...rule, suspensionDays: 0, windowDays: 1.5 }, '/user').map((p) => p.field)).toEqual([
      '/user/windowDays',
      '/user/suspensionDays',
    ]);
  });

  it('identifies a notifier by flagger, else by normalised e-mail, kept as a hash; none without an address', () => {
    expect(notifierKey({ flaggerId: 'f1', email: 'a@b.org' })).toBe('flagger:f1');
    const key = notifierKey({ flaggerId: null, email: ' Ann@Example.ORG ' });
    expect(key).toBe(notifierKey({ flaggerId: null, email: 'ann@example.org' }));
    expect(key).toMatch(/^email:[0-9a-f]{64}$/);
    expect(key).not.toContain('example');
    expect(notifierKey({ flaggerId: null, email: null })).toBeNull();
    expect(normalisedEmail(' X@Y.Z ')).toBe('x@y.z');
    expect(accountKey('lumen', '@ann')).toBe('account:lumen/@ann');
    expect(reporterKey('lumen', 'r1')).toMatch(/^reporter:[0-9a-f]{64}$/);
  });

  it('states the reason and, to a suspended person, until when', () => {
    expect(measureReason('notifier', 'warning', 3, rule)).toContain('3 manifestly unfounded notices within 180 days');
    expect(measureReason('user', 'suspension', 5, rule)).toContain('Art. 23(1)');
    expect(suspendedMessage('notifier', suspensionEnd(now, rule))).toContain('until 2026-07-01T12:00:00.000Z');
  });
});
