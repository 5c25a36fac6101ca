import { Type } from 'typebox';
import { OWNER_EVENT_KINDS } from './account-owner-rules.js';

/** The events of account owners' own acts, on the account's stream. */
export const accountOwnerEventTypes = {
  /** The account's owner deleted or restored the account itself: a fact the platform reports, not moderation. */
  'account.owner_event': Type.Object({
    eventId: Type.String(),
    subjectId: Type.String(),
    platform: Type.String(),
    accountRef: Type.String(),
    kind: Type.Enum(OWNER_EVENT_KINDS),
    occurredAt: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
  }),
};
