import { dayProblem } from '../../core/days.js';
import { DocketError } from '../../core/errors.js';
import type { HarmonisedReport, HarmonisedRow, Metric, Period, TransparencyReport } from './contract.js';
import { NO_ACTION } from './rules.js';

/**
 * The harmonised transparency report (Commission Implementing Regulation (EU) 2024/2835, Annex I) as pure functions
 * of the transparency report: which of Docket's counts fills which field of the quantitative template, and which
 * fields Docket cannot fill (reported `not_available`, never as zero).
 */

export const TEMPLATE = 'Commission Implementing Regulation (EU) 2024/2835, Annex I, quantitative template';

/** The template's sections, with the titles Annex I gives them. */
export const SECTIONS = {
  '1.1': 'Report identification',
  '1.2': 'Article 15(1)(a). Member State orders',
  '1.3': 'Article 15(1)(b). Notices submitted in accordance with Article 16 of Regulation (EU) 2022/2065',
  '1.4': 'Article 15(1)(c). Meaningful and comprehensible information on own-initiative content moderation',
  '1.5':
    'Articles 15(1)(d), 24(1)(a) and 24(1)(b). Internal complaints mechanism, out-of-court dispute settlement bodies and suspensions imposed on repeated offenders',
  '1.6':
    'Article 15(1)(b)(c)(e) and Article 42(2)(c). Use of automated means for content moderation and indicators of accuracy',
  '1.7': 'Articles 42(2)(a) and 42(2)(b). Human resources dedicated to content moderation',
  '1.8': 'Article 42(3). Average monthly active recipients of the service',
} as const;

/** The reasons of Art. 23 suspensions, as `misuse.suspensions` keys them. */
export const MISUSE_REASONS = {
  manifestly_illegal_content: 'Suspensions for the frequent provision of manifestly illegal content (Art. 23(1))',
  unfounded_notices: 'Suspensions for the frequent submission of manifestly unfounded notices (Art. 23(2))',
  unfounded_complaints: 'Suspensions for the frequent submission of manifestly unfounded complaints (Art. 23(2))',
} as const;

type Unit = HarmonisedRow['unit'];

const reported = (field: string, value: number | string | null, unit: Unit, breakdown: string | null = null) =>
  ({ field, breakdown, value, unit, status: 'reported', note: null }) satisfies HarmonisedRow;

const notAvailable = (field: string, note: string, unit: Unit = 'count') =>
  ({ field, breakdown: null, value: null, unit, status: 'not_available', note }) satisfies HarmonisedRow;

export interface HarmonisedOptions {
  generatedAt: string;
}

/** The harmonised template's sections, filled from a transparency report of the whole service (no country filter). */
export function harmonisedReport(report: TransparencyReport, options: HarmonisedOptions): HarmonisedReport {
  const { totals: t, breakdowns: b } = report;
  const count = (metric: Metric, key?: string) =>
    b[metric].filter((x) => key === undefined || x.key === key).reduce((n, x) => n + x.count, 0);
  /** A field's total and then one row per key of its breakdown. */
  const table = (field: string, metric: Metric, keys?: readonly string[]): HarmonisedRow[] => {
    const rows = b[metric].filter((x) => keys === undefined || keys.includes(x.key));
    return [
      reported(
        field,
        rows.reduce((n, x) => n + x.count, 0),
        'count',
      ),
      ...rows.map((x) => reported(field, x.count, 'count', x.key)),
    ];
  };
  const ownInitiative = ['automated', 'staff'] as const;
  const sections: Record<keyof typeof SECTIONS, HarmonisedRow[]> = {
    '1.1': [
      reported('Start date of the reporting period', report.period.from, 'date'),
      reported('End date of the reporting period', report.period.to, 'date'),
      reported('Date the report was generated', options.generatedAt.slice(0, 10), 'date'),
      notAvailable('Name of the provider and of the service', 'filled in by the provider', 'text'),
    ],
    '1.2': [
      ...table('Number of orders to act against illegal content, by type of illegal content', 'orders.category'),
      notAvailable('Member State issuing the order', 'Docket records the order as a report, not the issuing authority'),
      notAvailable(
        'Median time to inform the authority of the receipt and of the effect given to the order',
        'Docket does not record when the authority was told',
        'hours',
      ),
      notAvailable('Number of orders to provide information', 'Docket does not receive orders to provide information'),
    ],
    '1.3': [
      ...table('Number of notices received, by type of alleged illegal content', 'notices.category'),
      ...table(
        'Number of notices submitted by trusted flaggers, by type of alleged illegal content',
        'notices.trusted_flagger',
      ),
      ...report.trustedFlaggers.map((f) =>
        reported('Number of notices submitted by trusted flaggers', f.notices, 'count', `${f.name} (${f.memberState})`),
      ),
      reported('Number of notices decided', t.noticesDecided, 'count'),
      reported('Number of actions taken on the basis of the law', count('notices.action', 'illegal_content'), 'count'),
      reported(
        'Number of actions taken on the basis of the terms and conditions',
        count('notices.action', 'terms'),
        'count',
      ),
      reported('Number of notices on which no action was taken', count('notices.action', NO_ACTION), 'count'),
      reported(
        'Number of notices processed by using solely automated means',
        count('notices.automation', 'automated'),
        'count',
      ),
      reported(
        'Number of notices processed by automated means with human review',
        count('notices.automation', 'partially_automated'),
        'count',
      ),
      reported('Median time needed to take action on a notice', t.medianHoursToActOnNotice, 'hours'),
    ],
    '1.4': [
      ...table('Number of items detected on the provider’s own initiative, by source', 'reports.source', ownInitiative),
      ...table('Number of content moderation decisions, by type of illegal content or violation', 'actions.category'),
      ...table(
        'Number of content moderation decisions, by ground (the law or the terms and conditions)',
        'actions.ground',
      ),
      ...table('Number of content moderation decisions, by type of restriction', 'actions.outcome'),
      ...table('Number of restrictions of accounts, by type', 'actions.account'),
      reported(
        'Number of decisions on content detected by automated means',
        count('actions.detection', 'automated'),
        'count',
      ),
    ],
    '1.5': [
      ...table(
        'Number of complaints received through the internal complaint-handling system, by complainant',
        'appeals.filed',
      ),
      ...table('Number of complaints decided, by outcome', 'appeals.decided'),
      reported('Number of decisions reversed following a complaint', t.appealsReversed, 'count'),
      reported('Median time needed to decide a complaint', t.medianHoursToDecideAppeal, 'hours'),
      ...table('Number of disputes submitted to out-of-court dispute settlement bodies', 'disputes.submitted'),
      ...table('Number of disputes concluded, by outcome', 'disputes.outcome'),
      reported('Median time needed to conclude a dispute', t.medianDaysToConcludeDispute, 'days'),
      reported('Share of dispute outcomes implemented', t.disputeOutcomesImplementedShare, 'share'),
      ...Object.entries(MISUSE_REASONS).map(([key, field]) =>
        reported(field, count('misuse.suspensions', key), 'count'),
      ),
    ],
    '1.6': [
      ...table('Number of decisions, by whether automated means took them', 'actions.automation'),
      reported('Share of decisions taken solely by automated means', t.automatedShare, 'share'),
      reported('Share of decisions taken by automated means with human review', t.partiallyAutomatedShare, 'share'),
      ...report.automatedTools.flatMap((tool) => [
        reported('Number of decisions taken by the automated tool', tool.decisions, 'count', tool.tool),
        reported('Number of the tool’s decisions reversed on complaint', tool.reversedOnAppeal, 'count', tool.tool),
        reported('Accuracy indicator: share of the tool’s decisions not reversed', tool.accuracy, 'share', tool.tool),
      ]),
    ],
    '1.7': [
      notAvailable('Human resources dedicated to content moderation', 'Docket does not record staffing'),
      notAvailable(
        'Qualifications and linguistic expertise of the persons carrying out content moderation',
        'Docket does not record staffing',
        'text',
      ),
    ],
    '1.8': [
      notAvailable(
        'Average monthly active recipients of the service, per Member State',
        'Docket does not see the service’s recipients',
      ),
    ],
  };
  return {
    template: TEMPLATE,
    period: report.period,
    generatedAt: options.generatedAt,
    sections: (Object.keys(SECTIONS) as (keyof typeof SECTIONS)[]).map((section) => ({
      section,
      title: SECTIONS[section],
      rows: sections[section],
    })),
  };
}

/**
 * The reporting period of a harmonised report: both days required, real days of the accepted calendar, the end not
 * before the start. Refused with each field named.
 */
export function harmonisedPeriod(query: { from?: string | undefined; to?: string | undefined }): Period {
  const fields: { field: string; message: string }[] = [];
  for (const field of ['from', 'to'] as const) {
    const day = query[field];
    const problem = day ? dayProblem(day) : 'required: a day, YYYY-MM-DD';
    if (problem) fields.push({ field, message: problem });
  }
  const { from = '', to = '' } = query;
  if (fields.length === 0 && from > to)
    fields.push({ field: 'to', message: `the period ends (${to}) before it starts (${from})` });
  if (fields.length > 0) throw new DocketError('validation_failed', 'the reporting period is not valid', fields);
  return { from, to };
}

/** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; null is empty. */
export const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report as one CSV table (RFC 4180, CRLF), one field or breakdown a line. */
export function harmonisedCsv(report: HarmonisedReport): string {
  const lines: (string | number | null)[][] = [
    ['section', 'section_title', 'field', 'breakdown', 'value', 'unit', 'status', 'note'],
  ];
  for (const s of report.sections)
    for (const r of s.rows) lines.push([s.section, s.title, r.field, r.breakdown, r.value, r.unit, r.status, r.note]);
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
