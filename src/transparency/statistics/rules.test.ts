import { describe, expect, it } from 'vitest';
import {
  bucketBounds,
  bucketStart,
  buildReport,
  combine,
  defaultChartPeriod,
  durationBucket,
  fillSeries,
  medianFromBuckets,
  share,
  splitPeriod,
  stepFor,
  toolAccuracy,
  toolName,
} from './rules.js';
import { parseReportQuery } from './report-query.js';

describe('transparency report rules', () => {
  it('counts durations in buckets four to a doubling, so a bucket is at most 19% wide', () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(1)).toBe(0);
    expect(durationBucket(2)).toBe(4);
    expect(durationBucket(3600)).toBe(47);
    for (const seconds of [5, 61, 3599, 86_400 * 3]) {
      const { low, high } = bucketBounds(durationBucket(seconds));
      expect(seconds).toBeGreaterThanOrEqual(low);
      expect(seconds).toBeLessThan(high);
      expect(high / low).toBeLessThan(1.19 + 1e-9 + 0.01);
    }
  });

  it('finds the median within its bucket, and none when nothing was decided', () => {
    expect(medianFromBuckets(new Map())).toBeNull();
    const hours = [1, 2, 3, 5, 8, 13, 21].map((h) => h * 3600);
    const buckets = new Map<number, number>();
    for (const s of hours) buckets.set(durationBucket(s), (buckets.get(durationBucket(s)) ?? 0) + 1);
    const median = medianFromBuckets(buckets) as number;
    expect(median / (5 * 3600)).toBeGreaterThan(1 / 1.19);
    expect(median / (5 * 3600)).toBeLessThan(1.19);
  });

  it('adds up increments that share metric, day, country and key', () => {
    const day = '2023-06-29';
    expect(
      combine([
        { metric: 'reports.source', day, country: 'KEN', key: 'user', count: 1 },
        { metric: 'reports.source', day, country: 'KEN', key: 'user', count: 1 },
        { metric: 'reports.source', day, country: 'IND', key: 'user', count: 1 },
      ]),
    ).toEqual([
      { metric: 'reports.source', day, country: 'KEN', key: 'user', count: 2 },
      { metric: 'reports.source', day, country: 'IND', key: 'user', count: 1 },
    ]);
  });

  it('builds totals, shares and a per-country table from summed rows; a country filter narrows all but that table', () => {
    const rows = [
      { metric: 'reports.source', key: 'user', country: 'KEN', count: 8 },
      { metric: 'reports.source', key: 'trusted_flagger', country: 'IND', count: 2 },
      { metric: 'actions.automation', key: 'human', country: 'KEN', count: 3 },
      { metric: 'actions.automation', key: 'automated', country: 'KEN', count: 1 },
      { metric: 'appeals.filed', key: 'affected_user', country: 'KEN', count: 4 },
      { metric: 'appeals.decided', key: 'reversed', country: 'KEN', count: 1 },
      { metric: 'appeals.decided', key: 'upheld', country: 'KEN', count: 3 },
    ];
    const all = buildReport({ from: '2023-01-01', to: '2023-12-31' }, null, rows);
    expect(all.totals).toMatchObject({
      reports: 10,
      actions: 4,
      automatedShare: 0.25,
      appealsFiled: 4,
      appealReversalRate: 0.25,
      medianHoursToDecision: null,
    });
    expect(all.breakdowns['reports.source']).toEqual([
      { key: 'user', count: 8 },
      { key: 'trusted_flagger', count: 2 },
    ]);
    const india = buildReport({ from: '2023-01-01', to: '2023-12-31' }, 'IND', rows);
    expect(india.totals).toMatchObject({ reports: 2, actions: 0, automatedShare: null, appealReversalRate: null });
    expect(india.byCountry.map((c) => c.country)).toEqual(['KEN', 'IND']);
    expect(share(0, 0)).toBeNull();
  });

  it('reads a period and country, defaulting to the counted days, and names every bad field', () => {
    const defaults = { first: '2023-01-09', last: '2026-11-25', today: '2026-11-25' };
    expect(parseReportQuery({}, defaults)).toEqual({ period: { from: '2023-01-09', to: '2026-11-25' }, country: null });
    expect(parseReportQuery({}, { first: null, last: null, today: '2026-11-25' }).period).toEqual({
      from: '2026-11-25',
      to: '2026-11-25',
    });
    expect(parseReportQuery({ from: '2023-06-01', to: '2023-06-30', country: 'ken' }, defaults)).toEqual({
      period: { from: '2023-06-01', to: '2023-06-30' },
      country: 'KEN',
    });
    expect(parseReportQuery({ country: 'unknown' }, defaults).country).toBe('');
    expect(() => parseReportQuery({ from: '2023-02-29' }, defaults)).toThrow(/not valid/);
    try {
      parseReportQuery({ from: '2023-13-01', to: 'soon', country: 'Kenya' }, defaults);
      expect.unreachable();
    } catch (error) {
      expect((error as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['from', 'to', 'country']);
    }
  });

  it('refuses a period outside 1970-01-01..2100-12-31, which once walked millions of buckets and then crashed', () => {
    const defaults = { first: '2023-01-09', last: '2026-11-25', today: '2026-11-25' };
    for (const query of [{ to: '9999-12-31' }, { from: '0000-01-01' }, { from: '1969-12-31' }]) {
      expect(() => parseReportQuery(query, defaults)).toThrow(/not valid/);
    }
    expect(parseReportQuery({ from: '1970-01-01', to: '2100-12-31' }, defaults).period).toEqual({
      from: '1970-01-01',
      to: '2100-12-31',
    });
  });

  it('reads whole months from the monthly counts and only the days at either end from the daily ones', () => {
    expect(splitPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual({
      months: { from: '2025-01-01', to: '2025-12-01' },
      days: [],
    });
    expect(splitPeriod({ from: '2025-01-15', to: '2025-04-10' })).toEqual({
      months: { from: '2025-02-01', to: '2025-03-01' },
      days: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-04-01', to: '2025-04-10' },
      ],
    });
    // A leap February ends on the 29th; a period ending on the last day of a month takes that month whole.
    expect(splitPeriod({ from: '2024-02-02', to: '2024-02-29' })).toEqual({
      months: null,
      days: [{ from: '2024-02-02', to: '2024-02-29' }],
    });
    expect(splitPeriod({ from: '2024-01-31', to: '2024-02-29' })).toEqual({
      months: { from: '2024-02-01', to: '2024-02-01' },
      days: [{ from: '2024-01-31', to: '2024-01-31' }],
    });
    // Within one month, or one day: days only.
    expect(splitPeriod({ from: '2025-06-03', to: '2025-06-20' })).toEqual({
      months: null,
      days: [{ from: '2025-06-03', to: '2025-06-20' }],
    });
    expect(splitPeriod({ from: '2025-06-01', to: '2025-06-01' })).toEqual({
      months: null,
      days: [{ from: '2025-06-01', to: '2025-06-01' }],
    });
    // Across a year's end.
    expect(splitPeriod({ from: '2024-12-20', to: '2025-01-31' })).toEqual({
      months: { from: '2025-01-01', to: '2025-01-01' },
      days: [{ from: '2024-12-20', to: '2024-12-31' }],
    });
  });

  it('charts a month by day, half a year by week (from Monday) and longer by month, every bucket present', () => {
    expect(stepFor({ from: '2023-06-01', to: '2023-06-30' })).toBe('day');
    expect(stepFor({ from: '2023-01-01', to: '2023-06-30' })).toBe('week');
    expect(stepFor({ from: '2023-01-01', to: '2023-12-31' })).toBe('month');
    expect(bucketStart('2023-06-29', 'week')).toBe('2023-06-26'); // a Thursday belongs to the week from Monday the 26th
    expect(bucketStart('2023-06-26', 'week')).toBe('2023-06-26');
    expect(bucketStart('2023-06-29', 'month')).toBe('2023-06-01');
    const months = fillSeries({ from: '2023-01-15', to: '2023-04-02' }, 'month', [
      { start: '2023-03-01', reports: 5, actions: 2, appeals: 1 },
    ]);
    expect(months).toEqual([
      { start: '2023-01-01', reports: 0, actions: 0, appeals: 0 },
      { start: '2023-02-01', reports: 0, actions: 0, appeals: 0 },
      { start: '2023-03-01', reports: 5, actions: 2, appeals: 1 },
      { start: '2023-04-01', reports: 0, actions: 0, appeals: 0 },
    ]);
    expect(fillSeries({ from: '2023-06-01', to: '2023-06-30' }, 'day', [])).toHaveLength(30);
  });

  it('charts more than five years by year, so the widest period allowed has 131 buckets, not 1,572', () => {
    expect(stepFor({ from: '2019-01-01', to: '2023-12-31' })).toBe('month');
    expect(stepFor({ from: '2018-01-01', to: '2023-12-31' })).toBe('year');
    expect(bucketStart('2023-06-29', 'year')).toBe('2023-01-01');
    const widest = { from: '1970-01-01', to: '2100-12-31' };
    const years = fillSeries(widest, stepFor(widest), [{ start: '2023-01-01', reports: 7, actions: 3, appeals: 1 }]);
    expect(years).toHaveLength(131);
    expect(years.find((p) => p.start === '2023-01-01')).toEqual({
      start: '2023-01-01',
      reports: 7,
      actions: 3,
      appeals: 1,
    });
    expect(years.at(-1)?.start).toBe('2100-01-01');
  });
});

describe('the period the statistics page shows by default', () => {
  it('is the last 30 days counted, charted by day', () => {
    const period = defaultChartPeriod('2026-03-02', '2026-12-01');
    expect(period).toEqual({ from: '2026-02-01', to: '2026-03-02' });
    expect(stepFor(period)).toBe('day');
    expect(fillSeries(period, 'day', [])).toHaveLength(30);
  });

  it('ends today when nothing was counted yet', () => {
    expect(defaultChartPeriod(null, '2026-01-15')).toEqual({ from: '2025-12-17', to: '2026-01-15' });
  });
});

describe('automated means in the transparency report (EU DSA Art. 15(1)(e))', () => {
  const period = { from: '2026-03-01', to: '2026-03-31' };
  const row = (metric: string, key: string, count: number) => ({ metric, key, country: 'DEU', count });

  it('a tool’s accuracy is the share of its decisions not reversed on appeal; none before it decided', () => {
    expect(toolAccuracy(20, 3)).toBe(0.85);
    expect(toolAccuracy(0, 0)).toBeNull();
    // Reversals of decisions taken before the period never make the share negative.
    expect(toolAccuracy(1, 4)).toBe(0);
  });

  it('shows the fully and partially automated shares and each tool’s decisions, reversals and accuracy', () => {
    const report = buildReport(period, null, [
      row('actions.automation', 'automated', 2),
      row('actions.automation', 'partially_automated', 1),
      row('actions.automation', 'human', 1),
      row('automation.tool', 'hashmatch 2.1', 2),
      row('automation.tool', 'toxicity 0.9', 1),
      row('automation.reversed', 'hashmatch 2.1', 1),
      row('automation.reversed', 'spamnet 1.0', 1),
    ]);
    expect(report.totals).toMatchObject({ actions: 4, automatedShare: 0.5, partiallyAutomatedShare: 0.25 });
    expect(report.automatedTools).toEqual([
      { tool: 'hashmatch 2.1', decisions: 2, reversedOnAppeal: 1, accuracy: 0.5 },
      { tool: 'toxicity 0.9', decisions: 1, reversedOnAppeal: 0, accuracy: 1 },
      { tool: 'spamnet 1.0', decisions: 0, reversedOnAppeal: 1, accuracy: null },
    ]);
    expect(toolName({ tool: 'hashmatch', toolVersion: '2.1' })).toBe('hashmatch 2.1');
  });
});
