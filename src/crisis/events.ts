import { Type, type Static } from 'typebox';
import { PriorityFactor } from '../moderation/contract.js';

const kind = Type.Enum(['acute', 'chronic']);

/** An open case whose priority a designation changed (its context factor), as the command left it. */
export const RepricedCase = Type.Object({
  caseId: Type.String(),
  priorityBase: Type.Number(),
  priorityFactors: Type.Array(PriorityFactor),
});
export type RepricedCase = Static<typeof RepricedCase>;
export const crisisEvents = {
  'designation.proposed': Type.Object({
    designationId: Type.String(),
    iso3: Type.String(),
    kind,
    source: Type.Enum(['detector', 'staff']),
    reasons: Type.String(),
    /** The detector's evidence for its proposal (null for staff). */
    evidence: Type.Union([Type.Unknown(), Type.Null()]),
  }),
  'designation.approved': Type.Object({
    designationId: Type.String(),
    iso3: Type.String(),
    kind,
    note: Type.String(),
    reviewAt: Type.String(),
    casesRepriced: Type.Integer(),
    repriced: Type.Array(RepricedCase),
  }),
  'designation.rejected': Type.Object({ designationId: Type.String(), note: Type.String() }),
  'designation.reviewed': Type.Object({ designationId: Type.String(), note: Type.String(), reviewAt: Type.String() }),
  'designation.ended': Type.Object({
    designationId: Type.String(),
    iso3: Type.String(),
    kind,
    note: Type.String(),
    casesRepriced: Type.Integer(),
    repriced: Type.Array(RepricedCase),
  }),
};
