import type { CountryLabeller } from '../../core/countries.js';
import type { HarmonisedReport, Period, TransparencyReport } from './contract.js';
import { harmonisedPeriod, harmonisedReport } from './harmonised.js';
import { parseReportQuery } from './report-query.js';
import { DEFAULT_CHART_DAYS, defaultChartPeriod } from './rules.js';

/** The report and the range of days and countries counted, read from the aggregates. */
export { countedCountries, countedDays, transparencyReport } from './statistics.js';

/** The counted statistics, on whichever handle reads them (the public reads: the replica's when there is one). */
export interface CountedStatistics {
  countedDays(): Promise<CountedDays>;
  countedCountries(): Promise<string[]>;
  report(period: Period, country: string | null): Promise<TransparencyReport>;
}

type ReportAsked = { from?: string | undefined; to?: string | undefined; country?: string | undefined };

type CountedDays = { first: string | null; last: string | null };

/** The report a query asks for: its period checked against the days counted (default: all of them). */
export async function reportFor(
  counted: CountedStatistics,
  now: Date,
  query: ReportAsked,
  days?: CountedDays,
): Promise<TransparencyReport> {
  const parsed = parseReportQuery(query, {
    ...(days ?? (await counted.countedDays())),
    today: now.toISOString().slice(0, 10),
  });
  return counted.report(parsed.period, parsed.country);
}

/** The countries the statistics have counted, in the order of their names. */
export async function countriesCounted(counted: CountedStatistics, label: CountryLabeller): Promise<string[]> {
  return (await counted.countedCountries()).sort((a, b) => label(a).localeCompare(label(b)));
}

/**
 * The days counted and the period the statistics page charts when the visitor chose none (the last
 * DEFAULT_CHART_DAYS counted, by day).
 */
export async function chartDefaults(
  counted: CountedStatistics,
  now: Date,
): Promise<{ counted: CountedDays; recent: Period; days: number }> {
  const days = await counted.countedDays();
  const recent = defaultChartPeriod(days.last, now.toISOString().slice(0, 10));
  return { counted: days, recent, days: DEFAULT_CHART_DAYS };
}

/**
 * The harmonised transparency report (Implementing Regulation (EU) 2024/2835) for a reporting period, both days
 * required, read from the same aggregates as the statistics, for the whole service.
 */
export async function harmonisedFor(
  counted: Pick<CountedStatistics, 'report'>,
  now: Date,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<HarmonisedReport> {
  const period = harmonisedPeriod(query);
  return harmonisedReport(await counted.report(period, null), { generatedAt: now.toISOString() });
}
