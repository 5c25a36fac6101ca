import { Type } from 'typebox';
import { MASTODON_CATEGORIES, MastodonConnector, PolicyRef } from './contract.js';

/** A moderator of the instance, as the report names one; null when it names none. */
const moderator = (description = 'a moderator of the instance') =>
  Type.Union([Type.Object({ id: Type.String(), username: Type.String() }), Type.Null()], { description });

/** A report's policy as it stood: Mastodon's category and rule ids, and the Docket policy they map to. */
const AllegedPolicy = Type.Object({
  category: Type.Enum(MASTODON_CATEGORIES),
  ruleIds: Type.Array(Type.String()),
  policy: PolicyRef,
});

/** The Mastodon connector's events: its configuration (never its secrets) and what the instance did on its own. */
export const mastodonEvents = {
  'mastodon.connector_set': Type.Pick(MastodonConnector, ['platform', 'baseUrl', 'policyMap']),
  /** On the case's stream: the report behind it was resolved inside Mastodon, by the moderator named. */
  'mastodon.report_resolved_upstream': Type.Object({
    platform: Type.String(),
    caseId: Type.String(),
    reportId: Type.String({ description: "Mastodon's report id" }),
    actionTakenBy: moderator('who resolved it'),
    actionTakenAt: Type.Union([Type.String(), Type.Null()]),
  }),
  /** On the case's stream: the report behind it, resolved inside Mastodon before, was reopened there. */
  'mastodon.report_reopened_upstream': Type.Object({
    platform: Type.String(),
    caseId: Type.String(),
    reportId: Type.String({ description: "Mastodon's report id" }),
    assignedAccount: moderator('the moderator the report is assigned to; Mastodon does not say who reopened it'),
    updatedAt: Type.String({ description: "the report's `updated_at`: when it was reopened" }),
  }),
  /**
   * On the case's stream: Mastodon's moderators changed the open report behind it: its category or rules (old and
   * new, with the Docket policy each maps to; the reports already filed keep theirs), or the statuses it names.
   */
  'mastodon.report_changed_upstream': Type.Object({
    platform: Type.String(),
    caseId: Type.String(),
    reportId: Type.String({ description: "Mastodon's report id" }),
    from: Type.Union([AllegedPolicy, Type.Null()], { description: 'null when the policy did not change' }),
    to: Type.Union([AllegedPolicy, Type.Null()]),
    statusesAdded: Type.Array(Type.String(), { description: 'each became a report on its own subject' }),
    statusesRemoved: Type.Array(Type.String(), { description: 'their reports stay; the report no longer names them' }),
    assignedAccount: moderator('the moderator the report is assigned to'),
    updatedAt: Type.String({ description: "the report's `updated_at`" }),
  }),
  /** What Docket keeps of a Mastodon report between its webhooks (table mastodon_reports): its newest version. */
  'mastodon.report_state': Type.Object({
    platform: Type.String(),
    reportId: Type.String(),
    category: Type.Enum(MASTODON_CATEGORIES),
    ruleIds: Type.Array(Type.String()),
    resolved: Type.Boolean(),
    updatedAt: Type.String({ format: 'date-time' }),
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
