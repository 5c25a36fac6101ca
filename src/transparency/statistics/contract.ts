import { Type, type Static } from 'typebox';
import { FlaggerAccuracy } from '../../moderation/flagger-reads.js';

/** The metrics kept per day and country, each with the meaning of its keys. */
export const METRICS = {
  'reports.source': 'reports received, by who reported (user, trusted flagger, automated, staff, legal order)',
  'reports.policy': 'reports received, by the policy they allege',
  'actions.outcome': 'decisions, by what happened to the content',
  'actions.policy': 'decisions, by the policy they apply',
  'actions.account': 'decisions that also acted on the account, by action',
  'actions.automation':
    "decisions, by whether a machine decided alone (automated), a person reviewed a tool's decision (partially_automated) or a person decided (human)",
  'actions.detection': 'decisions, by whether the content was found automatically',
  'actions.time': 'first decisions on a case, by time from the case opening (duration buckets)',
  'automation.tool': 'decisions that came from an automated tool, by tool (name and version)',
  'automation.reversed': "an automated tool's decisions reversed on internal appeal, by tool (name and version)",
  'appeals.filed': 'internal appeals, by who appealed',
  'appeals.decided': 'internal appeals decided, by result',
  'appeals.time': 'internal appeals decided, by time from filing to decision (duration buckets)',
  'reversals.by': 'decisions reversed, by who reversed them (internal appeal, oversight board, platform)',
  'board.submitted': 'cases submitted to the board, by kind',
  'board.selected': 'cases the board took, by kind',
  'board.outcome': 'board decisions published, by outcome',
  'board.recommendations': 'recommendations the board published',
  'board.responses': "the platform's responses to recommendations, by category",
  'board.response_timeliness': 'responses, on time or late',
  'board.overdue': 'deadlines the platform missed (responses and implementation)',
  'board.assessments': "the board's assessments of responses",
  'board.implementation': 'binding decisions implemented, on time or late',
  'figures.restricted': "public figures' accounts restricted under the crisis protocol, by tier",
  'figures.reviews':
    'restrictions of public figures reviewed at their end, by result (extended, lifted, lapsed unreviewed)',
  'disputes.submitted': 'disputes submitted to certified out-of-court bodies (DSA Art. 21), by who brought them',
  'disputes.outcome': 'disputes concluded, by outcome',
  'disputes.time': 'disputes concluded, by time from filing to conclusion (duration buckets)',
  'disputes.implementation': 'outcomes that require the decision to change: required, and implemented',
  'notices.category':
    'notices of content from anyone (EU DSA Art. 16) received, by the EU DSA category of the policy they allege',
  'notices.trusted_flagger': "trusted flaggers' notices (EU DSA Art. 22) received, by the EU DSA category they allege",
  'notices.action':
    'notices decided, by what the decision rested on: illegal content (the law), the terms, or no action taken',
  'notices.automation':
    'notices decided, by whether a machine decided alone (automated), a person reviewed a tool (partially_automated) or a person decided (human)',
  'notices.time': 'notices decided, by time from the notice to the first decision on it (duration buckets)',
  'orders.category': 'reports under legal orders from authorities, by the EU DSA category of the policy they allege',
  'actions.ground': "decisions, by their ground: illegal content (the law) or the platform's terms",
  'actions.category': 'decisions, by the EU DSA category of the policy section they apply',
  'misuse.suspensions':
    'suspensions for misuse (EU DSA Art. 23), by reason: manifestly illegal content, manifestly unfounded notices or complaints',
} as const;

export type Metric = keyof typeof METRICS;

const Count = Type.Integer({ minimum: 0 });
const Share = Type.Union([Type.Number(), Type.Null()]);
const Day = Type.String({ format: 'date' });

/** A period of whole days, inclusive, as YYYY-MM-DD (UTC). */
export const Period = Type.Object({ from: Day, to: Day });
export type Period = Static<typeof Period>;

/** How the series over time is bucketed. */
export const Step = Type.Enum(['day', 'week', 'month', 'year']);
export type Step = Static<typeof Step>;

/** One bucket of the series over time: the day it starts and what it counted. */
export const SeriesPoint = Type.Object({ start: Day, reports: Count, actions: Count, appeals: Count });
export type SeriesPoint = Static<typeof SeriesPoint>;

const Breakdown = Type.Array(Type.Object({ key: Type.String(), count: Count }), {
  description: "a metric's counts by key, largest first",
});

/** The transparency report for a period and (optionally) a country. */
export const TransparencyReport = Type.Object({
  period: Period,
  country: Type.Union([Type.String(), Type.Null()], {
    description: 'ISO 3166-1 alpha-3, "" for unknown; null for all',
  }),
  totals: Type.Object({
    reports: Count,
    actions: Count,
    automatedShare: Share,
    partiallyAutomatedShare: Share,
    appealsFiled: Count,
    appealsDecided: Count,
    appealsReversed: Count,
    appealReversalRate: Share,
    medianHoursToDecision: Share,
    medianHoursToDecideAppeal: Share,
    boardCasesSubmitted: Count,
    boardCasesSelected: Count,
    boardDecisions: Count,
    recommendations: Count,
    responses: Count,
    figuresRestricted: Count,
    disputesSubmitted: Count,
    disputesConcluded: Count,
    medianDaysToConcludeDispute: Share,
    disputeOutcomesImplementedShare: Share,
    noticesReceived: Count,
    noticesFromTrustedFlaggers: Count,
    noticesDecided: Count,
    noticesActedOn: Count,
    medianHoursToActOnNotice: Share,
  }),
  /** Every metric's counts by key, largest first. */
  breakdowns: Type.Object(
    Object.fromEntries(Object.keys(METRICS).map((metric) => [metric, Breakdown])) as Record<Metric, typeof Breakdown>,
  ),
  /**
   * Each automated tool's decisions in the period and those reversed on internal appeal in it, and its accuracy:
   * the share not reversed (EU DSA Art. 15(1)(e)); most decisions first.
   */
  automatedTools: Type.Array(
    Type.Object({ tool: Type.String(), decisions: Count, reversedOnAppeal: Count, accuracy: Share }),
  ),
  /**
   * Each trusted flagger's notices received in the period (EU DSA Art. 22): those decided, those upheld (the decision
   * acted on the content), and its accuracy, the share of the decided ones upheld; most notices first.
   */
  trustedFlaggers: Type.Array(FlaggerAccuracy),
  /** Reports and actions per country (all countries, whatever the country filter). */
  byCountry: Type.Array(Type.Object({ country: Type.String(), reports: Count, actions: Count, appeals: Count })),
  /** Reports, decisions and appeals over the period, by day, week, month or year (within the country filter). */
  overTime: Type.Object({ step: Step, points: Type.Array(SeriesPoint) }),
});
export type TransparencyReport = Static<typeof TransparencyReport>;

/** Which period and country a report covers. */
export const ReportQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ description: 'first day, YYYY-MM-DD (default: the first counted day)' })),
    to: Type.Optional(Type.String({ description: 'last day, YYYY-MM-DD (default: the last counted day)' })),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-3, or UNKNOWN; empty for all' })),
  },
  { additionalProperties: false },
);

/** GET /api/public/statistics: the report, or its CSV. */
export const StatisticsQuery = Type.Object(
  { ...ReportQuery.properties, format: Type.Optional(Type.Enum(['json', 'csv'])) },
  { additionalProperties: false },
);

/** The report as JSON, with what each metric means. */
export const StatisticsAnswer = Type.Object({
  ...TransparencyReport.properties,
  metrics: Type.Object(
    Object.fromEntries(Object.keys(METRICS).map((m) => [m, Type.String()])) as Record<
      Metric,
      ReturnType<typeof Type.String>
    >,
  ),
});
export type StatisticsAnswer = Static<typeof StatisticsAnswer>;

/** GET /api/transparency/harmonised-report: the period (both days required) and the format. */
export const HarmonisedQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ description: 'first day of the reporting period, YYYY-MM-DD (required)' })),
    to: Type.Optional(Type.String({ description: 'last day of the reporting period, YYYY-MM-DD (required)' })),
    format: Type.Optional(Type.Enum(['json', 'csv'])),
  },
  { additionalProperties: false },
);

/**
 * One field of the harmonised template: its value, or `not_available` when Docket does not record it (never a
 * made-up zero). `breakdown` names the row of a table (a category, a source, a tool), null for the field's total.
 */
export const HarmonisedRow = Type.Object({
  field: Type.String(),
  breakdown: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.Number(), Type.String(), Type.Null()]),
  unit: Type.Enum(['count', 'hours', 'days', 'share', 'date', 'text']),
  status: Type.Enum(['reported', 'not_available']),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type HarmonisedRow = Static<typeof HarmonisedRow>;

/**
 * The transparency report in the structure of the Commission's harmonised templates (Implementing Regulation (EU)
 * 2024/2835, Annex I: the quantitative template's sections 1.1 to 1.8), for EU DSA Art. 15, 24 and 42.
 */
export const HarmonisedReport = Type.Object({
  template: Type.String(),
  period: Period,
  generatedAt: Type.String({ format: 'date-time' }),
  sections: Type.Array(
    Type.Object({
      section: Type.String({ description: 'the template section, e.g. 1.3' }),
      title: Type.String(),
      rows: Type.Array(HarmonisedRow),
    }),
  ),
});
export type HarmonisedReport = Static<typeof HarmonisedReport>;
