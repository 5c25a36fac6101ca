import type { Docket } from '../../app.js';
import { jsonOrCsv } from '../../http/media.js';
import type { App } from '../../http/types.js';
import {
  HarmonisedQuery,
  HarmonisedReport,
  METRICS,
  StatisticsAnswer,
  StatisticsQuery,
  type TransparencyReport,
} from './contract.js';
import { csvCell, harmonisedCsv } from './harmonised.js';
import { harmonisedFor, reportFor } from './reads.js';

/** The transparency report, machine-readable: JSON with what each metric means, or CSV. */
export function statisticsRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/public/statistics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'The transparency report for a period (and country): totals, every breakdown and counts per country, as JSON or CSV',
        querystring: StatisticsQuery,
        response: { 200: jsonOrCsv(StatisticsAnswer) },
      },
    },
    async (request, reply) => {
      const report = await reportFor(docket.publicReads, docket.clock.now(), request.query);
      if (request.query.format === 'csv') {
        const name = `docket-statistics-${report.period.from}-${report.period.to}${report.country === null ? '' : `-${report.country || 'UNKNOWN'}`}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(reportCsv(report));
      }
      return { ...report, metrics: METRICS };
    },
  );

  app.get(
    '/api/transparency/harmonised-report',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          "The transparency report for a period in the structure of the Commission's harmonised templates (Implementing Regulation (EU) 2024/2835, EU DSA Art. 15, 24 and 42), as JSON or CSV; fields Docket does not record are not_available",
        querystring: HarmonisedQuery,
        response: { 200: jsonOrCsv(HarmonisedReport) },
      },
    },
    async (request, reply) => {
      const report = await harmonisedFor(docket.publicReads, docket.clock.now(), request.query);
      if (request.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="docket-dsa-transparency-report-${report.period.from}-${report.period.to}.csv"`,
          )
          .send(harmonisedCsv(report));
      return report;
    },
  );
}

/** The report in long form, one number per line: section, metric, key, value. */
export function reportCsv(report: TransparencyReport): string {
  const lines = [
    ['section', 'metric', 'key', 'value'],
    ['period', 'from', '', report.period.from],
    ['period', 'to', '', report.period.to],
    ['period', 'country', '', report.country ?? 'ALL'],
  ];
  for (const [name, value] of Object.entries(report.totals))
    lines.push(['total', name, '', value === null ? '' : String(value)]);
  for (const [metric, counts] of Object.entries(report.breakdowns))
    for (const c of counts) lines.push(['breakdown', metric, c.key, String(c.count)]);
  for (const p of report.overTime.points) {
    lines.push(
      [`over_time_by_${report.overTime.step}`, 'reports', p.start, String(p.reports)],
      [`over_time_by_${report.overTime.step}`, 'actions', p.start, String(p.actions)],
      [`over_time_by_${report.overTime.step}`, 'appeals', p.start, String(p.appeals)],
    );
  }
  for (const c of report.byCountry) {
    lines.push(
      ['country', 'reports', c.country || 'UNKNOWN', String(c.reports)],
      ['country', 'actions', c.country || 'UNKNOWN', String(c.actions)],
      ['country', 'appeals', c.country || 'UNKNOWN', String(c.appeals)],
    );
  }
  for (const f of report.trustedFlaggers)
    for (const key of ['notices', 'decided', 'upheld', 'accuracy'] as const)
      lines.push(['trusted_flagger', key, f.name, f[key] === null ? '' : String(f[key])]);
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
