import { Type } from 'typebox';

/**
 * The events of complaint links (EU DSA Art. 20), on the decision's case stream. The token stays off the log (a
 * secret): the log says which decision a link was issued for and until when it opens.
 */
export const complaintEventTypes = {
  'complaint_link.issued': Type.Object({
    linkId: Type.String(),
    decisionId: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
  }),
};
