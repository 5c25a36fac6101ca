import { Type, type Static, type TSchema } from 'typebox';
import { WrittenText } from '../core/written-text.js';

/**
 * The crisis capability's contract: the requests and answers of /api/designations and /api/crisis, the detector's
 * assessment as the server keeps and answers it.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Iso = Type.String({ format: 'date-time' });

export const DESIGNATION_KINDS = ['acute', 'chronic'] as const;
export const DESIGNATION_STATUSES = ['proposed', 'active', 'rejected', 'ended'] as const;
export const DESIGNATION_SOURCES = ['detector', 'staff'] as const;
export const CIVIC_SPACES = ['open', 'narrowed', 'obstructed', 'repressed', 'closed'] as const;

const Kind = Type.Enum(DESIGNATION_KINDS);
const Status = Type.Enum(DESIGNATION_STATUSES);

// ---- the detector's assessment --------------------------------------------------------------------------------

/** One country as the detector assessed it. */
export const CountryAssessment = Type.Object({
  iso3: Type.String(),
  name: Type.String({ description: "the country's name as the events give it (their first line for the country)" }),
  acute: Type.Object({
    flag: Type.Boolean(),
    week: Type.String({ format: 'date', description: "the last week's first day" }),
    observed: Type.Number(),
    baseline: Type.Number(),
    scale: Type.Number(),
    z: Type.Number(),
    threshold: Type.Number({ description: 'the count the last week had to exceed' }),
    cusum: Type.Number({ description: 'the highest CUSUM of standardised counts over the last weeks' }),
  }),
  chronic: Type.Object({
    flag: Type.Boolean(),
    rate: Type.Number({ description: 'median weekly state-repression events (per million people when known)' }),
    percentile: Type.Number({ description: 'where the rate stands among all places, 0-100' }),
    weeks_in_top_decile: Type.Integer(),
    civic_space: Nullable(Type.Enum(CIVIC_SPACES)),
  }),
  explanation: Type.String(),
});
export type CountryAssessment = Static<typeof CountryAssessment>;

/** A detector run: every country's assessment and weekly series. */
export const Assessment = Type.Object({
  asOf: Type.String({ format: 'date' }),
  events: Type.Object({ read: Type.Integer(), counted: Type.Integer(), skipped: Type.Integer() }),
  perMillion: Type.Boolean({ description: 'rates are per million people (the context file gave populations)' }),
  countries: Type.Array(CountryAssessment),
  series: Type.Record(Type.String(), Type.Array(Type.Integer()), {
    description: 'weekly political-violence counts per country, the last week first',
  }),
});
export type Assessment = Static<typeof Assessment>;

/** The latest detector run the server kept, with when it ran. */
export const LatestAssessment = Type.Object({ ...Assessment.properties, createdAt: Iso });
export type LatestAssessment = Static<typeof LatestAssessment>;

/** What a detector's proposal carries as evidence: the country's assessment on the day. */
export const DetectorEvidence = Type.Object({ asOf: Type.String({ format: 'date' }), ...CountryAssessment.properties });
export type DetectorEvidence = Static<typeof DetectorEvidence>;

export const SignalsBody = Type.Object(
  {
    events: Type.String({ minLength: 1 }),
    context: Type.Optional(Type.String()),
    asOf: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export type SignalsBody = Static<typeof SignalsBody>;

export const Proposal = Type.Object({
  iso3: Type.String(),
  kind: Kind,
  designationId: Nullable(Type.String()),
  note: Nullable(Type.String({ description: 'why no proposal was made (one is already proposed or active)' })),
});
export type Proposal = Static<typeof Proposal>;

export const AssessmentResult = Type.Object({ assessment: Assessment, proposals: Type.Array(Proposal) });
export type AssessmentResult = Static<typeof AssessmentResult>;

// ---- designations ---------------------------------------------------------------------------------------------

export const Designation = Type.Object({
  id: Type.String(),
  iso3: Type.String(),
  countryName: Type.String({ description: "the country's name (the code itself when Docket knows no name for it)" }),
  kind: Kind,
  status: Status,
  source: Type.Enum(DESIGNATION_SOURCES),
  reasons: Type.String(),
  evidence: Nullable(DetectorEvidence),
  proposedBy: Type.String(),
  proposedByName: Nullable(
    Type.String({ description: 'the display name of the staff member who proposed it; null for the detector' }),
  ),
  proposedAt: Iso,
  decidedBy: Nullable(Type.String()),
  decidedByName: Nullable(
    Type.String({ description: 'the display name of the policy staff member who approved or rejected it' }),
  ),
  decidedAt: Nullable(Iso),
  decisionNote: Nullable(Type.String()),
  startsAt: Nullable(Iso),
  reviewAt: Nullable(Iso),
  endedAt: Nullable(Iso),
});
export type Designation = Static<typeof Designation>;

export const DesignationList = Type.Object({ designations: Type.Array(Designation) });
export type DesignationList = Static<typeof DesignationList>;

export const DesignationQuery = Type.Object({ status: Type.Optional(Status) }, { additionalProperties: false });
export type DesignationQuery = Static<typeof DesignationQuery>;

export const ProposeDesignationBody = Type.Object(
  {
    iso3: Type.String({ pattern: '^[A-Z]{3}$' }),
    kind: Kind,
    reasons: WrittenText({ minLength: 10, maxLength: 5_000 }),
  },
  { additionalProperties: false },
);
export type ProposeDesignationBody = Static<typeof ProposeDesignationBody>;

export const DesignationProposed = Type.Object({ id: Type.String(), status: Type.Literal('proposed') });
export type DesignationProposed = Static<typeof DesignationProposed>;

export const DesignationIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type DesignationIdParams = Static<typeof DesignationIdParams>;

export const DesignationNote = Type.Object(
  { note: WrittenText({ minLength: 10, maxLength: 5_000, description: 'the reasons, recorded on the log' }) },
  { additionalProperties: false },
);
export type DesignationNote = Static<typeof DesignationNote>;

const CasesRepriced = Type.Integer({ description: 'open cases in the country whose priority changed' });

export const DesignationApproved = Type.Object({
  id: Type.String(),
  status: Type.Literal('active'),
  reviewAt: Iso,
  casesRepriced: CasesRepriced,
});
export type DesignationApproved = Static<typeof DesignationApproved>;

export const DesignationRejected = Type.Object({ id: Type.String(), status: Type.Literal('rejected') });
export type DesignationRejected = Static<typeof DesignationRejected>;

export const DesignationReviewed = Type.Object({ id: Type.String(), status: Type.Literal('active'), reviewAt: Iso });
export type DesignationReviewed = Static<typeof DesignationReviewed>;

export const DesignationEnded = Type.Object({
  id: Type.String(),
  status: Type.Literal('ended'),
  casesRepriced: CasesRepriced,
});
export type DesignationEnded = Static<typeof DesignationEnded>;

/** The answer of each move on a designation. */
export const DesignationMoveAnswers = {
  approve: DesignationApproved,
  reject: DesignationRejected,
  review: DesignationReviewed,
  end: DesignationEnded,
};

/** How often a designation is reviewed, in days (the public site shows when the next review is due). */
export { REVIEW_DAYS } from './designation-rules.js';
