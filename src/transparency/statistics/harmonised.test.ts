import { describe, expect, it } from 'vitest';
import type { DocketError } from '../../core/errors.js';
import type { HarmonisedReport } from './contract.js';
import { harmonisedCsv, harmonisedPeriod, harmonisedReport, SECTIONS } from './harmonised.js';
import { automationKey, buildReport, misuseSuspensionKey, noticeAction, noticeWait, type SummedRow } from './rules.js';

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const VIOLENCE = 'STATEMENT_CATEGORY_VIOLENCE';
const SPEECH = 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH';

const rows: SummedRow[] = [
  { metric: 'notices.category', key: VIOLENCE, country: 'DEU', count: 3 },
  { metric: 'notices.category', key: SPEECH, country: 'FRA', count: 2 },
  { metric: 'notices.trusted_flagger', key: VIOLENCE, country: 'DEU', count: 2 },
  { metric: 'notices.action', key: 'illegal_content', country: 'DEU', count: 1 },
  { metric: 'notices.action', key: 'terms', country: 'DEU', count: 2 },
  { metric: 'notices.action', key: 'no_action', country: 'FRA', count: 1 },
  { metric: 'notices.automation', key: 'human', country: 'DEU', count: 3 },
  { metric: 'notices.automation', key: 'automated', country: 'FRA', count: 1 },
  { metric: 'notices.time', key: '47', country: 'DEU', count: 4 },
  { metric: 'orders.category', key: VIOLENCE, country: 'DEU', count: 1 },
  { metric: 'reports.source', key: 'automated', country: 'DEU', count: 5 },
  { metric: 'reports.source', key: 'user', country: 'DEU', count: 7 },
  { metric: 'appeals.filed', key: 'affected_user', country: 'DEU', count: 2 },
];

const fields = (report: HarmonisedReport, section: string) =>
  report.sections.find((s) => s.section === section)?.rows ?? [];
const value = (report: HarmonisedReport, section: string, field: string, breakdown: string | null = null) =>
  fields(report, section).find((r) => r.field.startsWith(field) && r.breakdown === breakdown)?.value;

describe('the harmonised transparency report (Implementing Regulation (EU) 2024/2835)', () => {
  const report = harmonisedReport(buildReport(PERIOD, null, rows), {
    generatedAt: '2027-01-15T10:00:00.000Z',
  });

  it('has the quantitative template’s eight sections in order, with their titles', () => {
    expect(report.sections.map((s) => s.section)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8']);
    expect(report.sections[2]?.title).toBe(SECTIONS['1.3']);
    expect(value(report, '1.1', 'Start date')).toBe('2026-01-01');
    expect(value(report, '1.1', 'Date the report was generated')).toBe('2027-01-15');
  });

  it('counts Art. 16 notices by type of alleged illegal content, those of trusted flaggers apart', () => {
    expect(value(report, '1.3', 'Number of notices received')).toBe(5);
    expect(value(report, '1.3', 'Number of notices received', VIOLENCE)).toBe(3);
    expect(value(report, '1.3', 'Number of notices received', SPEECH)).toBe(2);
    expect(value(report, '1.3', 'Number of notices submitted by trusted flaggers, by type')).toBe(2);
  });

  it('splits the actions on notices by the law and the terms, and gives the median time to act', () => {
    expect(value(report, '1.3', 'Number of notices decided')).toBe(4);
    expect(value(report, '1.3', 'Number of actions taken on the basis of the law')).toBe(1);
    expect(value(report, '1.3', 'Number of actions taken on the basis of the terms')).toBe(2);
    expect(value(report, '1.3', 'Number of notices on which no action')).toBe(1);
    expect(value(report, '1.3', 'Number of notices processed by using solely automated means')).toBe(1);
    const hours = value(report, '1.3', 'Median time needed to take action') as number;
    expect(hours).toBeGreaterThan(1 / 1.19);
    expect(hours).toBeLessThan(1.19);
  });

  it('takes own-initiative detections from the automated and staff sources only, and orders by category', () => {
    expect(value(report, '1.4', 'Number of items detected on the provider’s own initiative')).toBe(5);
    expect(value(report, '1.4', 'Number of items detected on the provider’s own initiative', 'user')).toBeUndefined();
    expect(value(report, '1.2', 'Number of orders to act against illegal content', VIOLENCE)).toBe(1);
  });

  it('reports what Docket does not record as not available, never as zero', () => {
    for (const section of ['1.7', '1.8'])
      for (const row of fields(report, section)) expect(row).toMatchObject({ status: 'not_available', value: null });
  });

  it('gives Art. 23 suspensions by their reason, zero where there were none', () => {
    const suspended = harmonisedReport(
      buildReport(PERIOD, null, [
        ...rows,
        { metric: 'misuse.suspensions', key: 'unfounded_notices', country: '', count: 2 },
      ]),
      { generatedAt: '2027-01-15T10:00:00.000Z' },
    );
    const misuse = fields(suspended, '1.5').filter((r) => r.field.startsWith('Suspensions'));
    expect(misuse.map((r) => r.value)).toEqual([0, 2, 0]);
    expect(misuse.every((r) => r.status === 'reported')).toBe(true);
  });

  it('writes one CSV line a field or breakdown, quoted where a cell holds a comma', () => {
    const csv = harmonisedCsv(report);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,section_title,field,breakdown,value,unit,status,note');
    expect(lines).toContain(
      `1.3,Article 15(1)(b). Notices submitted in accordance with Article 16 of Regulation (EU) 2022/2065,"Number of notices received, by type of alleged illegal content",${VIOLENCE},3,count,reported,`,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('needs both days of the reporting period, real ones, in order, and names the field otherwise', () => {
    expect(harmonisedPeriod({ from: '2026-01-01', to: '2026-06-30' })).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
    });
    const problem = (query: { from?: string; to?: string }) => {
      try {
        harmonisedPeriod(query);
      } catch (error) {
        return (error as DocketError).fields.map((f) => f.field);
      }
      return [];
    };
    expect(problem({ to: '2026-06-30' })).toEqual(['from']);
    expect(problem({ from: '2026-02-30', to: 'june' })).toEqual(['from', 'to']);
    expect(problem({ from: '2026-07-01', to: '2026-06-30' })).toEqual(['to']);
  });
});

describe('the notice counts behind it', () => {
  it('a decided notice rests on the law, on the terms, or took no action', () => {
    expect(noticeAction('remove', true)).toBe('illegal_content');
    expect(noticeAction('restrict_visibility', false)).toBe('terms');
    expect(noticeAction('no_violation', false)).toBe('no_action');
    expect(noticeAction('keep_newsworthy', true)).toBe('no_action');
  });

  it('a notice waits from its receipt to the first decision its notifier is told, counted once', () => {
    expect(noticeWait('2026-03-02T09:00:00.000Z', 0, '2026-03-02T11:00:00.000Z')).toBe(7200);
    expect(noticeWait('2026-03-02T09:00:00.000Z', 1, '2026-03-05T11:00:00.000Z')).toBeNull();
    expect(noticeWait(null, 0, '2026-03-02T11:00:00.000Z')).toBeNull();
  });

  it('counts an Art. 23 suspension under the reason of whom it suspends', () => {
    expect(misuseSuspensionKey('user')).toBe('manifestly_illegal_content');
    expect(misuseSuspensionKey('notifier')).toBe('unfounded_notices');
    expect(misuseSuspensionKey('complainant')).toBe('unfounded_complaints');
    expect(misuseSuspensionKey('platform')).toBeNull();
  });

  it('names who decided as the other statistics do', () => {
    expect(automationKey(true, true)).toBe('automated');
    expect(automationKey(false, true)).toBe('partially_automated');
    expect(automationKey(false, false)).toBe('human');
  });
});
