import { Type, type TSchema } from 'typebox';
import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import { requireUser } from '../http/auth.js';
import { DocketError } from '../core/errors.js';
import { WrittenText } from '../core/written-text.js';
import type { App } from '../http/types.js';
import { assessAndPropose } from './signals.js';

const tags = ['crisis'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Note = Type.Object(
  { note: WrittenText({ minLength: 10, maxLength: 5_000, description: 'the reasons, recorded on the log' }) },
  { additionalProperties: false },
);
const Open = Type.Object({}, { additionalProperties: true });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Iso = Type.String({ format: 'date-time' });
const DesignationView = Type.Object({
  id: Type.String(),
  iso3: Type.String(),
  countryName: Type.String({ description: "the country's name (the code itself when Docket knows no name for it)" }),
  kind: Type.Enum(['acute', 'chronic']),
  status: Type.Enum(['proposed', 'active', 'rejected', 'ended']),
  source: Type.Enum(['detector', 'staff']),
  reasons: Type.String(),
  evidence: Type.Unknown(),
  proposedBy: Type.String(),
  proposedByName: Nullable(
    Type.String({ description: 'the display name of the staff member who proposed it; null for the detector' }),
  ),
  proposedAt: Iso,
  decidedBy: Nullable(Type.String()),
  decidedByName: Nullable(
    Type.String({ description: 'the display name of the policy staff member who approved or rejected it' }),
  ),
  decidedAt: Nullable(Iso),
  decisionNote: Nullable(Type.String()),
  startsAt: Nullable(Iso),
  reviewAt: Nullable(Iso),
  endedAt: Nullable(Iso),
});

export function crisisRoutes(app: App, docket: Docket): void {
  const { designations } = docket;

  app.get(
    '/api/designations',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: 'Crisis designations, newest first',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['proposed', 'active', 'rejected', 'ended'])) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ designations: Type.Array(DesignationView) }) },
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
        body: Type.Object(
          {
            iso3: Type.String({ pattern: '^[A-Z]{3}$' }),
            kind: Type.Enum(['acute', 'chronic']),
            reasons: WrittenText({ minLength: 10, maxLength: 5_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Open },
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
        body: Type.Object(
          {
            events: Type.String({ minLength: 1 }),
            context: Type.Optional(Type.String()),
            asOf: Type.Optional(Type.String({ format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Open },
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
        response: { 200: Open },
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
          params: Id,
          body: Note,
          response: { 200: Open },
        },
      },
      async (request) => designations[move](requireUser(request), request.params.id, request.body.note),
    );
  }
}
