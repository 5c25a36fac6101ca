import { Type, type Static, type TSchema } from 'typebox';

/** The contract of complaints from the people concerned (EU DSA Art. 20), filed through a capability link. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ComplaintLinkParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const ComplaintLink = Type.Object({
  url: Type.String({
    description:
      "the affected user's complaint link, a capability URL: put it in the notice the user gets; shown this once",
  }),
  until: Type.String({ format: 'date-time', description: 'the link opens until the time to complain ends' }),
});
export type ComplaintLink = Static<typeof ComplaintLink>;

export const ComplaintTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const ComplaintBody = Type.Object(
  {
    statement: Type.Optional(
      Type.String({
        maxLength: 20_000,
        description: 'what the complainant wants reviewed, and why (1-5000 characters)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ComplaintBody = Static<typeof ComplaintBody>;

export const ComplaintView = Type.Object({
  complainant: Type.Enum(['affected_user', 'notifier']),
  /** The notifier's notice reference; null for the affected user. */
  noticeRef: Nullable(Type.String()),
  language: Type.String({
    description:
      'the language the decision and the state are told in: a notifier’s (as their notice records it), else the content’s, else en',
  }),
  decision: Type.Object({
    outcome: Type.String(),
    text: Type.String({ description: 'what the decision means, in words' }),
    policyTitle: Type.String(),
    sectionTitle: Nullable(Type.String()),
    facts: Type.String({ description: 'the facts and reasons the decision gave' }),
    decidedAt: Type.String({ format: 'date-time' }),
    informedAt: Type.String({ format: 'date-time', description: 'when the complainant was told the decision' }),
  }),
  deadline: Type.String({ format: 'date-time', description: 'the end of the time to complain (Art. 20(1))' }),
  mayComplain: Type.Boolean(),
  why: Nullable(Type.String({ description: 'why no complaint can be filed now, when it cannot' })),
  complaint: Nullable(
    Type.Object({
      filedAt: Type.String({ format: 'date-time' }),
      statement: Type.String(),
      state: Type.Enum(['received', 'upheld', 'reversed', 'closed']),
      stateText: Type.String(),
      reason: Nullable(Type.String({ description: "the reviewer's reason, once decided" })),
      decidedAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});
export type ComplaintView = Static<typeof ComplaintView>;
