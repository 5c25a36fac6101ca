import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import type { Keyed } from '../core/idempotency.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireIntegration, requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import { findDecisionForReader, listDecisionsForReader } from './reads.js';
import { caseToolRoutes } from './case-tools-routes.js';
import {
  AppealDecision,
  AppealDecisionInput,
  AppealInput,
  AppealListQuery,
  AppealReceipt,
  AutomatedDecisionInput,
  BulkInput,
  BulkResult,
  CaseView,
  ClaimNextInput,
  ClaimQuery,
  DecisionDraft,
  DecisionFeed,
  DecisionFeedQuery,
  DecisionInput,
  DecisionPreview,
  DecisionResult,
  DecisionView,
  EscalationInput,
  FEED_SETTLE_MS,
  IdParams,
  MAX_BATCH,
  MAX_BULK_CASES,
  NewsworthinessAdvice,
  NoContent,
  NewsworthinessInput,
  PendingAppeals,
  QUEUE_COUNT_CAP,
  QueuePage,
  QueuePageQuery,
  ReportAnswer,
  ReportBatchAnswer,
  ReportBatchInput,
  ReportInput,
  Subject,
  SubjectAnswer,
  SubjectBatchAnswer,
  SubjectBatchInput,
  SubjectInput,
  SubjectList,
  SubjectListQuery,
} from './contract.js';

const tags = ['moderation'];

/** The optional Idempotency-Key header: a retried request with the same key creates nothing new. */
function keyed(request: FastifyRequest, principal: Principal): Keyed | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new DocketError('validation_failed', 'Idempotency-Key is 1 to 200 visible ASCII characters', [
      { field: 'Idempotency-Key', message: 'malformed' },
    ]);
  }
  return {
    principal: actorOf(principal),
    key,
    request: { method: request.method, url: request.url, body: request.body },
  };
}

const answer = <T>(reply: FastifyReply, result: { status: number; body: T; replayed: boolean }) =>
  reply.code(result.status).header('idempotent-replayed', String(result.replayed)).send(result.body);

export function moderationRoutes(app: App, docket: Docket): void {
  const { moderation } = docket;
  caseToolRoutes(app, docket);

  // ---- ingestion (platform integrations) ----
  app.post(
    '/api/subjects',
    {
      config: { access: 'subjects.ingest', limit: 'ingest' },
      schema: {
        tags,
        summary: 'Push a piece of content or an account',
        description:
          'A subject already known by its externalId is updated with what changed and answered with 200. Send an Idempotency-Key header to make retries safe.',
        body: SubjectInput,
        response: { 200: SubjectAnswer, 201: SubjectAnswer },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      const result = await moderation.ingestSubjects(
        actorOf(platform),
        platform.platform,
        [request.body],
        keyed(request, platform),
      );
      const first = result.body.results[0];
      return answer(reply, { ...result, body: { subject: first?.subject } });
    },
  );

  app.post(
    '/api/subjects/batch',
    {
      config: { access: 'subjects.ingest', limit: 'ingestBatch' },
      schema: {
        tags,
        summary: `Push up to ${MAX_BATCH} subjects at once, all or nothing`,
        body: SubjectBatchInput,
        response: { 200: SubjectBatchAnswer, 201: SubjectBatchAnswer },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return answer(
        reply,
        await moderation.ingestSubjects(
          actorOf(platform),
          platform.platform,
          request.body.items,
          keyed(request, platform),
        ),
      );
    },
  );

  app.post(
    '/api/reports',
    {
      config: { access: 'reports.ingest', limit: 'ingest', answersBeforeChain: true },
      schema: {
        tags,
        summary: 'Push one report (complaint) about a subject',
        description:
          'The report joins its subject’s open case, opens one, or reopens a closed one on new facts. Give the subject inline or by the externalId of one pushed before.',
        body: ReportInput,
        response: { 201: ReportAnswer },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return answer(
        reply,
        await moderation.ingestReport(actorOf(platform), platform.platform, request.body, keyed(request, platform)),
      );
    },
  );

  app.post(
    '/api/reports/batch',
    {
      config: { access: 'reports.ingest', limit: 'ingestBatch' },
      schema: {
        tags,
        summary: `Push up to ${MAX_BATCH} reports at once, all or nothing`,
        description:
          'A problem in any item refuses the whole batch, naming every item at fault (/items/N/...); nothing is stored.',
        body: ReportBatchInput,
        response: { 201: ReportBatchAnswer },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return answer(
        reply,
        await moderation.ingestReports(
          actorOf(platform),
          platform.platform,
          request.body.items,
          keyed(request, platform),
        ),
      );
    },
  );

  app.get(
    '/api/subjects',
    {
      config: { access: 'subjects.read' },
      schema: {
        tags,
        summary: 'List subjects',
        querystring: SubjectListQuery,
        response: { 200: SubjectList },
      },
    },
    async (request) => ({ subjects: await docket.subjects.list(request.query) }),
  );

  app.get(
    '/api/subjects/:id',
    {
      config: { access: 'subjects.read' },
      schema: { tags, summary: 'One subject', params: IdParams, response: { 200: Subject } },
    },
    async (request) => {
      const subject = await docket.subjects.get(request.params.id);
      if (!subject) throw new DocketError('not_found', `no subject with id ${request.params.id}`);
      return subject;
    },
  );

  // ---- queue and cases (reviewers) ----
  app.get(
    '/api/queue',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary:
          'Cases at the levels you work, a page at a time, with the number matching: open ones most urgent first, each with why',
        description: `Filter by status, by who holds the case (\`me\`, \`unclaimed\`, a reviewer from \`holders\`) and by the days it was reported. The count is exact up to ${QUEUE_COUNT_CAP.toLocaleString('en')}; beyond that \`total.exact\` is false.`,
        querystring: QueuePageQuery,
        response: { 200: QueuePage },
      },
    },
    async (request) => moderation.queue.page(requireUser(request), request.query),
  );

  app.post(
    '/api/cases/bulk',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: `Release, escalate or decide up to ${MAX_BULK_CASES} cases at once, each on its own`,
        description:
          'Each case is worked by the same command as the single-case action (and leaves the same events on its history), and succeeds or is refused on its own: the answer lists every case with its result, a refusal with the code and sentence the single action would give. Release takes cases you hold. Escalate and decide take cases you hold or that no one holds (claimed for you first, and given back if refused); a case another reviewer holds is refused. `decide` records the same decision, with one statement of facts, on every case.',
        body: BulkInput,
        response: { 200: BulkResult },
      },
    },
    async (request) => moderation.bulk.act(requireUser(request), request.body),
  );

  app.post(
    '/api/queue/claim',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Claim the most urgent case you may work (a lease; default 15 minutes)',
        description:
          'A reviewer holds one case at a time: if you already hold one, you get that case back with its lease renewed (decide, escalate or release it to move on), and any further cases you held go back to the queue. Send `keepOthers: true` to claim one more case on top of those you hold.',
        body: ClaimNextInput,
        response: { 200: CaseView },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { keepOthers, ...filters } = request.body ?? {};
      const caseId = await moderation.queue.claimNext(user, filters, { keepOthers });
      return moderation.queue.detail(user, caseId);
    },
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'A case: subject, author, reports, decisions, strikes, history, and what you may do',
        params: IdParams,
        response: { 200: CaseView },
      },
    },
    async (request) => moderation.queue.detail(requireUser(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/newsworthiness',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary:
          "The newsworthiness balancing's recommendation (keep or remove, with reasons) for this case in its current situation; records nothing",
        params: IdParams,
        body: NewsworthinessInput,
        response: { 200: NewsworthinessAdvice },
      },
    },
    async (request) => moderation.queue.newsworthiness(request.params.id, request.body),
  );

  app.post(
    '/api/cases/:id/claim',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Claim this case (or renew your lease)',
        description:
          'The other cases you hold go back to the queue (each with a release event), unless you ask to keep them with `?keepOthers=true`. The claim takes no body: clients post it empty.',
        params: IdParams,
        querystring: ClaimQuery,
        response: { 200: CaseView },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await moderation.queue.claim(user, request.params.id, { keepOthers: request.query.keepOthers });
      return moderation.queue.detail(user, request.params.id);
    },
  );

  app.post(
    '/api/cases/:id/release',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Give a claimed case back to the queue',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await moderation.queue.release(requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/cases/:id/escalate',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Send a claimed case to senior reviewers or policy staff',
        params: IdParams,
        body: EscalationInput,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await moderation.queue.escalate(requireUser(request), request.params.id, request.body.to, request.body.note);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/cases/:id/decision',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary:
          'Decide a case you hold: cites the current policy version, issues a notice with its statement of reasons',
        params: IdParams,
        body: DecisionInput,
        response: { 201: DecisionResult },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await moderation.decisions.decide(requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/cases/:id/decision/preview',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary:
          'Every consequence the decision would bring (content outcome, strike and ladder rung, severe-section disable, account actions, notice); records nothing',
        description:
          'Send the body of the decision (the facts may still be missing). It is checked and worked out by the same rule as the decision, so recording it applies exactly this.',
        params: IdParams,
        body: DecisionDraft,
        response: { 200: DecisionPreview },
      },
    },
    async (request) => moderation.decisions.preview(requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/decisions',
    {
      config: { access: 'decisions.read' },
      schema: {
        tags,
        summary:
          'Decisions, oldest first, a page at a time, each with its notice and statement of reasons (platforms: their own decisions)',
        description: `For integrations that poll instead of (or besides) receiving webhooks. Start with \`since\` (or nothing), then pass each answer's \`nextCursor\` as \`cursor\`: every decision comes once, in (decidedAt, id) order, however many arrive meanwhile. A decision is listed ${FEED_SETTLE_MS / 1000} seconds after it is taken, so a slower concurrent transaction can never slip one in behind a cursor. An integration token sees its own platform's decisions only; staff see all, or one platform's with \`platform\`.`,
        querystring: DecisionFeedQuery,
        response: { 200: DecisionFeed },
      },
    },
    async (request) =>
      listDecisionsForReader(docket.store.db, request.principal as Principal, request.query, docket.clock.now()),
  );

  app.get(
    '/api/decisions/:id',
    {
      config: { access: 'decisions.read' },
      schema: {
        tags,
        summary: 'A decision with its notice and statement of reasons (platforms: their own decisions)',
        params: IdParams,
        response: { 200: DecisionView },
      },
    },
    async (request) => findDecisionForReader(docket.store.db, request.principal as Principal, request.params.id),
  );

  // ---- decisions of a platform's tools ----
  app.post(
    '/api/automated-decisions',
    {
      config: { access: 'decisions.automate' },
      schema: {
        tags,
        summary: "Record a decision a platform's tool took (EU DSA Art. 17(3)(c))",
        description:
          "The tool's name, version and score, and whether a person reviewed its decision before it took effect: without review the statement of reasons says AUTOMATED_DECISION_FULLY, with it AUTOMATED_DECISION_PARTIALLY. The decision goes on the subject's open case (closing it) or on a case opened for it, with the same checks, strike, restrictions and notice as a reviewer's. Decisions on appeals are never taken this way.",
        body: AutomatedDecisionInput,
        response: { 201: DecisionResult },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await moderation.automated.record(requireIntegration(request), request.body)),
  );

  // ---- internal appeals ----
  app.post(
    '/api/appeals',
    {
      config: { access: 'appeals.file' },
      schema: {
        tags,
        summary: 'File an internal appeal for a user (EU DSA Art. 20; within 6 months)',
        body: AppealInput,
        response: { 201: AppealReceipt },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return reply.code(201).send(await moderation.appeals.file(actorOf(platform), platform.platform, request.body));
    },
  );

  app.get(
    '/api/appeals',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Pending appeals, oldest first',
        querystring: AppealListQuery,
        response: { 200: PendingAppeals },
      },
    },
    async (request) => ({ appeals: await moderation.appeals.pending(requireUser(request), request.query.limit) }),
  );

  app.post(
    '/api/appeals/:id/decision',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Decide an appeal (a reviewer other than the original decider)',
        params: IdParams,
        body: AppealDecisionInput,
        response: { 200: AppealDecision },
      },
    },
    async (request) => moderation.appeals.decide(requireUser(request), request.params.id, request.body),
  );
}
