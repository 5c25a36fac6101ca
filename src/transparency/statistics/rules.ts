import { NOT_ACTING } from '../../core/outcomes.js';
import { METRICS, type Metric, type Period, type SeriesPoint, type Step, type TransparencyReport } from './contract.js';
/**
 * The transparency report's arithmetic, as pure functions: which event counts under which metric, the duration
 * buckets behind the median time to decision, and the report's shape from summed counts.
 */

/** One increment: `count` of `key` under `metric`, on `day` (YYYY-MM-DD, UTC) in `country` ('' when unknown). */
export interface Increment {
  metric: Metric;
  day: string;
  country: string;
  key: string;
  count: number;
}

/** Adds up increments that share metric, day, country and key (one row each to upsert). */
export function combine(increments: readonly Increment[]): Increment[] {
  const sums = new Map<string, Increment>();
  for (const inc of increments) {
    const id = `${inc.metric}\u0000${inc.day}\u0000${inc.country}\u0000${inc.key}`;
    const seen = sums.get(id);
    if (seen) seen.count += inc.count;
    else sums.set(id, { ...inc });
  }
  return [...sums.values()];
}

/**
 * Durations are counted in buckets four to a doubling: bucket b holds [2^(b/4), 2^((b+1)/4)) seconds, so any
 * duration is known to within 19% and a period's median comes from summed buckets, not from every decision.
 */
export function durationBucket(seconds: number): number {
  if (!(seconds >= 1)) return 0;
  return Math.floor(Math.log2(seconds) * 4);
}

export function bucketBounds(bucket: number): { low: number; high: number } {
  return { low: bucket === 0 ? 0 : 2 ** (bucket / 4), high: 2 ** ((bucket + 1) / 4) };
}

/**
 * The median from bucket counts: the bucket holding the middle decision, interpolated geometrically by rank
 * within it. Null when there is nothing to count.
 */
export function medianFromBuckets(buckets: ReadonlyMap<number, number>): number | null {
  const sorted = [...buckets.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const middle = total / 2;
  let below = 0;
  for (const [bucket, n] of sorted) {
    if (below + n >= middle) {
      const { low, high } = bucketBounds(bucket);
      const share = (middle - below) / n;
      return low === 0 ? high * share : low * (high / low) ** share;
    }
    below += n;
  }
  return null;
}

/** A share as a fraction from 0 to 1, or null when the whole is zero. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export interface SummedRow {
  metric: string;
  key: string;
  country: string;
  count: number;
}

/** Shapes summed aggregate rows into the report. `rows` may hold several countries; `country` filters them. */
export function buildReport(
  period: Period,
  country: string | null,
  rows: readonly SummedRow[],
  overTime: { step: Step; points: SeriesPoint[] } = {
    step: stepFor(period),
    points: fillSeries(period, stepFor(period), []),
  },
  /** Trusted flaggers' notices and accuracy, read apart from the counts (moderation's flagger-reads.ts). */
  trustedFlaggers: TransparencyReport['trustedFlaggers'] = [],
): TransparencyReport {
  const scoped = country === null ? rows : rows.filter((r) => r.country === country);
  const breakdowns = Object.fromEntries(
    (Object.keys(METRICS) as Metric[]).map((metric) => {
      const byKey = new Map<string, number>();
      for (const r of scoped) if (r.metric === metric) byKey.set(r.key, (byKey.get(r.key) ?? 0) + r.count);
      const list = [...byKey.entries()].map(([key, count]) => ({ key, count }));
      list.sort((a, b) =>
        metric.endsWith('.time') ? Number(a.key) - Number(b.key) : b.count - a.count || a.key.localeCompare(b.key),
      );
      return [metric, list];
    }),
  ) as Record<Metric, { key: string; count: number }[]>;
  const sum = (metric: Metric, key?: string) =>
    breakdowns[metric].filter((x) => key === undefined || x.key === key).reduce((n, x) => n + x.count, 0);
  const medianHours = (metric: Metric) => {
    const seconds = medianFromBuckets(new Map(breakdowns[metric].map((x) => [Number(x.key), x.count])));
    return seconds === null ? null : seconds / 3600;
  };
  const actions = sum('actions.automation');
  const decided = sum('appeals.decided');

  const countries = new Map<string, { reports: number; actions: number; appeals: number }>();
  for (const r of rows) {
    const c = countries.get(r.country) ?? { reports: 0, actions: 0, appeals: 0 };
    if (r.metric === 'reports.source') c.reports += r.count;
    if (r.metric === 'actions.automation') c.actions += r.count;
    if (r.metric === 'appeals.filed') c.appeals += r.count;
    countries.set(r.country, c);
  }
  return {
    period,
    country,
    totals: {
      reports: sum('reports.source'),
      actions,
      automatedShare: share(sum('actions.automation', 'automated'), actions),
      partiallyAutomatedShare: share(sum('actions.automation', 'partially_automated'), actions),
      appealsFiled: sum('appeals.filed'),
      appealsDecided: decided,
      appealsReversed: sum('appeals.decided', 'reversed'),
      appealReversalRate: share(sum('appeals.decided', 'reversed'), decided),
      medianHoursToDecision: medianHours('actions.time'),
      medianHoursToDecideAppeal: medianHours('appeals.time'),
      boardCasesSubmitted: sum('board.submitted'),
      boardCasesSelected: sum('board.selected'),
      boardDecisions: sum('board.outcome'),
      recommendations: sum('board.recommendations'),
      responses: sum('board.responses'),
      figuresRestricted: sum('figures.restricted'),
      // DSA Art. 24(1)(a): disputes submitted, their outcomes, the median time to conclude and the share implemented.
      disputesSubmitted: sum('disputes.submitted'),
      disputesConcluded: sum('disputes.outcome'),
      medianDaysToConcludeDispute: ((h) => (h === null ? null : h / 24))(medianHours('disputes.time')),
      disputeOutcomesImplementedShare: share(
        sum('disputes.implementation', 'implemented'),
        sum('disputes.implementation', 'required'),
      ),
      // DSA Art. 15(1)(b): notices received, those from trusted flaggers, and the median time to act on them.
      noticesReceived: sum('notices.category'),
      noticesFromTrustedFlaggers: sum('notices.trusted_flagger'),
      noticesDecided: sum('notices.action'),
      noticesActedOn: sum('notices.action') - sum('notices.action', NO_ACTION),
      medianHoursToActOnNotice: medianHours('notices.time'),
    },
    breakdowns,
    automatedTools: automatedTools(breakdowns),
    trustedFlaggers,
    byCountry: [...countries.entries()]
      .map(([c, v]) => ({ country: c, ...v }))
      .filter((c) => c.reports + c.actions + c.appeals > 0)
      .sort((a, b) => b.reports + b.actions - (a.reports + a.actions) || a.country.localeCompare(b.country)),
    overTime,
  };
}

/** The key of `notices.action` for a notice whose decision took no action against the content. */
export const NO_ACTION = 'no_action';

/**
 * What a decided notice's decision rested on (EU DSA Art. 15(1)(b) asks actions on the law apart from those on the
 * terms): `no_action` when the outcome does not act on the content, else `illegal_content` or `terms`.
 */
export function noticeAction(outcome: string, illegalContent: boolean): string {
  return (NOT_ACTING as readonly string[]).includes(outcome) ? NO_ACTION : illegalContent ? 'illegal_content' : 'terms';
}

/** Who decided: a machine alone (automated), a person reviewing a tool's decision (partially_automated), or a person. */
export function automationKey(automatedDecision: boolean, fromTool: boolean): string {
  return automatedDecision ? 'automated' : fromTool ? 'partially_automated' : 'human';
}

/**
 * A notice's time to action counts once, at the first decision its notifier is told of: later decisions on the same
 * case (a review, an appeal's reversal) change the outcome, not how long the notice waited. Null when the notifier
 * was told before (or the notice's receipt is not known).
 */
export function noticeWait(receivedAt: string | null, earlierNotifications: number, decidedAt: string): number | null {
  if (receivedAt === null || earlierNotifications > 0) return null;
  return Math.max(0, (Date.parse(decidedAt) - Date.parse(receivedAt)) / 1000);
}

/**
 * The `misuse.suspensions` key of a suspension under EU DSA Art. 23 by whom it suspends: a user for manifestly
 * illegal content (Art. 23(1)), a notifier or a complainant for manifestly unfounded notices or complaints (23(2)).
 */
export function misuseSuspensionKey(party: string): string | null {
  return party === 'user'
    ? 'manifestly_illegal_content'
    : party === 'notifier'
      ? 'unfounded_notices'
      : party === 'complainant'
        ? 'unfounded_complaints'
        : null;
}

/** A tool as the statistics name it: its name and version. */
export const toolName = (automation: { tool: string; toolVersion: string }): string =>
  `${automation.tool} ${automation.toolVersion}`;

/**
 * A tool's accuracy as its decisions' fate on appeal shows it (Art. 15(1)(e)): the share of its decisions not
 * reversed on internal appeal; null before it decided anything. Reversals in a period may be of decisions taken
 * before it, so the share never goes below 0.
 */
export function toolAccuracy(decisions: number, reversedOnAppeal: number): number | null {
  if (decisions === 0) return null;
  return Math.max(0, decisions - reversedOnAppeal) / decisions;
}

/** Each tool's decisions, its decisions reversed on internal appeal, and its accuracy; most decisions first. */
export function automatedTools(
  breakdowns: Record<Metric, { key: string; count: number }[]>,
): TransparencyReport['automatedTools'] {
  const reversed = new Map(breakdowns['automation.reversed'].map((x) => [x.key, x.count]));
  const tools = new Map(breakdowns['automation.tool'].map((x) => [x.key, x.count]));
  for (const tool of reversed.keys()) if (!tools.has(tool)) tools.set(tool, 0);
  return [...tools.entries()]
    .map(([tool, decisions]) => {
      const reversedOnAppeal = reversed.get(tool) ?? 0;
      return { tool, decisions, reversedOnAppeal, accuracy: toolAccuracy(decisions, reversedOnAppeal) };
    })
    .sort((a, b) => b.decisions - a.decisions || a.tool.localeCompare(b.tool));
}

const addDays = (day: string, n: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
};

/**
 * Counts are kept per day and, again, per month. A period is read as the whole months it covers (from the monthly
 * counts, `months` holding the first day of the first and last month) and the days at either end outside them
 * (from the daily counts): a year is 12 monthly rows per key and country, not 365 daily ones.
 */
export function splitPeriod(period: Period): { months: Period | null; days: Period[] } {
  const firstMonth = period.from.endsWith('-01') ? period.from : nextBucket(bucketStart(period.from, 'month'), 'month');
  const lastMonthEnd = addDays(period.to, 1).endsWith('-01') ? period.to : addDays(bucketStart(period.to, 'month'), -1);
  if (firstMonth > lastMonthEnd) return { months: null, days: [period] };
  const days: Period[] = [];
  if (period.from < firstMonth) days.push({ from: period.from, to: addDays(firstMonth, -1) });
  if (lastMonthEnd < period.to) days.push({ from: addDays(lastMonthEnd, 1), to: period.to });
  return { months: { from: firstMonth, to: bucketStart(lastMonthEnd, 'month') }, days };
}

/** How many days the statistics page charts when no period is chosen: by day, so a month's shape shows. */
export const DEFAULT_CHART_DAYS = 30;

/**
 * The period the statistics page shows when the visitor chose none: the last 30 days counted (ending on the last
 * day anything was counted, or today), charted by day. The whole counted range would chart years by month, where
 * a busy recent week is one spike beside empty months. A period the visitor chose is kept as given.
 */
export function defaultChartPeriod(lastCounted: string | null, today: string): Period {
  const to = lastCounted ?? today;
  return { from: addDays(to, 1 - DEFAULT_CHART_DAYS), to };
}

/**
 * How finely a period is charted over time: days up to a month, weeks up to half a year, months up to five years,
 * years beyond. A chart has at most 60-odd buckets, whatever period a caller asks for (1970 to 2100 once drew
 * 1,572 monthly bars).
 */
export function stepFor(period: Period): Step {
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000 + 1;
  return days <= 31 ? 'day' : days <= 183 ? 'week' : days <= 5 * 366 ? 'month' : 'year';
}

/** The first day of the day, ISO week (Monday) or month that holds `day`. */
export function bucketStart(day: string, step: Step): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (step === 'year') date.setUTCMonth(0);
  if (step === 'month' || step === 'year') date.setUTCDate(1);
  if (step === 'week') date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** The first day of the bucket after the one that starts on `start`. */
function nextBucket(start: string, step: Step): string {
  if (step === 'day' || step === 'week') return addDays(start, step === 'day' ? 1 : 7);
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + (step === 'year' ? 12 : 1));
  return date.toISOString().slice(0, 10);
}

/** Every bucket of the period in order, with zeros where nothing was counted (a gap in a chart is a zero, not a skip). */
export function fillSeries(period: Period, step: Step, counted: readonly SeriesPoint[]): SeriesPoint[] {
  const byStart = new Map(counted.map((p) => [p.start, p]));
  const points: SeriesPoint[] = [];
  let start = bucketStart(period.from, step);
  while (start <= period.to) {
    points.push(byStart.get(start) ?? { start, reports: 0, actions: 0, appeals: 0 });
    start = nextBucket(start, step);
  }
  return points;
}
