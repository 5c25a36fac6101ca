import { Type } from 'typebox';
import { MastodonConnector } from './contract.js';

/** The Mastodon connector's events: its configuration (never its secrets) and what the instance did on its own. */
export const mastodonEvents = {
  'mastodon.connector_set': Type.Pick(MastodonConnector, ['platform', 'baseUrl', 'policyMap']),
  /** On the case's stream: the report behind it was resolved inside Mastodon, by the moderator named. */
  'mastodon.report_resolved_upstream': Type.Object({
    platform: Type.String(),
    caseId: Type.String(),
    reportId: Type.String({ description: "Mastodon's report id" }),
    actionTakenBy: Type.Union([Type.Object({ id: Type.String(), username: Type.String() }), Type.Null()]),
    actionTakenAt: Type.Union([Type.String(), Type.Null()]),
  }),
  /**
   * What a later decision needs to tell the instance: the records a report named (so the decision can carry its
   * `report_id`), and the accounts seen with whether each is the instance's own.
   */
  'mastodon.records_seen': Type.Object({
    platform: Type.String(),
    report: Type.Union([
      Type.Object({
        id: Type.String({ description: "Mastodon's report id" }),
        externalIds: Type.Array(Type.String(), { description: 'the reported account and statuses' }),
        receivedAt: Type.String({ format: 'date-time' }),
      }),
      Type.Null(),
    ]),
    accounts: Type.Array(
      Type.Object({
        accountId: Type.String(),
        acct: Type.String({ description: '`user` for a local account, `user@domain` for a remote one' }),
        local: Type.Boolean(),
      }),
    ),
  }),
};
