import { describe, expect, it } from 'vitest';
import type { DocketError } from '../core/errors.js';
import {
  checkComplaintStatement,
  checkComplaintWindow,
  checkLinkLive,
  complaintDeadline,
  complaintRefusal,
  complaintState,
} from './complaint-rules.js';

const told = new Date('2026-01-10T12:00:00.000Z');
const codeOf = (thunk: () => unknown): string | undefined => {
  try {
    thunk();
  } catch (error) {
    return (error as DocketError).code;
  }
  return undefined;
};

describe('complaints from the people concerned (EU DSA Art. 20)', () => {
  it('are taken for six calendar months after the decision notice, to the millisecond', () => {
    expect(complaintDeadline(told, 6)).toEqual(new Date('2026-07-10T12:00:00.000Z'));
    expect(complaintDeadline(new Date('2026-08-31T10:00:00Z'), 6)).toEqual(new Date('2027-02-28T10:00:00Z'));
    expect(() =>
      checkComplaintWindow({ informedAt: told, now: new Date('2026-07-10T12:00:00.000Z') }, 6),
    ).not.toThrow();
    expect(codeOf(() => checkComplaintWindow({ informedAt: told, now: new Date('2026-07-10T12:00:00.001Z') }, 6))).toBe(
      'complaint_window_closed',
    );
  });

  it('name the deadline and the notice when the window has closed', () => {
    expect(() => checkComplaintWindow({ informedAt: told, now: new Date('2026-09-01T00:00:00Z') }, 6)).toThrow(
      /ended on 2026-07-10: complaints are taken for 6 months after the decision notice of 2026-01-10/,
    );
  });

  it('refuse an expired link naming the day it expired; a link with no end stays open', () => {
    const end = new Date('2026-07-10T12:00:00.000Z');
    expect(() => checkLinkLive(end, end)).not.toThrow();
    expect(() => checkLinkLive(end, new Date(end.getTime() + 1))).toThrow(/expired on 2026-07-10/);
    expect(codeOf(() => checkLinkLive(end, new Date(end.getTime() + 1)))).toBe('link_expired');
    expect(() => checkLinkLive(null, new Date('2099-01-01'))).not.toThrow();
  });

  it('let the affected user complain about any decision, and a notifier about a decision not to act', () => {
    expect(complaintRefusal('affected_user', 'remove')).toBeNull();
    expect(complaintRefusal('affected_user', 'no_violation')).toBeNull();
    expect(complaintRefusal('notifier', 'no_violation')).toBeNull();
    expect(complaintRefusal('notifier', 'keep_newsworthy')).toBeNull();
    expect(complaintRefusal('notifier', 'remove')).toMatch(/decision not to act/);
    expect(complaintRefusal('notifier', 'restrict_visibility')).toMatch(/decision not to act/);
  });

  it('need a statement that is not blank, of at most 5000 characters', () => {
    expect(checkComplaintStatement('  The post is satire.  ')).toBe('The post is satire.');
    expect(() => checkComplaintStatement(undefined)).toThrow(/say what you want reviewed/);
    expect(() => checkComplaintStatement(' \n ')).toThrow(/say what you want reviewed/);
    expect(() => checkComplaintStatement('x'.repeat(5_001))).toThrow(/at most 5000/);
    expect(() => checkComplaintStatement('x'.repeat(5_000))).not.toThrow();
  });

  it('stand as received, then upheld or reversed once decided, or closed when the decision was reversed another way', () => {
    expect(complaintState({ status: 'pending', result: null })).toBe('received');
    expect(complaintState({ status: 'decided', result: 'upheld' })).toBe('upheld');
    expect(complaintState({ status: 'decided', result: 'reversed' })).toBe('reversed');
    expect(complaintState({ status: 'closed', result: 'moot' })).toBe('closed');
  });
});
