import { Type, type Static, type TSchema } from 'typebox';
import {
  ASSESSMENTS,
  BoardCaseKind,
  BoardCaseStatus,
  BoardVote,
  RECOMMENDATION_GROUPS,
  RESPONSE_CATEGORIES,
} from '../../board/contract.js';
import { PUBLIC_FIGURE_KINDS } from '../../core/outcomes.js';
import { RESPONSE_STATES } from './filters.js';
import { BOARD_OUTCOMES } from './labels.js';

/**
 * The public JSON APIs' query strings and answers. The query strings take what the site's GET forms send (an empty
 * value means "any"), so a page's search and the API's are the same link apart from the path.
 */

const Day = (description: string) =>
  Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', description: `${description} (YYYY-MM-DD, UTC)` });
const Country = Type.String({ pattern: '^([A-Za-z]{3})?$', description: 'ISO 3166-1 alpha-3 country code' });
const CaseRef = Type.String({
  pattern: '^(BC-\\d{4}-\\d{3,6})?$',
  description: 'a board case reference, e.g. BC-2023-001',
});
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const DecisionQuery = Type.Object(
  {
    country: Type.Optional(Country),
    policy: Type.Optional(
      Type.String({
        pattern: '^([a-z0-9][a-z0-9-]{0,59})?$',
        description: "the policy of the platform's decision under review",
      }),
    ),
    outcome: Type.Optional(Type.Enum([...BOARD_OUTCOMES, ''])),
    from: Type.Optional(Day('published on or after')),
    to: Type.Optional(Day('published on or before')),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words in the title or the reference' })),
    page: Type.Optional(
      Type.String({ pattern: '^(\\d{1,6})?$', description: 'page number, from 1 (50 cases a page)' }),
    ),
  },
  { additionalProperties: false },
);

export const TrackerQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum([...RESPONSE_STATES, ''])),
    category: Type.Optional(
      Type.Enum([...RESPONSE_CATEGORIES, 'none', ''], {
        description: "the platform's latest response; none: not answered",
      }),
    ),
    assessment: Type.Optional(
      Type.Enum([...ASSESSMENTS, 'none', ''], { description: "the board's latest assessment; none: not assessed" }),
    ),
    case: Type.Optional(CaseRef),
    country: Type.Optional(Country),
  },
  { additionalProperties: false },
);

const Counts = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer()])));

export const PublicRecommendation = Type.Object({
  ref: Type.String(),
  number: Type.Integer(),
  group: Nullable(
    Type.Enum(RECOMMENDATION_GROUPS, {
      description: 'policy, enforcement or transparency; null when the board gave none',
    }),
  ),
  caseRef: Type.String(),
  caseTitle: Type.String(),
  country: Nullable(Type.String()),
  text: Type.String(),
  measure: Type.String({ description: 'how the board measures implementation' }),
  publishedAt: DateTime,
  responseDueAt: DateTime,
  responseState: Type.Enum(RESPONSE_STATES),
  latestResponse: Nullable(Type.Enum(RESPONSE_CATEGORIES)),
  latestAssessment: Nullable(Type.Enum(ASSESSMENTS)),
  closed: Type.Boolean(),
  responses: Type.Array(
    Type.Object({
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

export const PublicObligation = Type.Object({
  caseRef: Type.String(),
  caseTitle: Type.String(),
  country: Nullable(Type.String()),
  requiredOutcome: Type.Enum(['remove', 'no_violation']),
  dueAt: DateTime,
  state: Type.Enum(['open', 'overdue', 'implemented', 'implemented_late']),
  implementedAt: Nullable(DateTime),
  sweepMatched: Nullable(Type.Integer({ description: 'identical content found by the sweep' })),
  sweepActioned: Nullable(Type.Integer({ description: 'identical content acted on' })),
});

export const TrackerAnswer = Type.Object({
  counts: Type.Object(
    {
      recommendations: Type.Integer(),
      byState: Counts(RESPONSE_STATES),
      byCategory: Counts([...RESPONSE_CATEGORIES, 'none']),
      byAssessment: Counts([...ASSESSMENTS, 'none']),
      closed: Type.Integer(),
      obligations: Counts(['open', 'overdue', 'implemented', 'implemented_late']),
    },
    { description: 'for the case and country searched, whatever the state, category and assessment' },
  ),
  recommendations: Type.Array(PublicRecommendation),
  obligations: Type.Array(PublicObligation),
});
export type TrackerAnswer = Static<typeof TrackerAnswer>;

export const PublicDesignation = Type.Object({
  iso3: Type.String(),
  kind: Type.Enum(['acute', 'chronic']),
  reasons: Type.String(),
  approvalNote: Nullable(Type.String()),
  since: Nullable(DateTime),
  reviewAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
});

export const PublicRestriction = Type.Object({
  name: Type.String(),
  role: Type.Enum(PUBLIC_FIGURE_KINDS),
  country: Nullable(Type.String()),
  platform: Type.String(),
  tier: Type.Integer({ minimum: 1, maximum: 4, description: '1: one month, 2: six months, 3: a year, 4: two years' }),
  context: Type.Enum(['acute', 'chronic'], {
    description: 'the designation of the country the protocol applied under',
  }),
  status: Type.Enum(['active', 'review_due', 'lifted', 'lapsed']),
  reason: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  closedAt: Nullable(DateTime),
});

export const DesignationsAnswer = Type.Object({
  current: Type.Array(PublicDesignation),
  past: Type.Array(PublicDesignation),
  restrictions: Type.Array(PublicRestriction, {
    description: "public figures' accounts restricted under the protocol, newest first",
  }),
});
export type DesignationsAnswer = Static<typeof DesignationsAnswer>;

/** GET /api/public/summary: what this Docket is, the size of its two logs, and the public record in numbers. */
export const PublicSummary = Type.Object({
  name: Type.String(),
  version: Type.String(),
  log: Type.Object(
    { entries: Type.Integer(), head: Type.String() },
    { description: 'the event log: every change Docket recorded' },
  ),
  publicLog: Type.Object(
    { entries: Type.Integer(), head: Type.String() },
    { description: 'the signed public log: what was published' },
  ),
  record: Type.Object({
    boardDecisions: Type.Integer(),
    recommendations: Type.Integer(),
    awaitingResponse: Type.Integer(),
    responsesOverdue: Type.Integer(),
    implementationOverdue: Type.Integer(),
    activeDesignations: Type.Integer(),
  }),
});
export type PublicSummary = Static<typeof PublicSummary>;

/** A case of the board's public docket, as GET /api/public/board/cases lists it. */
export const PublicDocketCase = Type.Object({
  ref: Type.String({ description: 'e.g. BC-2023-001' }),
  title: Type.String(),
  kind: BoardCaseKind,
  question: Nullable(Type.String({ description: "a policy advisory opinion's question" })),
  country: Nullable(Type.String()),
  status: BoardCaseStatus,
  outcome: Nullable(BoardVote),
  summary: Nullable(Type.Boolean()),
  selectedAt: Nullable(DateTime),
  publishedAt: Nullable(DateTime),
  policy: Nullable(Type.Object({ id: Type.String(), title: Nullable(Type.String()) })),
  recommendations: Type.Integer({ minimum: 0 }),
});
export type PublicDocketCase = Static<typeof PublicDocketCase>;

/** GET /api/public/board/cases: a page of the public docket. */
export const PublicDocketPage = Type.Object({
  cases: Type.Array(PublicDocketCase),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type PublicDocketPage = Static<typeof PublicDocketPage>;
