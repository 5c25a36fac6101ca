import { readFileSync } from 'node:fs';
import { hubSignature } from '../src/mastodon/rules.js';

type Json = Record<string, unknown>;

/**
 * Mastodon's webhook payloads for the connector's tests. The report is the example of Mastodon's documentation
 * (test/fixtures/mastodon/README.md); the other events are built from it, field by field as Mastodon's serializers
 * write them.
 */
export function reportCreated(): { event: string; created_at: string; object: Json } {
  return JSON.parse(readFileSync(new URL('./fixtures/mastodon/report-created.json', import.meta.url), 'utf8')) as {
    event: string;
    created_at: string;
    object: Json;
  };
}

/** A moderator of the instance (REST::Admin::AccountSerializer, as the report serializer nests it). */
export const instanceModerator: Json = {
  id: '109999',
  username: 'moddy',
  domain: null,
  created_at: '2022-11-01T10:00:00.000Z',
  email: 'moddy@mastodonwebsite',
  ip: null,
  role: { id: '2', name: 'Moderator', permissions: '1532', color: '', highlighted: true },
  confirmed: true,
  suspended: false,
  silenced: false,
  sensitized: false,
  disabled: false,
  approved: true,
  locale: 'en',
  invite_request: null,
  ips: [],
  account: {
    id: '109999',
    username: 'moddy',
    acct: 'moddy',
    display_name: 'Moddy',
    locked: false,
    bot: false,
    discoverable: false,
    group: false,
    created_at: '2022-11-01T00:00:00.000Z',
    note: '',
    url: 'https://mastodonwebsite/@moddy',
    uri: 'https://mastodonwebsite/users/moddy',
    avatar: 'https://mastodonwebsite/avatars/original/missing.png',
    avatar_static: 'https://mastodonwebsite/avatars/original/missing.png',
    header: 'https://mastodonwebsite/headers/original/missing.png',
    header_static: 'https://mastodonwebsite/headers/original/missing.png',
    followers_count: 10,
    following_count: 10,
    statuses_count: 3,
    last_status_at: '2023-10-25',
    emojis: [],
    fields: [],
  },
};

/** The same report, resolved inside Mastodon by `instanceModerator`: what `report.updated` sends then. */
export function reportResolved(): { event: string; created_at: string; object: Json } {
  const payload = reportCreated();
  return {
    event: 'report.updated',
    created_at: '2023-10-26T14:02:11.120Z',
    object: {
      ...payload.object,
      action_taken: true,
      action_taken_at: '2023-10-26T14:02:11.101Z',
      updated_at: '2023-10-26T14:02:11.101Z',
      action_taken_by_account: instanceModerator,
    },
  };
}

/** `account.updated` for the reported account: its REST::Admin::AccountSerializer object. */
export function accountUpdated(): { event: string; created_at: string; object: Json } {
  const target = reportCreated().object.target_account as Json;
  return {
    event: 'account.updated',
    created_at: '2023-10-27T08:00:00.000Z',
    object: { ...target, account: { ...(target.account as Json), note: '<p>Cheese &amp; more cheese</p>' } },
  };
}

/** `status.created` for the reported status: its REST::StatusSerializer object. */
export function statusCreated(): { event: string; created_at: string; object: Json } {
  const status = (reportCreated().object.statuses as Json[])[0] as Json;
  return { event: 'status.created', created_at: '2023-10-26T11:29:13.120Z', object: status };
}

/** The body as Mastodon sends it, and its X-Hub-Signature with the secret. */
export function signed(payload: unknown, secret: string): { body: string; signature: string } {
  const body = JSON.stringify(payload);
  return { body, signature: hubSignature(secret, body) };
}

type Payload = { event: string; created_at: string; object: Json };

/**
 * The resolved report reopened inside Mastodon (`unresolve!`: action_taken_at and action_taken_by_account back to
 * null), assigned to `instanceModerator`: what `report.updated` sends then.
 */
export function reportReopened(): Payload {
  const resolved = reportResolved();
  return {
    event: 'report.updated',
    created_at: '2023-10-27T09:15:00.420Z',
    object: {
      ...resolved.object,
      action_taken: false,
      action_taken_at: null,
      action_taken_by_account: null,
      assigned_account: instanceModerator,
      updated_at: '2023-10-27T09:15:00.400Z',
    },
  };
}

/** Another status of the reported account, as REST::StatusSerializer writes it. */
export function anotherStatus(id: string): Json {
  const status = (reportCreated().object.statuses as Json[])[0] as Json;
  return {
    ...status,
    id,
    created_at: '2023-10-27T07:00:00.000Z',
    edited_at: null,
    content: `<p>Another post, ${id}</p>`,
    uri: `https://someothermastodonsite.com/users/cheeseperson/statuses/${id}`,
    url: `https://someothermastodonsite.com/@cheeseperson/${id}`,
  };
}

/**
 * A later version of a report, as `report.updated` sends it after a moderator's change (`category`, `rules` by the
 * admin API's PUT /api/v1/admin/reports/:id; `statuses` by Admin::StatusBatchAction; `assigned_account`).
 */
export function reportChanged(base: Payload, updatedAt: string, change: Json): Payload {
  return {
    event: 'report.updated',
    created_at: updatedAt,
    object: { ...base.object, ...change, updated_at: updatedAt },
  };
}
