import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import { requireUser } from '../http/auth.js';
import { DocketError } from '../core/errors.js';
import type { App } from '../http/types.js';
import {
  AssessmentResult,
  DesignationIdParams,
  DesignationList,
  DesignationMoveAnswers,
  DesignationNote,
  DesignationProposed,
  DesignationQuery,
  LatestAssessment,
  ProposeDesignationBody,
  SignalsBody,
} from './contract.js';
import { assessAndPropose } from './signals.js';

const tags = ['crisis'];

export function crisisRoutes(app: App, docket: Docket): void {
  const { designations } = docket;

  app.get(
    '/api/designations',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: 'Crisis designations, newest first',
        querystring: DesignationQuery,
        response: { 200: DesignationList },
      },
    },
    async (request) => ({ designations: await designations.list(request.query.status) }),
  );

  app.post(
    '/api/designations',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: 'Propose a designation for a country (staff); policy staff approve it',
        body: ProposeDesignationBody,
        response: { 201: DesignationProposed },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await designations.propose(actorOf(request.principal as Principal), { ...request.body, source: 'staff' }),
        ),
  );

  app.post(
    '/api/crisis/assessments',
    {
      config: { access: 'crisis.work' },
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Run the crisis detector on imported signals and propose designations for flagged countries',
        description:
          'events: ACLED-style CSV text (event_date, country, iso3, event_type, sub_event_type, actor1, fatalities); context: optional CSV text (iso3, population, civic_space). Up to 50 MB. Invalid lines refuse the whole import, each named.',
        body: SignalsBody,
        response: { 200: AssessmentResult },
      },
    },
    async (request) => assessAndPropose(designations, actorOf(request.principal as Principal), request.body),
  );

  app.get(
    '/api/crisis/latest',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: "The latest detector run: every country's assessment and weekly series",
        response: { 200: LatestAssessment },
      },
    },
    async () => {
      const latest = await designations.latestAssessment();
      if (!latest) throw new DocketError('not_found', 'the detector has not run yet: POST /api/crisis/assessments');
      return latest;
    },
  );

  for (const move of ['approve', 'reject', 'review', 'end'] as const) {
    app.post(
      `/api/designations/:id/${move}`,
      {
        config: { access: 'designations.decide' },
        schema: {
          tags,
          summary: {
            approve: 'Approve a proposed designation: it starts now, with a review date',
            reject: 'Reject a proposed designation',
            review: 'Keep an active designation for another period',
            end: 'End an active designation',
          }[move],
          params: DesignationIdParams,
          body: DesignationNote,
          response: { 200: DesignationMoveAnswers[move] },
        },
      },
      async (request) => designations[move](requireUser(request), request.params.id, request.body.note),
    );
  }
}
