import { Type, type Static } from 'typebox';
import { PriorityFactor } from '../moderation/contract.js';
import { Designation, DesignationApproved, DesignationEnded, DesignationReviewed } from './contract.js';

/** Where a designation applies and of which kind. */
const Place = Type.Pick(Designation, ['iso3', 'kind']).properties;

/** An open case whose priority a designation changed (its context factor), as the command left it. */
export const RepricedCase = Type.Object({
  caseId: Type.String(),
  priorityBase: Type.Number(),
  priorityFactors: Type.Array(PriorityFactor),
});
export type RepricedCase = Static<typeof RepricedCase>;
export const crisisEvents = {
  /** The proposal as the designation keeps it; `evidence`: the detector's (null for staff). */
  'designation.proposed': Type.Object({
    designationId: Type.String(),
    ...Type.Pick(Designation, ['iso3', 'kind', 'source', 'reasons', 'evidence']).properties,
  }),
  'designation.approved': Type.Object({
    designationId: Type.String(),
    ...Place,
    note: Type.String(),
    ...Type.Pick(DesignationApproved, ['reviewAt', 'casesRepriced']).properties,
    repriced: Type.Array(RepricedCase),
  }),
  'designation.rejected': Type.Object({ designationId: Type.String(), note: Type.String() }),
  'designation.reviewed': Type.Object({
    designationId: Type.String(),
    note: Type.String(),
    ...Type.Pick(DesignationReviewed, ['reviewAt']).properties,
  }),
  'designation.ended': Type.Object({
    designationId: Type.String(),
    ...Place,
    note: Type.String(),
    ...Type.Pick(DesignationEnded, ['casesRepriced']).properties,
    repriced: Type.Array(RepricedCase),
  }),
};
