import { Type, type Static, type TSchema } from 'typebox';

/** The contract of notices of content from anyone (EU DSA Art. 16): POST /api/public/notices and its status. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A notice. The schema says what each field may hold; what a notice must hold (Art. 16(2)) is checked by
 * notice-rules.ts, the same for this API and the public form, so both answer the same problems.
 */
export const NoticeBody = Type.Object(
  {
    location: Type.Optional(Type.String({ maxLength: 4_000, description: 'the address (URL) of the content' })),
    explanation: Type.Optional(
      Type.String({
        maxLength: 20_000,
        description: 'why the notifier believes the content is illegal, or which policy it breaks (20-5000 characters)',
      }),
    ),
    policyId: Type.Optional(
      Type.String({ maxLength: 60, description: 'what kind of problem: a policy of the library (GET /api/policies)' }),
    ),
    legalReference: Type.Optional(
      Type.String({ maxLength: 1_000, description: 'the law the content breaks, in the notifier’s words' }),
    ),
    childSexualAbuse: Type.Optional(
      Type.Boolean({ description: 'the notice concerns child sexual abuse material: name and e-mail are optional' }),
    ),
    name: Type.Optional(Type.String({ maxLength: 1_000, description: "the notifier's name; never published" })),
    email: Type.Optional(Type.String({ maxLength: 1_000, description: "the notifier's e-mail; never published" })),
    goodFaith: Type.Optional(
      Type.Boolean({
        description: 'must be true: the notifier believes in good faith that the notice is accurate and complete',
      }),
    ),
    language: Type.Optional(Type.String({ maxLength: 40, description: "the notifier's language, BCP 47" })),
    website: Type.Optional(Type.String({ maxLength: 500, description: 'leave empty' })),
  },
  { additionalProperties: false },
);
export type NoticeBody = Static<typeof NoticeBody>;

export const NoticeReceipt = Type.Object({
  ref: Type.String({ description: 'the reference to quote' }),
  receivedAt: Type.String({ format: 'date-time' }),
  statusUrl: Type.String({
    description:
      'the status page: a capability link (whoever holds it sees the notice and its outcome); shown this once, keep it',
  }),
  confirmationRequested: Type.Boolean({
    description: 'the content was not known to Docket: the platform is asked to confirm it',
  }),
  message: Type.String(),
});
export type NoticeReceipt = Static<typeof NoticeReceipt>;

export const NoticeTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
export type NoticeTokenParams = Static<typeof NoticeTokenParams>;

export const NoticeRedress = Type.Object({
  kind: Type.Enum(['internal_complaint', 'out_of_court', 'court']),
  title: Type.String(),
  text: Type.String(),
  until: Nullable(Type.String({ format: 'date' })),
});

export const NoticeStatus = Type.Object({
  ref: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  location: Type.String(),
  policyId: Type.String(),
  policyTitle: Type.String(),
  language: Type.String({
    description:
      'the language the outcome and redress are told in: the notifier’s (the notice’s language, else their browser’s when filing), else the content’s, else en',
  }),
  state: Type.Enum(['received', 'decided'], {
    description: 'received: the case is being worked; decided: the notifier was told the outcome',
  }),
  outcome: Nullable(
    Type.Object({
      outcome: Type.String(),
      text: Type.String({ description: 'what the decision means, in words' }),
      decidedAt: Type.String({ format: 'date-time' }),
      notifiedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  redress: Type.Array(NoticeRedress, {
    description: 'once decided: internal complaint, out-of-court settlement, court',
  }),
});
export type NoticeStatus = Static<typeof NoticeStatus>;
