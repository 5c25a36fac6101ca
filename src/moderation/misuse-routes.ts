import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import { requireIntegration } from '../http/auth.js';
import type { App } from '../http/types.js';
import {
  MarkBody,
  MarkResult,
  MeasureAppealBody,
  MeasureList,
  MeasureListQuery,
  MeasureParams,
  MisuseMeasure,
  MisuseRulesBody,
  MisuseRulesView,
  MisuseStanding,
  ReviewBody,
} from './misuse-contract.js';
import { NoticeTokenParams } from './notice-contract.js';

const tags = ['misuse'];
const actor = (principal: Principal | null) => actorOf(principal as Principal);

/**
 * Measures against misuse (EU DSA Art. 23): policy staff set the rules and review suspensions, reviewers mark what
 * is manifest, platforms contest their users' suspensions, and notifiers theirs through their notice's status link.
 */
export function misuseRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/misuse/rules',
    {
      config: { access: 'misuse.manage' },
      schema: {
        tags,
        summary: 'The rules: marks that earn a warning and a suspension, in how many days, and for how long',
        response: { 200: MisuseRulesView },
      },
    },
    async () => docket.misuse.rules(),
  );

  app.put(
    '/api/misuse/rules',
    {
      config: { access: 'misuse.manage' },
      schema: {
        tags,
        summary: 'Set the rules for notifiers, complainants and users',
        description:
          'Each rule warns at `warnAfter` marks within `windowDays` and, once warned, suspends at `suspendAfter` (more than `warnAfter`) for `suspensionDays`. Problems answer 400 `validation_failed` naming each field; nothing is stored.',
        body: MisuseRulesBody,
        response: { 200: MisuseRulesView },
      },
    },
    async (request) => docket.misuse.setRules(actor(request.principal), request.body),
  );

  app.post(
    '/api/misuse/marks',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Mark a notice or complaint manifestly unfounded, or content manifestly illegal',
        description:
          "The mark counts against the person (a notifier by their e-mail address or flagger, a complainant, the content's author) and takes the measure their marks now call for, told to them. 409 `conflict` for an item that cannot be marked so (a notice acted on, a complaint not rejected, a decision not on illegal content) or a person who cannot be identified; 409 `already_exists` for an item already marked.",
        body: MarkBody,
        response: { 201: MarkResult },
      },
    },
    async (request, reply) => reply.code(201).send(await docket.misuse.mark(actor(request.principal), request.body)),
  );

  app.get(
    '/api/misuse/measures',
    {
      config: { access: 'misuse.manage' },
      schema: {
        tags,
        summary: 'Warnings and suspensions, newest first, with their state, appeal and review',
        querystring: MeasureListQuery,
        response: { 200: MeasureList },
      },
    },
    async (request) => docket.misuse.list(request.query),
  );

  app.post(
    '/api/misuse/measures/:id/review',
    {
      config: { access: 'misuse.manage' },
      schema: {
        tags,
        summary: 'Lift a suspension, or uphold it on appeal; the person is told',
        params: MeasureParams,
        body: ReviewBody,
        response: { 200: MisuseMeasure },
      },
    },
    async (request) => docket.misuse.review(actor(request.principal), request.params.id, request.body),
  );

  app.post(
    '/api/misuse/measures/:id/appeal',
    {
      config: { access: 'appeals.file' },
      schema: {
        tags,
        summary: "Contest a user's (or complainant's) suspension for them",
        params: MeasureParams,
        body: MeasureAppealBody,
        response: { 201: MisuseMeasure },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return reply
        .code(201)
        .send(
          await docket.misuse.appealByPlatform(actorOf(platform), platform.platform, request.params.id, request.body),
        );
    },
  );

  const publicTags = [...tags, 'public'];
  app.get(
    '/api/public/misuse/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: "The measures against a notifier, through their notice's status link",
        params: NoticeTokenParams,
        response: { 200: MisuseStanding },
      },
    },
    async (request) => docket.misuse.standing(request.params.token),
  );

  app.post(
    '/api/public/misuse/:token',
    {
      config: { access: 'public', limit: 'notice' },
      schema: {
        tags: publicTags,
        summary: "Contest a suspension through a notice's status link (no login)",
        description:
          'A notifier (or a notifier who complained) contests their suspension in force, once; a person reviews it. 409 `conflict` with none in force or one already contested; 400 `validation_failed` without a statement.',
        params: NoticeTokenParams,
        body: MeasureAppealBody,
        response: { 201: MisuseStanding },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await docket.misuse.appealByLink(request.params.token, request.body)),
  );
}
