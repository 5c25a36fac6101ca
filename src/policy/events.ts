import { Type } from 'typebox';
import { PolicyVersion } from './contract.js';

/** A published version is recorded whole (its publication time is the event's own). */
export const policyEvents = {
  'policy.published': Type.Omit(PolicyVersion, ['publishedAt']),
};
