import { Type, type Static, type TSchema } from 'typebox';

/** The webhooks capability's contract: the requests and answers of /api/webhooks. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DELIVERY_STATES = ['delivered', 'retrying', 'failed', 'not_sent'] as const;

export const WebhookEndpoint = Type.Object({
  platform: Type.String(),
  url: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

export const WebhookEndpointList = Type.Object({ endpoints: Type.Array(WebhookEndpoint) });
export type WebhookEndpointList = Static<typeof WebhookEndpointList>;

export const PlatformParams = Type.Object({ platform: Type.String({ minLength: 1, maxLength: 120 }) });
export type PlatformParams = Static<typeof PlatformParams>;

export const EndpointBody = Type.Object(
  {
    url: Type.String({ format: 'uri', maxLength: 2_000 }),
    secret: Type.Optional(Type.String({ minLength: 24, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type EndpointBody = Static<typeof EndpointBody>;

export const EndpointSet = Type.Object({
  platform: Type.String(),
  url: Type.String(),
  secret: Nullable(
    Type.String({ description: 'the generated secret, shown this once; null when the request gave one' }),
  ),
});
export type EndpointSet = Static<typeof EndpointSet>;

export const DeliveryQuery = Type.Object(
  {
    platform: Type.Optional(Type.String({ maxLength: 120 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type DeliveryQuery = Static<typeof DeliveryQuery>;

/** One attempt to send one message, with where that message stands now. */
export const Delivery = Type.Object({
  messageId: Type.String({ description: 'the message (x-docket-delivery); its retries share it' }),
  platform: Type.String(),
  type: Type.String({
    description: 'the event sent, e.g. decision.taken, or the connector call, e.g. mastodon.account_action',
  }),
  transport: Type.String({ description: "how it goes: webhook, or a connector's (mastodon)" }),
  purpose: Nullable(Type.String({ description: 'what a connector call carries out, in words; null for a webhook' })),
  attempt: Type.Integer({
    minimum: 0,
    description: '1 for the first try; 0 for a message never sent (state not_sent: the error says why)',
  }),
  at: Type.String({ format: 'date-time' }),
  status: Nullable(Type.Integer({ description: "the platform's HTTP status; null when no answer came" })),
  error: Nullable(Type.String({ description: 'why the attempt failed; null when it succeeded' })),
  durationMs: Type.Integer(),
  state: Type.Enum(DELIVERY_STATES, { description: 'where the message stands now' }),
  nextAttemptAt: Nullable(
    Type.String({ format: 'date-time', description: 'when the next try is due, while retrying' }),
  ),
});
export type Delivery = Static<typeof Delivery>;

export const DeliveryList = Type.Object({ deliveries: Type.Array(Delivery, { description: 'newest first' }) });
export type DeliveryList = Static<typeof DeliveryList>;
