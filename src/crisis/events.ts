import { Type } from 'typebox';

const kind = Type.Enum(['acute', 'chronic']);
export const crisisEvents = {
  'designation.proposed': Type.Object({
    designationId: Type.String(),
    iso3: Type.String(),
    kind,
    source: Type.Enum(['detector', 'staff']),
    reasons: Type.String(),
  }),
  'designation.approved': Type.Object({
    designationId: Type.String(),
    iso3: Type.String(),
    kind,
    note: Type.String(),
    reviewAt: Type.String(),
    casesRepriced: Type.Integer(),
  }),
  'designation.rejected': Type.Object({ designationId: Type.String(), note: Type.String() }),
  'designation.reviewed': Type.Object({ designationId: Type.String(), note: Type.String(), reviewAt: Type.String() }),
  'designation.ended': Type.Object({
    designationId: Type.String(),
    iso3: Type.String(),
    kind,
    note: Type.String(),
    casesRepriced: Type.Integer(),
  }),
};
