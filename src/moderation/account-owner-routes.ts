import { Type, type TSchema } from 'typebox';
import type { Docket } from '../app.js';
import { actorOf } from '../core/roles.js';
import { WrittenText } from '../core/written-text.js';
import { requireIntegration } from '../http/auth.js';
import type { App } from '../http/types.js';
import { OWNER_EVENT_KINDS } from './account-owner-rules.js';

const tags = ['moderation'];
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Iso = Type.String({ format: 'date-time' });
const Kind = Type.Enum(OWNER_EVENT_KINDS, {
  description: 'deleted_by_owner: the owner deleted the account; restored_by_owner: the owner brought it back',
});
const State = Type.Enum(['active', 'deleted_by_owner'], {
  description: "the account's state after its owner's last event",
});

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
        params: Type.Object({
          accountRef: Type.String({ minLength: 1, maxLength: 200, description: "the account's externalId, as pushed" }),
        }),
        body: Type.Object(
          {
            kind: Kind,
            occurredAt: Type.String({ format: 'date-time', description: 'when the owner did it' }),
            note: Type.Optional(WrittenText({ minLength: 1, maxLength: 2_000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            subjectId: Type.String(),
            accountRef: Type.String(),
            kind: Kind,
            occurredAt: Iso,
            note: Nullable(Type.String()),
            state: State,
          }),
        },
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            subjectId: Type.String(),
            accountRef: Type.String(),
            state: State,
            events: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Kind,
                occurredAt: Iso,
                note: Nullable(Type.String()),
                recordedAt: Iso,
              }),
            ),
          }),
        },
      },
    },
    async (request) => docket.accountOwners.ofSubject(request.params.id),
  );
}
