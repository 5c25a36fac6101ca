import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const SUBMISSION_STATES = ['pending', 'sending', 'submitted', 'refused', 'held', 'not_required'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** GET /api/transparency/sor/submissions */
export const SubmissionsQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum([...SUBMISSION_STATES], { description: 'only statements in this state' })),
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'the nextCursor of the previous answer' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type SubmissionsQuery = Static<typeof SubmissionsQuery>;

const DatabaseErrors = Type.Record(Type.String(), Type.Array(Type.String()), {
  description: "field -> messages: the database's 422 errors (refused), or those Docket's check found (held)",
});

export const SubmissionView = Type.Object({
  puid: Type.String({ description: "the statement's puid: the decision's id" }),
  decidedAt: Type.String({ format: 'date-time' }),
  state: Type.Enum([...SUBMISSION_STATES], {
    description:
      'pending: to send; sending: sent or about to be, not yet answered; submitted: in the database; refused: the database answered 422; held: Docket found it would be refused, never sent; not_required: it restricted nothing in the EEA',
  }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'pending: not sent before this' })),
  uuid: Nullable(Type.String({ description: "the database's id of the statement, when it said it" })),
  permalink: Nullable(Type.String({ description: "the statement's page on the database, when it said it" })),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  problems: Nullable(DatabaseErrors),
  lastError: Nullable(Type.String()),
});
export type SubmissionView = Static<typeof SubmissionView>;

export const SubmitterView = Type.Object({
  enabled: Type.Boolean({ description: 'DOCKET_DSA_TDB_URL and DOCKET_DSA_TDB_TOKEN are set' }),
  stopped: Nullable(
    Type.Object(
      { at: Type.String({ format: 'date-time' }), reason: Type.String() },
      { description: 'the token was refused' },
    ),
  ),
  pausedUntil: Nullable(Type.String({ format: 'date-time', description: 'backing off after a 429 or a server error' })),
  lastError: Nullable(Type.String()),
});
export type SubmitterView = Static<typeof SubmitterView>;

export const SubmissionsAnswer = Type.Object({
  submitter: SubmitterView,
  submissions: Type.Array(SubmissionView, { description: 'newest decision first' }),
  nextCursor: Nullable(Type.String({ description: 'pass it as `cursor` for the next page; null at the end' })),
});
export type SubmissionsAnswer = Static<typeof SubmissionsAnswer>;
