import { Type } from 'typebox';
import { PolicySection } from './schema.js';

export const policyEvents = {
  'policy.published': Type.Object({
    policyId: Type.String(),
    version: Type.Integer(),
    title: Type.String(),
    summary: Type.String(),
    sections: Type.Array(PolicySection),
    changeNote: Type.String(),
  }),
};
