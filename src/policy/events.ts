import { Type } from 'typebox';
import { PolicyVersion } from './contract.js';

/**
 * A published version is recorded whole (its publication time is the event's own). Entries written before versions
 * carried a DSA category have none: replay gives them the category the migration gave their stored versions.
 */
export const policyEvents = {
  'policy.published': Type.Object({
    ...Type.Omit(PolicyVersion, ['publishedAt', 'dsaCategory']).properties,
    dsaCategory: Type.Optional(PolicyVersion.properties.dsaCategory),
  }),
};
