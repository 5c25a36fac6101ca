import { Type, type TSchema } from 'typebox';
import type { Docket } from '../app.js';
import { WrittenText } from '../core/written-text.js';
import { requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import { PUBLIC_FIGURE_KINDS } from '../core/outcomes.js';

const tags = ['public figures'];
const Open = Type.Object({}, { additionalProperties: true });

const Tier = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
  description: 'severity tier: 1 month, 6 months, 1 year, 2 years by default',
});
const Account = {
  platform: Type.String({ minLength: 1, maxLength: 120 }),
  accountRef: Type.String({ minLength: 1, maxLength: 200 }),
};
const Iso = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const RestrictionView = Type.Object({
  id: Type.String(),
  ...Account,
  figure: Type.Object(
    { name: Nullable(Type.String()), kind: Nullable(Type.String()), country: Nullable(Type.String()) },
    { description: "the account's registry entry (null fields once it left the registry)" },
  ),
  tier: Type.Integer(),
  context: Type.String(),
  status: Type.Union([
    Type.Literal('active'),
    Type.Literal('review_due'),
    Type.Literal('lifted'),
    Type.Literal('lapsed'),
  ]),
  reason: Type.String(),
  startsAt: Iso,
  endsAt: Iso,
  reviewDueSince: Nullable(Iso),
  closedAt: Nullable(Iso),
  extendsUntil: Nullable(Iso),
  lapsesAt: Nullable(Iso),
});
const RestrictionPreview = Type.Object({
  figure: Type.Object({ ...Account, name: Type.String(), kind: Type.String(), country: Nullable(Type.String()) }),
  context: Type.String({ description: "the designation of the figure's country: acute or chronic" }),
  applies: Type.String({ description: 'why the protocol applies' }),
  severityTier: Type.Integer(),
  earlierRestrictions: Type.Integer({
    description: "the account's earlier restrictions under the protocol; each moves the tier up one",
  }),
  tier: Type.Integer({ description: 'the tier the restriction would have' }),
  months: Type.Integer(),
  startsAt: Iso,
  endsAt: Iso,
  reviewAt: Iso,
});

export function figureRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/figures',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: 'The public-figure registry',
        response: { 200: Type.Object({ figures: Type.Array(Open) }) },
      },
    },
    async () => ({ figures: await docket.figures.list() }),
  );

  app.post(
    '/api/figures',
    {
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
    },
    async (request) => docket.figures.verify(requireUser(request), request.body),
  );

  app.get(
    '/api/restrictions',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: "Public figures' restrictions under the protocol, with their end and review",
        description:
          'Each with its figure from the registry; extendsUntil: where an extension at review would take an open restriction; lapsesAt: when a restriction whose review fell due lapses if nobody reviews it.',
        response: { 200: Type.Object({ restrictions: Type.Array(RestrictionView) }) },
      },
    },
    async () => ({ restrictions: await docket.restrictions.list() }),
  );

  app.post(
    '/api/restrictions/preview',
    {
      config: { access: 'figures.verify' },
      schema: {
        tags,
        summary:
          'What restricting the account would bring (the tier after repeat violations, its length, end and review); records nothing',
        description:
          'Checked as the restriction itself is: refused the same way when the account is not a verified public figure or the protocol does not apply.',
        body: Type.Object({ ...Account, severityTier: Tier }, { additionalProperties: false }),
        response: { 200: RestrictionPreview },
      },
    },
    async (request) => docket.restrictions.preview(request.body),
  );

  app.post(
    '/api/restrictions',
    {
      config: { access: 'figures.verify' },
      schema: {
        tags,
        summary:
          "Restrict a verified public figure's account under the protocol (policy staff): time-bound by tier, reviewed at its end",
        body: Type.Object(
          { ...Account, severityTier: Tier, reason: WrittenText({ minLength: 10, maxLength: 5_000 }) },
          { additionalProperties: false },
        ),
        response: { 201: Open },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await docket.restrictions.impose(requireUser(request), request.body)),
  );

  app.post(
    '/api/restrictions/:id/review',
    {
      config: { access: 'figures.verify' },
      schema: {
        tags,
        summary: 'Review a restriction that fell due: lift it, or extend it by its tier’s length, with reasons',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          { riskReceded: Type.Boolean(), reasons: WrittenText({ minLength: 20, maxLength: 5_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Open },
      },
    },
    async (request) => docket.restrictions.review(requireUser(request), request.params.id, request.body),
  );

  app.delete(
    '/api/figures/:platform/:accountRef',
    {
      config: { access: 'figures.verify' },
      schema: {
        tags,
        summary: 'Remove an account from the registry',
        params: Type.Object({ platform: Type.String({ maxLength: 120 }), accountRef: Type.String({ maxLength: 200 }) }),
        body: Type.Object({ note: WrittenText({ minLength: 5, maxLength: 2_000 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      await docket.figures.remove(
        requireUser(request),
        request.params.platform,
        request.params.accountRef,
        request.body.note,
      );
      return reply.code(204).send();
    },
  );
}
