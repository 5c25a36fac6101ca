/**
 * The Mastodon connector's contract: connecting an instance (PUT/GET /api/connectors/mastodon/:platform) and the
 * answer its admin webhook gets. Importable by the web console: it depends on typebox only.
 */
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Mastodon's report categories (app/models/report.rb); a category Docket does not know is read as `other`. */
export const MASTODON_CATEGORIES = ['spam', 'legal', 'violation', 'other'] as const;
export type MastodonCategory = (typeof MASTODON_CATEGORIES)[number];

/** The admin webhook events Mastodon sends (app/models/webhook.rb, plus `report.updated`). */
export const MASTODON_EVENTS = [
  'report.created',
  'report.updated',
  'account.approved',
  'account.created',
  'account.updated',
  'status.created',
  'status.updated',
] as const;

export const ConnectorParams = Type.Object({
  platform: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9._-]+$' }),
});
export type ConnectorParams = Static<typeof ConnectorParams>;

/** A Docket policy (and optionally one of its sections) a Mastodon category or rule maps to. */
export const PolicyRef = Type.Object(
  {
    policyId: Type.String({ minLength: 1, maxLength: 60 }),
    sectionId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type PolicyRef = Static<typeof PolicyRef>;

export const PolicyMap = Type.Object(
  {
    categories: Type.Optional(
      Type.Object(
        {
          spam: Type.Optional(PolicyRef),
          legal: Type.Optional(PolicyRef),
          violation: Type.Optional(PolicyRef),
          other: Type.Optional(PolicyRef),
        },
        { additionalProperties: false, description: "Mastodon's report category -> a Docket policy" },
      ),
    ),
    rules: Type.Optional(
      Type.Record(Type.String({ pattern: '^[0-9]{1,20}$' }), PolicyRef, {
        description: "the instance's rule id (a `violation` report cites them) -> a Docket policy",
      }),
    ),
  },
  { additionalProperties: false },
);
export type PolicyMap = Static<typeof PolicyMap>;

export const ConnectorBody = Type.Object(
  {
    baseUrl: Type.String({
      format: 'uri',
      maxLength: 2_000,
      description: 'the instance, e.g. https://mastodon.example',
    }),
    accessToken: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'an admin access token for the admin API (admin:read and admin:write scopes); never shown again',
    }),
    webhookSecret: Type.String({
      minLength: 12,
      maxLength: 500,
      description: "the secret of the instance's admin webhook (Mastodon requires 12 characters); never shown again",
    }),
    policyMap: Type.Optional(PolicyMap),
  },
  { additionalProperties: false },
);
export type ConnectorBody = Static<typeof ConnectorBody>;

/** A connected instance as the API shows it: never its access token or webhook secret. */
export const MastodonConnector = Type.Object({
  platform: Type.String(),
  baseUrl: Type.String(),
  policyMap: PolicyMap,
  webhookPath: Type.String({ description: "where the instance's admin webhook posts, on Docket's address" }),
  hasAccessToken: Type.Boolean(),
  hasWebhookSecret: Type.Boolean({ description: 'false on a connector rebuilt from the log, until it is set again' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type MastodonConnector = Static<typeof MastodonConnector>;

export const MastodonConnectorList = Type.Object({ connectors: Type.Array(MastodonConnector) });
export type MastodonConnectorList = Static<typeof MastodonConnectorList>;

/** Mastodon's own webhook payload (REST::Admin::WebhookEventSerializer); `object` is read by the connector's rules. */
export const MastodonWebhookBody = Type.Object({
  event: Type.String({ minLength: 1, maxLength: 100 }),
  created_at: Type.String({ maxLength: 100 }),
  object: Type.Object({}, { additionalProperties: true }),
});
export type MastodonWebhookBody = Static<typeof MastodonWebhookBody>;

export const WEBHOOK_OUTCOMES = [
  'reports',
  'subjects',
  'resolved_upstream',
  'reopened_upstream',
  'changed_upstream',
  'ignored',
] as const;

export const MastodonWebhookAnswer = Type.Object({
  event: Type.String(),
  handled: Type.Enum(WEBHOOK_OUTCOMES, {
    description:
      'what Docket did with the event: `reports` (report.created became reports), `subjects` (account.* or ' +
      'status.* updated a subject), `resolved_upstream` (the report was resolved inside Mastodon: its cases are ' +
      'marked), `reopened_upstream` (a report Docket had marked resolved was reopened inside Mastodon: its cases ' +
      "say so; any change below is recorded with it), `changed_upstream` (Mastodon's moderators changed the open " +
      "report's category or rules, recorded on its cases without filing again, or added statuses, each filed as a " +
      'report, or removed some), `ignored` (nothing to do: an event Docket does not act on, an open report with ' +
      'nothing changed, one Docket never received, or an older version than the one it has)',
  }),
  replayed: Type.Boolean({ description: 'true when this event was received before: nothing new was written' }),
  caseIds: Type.Array(Type.String(), { description: 'the cases the event opened, joined or marked' }),
  detail: Type.String(),
  reportId: Nullable(Type.String({ description: "Mastodon's report id, for report events" })),
});
export type MastodonWebhookAnswer = Static<typeof MastodonWebhookAnswer>;
