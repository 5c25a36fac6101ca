import { normaliseUsername, signInStream } from '../access/contract.js';
import type { EventType } from '../events.js';

/**
 * The administrative actions an admin audits, by category: each category is the event types that record it.
 * Roles are granted when a user is created (no command changes them yet); connectors: an instance connected or
 * reconfigured; the registers (trusted flaggers, dispute settlement bodies), the messages sent to people and the rules
 * against misuse, as policy staff change them.
 */
export const AUDIT_CATEGORIES = {
  users: ['user.created', 'user.details_changed', 'user.password_changed', 'user.disabled', 'user.enabled'],
  roles: ['user.created', 'user.roles_changed'],
  tokens: ['token.created', 'token.rotated', 'token.revoked'],
  webhooks: ['webhook.endpoint_set'],
  connectors: ['mastodon.connector_set'],
  policies: ['policy.published'],
  'sign-ins': ['signin.succeeded', 'signin.failed'],
  lockouts: ['signin.locked', 'user.locked'],
  'trusted-flaggers': [
    'trusted_flagger.registered',
    'trusted_flagger.details_changed',
    'trusted_flagger.status_changed',
    'trusted_flagger.key_issued',
  ],
  'dispute-bodies': ['dispute_body.registered', 'dispute_body.updated'],
  'message-templates': ['message_template.saved', 'message_template.reverted'],
  'misuse-rules': ['misuse.rules_changed'],
} as const satisfies Record<string, readonly EventType[]>;

export type AuditCategory = keyof typeof AUDIT_CATEGORIES;
export const AUDIT_CATEGORY_NAMES = Object.keys(AUDIT_CATEGORIES) as AuditCategory[];

/** The event types to list: one category's, or every audited type once. */
export function auditedTypes(category: AuditCategory | undefined): EventType[] {
  const lists: readonly (readonly EventType[])[] = category
    ? [AUDIT_CATEGORIES[category]]
    : Object.values(AUDIT_CATEGORIES);
  return [...new Set(lists.flat())];
}

/** The first category an event type is audited under, to label an entry. */
export function categoryOf(type: string): AuditCategory | null {
  return AUDIT_CATEGORY_NAMES.find((name) => (AUDIT_CATEGORIES[name] as readonly string[]).includes(type)) ?? null;
}

const ACTOR_KINDS = /^(user|integration|system|address|cli):/;

/**
 * An actor filter as typed: an actor as the log writes it (`user:<id>`, `address:<ip>`, `system:…`), a
 * username (`userId` is the user it names, if any), or else an address.
 */
export function actorOfFilter(input: string, userId: string | null): string {
  if (isActor(input)) return input;
  return userId ? `user:${userId}` : `address:${input}`;
}

export const isActor = (input: string): boolean => ACTOR_KINDS.test(input);
export const isStream = (input: string): boolean => input.includes('/');

/**
 * A subject filter as typed: a stream as the log writes it (`user/<id>`, `token/<id>`, `webhook/<platform>`,
 * `policy/<id>`), or a username: that user's stream, or the stream of sign-in attempts for a name no user has
 * (`userId` is the user it names, if any).
 */
export function streamOfFilter(input: string, userId: string | null): string {
  return isStream(input) ? input : signInStream(userId, normaliseUsername(input));
}

/** A day's filter bounds in UTC: from the start of `from` to the end of `to`. */
export function dayBounds(from: string | undefined, to: string | undefined): { from: Date | null; until: Date | null } {
  const start = (day: string) => new Date(`${day}T00:00:00.000Z`);
  return {
    from: from ? start(from) : null,
    until: to ? new Date(start(to).getTime() + 86_400_000) : null,
  };
}
