import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { WrittenText } from '../core/written-text.js';
import { requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import { PUBLIC_FIGURE_KINDS } from '../moderation/outcomes.js';

const tags = ['public figures'];
const Open = Type.Object({}, { additionalProperties: true });

export function figureRoutes(app: App, docket: Docket): void {
  app.get('/api/figures', {
    config: { access: 'crisis.work' },
    schema: { tags, summary: 'The public-figure registry', response: { 200: Type.Object({ figures: Type.Array(Open) }) } },
  }, async () => ({ figures: await docket.figures.list() }));

  app.post('/api/figures', {
    config: { access: 'figures.verify' },
    schema: {
      tags,
      summary: "Verify an account's public role (policy staff); it overrides what the platform states",
      body: Type.Object(
        {
          platform: Type.String({ minLength: 1, maxLength: 120 }),
          accountRef: Type.String({ minLength: 1, maxLength: 200 }),
          kind: Type.Enum(PUBLIC_FIGURE_KINDS),
          name: WrittenText({ minLength: 1, maxLength: 200 }),
          country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
          note: WrittenText({ minLength: 5, maxLength: 2_000, description: 'how it was verified' }),
        },
        { additionalProperties: false },
      ),
      response: { 200: Open },
    },
  }, async (request) => docket.figures.verify(requireUser(request), request.body));

  app.get('/api/restrictions', {
    config: { access: 'crisis.work' },
    schema: { tags, summary: "Public figures' restrictions under the protocol, with their end and review", response: { 200: Type.Object({ restrictions: Type.Array(Open) }) } },
  }, async () => ({ restrictions: await docket.restrictions.list() }));

  app.post('/api/restrictions', {
    config: { access: 'figures.verify' },
    schema: {
      tags,
      summary: "Restrict a verified public figure's account under the protocol (policy staff): time-bound by tier, reviewed at its end",
      body: Type.Object(
        { platform: Type.String({ minLength: 1, maxLength: 120 }), accountRef: Type.String({ minLength: 1, maxLength: 200 }), severityTier: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]), reason: WrittenText({ minLength: 10, maxLength: 5_000 }) },
        { additionalProperties: false },
      ),
      response: { 201: Open },
    },
  }, async (request, reply) => reply.code(201).send(await docket.restrictions.impose(requireUser(request), request.body)));

  app.post('/api/restrictions/:id/review', {
    config: { access: 'figures.verify' },
    schema: {
      tags,
      summary: 'Review a restriction that fell due: lift it, or extend it by its tier’s length, with reasons',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ riskReceded: Type.Boolean(), reasons: WrittenText({ minLength: 20, maxLength: 5_000 }) }, { additionalProperties: false }),
      response: { 200: Open },
    },
  }, async (request) => docket.restrictions.review(requireUser(request), request.params.id, request.body));

  app.delete('/api/figures/:platform/:accountRef', {
    config: { access: 'figures.verify' },
    schema: { tags, summary: 'Remove an account from the registry', params: Type.Object({ platform: Type.String({ maxLength: 120 }), accountRef: Type.String({ maxLength: 200 }) }), body: Type.Object({ note: WrittenText({ minLength: 5, maxLength: 2_000 }) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await docket.figures.remove(requireUser(request), request.params.platform, request.params.accountRef, request.body.note);
    return reply.code(204).send();
  });
}
