import type { Docket } from '../app.js';
import { requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import {
  AccountParams,
  Figure,
  FigureBody,
  FigureList,
  NoContent,
  RemoveFigureBody,
  RestrictionBody,
  RestrictionIdParams,
  RestrictionImposed,
  RestrictionList,
  RestrictionPreview,
  RestrictionPreviewBody,
  RestrictionReviewBody,
  RestrictionReviewed,
} from './contract.js';

const tags = ['public figures'];

export function figureRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/figures',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: 'The public-figure registry',
        response: { 200: FigureList },
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
        body: FigureBody,
        response: { 200: Figure },
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
        response: { 200: RestrictionList },
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
        body: RestrictionPreviewBody,
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
        body: RestrictionBody,
        response: { 201: RestrictionImposed },
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
        params: RestrictionIdParams,
        body: RestrictionReviewBody,
        response: { 200: RestrictionReviewed },
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
        params: AccountParams,
        body: RemoveFigureBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await docket.figures.remove(
        requireUser(request),
        request.params.platform,
        request.params.accountRef,
        request.body.note,
      );
      return reply.code(204).send(null);
    },
  );
}
