import { describe, expect, it } from 'vitest';
import { buildReport } from '../transparency/statistics/rules.js';
import { durationBucket } from '../transparency/statistics/rules.js';
import {
  amountInCents,
  bodyProblems,
  centsAsAmount,
  certifiedOn,
  conclusionProblems,
  feeBearer,
  filingProblems,
  implementationDueAt,
  requiredDecision,
  type Conclusion,
} from './rules.js';

const body = {
  website: 'https://ace.example.eu',
  status: 'certified' as const,
  certifiedOn: '2024-09-01',
  certifiedUntil: '2029-08-31',
};
const at = (iso: string) => new Date(iso);

describe('the register of certified bodies', () => {
  it('takes a body with a website and certification dates in order, and names the field otherwise', () => {
    expect(bodyProblems(body)).toEqual([]);
    expect(bodyProblems({ ...body, website: 'javascript:alert(1)' }).map((p) => p.field)).toEqual(['/website']);
    expect(bodyProblems({ ...body, website: 'not a url' }).map((p) => p.field)).toEqual(['/website']);
    expect(bodyProblems({ ...body, certifiedUntil: '2024-09-01' }).map((p) => p.field)).toEqual(['/certifiedUntil']);
  });

  it('counts a body as certified on a day only while certified and within its dates', () => {
    expect(certifiedOn(body, '2024-09-01')).toBe(true);
    expect(certifiedOn(body, '2029-08-31')).toBe(true);
    expect(certifiedOn(body, '2024-08-31')).toBe(false);
    expect(certifiedOn(body, '2029-09-01')).toBe(false);
    expect(certifiedOn({ ...body, certifiedUntil: null }, '2040-01-01')).toBe(true);
    expect(certifiedOn({ ...body, status: 'suspended' }, '2025-01-01')).toBe(false);
    expect(certifiedOn({ ...body, status: 'revoked' }, '2025-01-01')).toBe(false);
  });
});

describe('filing a dispute', () => {
  const filing = {
    body,
    filedAt: at('2025-03-01T10:00:00Z'),
    decidedAt: at('2025-02-01T10:00:00Z'),
    now: at('2025-03-02T00:00:00Z'),
  };
  it('needs a body certified on the day it was filed, a day after the decision and not ahead', () => {
    expect(filingProblems(filing)).toEqual([]);
    expect(filingProblems({ ...filing, body: null }).map((p) => p.field)).toEqual(['/bodyId']);
    expect(filingProblems({ ...filing, body: { ...body, status: 'revoked' } }).map((p) => p.field)).toEqual([
      '/bodyId',
    ]);
    expect(filingProblems({ ...filing, filedAt: at('2025-01-01T00:00:00Z') }).map((p) => p.field)).toEqual([
      '/filedAt',
    ]);
    expect(filingProblems({ ...filing, filedAt: at('2025-03-03T00:00:00Z') }).map((p) => p.field)).toEqual([
      '/filedAt',
    ]);
  });
});

describe('fees (DSA Art. 21(5))', () => {
  const none = { badFaith: false, agreed: null };
  it('the platform bears them when the body decides for the user or the notifier', () => {
    expect(feeBearer('complainant_favour', none)).toBe('platform');
  });
  it("for the platform too, unless the body found the complainant's manifest bad faith", () => {
    expect(feeBearer('platform_favour', none)).toBe('platform');
    expect(feeBearer('platform_favour', { badFaith: true, agreed: null })).toBe('complainant');
  });
  it('a settlement as the parties agreed; withdrawn or declined leave the body fees with the platform', () => {
    expect(feeBearer('settled', { badFaith: false, agreed: 'shared' })).toBe('shared');
    expect(feeBearer('settled', none)).toBe('platform');
    expect(feeBearer('withdrawn', none)).toBe('platform');
    expect(feeBearer('declined_by_body', none)).toBe('platform');
  });
  it('keeps amounts in cents', () => {
    expect(amountInCents('120')).toBe(12_000);
    expect(amountInCents('120.5')).toBe(12_050);
    expect(amountInCents('0.05')).toBe(5);
    expect(amountInCents('1,20')).toBeNull();
    expect(amountInCents('-3')).toBeNull();
    expect(centsAsAmount(12_050)).toBe('120.50');
    expect(centsAsAmount(5)).toBe('0.05');
  });
});

describe("a dispute's outcome", () => {
  const base: Conclusion = {
    status: 'filed',
    complainant: 'affected_user',
    outcome: 'complainant_favour',
    filedAt: at('2025-03-01T00:00:00Z'),
    concludedAt: at('2025-04-01T00:00:00Z'),
    now: at('2025-04-02T00:00:00Z'),
    badFaith: false,
    agreedFeeBearer: null,
    requiredOutcome: null,
    decisionOutcome: 'remove',
  };
  const fields = (c: Partial<Conclusion>) => conclusionProblems({ ...base, ...c }).problems.map((p) => p.field);

  it('concludes a filed dispute once: a concluded one is a conflict', () => {
    expect(conclusionProblems(base)).toEqual({ conflict: null, problems: [] });
    expect(conclusionProblems({ ...base, status: 'concluded' }).conflict).toMatch(/already concluded/);
  });
  it('neither before it was filed nor in the future', () => {
    expect(fields({ concludedAt: at('2025-02-01T00:00:00Z') })).toEqual(['/concludedAt']);
    expect(fields({ concludedAt: at('2025-05-01T00:00:00Z') })).toEqual(['/concludedAt']);
  });
  it('bad faith only with an outcome for the platform, an agreed fee share only in a settlement', () => {
    expect(fields({ badFaith: true })).toEqual(['/badFaith']);
    expect(fields({ outcome: 'platform_favour', badFaith: true })).toEqual([]);
    expect(fields({ agreedFeeBearer: 'shared' })).toEqual(['/feesBorneBy']);
    expect(fields({ outcome: 'settled', agreedFeeBearer: 'shared' })).toEqual([]);
  });
  it('asks for a different decision only when the outcome changes it, and a notifier who wins must name it', () => {
    expect(fields({ outcome: 'platform_favour', requiredOutcome: 'no_violation' })).toEqual(['/requiredOutcome']);
    expect(fields({ requiredOutcome: 'remove' })).toEqual(['/requiredOutcome']);
    expect(fields({ complainant: 'notifier', decisionOutcome: 'no_violation' })).toEqual(['/requiredOutcome']);
    expect(fields({ complainant: 'notifier', decisionOutcome: 'no_violation', requiredOutcome: 'remove' })).toEqual([]);
  });
  it("a user's win undoes the restriction unless the body named another decision; other outcomes leave it", () => {
    expect(requiredDecision('complainant_favour', 'affected_user', null)).toBe('no_violation');
    expect(requiredDecision('complainant_favour', 'affected_user', 'warning_screen')).toBe('warning_screen');
    expect(requiredDecision('settled', 'affected_user', null)).toBeNull();
    expect(requiredDecision('settled', 'notifier', 'restrict_visibility')).toBe('restrict_visibility');
    expect(requiredDecision('platform_favour', 'affected_user', null)).toBeNull();
    expect(requiredDecision('withdrawn', 'notifier', null)).toBeNull();
  });
  it('is due for implementation 7 days after the conclusion, as a board decision', () => {
    expect(implementationDueAt(at('2025-04-01T12:00:00Z')).toISOString()).toBe('2025-04-08T12:00:00.000Z');
    expect(implementationDueAt(at('2025-04-01T12:00:00Z'), { implementationDays: 3 }).toISOString()).toBe(
      '2025-04-04T12:00:00.000Z',
    );
  });
});

describe('the Art. 24(1) counts in the transparency report', () => {
  const period = { from: '2025-01-01', to: '2025-12-31' };
  const row = (metric: string, key: string, count: number) => ({ metric, key, count, country: 'DEU' });
  const days = (d: number) => String(durationBucket(d * 86_400));

  it('counts disputes, their median time to conclusion in days, and the share of outcomes implemented', () => {
    const report = buildReport(period, null, [
      row('disputes.submitted', 'affected_user', 4),
      row('disputes.submitted', 'notifier', 1),
      row('disputes.outcome', 'complainant_favour', 2),
      row('disputes.outcome', 'platform_favour', 1),
      row('disputes.time', days(10), 1),
      row('disputes.time', days(30), 1),
      row('disputes.time', days(90), 1),
      row('disputes.implementation', 'required', 2),
      row('disputes.implementation', 'implemented', 1),
    ]);
    expect(report.totals.disputesSubmitted).toBe(5);
    expect(report.totals.disputesConcluded).toBe(3);
    expect(report.totals.disputeOutcomesImplementedShare).toBe(0.5);
    // The middle of three is the 30-day dispute: known within the buckets' 19%.
    expect(report.totals.medianDaysToConcludeDispute).toBeGreaterThan(30 / 1.19);
    expect(report.totals.medianDaysToConcludeDispute).toBeLessThan(30 * 1.19);
    expect(report.breakdowns['disputes.outcome']).toEqual([
      { key: 'complainant_favour', count: 2 },
      { key: 'platform_favour', count: 1 },
    ]);
  });

  it('has no median and no share when nothing was concluded or required', () => {
    const report = buildReport(period, null, [row('disputes.submitted', 'notifier', 1)]);
    expect(report.totals.medianDaysToConcludeDispute).toBeNull();
    expect(report.totals.disputeOutcomesImplementedShare).toBeNull();
  });
});
