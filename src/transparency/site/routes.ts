import type { FastifyReply } from 'fastify';
import type { Docket } from '../../app.js';
import { labellerFor, type CountryLabeller } from '../../core/countries.js';
import { DocketError, isDocketError } from '../../core/errors.js';
import type { App } from '../../http/types.js';
import { decisionFilter, filterProblem, PAGE_SIZE, trackerFilter, type Query } from './filters.js';
import { decisionPage, decisionsPage } from './decisions.js';
import { designationsPage } from './designations.js';
import { disputeBodiesPage } from './dispute-bodies.js';
import { trustedFlaggersPage } from './trusted-flaggers.js';
import { notFoundPage, sendPage } from './layout.js';
import { policiesPage, policyPage } from './policies.js';
import { trackerPage } from './recommendations.js';
import {
  DecisionQuery,
  DesignationsAnswer,
  PublicDocketPage,
  PublicSummary,
  TrackerAnswer,
  TrackerQuery,
} from './contract.js';
import { chartDefaults, countriesCounted, reportFor } from '../statistics/reads.js';
import { packageVersion } from '../../core/version.js';
import { html } from './html.js';
import { LOG_PAGE_SIZE, logPage } from './log-page.js';
import { statisticsPage } from './statistics-page.js';

const CASE_REF = /^BC-\d{4}-\d{3,6}$/;
const POLICY_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
/** A server-rendered page: not in the API document, limited like every public read. */
const page = { schema: { hide: true }, config: { limit: 'read' as const, page: true } };

/**
 * Refuses a parameter given more than once (`?country=USA&country=DEU` reaches the page as a list, which the report's
 * reading took for text and answered 500); the page says which.
 */
function givenOnce(query: Query, names: readonly string[]): void {
  const repeated = names.filter((name) => query[name] !== undefined && typeof query[name] !== 'string');
  if (repeated.length > 0)
    throw new DocketError(
      'validation_failed',
      'the report period or country is not valid',
      repeated.map((field) => ({ field, message: `give "${field}" once` })),
    );
}

/** Country names for a page: the standard's, and those learnt from imported signals for codes it does not name. */
export async function countryLabels(docket: Docket): Promise<CountryLabeller> {
  return labellerFor(await docket.publicReads.countryNames());
}

/**
 * The public site, rendered on the server (it reads without JavaScript): board decisions, the recommendation tracker,
 * crisis designations and the policy library; and the JSON APIs that give the tracker's and the designations' data.
 */
export function siteRoutes(app: App, docket: Docket): void {
  const reads = docket.publicReads;

  app.get(
    '/api/public/board/cases',
    {
      config: { access: 'public' },
      schema: {
        tags: ['oversight board', 'public'],
        summary:
          "The board's public docket: cases under deliberation and decided, newest first; searchable like the /decisions page",
        querystring: DecisionQuery,
        response: {
          200: PublicDocketPage,
        },
      },
    },
    async (request) => {
      const parsed = decisionFilter(request.query);
      if (!parsed.ok) throw filterProblem(parsed.errors);
      return reads.boardCases({ ...parsed.filter, pageSize: PAGE_SIZE });
    },
  );

  app.get('/decisions', page, async (request, reply) => {
    const parsed = decisionFilter(request.query as Query);
    const countries = await reads.boardCaseCountries();
    const policies = (await reads.policies()).map((p) => ({ value: p.policyId, label: p.title }));
    const result = parsed.ok ? await reads.boardCases({ ...parsed.filter, pageSize: PAGE_SIZE }) : null;
    const country = await countryLabels(docket);
    return sendPage(
      reply,
      decisionsPage({
        filter: parsed.filter,
        errors: parsed.ok ? [] : parsed.errors,
        result,
        countries,
        policies,
        country,
      }),
      parsed.ok ? 200 : 400,
    );
  });

  app.get('/decisions/:ref', page, async (request, reply) => {
    const ref = (request.params as { ref: string }).ref;
    const notFound = () =>
      sendPage(
        reply,
        notFoundPage(`There is no public board case ${ref}.`, { path: '/decisions', label: 'All board decisions' }),
        404,
      );
    if (!CASE_REF.test(ref)) return notFound();
    try {
      const shown = await reads.boardCase(ref);
      const recs = 'recommendations' in shown ? shown.recommendations.map((r) => r.ref) : [];
      return sendPage(
        reply,
        decisionPage(shown, docket.clock.now(), await reads.entriesAbout([ref, ...recs]), await countryLabels(docket)),
      );
    } catch (error) {
      if (isDocketError(error) && error.code === 'not_found') return notFound();
      throw error;
    }
  });

  app.get('/recommendations', page, async (request, reply) => {
    const parsed = trackerFilter(request.query as Query);
    const choices = await reads.trackerChoices();
    const tracker = parsed.ok ? await reads.tracker(parsed.filter) : null;
    const country = await countryLabels(docket);
    return sendPage(
      reply,
      trackerPage({ filter: parsed.filter, errors: parsed.ok ? [] : parsed.errors, tracker, choices, country }),
      parsed.ok ? 200 : 400,
    );
  });

  app.get('/designations', page, async (_request, reply) =>
    sendPage(reply, designationsPage(await reads.designations(), docket.clock.now(), await countryLabels(docket))),
  );

  app.get('/trusted-flaggers', page, async (_request, reply) =>
    sendPage(reply, trustedFlaggersPage(await reads.trustedFlaggers())),
  );

  app.get('/dispute-bodies', page, async (_request, reply) =>
    sendPage(reply, disputeBodiesPage(await reads.disputeBodies())),
  );

  app.get('/policies', page, async (_request, reply) => sendPage(reply, policiesPage(await reads.policies())));

  app.get('/policies/:id', page, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const notFound = (): FastifyReply =>
      sendPage(
        reply,
        notFoundPage(`There is no policy "${id}" in the library.`, { path: '/policies', label: 'The policy library' }),
        404,
      );
    if (!POLICY_ID.test(id)) return notFound();
    try {
      return sendPage(reply, policyPage(await reads.policyHistory(id)));
    } catch (error) {
      if (isDocketError(error) && error.code === 'not_found') return notFound();
      throw error;
    }
  });

  app.get('/statistics', page, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const label = await countryLabels(docket);
    const countries = await countriesCounted(docket.publicReads, label);
    const titles = new Map((await docket.publicReads.policies()).map((p) => [p.policyId, p.title]));
    // Without a chosen period the page shows the last 30 days by day; the API's default stays the whole counted range.
    const { counted, recent, days } = await chartDefaults(docket.publicReads, docket.clock.now());
    const recentNote = html`<p class="muted">Showing the last ${days} days counted, day by day. Choose dates above for another period, or see <a href="/statistics?from=${counted.first ?? recent.from}&amp;to=${recent.to}">everything counted</a>.</p>`;
    const chosen = Boolean(query.from || query.to);
    try {
      givenOnce(request.query as Query, ['from', 'to', 'country']);
      return sendPage(
        reply,
        statisticsPage(
          await reportFor(docket.publicReads, docket.clock.now(), chosen ? query : { ...query, ...recent }, counted),
          countries,
          titles,
          null,
          label,
          chosen ? null : recentNote,
        ),
      );
    } catch (error) {
      if (!isDocketError(error) || error.code !== 'validation_failed') throw error;
      const fallback = await reportFor(docket.publicReads, docket.clock.now(), recent, counted);
      const message = html`<p class="tag alert" role="alert">${error.message}: ${error.fields.map((f) => `${f.field}: ${f.message}`).join('; ')}.</p>`;
      return sendPage(reply, statisticsPage(fallback, countries, titles, message, label, recentNote), 400);
    }
  });

  app.get('/log', page, async (request, reply) => {
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
        await docket.transparency.tree.verifierKey(),
        await docket.transparency.witnesses.status(),
      ),
    );
  });

  // ---- the same data, machine-readable ----
  app.get(
    '/api/public/summary',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'What this Docket is, the size of its public log, and the public record in numbers',
        response: { 200: PublicSummary },
      },
    },
    async () => {
      const [head, published, decided, tracker, designations] = [
        await reads.eventLogHead(),
        await reads.publicLog({ after: 0, limit: 1 }),
        await reads.decidedBoardCases(),
        await reads.tracker({}),
        await reads.designations(),
      ];
      const { counts } = tracker;
      return {
        name: 'Docket',
        version: packageVersion(),
        log: { entries: head.seq, head: head.hash },
        publicLog: { entries: published.head.seq, head: published.head.hash },
        record: {
          boardDecisions: decided,
          recommendations: counts.recommendations,
          awaitingResponse: counts.byState.awaiting,
          responsesOverdue: counts.byState.overdue,
          implementationOverdue: counts.obligations.overdue,
          activeDesignations: designations.current.length,
        },
      };
    },
  );

  app.get(
    '/api/public/recommendations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          "The recommendation tracker: every recommendation of the board with the platform's responses and the board's assessments, the binding decisions' implementation, and the counts by status",
        querystring: TrackerQuery,
        response: { 200: TrackerAnswer },
      },
    },
    async (request) => {
      const parsed = trackerFilter(request.query);
      if (!parsed.ok) throw filterProblem(parsed.errors);
      return reads.tracker(parsed.filter);
    },
  );

  app.get(
    '/api/public/designations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'Crisis designations in force (approved, not ended) and those ended, with their reasons and review dates',
        response: { 200: DesignationsAnswer },
      },
    },
    async () => reads.designations(),
  );
}
