import { Type, type Static } from 'typebox';

const Opt = Type.Optional;
const YesNo = Type.Enum(['Yes', 'No']);

/**
 * A statement of reasons in the EU DSA Transparency Database's API format: the field names and values its
 * submission API takes (fields it does not need for a decision are left out).
 */
export const DsaRecord = Type.Object({
  puid: Type.String({ description: "the platform's unique identifier of the decision" }),
  decision_visibility: Opt(Type.Array(Type.String())),
  end_date_visibility_restriction: Opt(Type.String()),
  decision_provision: Opt(Type.String()),
  end_date_service_restriction: Opt(Type.String()),
  decision_account: Opt(Type.String()),
  end_date_account_restriction: Opt(Type.String()),
  account_type: Opt(Type.Enum(['ACCOUNT_TYPE_PRIVATE', 'ACCOUNT_TYPE_BUSINESS'])),
  decision_ground: Type.Enum(['DECISION_GROUND_INCOMPATIBLE_CONTENT', 'DECISION_GROUND_ILLEGAL_CONTENT']),
  illegal_content_legal_ground: Opt(Type.String({ description: 'with the illegal-content ground: the provision' })),
  illegal_content_explanation: Opt(Type.String({ description: 'with the illegal-content ground: why illegal' })),
  incompatible_content_ground: Opt(Type.String({ description: 'with the terms ground: the policy section' })),
  incompatible_content_explanation: Opt(Type.String({ description: 'with the terms ground: the facts' })),
  incompatible_content_illegal: Opt(YesNo),
  category: Type.String(),
  category_specification: Opt(
    Type.Array(Type.String(), { description: "keywords (KEYWORD_...) of the policy section's data" }),
  ),
  category_specification_other: Opt(Type.String()),
  content_type: Type.Array(Type.String()),
  content_type_other: Opt(Type.String()),
  content_language: Opt(Type.String()),
  content_date: Type.String(),
  application_date: Type.String(),
  territorial_scope: Type.Array(Type.String()),
  decision_facts: Type.String(),
  source_type: Type.String(),
  automated_detection: YesNo,
  automated_decision: Type.String(),
});
export type DsaRecord = Static<typeof DsaRecord>;

/** GET /api/transparency/sor */
export const SorQuery = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    format: Type.Optional(Type.Enum(['json', 'csv'])),
  },
  { additionalProperties: false },
);
export const SorAnswer = Type.Object({ statements: Type.Array(DsaRecord) });
export type SorAnswer = Static<typeof SorAnswer>;
