import type { Docket } from '../app.js';
import { actorOf } from '../core/roles.js';
import { requireIntegration } from '../http/auth.js';
import type { App } from '../http/types.js';
import { IdParams, OwnerEventInput, OwnerEventParams, OwnerEventReceipt, OwnerEvents } from './contract.js';

const tags = ['moderation'];

/** Account events by the account's owner: reported by the platform, read by staff beside the account's moderation. */
export function accountOwnerRoutes(app: App, docket: Docket): void {
  app.post(
    '/api/accounts/:accountRef/owner-events',
    {
      config: { access: 'subjects.ingest' },
      schema: {
        tags,
        summary: 'Report that the owner deleted or restored their own account (not moderation)',
        description:
          "The platform reports what an account's owner did to the account itself. It is recorded on the account's history, in time order, and carries no decision, strike or restriction. An account is restored only after its owner deleted it.",
        params: OwnerEventParams,
        body: OwnerEventInput,
        response: { 201: OwnerEventReceipt },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return reply
        .code(201)
        .send(
          await docket.accountOwners.record(
            actorOf(platform),
            platform.platform,
            request.params.accountRef,
            request.body,
          ),
        );
    },
  );

  app.get(
    '/api/subjects/:id/owner-events',
    {
      config: { access: 'subjects.read' },
      schema: {
        tags,
        summary: "An account's events by its owner (deleted, restored), oldest first, and its state now",
        params: IdParams,
        response: { 200: OwnerEvents },
      },
    },
    async (request) => docket.accountOwners.ofSubject(request.params.id),
  );
}
