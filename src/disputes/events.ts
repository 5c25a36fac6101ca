import { Type, type TSchema } from 'typebox';
import { CONTENT_OUTCOMES } from '../core/outcomes.js';
import { DisputeBodyBody } from './contract.js';
import { COMPLAINANTS, DISPUTE_OUTCOMES, FEE_BEARERS } from './rules.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const disputeEvents = {
  /** A body entered in the register, or its entry changed (the whole entry each time). */
  'dispute_body.registered': Type.Object({ bodyId: Type.String(), ...DisputeBodyBody.properties }),
  'dispute_body.updated': Type.Object({ bodyId: Type.String(), ...DisputeBodyBody.properties }),
  /** A dispute filed with a body about a decision: who brought it is a kind, never an identity. */
  'dispute.filed': Type.Object({
    disputeId: Type.String(),
    decisionId: Type.String(),
    caseId: Type.String(),
    platform: Type.String(),
    decisionOutcome: Type.Enum(CONTENT_OUTCOMES),
    bodyId: Type.String(),
    complainant: Type.Enum(COMPLAINANTS),
    bodyReference: Nullable(Type.String()),
    filedAt: Type.String(),
  }),
  /** Its outcome; `implementationDueAt` is set when the outcome requires the decision to change. */
  'dispute.concluded': Type.Object({
    disputeId: Type.String(),
    decisionId: Type.String(),
    outcome: Type.Enum(DISPUTE_OUTCOMES),
    summary: Type.String(),
    filedAt: Type.String(),
    concludedAt: Type.String(),
    fees: Nullable(Type.Object({ cents: Type.Integer(), currency: Type.String() })),
    feesBorneBy: Type.Enum(FEE_BEARERS),
    badFaith: Type.Boolean(),
    requiredOutcome: Nullable(Type.Enum(CONTENT_OUTCOMES)),
    implementationDueAt: Nullable(Type.String()),
  }),
  /** The outcome carried out through moderation: the disputed decision replaced by `actionDecisionId`. */
  'dispute.implemented': Type.Object({
    disputeId: Type.String(),
    decisionId: Type.String(),
    actionDecisionId: Type.String(),
    note: Type.String(),
    onTime: Type.Boolean(),
  }),
};
