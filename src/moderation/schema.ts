import { Type, type Static } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import {
  ACCOUNT_ACTIONS,
  CONTENT_OUTCOMES,
  ESCALATION_LEVELS,
  PUBLIC_FIGURE_KINDS,
  REPORT_SOURCES,
} from '../core/outcomes.js';
import { HARM_FACTORS, MAX_ACCOUNT_ACTION_DAYS, PUBLIC_INTEREST_FACTORS } from './rules.js';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Count = Type.Integer({ minimum: 0, description: 'a non-negative count' });

export const SubjectInput = Type.Object(
  {
    externalId: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "the platform's own id for the content or account",
    }),
    kind: Type.Enum(['content', 'account']),
    contentType: Type.Optional(Type.Enum(['text', 'image', 'video', 'link'])),
    authorExternalId: Type.Optional(Text(200)),
    title: Type.Optional(Text(500)),
    body: Type.Optional(Type.String({ maxLength: 20_000 })),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2_000 })),
    language: Type.Optional(
      Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47 language tag' }),
    ),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3 country code' })),
    views: Type.Optional(Count),
    shares: Type.Optional(Count),
    followers: Type.Optional(Count),
    publicFigure: Type.Optional(
      Type.Enum(PUBLIC_FIGURE_KINDS, { description: 'for accounts: the public role the platform knows of' }),
    ),
    postedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type SubjectInput = Static<typeof SubjectInput>;

export const ReportInput = Type.Object(
  {
    subject: Type.Optional(SubjectInput),
    subjectExternalId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'a subject pushed before; give this or `subject`' }),
    ),
    policyId: Type.String({ minLength: 1, maxLength: 60, description: 'the policy the reporter says is broken' }),
    sectionId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    text: Type.Optional(Type.String({ maxLength: 5_000 })),
    reporterRef: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "the platform's id of the reporter; private, never shown to the reported user",
      }),
    ),
    source: Type.Enum(REPORT_SOURCES),
  },
  { additionalProperties: false },
);
export type ReportInput = Static<typeof ReportInput>;

export const ReportReceipt = Type.Object({
  reportId: Type.String(),
  subjectId: Type.String(),
  caseId: Type.String(),
  disposition: Type.Enum(['opened_case', 'joined_case', 'reopened_case', 'recorded_on_closed_case']),
});
export type ReportReceipt = Static<typeof ReportReceipt>;

export const Subject = Type.Object({
  id: Type.String(),
  platform: Type.String(),
  externalId: Type.String(),
  kind: Type.Enum(['content', 'account']),
  contentType: Type.Union([Type.Enum(['text', 'image', 'video', 'link']), Type.Null()]),
  authorExternalId: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  body: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  views: Type.Integer(),
  shares: Type.Integer(),
  followers: Type.Integer(),
  publicFigure: Type.Union([Type.Enum(PUBLIC_FIGURE_KINDS), Type.Null()]),
  contentHash: Type.Union([Type.String(), Type.Null()]),
  postedAt: Type.Union([Type.String(), Type.Null()]),
  registeredAt: Type.String(),
});
export type Subject = Static<typeof Subject>;

export const Balancing = Type.Object(
  {
    publicInterest: Type.Array(Type.Enum(PUBLIC_INTEREST_FACTORS), { uniqueItems: true }),
    harms: Type.Array(Type.Enum(HARM_FACTORS), { uniqueItems: true }),
    assessment: WrittenText({ minLength: 1, maxLength: 5_000 }),
  },
  { additionalProperties: false },
);

export const DecisionInput = Type.Object(
  {
    policyId: Type.String({ minLength: 1, maxLength: 60 }),
    sectionId: Type.String({ minLength: 1, maxLength: 60 }),
    outcome: Type.Enum(CONTENT_OUTCOMES),
    accountAction: Type.Optional(
      Type.Union([
        Type.Object(
          {
            kind: Type.Enum(ACCOUNT_ACTIONS),
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ACCOUNT_ACTION_DAYS })),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    facts: WrittenText({ minLength: 10, maxLength: 10_000, description: 'the facts and circumstances relied on' }),
    territorialScope: Type.Optional(Type.Array(Type.String({ pattern: '^([A-Z]{3}|WORLD)$' }), { maxItems: 300 })),
    automatedDetection: Type.Optional(Type.Boolean()),
    balancing: Type.Optional(Type.Union([Balancing, Type.Null()])),
    warningScreen: Type.Optional(Type.Boolean({ description: 'show kept content behind a warning screen' })),
  },
  { additionalProperties: false },
);

/** A decision's body as drafted: the same fields, the facts not yet required (the form previews before they are written). */
export const DecisionDraft = Type.Object(
  { ...DecisionInput.properties, facts: Type.Optional(DecisionInput.properties.facts) },
  { additionalProperties: false },
);

export const DecisionResult = Type.Object({
  decisionId: Type.String(),
  strikeId: Type.Union([Type.String(), Type.Null()]),
  activeStrikes: Type.Union([Type.Integer(), Type.Null()]),
  restrictions: Type.Array(
    Type.Object({ id: Type.String(), kind: Type.String(), endsAt: Type.Union([Type.String(), Type.Null()]) }),
  ),
  noticeId: Type.String(),
});

export const QueueQuery = Type.Object(
  {
    level: Type.Optional(Type.Enum(ESCALATION_LEVELS)),
    policyId: Type.Optional(Type.String({ maxLength: 60 })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    language: Type.Optional(Type.String({ maxLength: 20 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const AppealInput = Type.Object(
  {
    decisionId: Type.String({ format: 'uuid' }),
    appellant: Type.Enum(['affected_user', 'reporter']),
    appellantRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    statement: WrittenText({ minLength: 1, maxLength: 5_000 }),
  },
  { additionalProperties: false },
);

export const AppealDecisionInput = Type.Object(
  {
    result: Type.Enum(['upheld', 'reversed']),
    reason: WrittenText({ minLength: 10, maxLength: 5_000 }),
    replacement: Type.Optional(DecisionInput),
  },
  { additionalProperties: false },
);
