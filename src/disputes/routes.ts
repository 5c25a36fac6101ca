import type { Docket } from '../app.js';
import { requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import {
  Dispute,
  DisputeBody,
  DisputeBodyBody,
  DisputeBodyList,
  DisputeFiling,
  DisputeImplemented,
  DisputeList,
  DisputeOutcomeBody,
  DisputeQuery,
  IdParams,
  ImplementBody,
} from './contract.js';

const tags = ['out-of-court disputes'];

/**
 * Out-of-court dispute settlement (DSA Art. 21): the register of certified bodies (managed by policy staff and
 * administrators, public read), and disputes on decisions with their outcome, fees and implementation.
 */
export function disputeRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/public/dispute-bodies',
    {
      config: { access: 'public' },
      schema: {
        tags: [...tags, 'public'],
        summary: 'The certified out-of-court dispute settlement bodies a user or notifier may turn to (DSA Art. 21)',
        response: { 200: DisputeBodyList },
      },
    },
    async () => ({ bodies: await docket.publicReads.disputeBodies() }),
  );

  app.get(
    '/api/dispute-bodies',
    {
      config: { access: 'disputes.manage' },
      schema: { tags, summary: 'The register of dispute settlement bodies', response: { 200: DisputeBodyList } },
    },
    async () => ({ bodies: await docket.disputes.listBodies() }),
  );

  app.post(
    '/api/dispute-bodies',
    {
      config: { access: 'disputes.manage' },
      schema: {
        tags,
        summary: 'Enter a certified body in the register',
        body: DisputeBodyBody,
        response: { 201: DisputeBody },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await docket.disputes.registerBody(requireUser(request), request.body)),
  );

  app.put(
    '/api/dispute-bodies/:id',
    {
      config: { access: 'disputes.manage' },
      schema: {
        tags,
        summary: "Change a body's entry (e.g. its certification suspended or revoked)",
        params: IdParams,
        body: DisputeBodyBody,
        response: { 200: DisputeBody },
      },
    },
    async (request) => docket.disputes.updateBody(requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/disputes',
    {
      config: { access: 'disputes.manage' },
      schema: {
        tags,
        summary: 'Disputes before certified bodies, newest filed first (optionally on one decision)',
        querystring: DisputeQuery,
        response: { 200: DisputeList },
      },
    },
    async (request) => ({ disputes: await docket.disputes.list(request.query) }),
  );

  app.get(
    '/api/disputes/:id',
    {
      config: { access: 'disputes.manage' },
      schema: { tags, summary: 'A dispute', params: IdParams, response: { 200: Dispute } },
    },
    async (request) => docket.disputes.get(request.params.id),
  );

  app.post(
    '/api/disputes',
    {
      config: { access: 'disputes.manage' },
      schema: {
        tags,
        summary: 'Record a dispute filed with a certified body about a decision',
        description:
          'Refused with 400 naming the field when the body was not certified on the day the dispute was filed, or the day is before the decision or ahead; 409 when the same party already has a dispute on the decision before a body.',
        body: DisputeFiling,
        response: { 201: Dispute },
      },
    },
    async (request, reply) => reply.code(201).send(await docket.disputes.file(requireUser(request), request.body)),
  );

  app.post(
    '/api/disputes/:id/outcome',
    {
      config: { access: 'disputes.manage' },
      schema: {
        tags,
        summary: "Record the body's outcome and its fees",
        description:
          'Who bears the fees follows Art. 21(5): the platform when the body decides for the complainant, and for the platform too unless the body found manifest bad faith; a settlement as agreed. An outcome for the complainant (or a settlement naming a decision) opens an implementation due in 7 days.',
        params: IdParams,
        body: DisputeOutcomeBody,
        response: { 200: Dispute },
      },
    },
    async (request) => docket.disputes.conclude(requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/disputes/:id/implement',
    {
      config: { access: 'disputes.manage' },
      schema: {
        tags,
        summary: 'Carry out the outcome: the disputed decision is replaced through moderation, like a board decision',
        params: IdParams,
        body: ImplementBody,
        response: { 200: DisputeImplemented },
      },
    },
    async (request) => docket.disputes.implement(requireUser(request), request.params.id, request.body),
  );
}
