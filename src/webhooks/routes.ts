import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import { Nullable } from '../access/contract.js';
import type { App } from '../http/types.js';

const tags = ['webhooks'];

/** One attempt to send one message, with where that message stands now. */
const Delivery = Type.Object({
  messageId: Type.String({ description: 'the message (x-docket-delivery); its retries share it' }),
  platform: Type.String(),
  type: Type.String({ description: 'the event sent, e.g. decision.taken' }),
  attempt: Type.Integer({ minimum: 1 }),
  at: Type.String({ format: 'date-time' }),
  status: Nullable(Type.Integer({ description: "the platform's HTTP status; null when no answer came" })),
  error: Nullable(Type.String({ description: 'why the attempt failed; null when it succeeded' })),
  durationMs: Type.Integer(),
  state: Type.Enum(['delivered', 'retrying', 'failed'], { description: 'where the message stands now' }),
  nextAttemptAt: Nullable(
    Type.String({ format: 'date-time', description: 'when the next try is due, while retrying' }),
  ),
});

export function webhookRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/webhooks',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'Webhook endpoints of the platforms (never their secrets)',
        response: {
          200: Type.Object({
            endpoints: Type.Array(
              Type.Object({ platform: Type.String(), url: Type.String(), createdAt: Type.String() }),
            ),
          }),
        },
      },
    },
    async () => ({ endpoints: await docket.webhooks.endpoints() }),
  );

  app.put(
    '/api/webhooks/:platform',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary:
          "Set where a platform receives decisions (signed with HMAC-SHA256 in x-docket-signature: t=<unix>,v1=<hex of HMAC(secret, t + '.' + body)>)",
        description: 'Without a secret, one is generated and returned once.',
        params: Type.Object({ platform: Type.String({ minLength: 1, maxLength: 120 }) }),
        body: Type.Object(
          {
            url: Type.String({ format: 'uri', maxLength: 2_000 }),
            secret: Type.Optional(Type.String({ minLength: 24, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            platform: Type.String(),
            url: Type.String(),
            secret: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) =>
      docket.webhooks.setEndpoint(
        actorOf(request.principal as Principal),
        request.params.platform,
        request.body.url,
        request.body.secret,
      ),
  );

  app.get(
    '/api/webhooks/deliveries',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'The delivery log: every attempt, newest first',
        querystring: Type.Object(
          {
            platform: Type.Optional(Type.String({ maxLength: 120 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ deliveries: Type.Array(Delivery) }) },
      },
    },
    async (request) => ({ deliveries: await docket.webhooks.deliveries(request.query.platform, request.query.limit) }),
  );
}
