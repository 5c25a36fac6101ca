import { Type, type Static } from 'typebox';
import { accessEvents } from './access/events.js';
import { moderationEvents } from './moderation/events.js';
import { caseToolEvents } from './moderation/case-tools-events.js';
import { accountOwnerEventTypes } from './moderation/account-owner-events.js';
import { noticeEventTypes } from './moderation/notice-events.js';
import { complaintEventTypes } from './moderation/complaint-events.js';
import { flaggerEventTypes } from './moderation/flagger-events.js';
import { messageEventTypes } from './moderation/message-events.js';
import { misuseEventTypes } from './moderation/misuse-events.js';
import { policyEvents } from './policy/events.js';
import { webhookEvents } from './webhooks/events.js';
import { crisisEvents } from './crisis/events.js';
import { figureEvents } from './figures/events.js';
import { boardEvents } from './board/events.js';
import { transparencyEvents } from './transparency/public-log/events.js';
import { mastodonEvents } from './mastodon/events.js';
import { disputeEvents } from './disputes/events.js';

const systemEvents = {
  'demo.seeded': Type.Object({ dataset: Type.String(), version: Type.Integer() }),
};

/**
 * The typed catalogue of every event Docket writes: each type with the schema of its payload. The compiler
 * rejects an event whose payload does not fit its type; the schemas document the log and validate it in tests.
 */
export const eventCatalogue = {
  ...systemEvents,
  ...accessEvents,
  ...policyEvents,
  ...moderationEvents,
  ...caseToolEvents,
  ...accountOwnerEventTypes,
  ...noticeEventTypes,
  ...complaintEventTypes,
  ...flaggerEventTypes,
  ...messageEventTypes,
  ...misuseEventTypes,
  ...webhookEvents,
  ...crisisEvents,
  ...figureEvents,
  ...boardEvents,
  ...transparencyEvents,
  ...mastodonEvents,
  ...disputeEvents,
};

export type EventType = keyof typeof eventCatalogue;
export type EventPayload<T extends EventType> = Static<(typeof eventCatalogue)[T]>;
export type NewEvent = { [T in EventType]: { type: T; stream: string; payload: EventPayload<T> } }[EventType];
