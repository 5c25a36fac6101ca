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
};
