import { Type, type Static } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import { CONTENT_OUTCOMES } from '../core/outcomes.js';

/** The policy library's contract: the requests and answers of /api/policies. */

export const PolicyId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,59}$',
  description: 'a policy slug, e.g. violence-incitement',
});

export const PolicyIdParams = Type.Object({ id: PolicyId });
export type PolicyIdParams = Static<typeof PolicyIdParams>;

/**
 * A section of a policy: what it forbids, how grave a breach is (severity 1, least, to 5, gravest: it drives queue
 * priority), and what a decision under it may do. Severe sections (terrorism, child safety) skip the strike ladder.
 */
export const PolicySection = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }),
    title: WrittenText({ minLength: 1, maxLength: 200 }),
    text: WrittenText({ minLength: 1, maxLength: 10_000 }),
    severity: Type.Integer({ minimum: 1, maximum: 5 }),
    severe: Type.Boolean({ description: 'skips the strike ladder: the account is disabled' }),
    allowedOutcomes: Type.Array(Type.Enum(CONTENT_OUTCOMES), { minItems: 1, uniqueItems: true }),
    dsaKeywords: Type.Optional(
      Type.Array(Type.String({ maxLength: 100 }), {
        maxItems: 20,
        description:
          "the EU DSA Transparency Database's keywords (KEYWORD_...) for a breach of this section, sent as the statement's category_specification",
      }),
    ),
    dsaOtherKeyword: Type.Optional(
      WrittenText({
        minLength: 1,
        maxLength: 500,
        description: "what KEYWORD_OTHER stands for here, sent as the statement's category_specification_other",
      }),
    ),
    legalReferences: Type.Optional(
      Type.Array(WrittenText({ minLength: 1, maxLength: 500 }), {
        maxItems: 20,
        uniqueItems: true,
        description:
          'the laws this section relates to (e.g. "EU, Regulation (EU) 2021/784 (terrorist content online), Art. 2(7)"): a decision on illegal content under it starts from them as its legal provision',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PolicySection = Static<typeof PolicySection>;

export const PolicyDraft = Type.Object(
  {
    title: WrittenText({ minLength: 1, maxLength: 200 }),
    summary: WrittenText({ minLength: 1, maxLength: 2_000 }),
    dsaCategory: Type.String({
      maxLength: 100,
      description:
        "the EU DSA Transparency Database's category (a v2 STATEMENT_CATEGORY_...) of a breach of this policy, sent as the statement's category",
    }),
    sections: Type.Array(PolicySection, { minItems: 1, maxItems: 100 }),
    changeNote: WrittenText({ minLength: 1, maxLength: 2_000, description: 'what changed and why' }),
  },
  { additionalProperties: false },
);
export type PolicyDraft = Static<typeof PolicyDraft>;

/** A new policy: its id and its first version. */
export const NewPolicyBody = Type.Object({ id: PolicyId, ...PolicyDraft.properties }, { additionalProperties: false });
export type NewPolicyBody = Static<typeof NewPolicyBody>;

export const PolicyVersion = Type.Object({
  policyId: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  dsaCategory: Type.String({ description: "the EU DSA Transparency Database's category of a breach of this policy" }),
  sections: Type.Array(PolicySection),
  changeNote: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
});
export type PolicyVersion = Static<typeof PolicyVersion>;

export const PolicyList = Type.Object({
  policies: Type.Array(PolicyVersion, { description: 'the current version of each' }),
});
export type PolicyList = Static<typeof PolicyList>;

export const PolicyHistory = Type.Object({ versions: Type.Array(PolicyVersion, { description: 'newest first' }) });
export type PolicyHistory = Static<typeof PolicyHistory>;
