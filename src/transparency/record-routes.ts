import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import { isDocketError } from '../core/errors.js';
import type { App } from '../http/types.js';
import type { SiteCase } from './public-log-verify.js';
import { parseReportQuery } from './report-query.js';
import { ChainEntry } from './routes.js';
import { html } from './site/html.js';
import { sendPage } from './site/layout.js';
import { LOG_PAGE_SIZE, logPage } from './site/log-page.js';
import { countryLabels } from './site/routes.js';
import { statisticsPage } from './site/statistics-page.js';
import type { CountryLabeller } from '../core/countries.js';
import { DEFAULT_CHART_DAYS, defaultChartPeriod, METRICS, type TransparencyReport } from './statistics-rules.js';

const Checkpoint = Type.Object({
  seq: Type.Integer(),
  hash: Type.String(),
  at: Type.String({ format: 'date-time' }),
  keyId: Type.String(),
  signature: Type.String(),
});
const ReportQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ description: 'first day, YYYY-MM-DD (default: the first counted day)' })),
    to: Type.Optional(Type.String({ description: 'last day, YYYY-MM-DD (default: the last counted day)' })),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-3, or UNKNOWN; empty for all' })),
  },
  { additionalProperties: false },
);

/** The public record's machine-readable side (the signed log, the report) and its two pages. */
export function recordRoutes(app: App, docket: Docket): void {
  app.get(
    '/public/log',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'The public log: published entries in order, the Ed25519 key and every signed checkpoint. Check it offline with `docket verify --public`.',
        querystring: Type.Object(
          {
            after: Type.Integer({ minimum: 0, default: 0 }),
            limit: Type.Integer({ minimum: 1, maximum: 5_000, default: 1_000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            log: Type.Literal('docket-public-log'),
            key: Type.Union([
              Type.Object({ algorithm: Type.Literal('Ed25519'), keyId: Type.String(), x: Type.String() }),
              Type.Null(),
            ]),
            head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
            entries: Type.Array(ChainEntry),
            checkpoints: Type.Array(Checkpoint),
            nextAfter: Type.Union([Type.Integer(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => docket.publicReads.publicLog(request.query),
  );

  app.post(
    '/api/transparency/checkpoints',
    {
      config: { access: 'transparency.manage' },
      schema: {
        tags: ['transparency'],
        summary:
          'Sign a checkpoint of the public log now (the scheduler does it when the log grows); null when the head is already signed',
        response: { 200: Type.Object({ checkpoint: Type.Union([Checkpoint, Type.Null()]) }) },
      },
    },
    async (request) => ({ checkpoint: await docket.transparency.checkpoint(actorOf(request.principal as Principal)) }),
  );

  app.get(
    '/api/transparency/public-log/check',
    {
      config: { access: 'transparency.manage' },
      schema: {
        tags: ['transparency'],
        summary:
          "Verify the stored public log as `docket verify --public` would: chain, head, signed checkpoints with this installation's key, and the board's public pages against it",
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer(),
            checkpoints: Type.Integer(),
            head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
            keyId: Type.Union([Type.String(), Type.Null()]),
            signedThrough: Type.Integer(),
            finding: Type.Union([
              Type.Object({
                problem: Type.String(),
                seq: Type.Integer(),
                entry: Type.Union([Type.Object({ type: Type.String(), stream: Type.String() }), Type.Null()]),
                message: Type.String(),
              }),
              Type.Null(),
            ]),
          }),
        },
      },
    },
    async () =>
      docket.transparency.selfCheck(async (ref) => {
        try {
          return (await docket.board.reads.publicCase(ref)) as SiteCase;
        } catch (error) {
          if (isDocketError(error) && error.code === 'not_found') return null;
          throw error;
        }
      }),
  );

  app.get(
    '/api/public/statistics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'The transparency report for a period (and country): totals, every breakdown and counts per country, as JSON or CSV',
        querystring: Type.Object(
          { ...ReportQuery.properties, format: Type.Optional(Type.Enum(['json', 'csv'])) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const report = await reportFor(docket, request.query);
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

  app.get('/statistics', { schema: { hide: true }, config: { limit: 'read' } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const label = await countryLabels(docket);
    const countries = await countriesCounted(docket, label);
    const titles = new Map((await docket.publicReads.policies()).map((p) => [p.policyId, p.title]));
    // Without a chosen period the page shows the last 30 days by day; the API's default stays the whole counted range.
    const counted = await docket.publicReads.countedDays();
    const recent = defaultChartPeriod(counted.last, docket.clock.now().toISOString().slice(0, 10));
    const recentNote = html`<p class="muted">Showing the last ${DEFAULT_CHART_DAYS} days counted, day by day. Choose dates above for another period, or see <a href="/statistics?from=${counted.first ?? recent.from}&amp;to=${recent.to}">everything counted</a>.</p>`;
    const chosen = Boolean(query.from || query.to);
    try {
      return sendPage(
        reply,
        statisticsPage(
          await reportFor(docket, chosen ? query : { ...query, ...recent }),
          countries,
          titles,
          null,
          label,
          chosen ? null : recentNote,
        ),
      );
    } catch (error) {
      if (!isDocketError(error) || error.code !== 'validation_failed') throw error;
      const fallback = await reportFor(docket, recent);
      const message = html`<p class="tag alert" role="alert">${error.message}: ${error.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}.</p>`;
      return sendPage(reply, statisticsPage(fallback, countries, titles, message, label, recentNote), 400);
    }
  });

  app.get('/log', { schema: { hide: true }, config: { limit: 'read' } }, async (request, reply) => {
    const { head } = await docket.publicReads.publicLog({ after: 0, limit: 1 });
    // `through` pages back through the log; anything that is not an entry number shows the newest.
    const asked = Number((request.query as { through?: string }).through);
    const through = Number.isInteger(asked) && asked >= 1 && asked <= head.seq ? asked : head.seq;
    const shown = await docket.publicReads.publicLog({
      after: Math.max(0, through - LOG_PAGE_SIZE),
      limit: Math.min(LOG_PAGE_SIZE, through) || 1,
    });
    return sendPage(
      reply,
      logPage(
        { ...shown, entries: shown.entries.filter((e) => e.seq <= through) },
        head.seq,
        `${request.protocol}://${request.host}`,
        through,
      ),
    );
  });
}

async function reportFor(
  docket: Docket,
  query: { from?: string | undefined; to?: string | undefined; country?: string | undefined },
): Promise<TransparencyReport> {
  const counted = await docket.publicReads.countedDays();
  const parsed = parseReportQuery(query, { ...counted, today: docket.clock.now().toISOString().slice(0, 10) });
  return docket.publicReads.report(parsed.period, parsed.country);
}

async function countriesCounted(docket: Docket, label: CountryLabeller): Promise<string[]> {
  return (await docket.publicReads.countedCountries()).sort((a, b) => label(a).localeCompare(label(b)));
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

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
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
