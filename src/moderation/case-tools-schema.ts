import { Type } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import { DecisionInput } from './schema.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Ref = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

export const CaseNote = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  author: Type.String({ description: "the author's display name" }),
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const NoteInput = Type.Object(
  {
    text: WrittenText({
      minLength: 1,
      maxLength: 5_000,
      description: 'the note; internal to reviewers, never published',
    }),
  },
  { additionalProperties: false },
);

/** A template's text becomes a decision's facts, so it is held to the same length. */
const facts = DecisionInput.properties.facts as unknown as { minLength: number; maxLength: number };
const templateText = WrittenText({
  minLength: facts.minLength,
  maxLength: facts.maxLength,
  description: 'the statement of facts it starts',
});
const templateTitle = WrittenText({
  minLength: 1,
  maxLength: 120,
  description: 'how reviewers pick it, unique within its section',
});

export const NoticeTemplate = Type.Object({
  id: Type.String(),
  policyId: Type.String(),
  sectionId: Type.String(),
  title: Type.String(),
  text: Type.String(),
  updatedBy: Nullable(Type.String({ description: 'display name of whoever last wrote it' })),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const TemplateInput = Type.Object(
  {
    policyId: Type.String({ minLength: 1, maxLength: 60 }),
    sectionId: Type.String({ minLength: 1, maxLength: 60 }),
    title: templateTitle,
    text: templateText,
  },
  { additionalProperties: false },
);

export const TemplateChange = Type.Object(
  { title: Type.Optional(templateTitle), text: Type.Optional(templateText) },
  { additionalProperties: false, minProperties: 1 },
);

export const TemplateQuery = Type.Object(
  {
    policyId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    sectionId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'an external id or author id (their beginning), or words of the title or text',
    }),
    kind: Type.Optional(Type.Enum(['content', 'account'])),
    platform: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
    after: Type.Optional(Type.String({ format: 'uuid', description: 'the `nextAfter` of the previous page' })),
  },
  { additionalProperties: false },
);

export const SearchResult = Type.Object({
  id: Type.String(),
  platform: Type.String(),
  externalId: Type.String(),
  kind: Type.Enum(['content', 'account']),
  contentType: Nullable(Type.String()),
  title: Nullable(Type.String()),
  excerpt: Nullable(Type.String()),
  url: Nullable(Type.String()),
  authorExternalId: Nullable(Type.String()),
  country: Nullable(Type.String()),
  registeredAt: Type.String(),
  latestCaseId: Nullable(Type.String()),
});

export const AccountQuery = Type.Object(
  { platform: Type.String({ minLength: 1, maxLength: 100 }), accountRef: Ref("the platform's id of the account") },
  { additionalProperties: false },
);

const Listed = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), more: Type.Boolean({ description: 'older entries exist beyond these' }) });

const AccountSubject = Type.Object({
  id: Type.String(),
  externalId: Type.String(),
  kind: Type.Enum(['content', 'account']),
  contentType: Nullable(Type.String()),
  title: Nullable(Type.String()),
  excerpt: Nullable(Type.String()),
  country: Nullable(Type.String()),
  postedAt: Nullable(Type.String()),
  registeredAt: Type.String(),
});

export const AccountHistory = Type.Object({
  platform: Type.String(),
  accountRef: Type.String(),
  account: Nullable(
    Type.Object({ ...AccountSubject.properties, followers: Type.Integer(), publicFigure: Nullable(Type.String()) }),
  ),
  subjects: Listed(AccountSubject),
  reports: Listed(
    Type.Object({
      id: Type.String(),
      subjectId: Type.String(),
      caseId: Type.String(),
      policyId: Type.String(),
      sectionId: Nullable(Type.String()),
      source: Type.String(),
      text: Nullable(Type.String()),
      receivedAt: Type.String(),
    }),
  ),
  decisions: Listed(
    Type.Object({
      id: Type.String(),
      caseId: Type.String(),
      subjectId: Type.String(),
      outcome: Type.String(),
      accountAction: Nullable(Type.Object({ kind: Type.String(), days: Type.Optional(Type.Integer()) })),
      policyId: Type.String(),
      sectionId: Type.String(),
      policyVersion: Type.Integer(),
      status: Type.String(),
      decidedBy: Nullable(Type.String()),
      decidedAt: Type.String(),
    }),
  ),
  strikes: Listed(
    Type.Object({
      id: Type.String(),
      decisionId: Type.String(),
      policyId: Type.String(),
      issuedAt: Type.String(),
      expiresAt: Type.String(),
      reversedAt: Nullable(Type.String()),
      active: Type.Boolean(),
    }),
  ),
  restrictions: Listed(
    Type.Object({
      id: Type.String(),
      decisionId: Type.String(),
      kind: Type.String(),
      reason: Type.String(),
      startsAt: Type.String(),
      endsAt: Nullable(Type.String()),
      liftedAt: Nullable(Type.String()),
      inForce: Type.Boolean(),
    }),
  ),
  appeals: Type.Array(
    Type.Object({
      id: Type.String(),
      decisionId: Type.String(),
      appellant: Type.String(),
      status: Type.String(),
      result: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      filedAt: Type.String(),
      decidedAt: Nullable(Type.String()),
      decidedBy: Nullable(Type.String()),
    }),
  ),
});
