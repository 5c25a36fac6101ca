import { Type, type Static } from 'typebox';
import { AUDIT_CATEGORY_NAMES } from './rules.js';

/** The audit capability's contract: GET /api/audit. */

const Category = Type.Enum(AUDIT_CATEGORY_NAMES);

export const AuditQuery = Type.Object(
  {
    category: Type.Optional(Category),
    actor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'who acted: a username, an address, or an actor as the log writes it (user:<id>, address:<ip>, system:…)',
      }),
    ),
    subject: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'what it was done to: a username, or a stream (user/<id>, token/<id>, webhook/<platform>, policy/<id>)',
      }),
    ),
    from: Type.Optional(Type.String({ format: 'date', description: 'first day (UTC), inclusive' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'last day (UTC), inclusive' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'the page after this one: its nextBefore' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  seq: Type.Integer({ description: 'position on the event log' }),
  at: Type.String({ format: 'date-time' }),
  type: Type.String({ description: 'the event type, e.g. token.created' }),
  category: Category,
  actor: Type.String({ description: 'who acted, as the log writes it' }),
  actorName: Type.Union([Type.String(), Type.Null()], { description: 'the username, when a user acted' }),
  stream: Type.String({ description: 'what it was done to' }),
  subjectName: Type.Union([Type.String(), Type.Null()], { description: 'the username, when it was done to a user' }),
  payload: Type.Record(Type.String(), Type.Unknown(), {
    description: "the event's details, as recorded (never a password or secret); their fields depend on its type",
  }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry, { description: 'newest first' }),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], {
    description: 'pass as `before` for the next (older) page; null on the last',
  }),
});
export type AuditPage = Static<typeof AuditPage>;
