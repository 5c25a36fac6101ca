import { Type, type TSchema } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import { ASSESSMENTS, RECOMMENDATION_GROUPS, RESPONSE_CATEGORIES } from './rules.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

/** The group a recommendation belongs to: the board publishes its recommendations in these groups. */
export const RecommendationGroup = Type.Enum(RECOMMENDATION_GROUPS, {
  description: 'policy, enforcement or transparency',
});

/** A recommendation as a draft decision carries it. */
export const DraftRecommendation = Type.Object(
  {
    text: WrittenText({ minLength: 10, maxLength: 5_000 }),
    measure: WrittenText({ minLength: 10, maxLength: 2_000, description: 'how the board will measure implementation' }),
    group: Type.Optional(Nullable(RecommendationGroup)),
  },
  { additionalProperties: false },
);

/** A published recommendation with its response clock, responses and assessments, as the board's workspaces read it. */
export const RecommendationView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  ref: Type.String({ description: 'e.g. BC-2023-001-R3' }),
  number: Type.Integer(),
  group: Nullable(RecommendationGroup),
  caseRef: Type.String(),
  caseTitle: Type.String(),
  text: Type.String(),
  measure: Type.String(),
  publishedAt: DateTime,
  responseDueAt: DateTime,
  responseState: Type.Enum(['awaiting', 'overdue', 'answered', 'answered_late']),
  latestResponse: Nullable(Type.Enum(RESPONSE_CATEGORIES)),
  latestAssessment: Nullable(Type.Enum(ASSESSMENTS)),
  closed: Type.Boolean(),
  responses: Type.Array(
    Type.Object({
      id: Type.String(),
      category: Type.Enum(RESPONSE_CATEGORIES),
      reasons: Type.String(),
      timeline: Nullable(Type.String()),
      respondedAt: DateTime,
    }),
  ),
  assessments: Type.Array(
    Type.Object({ assessment: Type.Enum(ASSESSMENTS), note: Type.String(), assessedAt: DateTime }),
  ),
});
