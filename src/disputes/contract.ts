import { Type, type Static, type TSchema } from 'typebox';
import { CONTENT_OUTCOMES } from '../core/outcomes.js';
import { WrittenText } from '../core/written-text.js';
import {
  CERTIFICATION_STATUSES,
  COMPLAINANTS,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  FEE_BEARERS,
  IMPLEMENTATION_STATUSES,
  MEMBER_STATES,
} from './rules.js';

/**
 * The out-of-court dispute settlement contract (EU DSA Art. 21): the register of certified bodies
 * (/api/dispute-bodies, public at /api/public/dispute-bodies) and the disputes on decisions (/api/disputes).
 * Importable by the web console: it depends on typebox and pure rules only.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Iso = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Label = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

// ---- the register of bodies -----------------------------------------------------------------------------------

const BodyFields = {
  name: Label(200, "the body's name"),
  memberState: Type.Enum(MEMBER_STATES, { description: 'the certifying Member State, ISO 3166-1 alpha-2' }),
  coordinator: Label(200, 'the Digital Services Coordinator that certified it'),
  website: Type.String({ minLength: 1, maxLength: 500, description: "the body's website, where complainants apply" }),
  areas: Type.Array(Label(120, 'an area of expertise it was certified for'), { minItems: 1, maxItems: 30 }),
  languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 language code' }), {
    minItems: 1,
    maxItems: 30,
  }),
  status: Type.Enum(CERTIFICATION_STATUSES),
  certifiedOn: Day,
  certifiedUntil: Nullable(Day),
};

/** POST /api/dispute-bodies and PUT /api/dispute-bodies/:id: a body's whole entry. */
export const DisputeBodyBody = Type.Object(BodyFields, { additionalProperties: false });
export type DisputeBodyBody = Static<typeof DisputeBodyBody>;

export const DisputeBody = Type.Object({
  id: Type.String(),
  ...BodyFields,
  website: Type.String(),
  /** Whether it holds a valid certification today: certified and within its dates. */
  certifiedNow: Type.Boolean(),
  registeredAt: Iso,
  updatedAt: Iso,
});
export type DisputeBody = Static<typeof DisputeBody>;

export const DisputeBodyList = Type.Object({ bodies: Type.Array(DisputeBody) });
export type DisputeBodyList = Static<typeof DisputeBodyList>;

// ---- disputes -------------------------------------------------------------------------------------------------

/** POST /api/disputes: a dispute filed with a body about a decision. */
export const DisputeFiling = Type.Object(
  {
    decisionId: Type.String({ format: 'uuid' }),
    bodyId: Type.String({ format: 'uuid' }),
    complainant: Type.Enum(COMPLAINANTS, {
      description: 'who brought it: the user the decision is about, or the notifier',
    }),
    filedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when it was filed (default: now)' })),
    bodyReference: Type.Optional(Label(120, "the body's own reference for the dispute")),
  },
  { additionalProperties: false },
);
export type DisputeFiling = Static<typeof DisputeFiling>;

/** POST /api/disputes/:id/outcome: how the body concluded it, and its fees. */
export const DisputeOutcomeBody = Type.Object(
  {
    outcome: Type.Enum(DISPUTE_OUTCOMES),
    summary: WrittenText({ minLength: 10, maxLength: 10_000, description: "the body's outcome in a few sentences" }),
    concludedAt: Type.Optional(Type.String({ format: 'date-time', description: 'when it concluded (default: now)' })),
    fees: Type.Optional(
      Type.Object(
        {
          amount: Type.String({ pattern: '^\\d{1,9}(\\.\\d{1,2})?$', description: 'e.g. "120.00"' }),
          currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' }),
        },
        { additionalProperties: false },
      ),
    ),
    badFaith: Type.Optional(
      Type.Boolean({ description: 'the body found the complainant manifestly acted in bad faith (Art. 21(5))' }),
    ),
    feesBorneBy: Type.Optional(Type.Enum(FEE_BEARERS, { description: 'as the parties agreed, in a settlement' })),
    requiredOutcome: Type.Optional(
      Type.Enum(CONTENT_OUTCOMES, { description: 'the decision the outcome requires instead of the disputed one' }),
    ),
  },
  { additionalProperties: false },
);
export type DisputeOutcomeBody = Static<typeof DisputeOutcomeBody>;

/** POST /api/disputes/:id/implement: the outcome carried out, with a note as evidence. */
export const ImplementBody = Type.Object(
  { note: WrittenText({ minLength: 5, maxLength: 5_000, description: 'how it was carried out' }) },
  { additionalProperties: false },
);
export type ImplementBody = Static<typeof ImplementBody>;

export const Dispute = Type.Object({
  id: Type.String(),
  decisionId: Type.String(),
  caseId: Type.String(),
  platform: Type.String(),
  decisionOutcome: Type.Enum(CONTENT_OUTCOMES),
  body: Type.Object({ id: Type.String(), name: Type.String(), memberState: Type.String() }),
  complainant: Type.Enum(COMPLAINANTS),
  bodyReference: Nullable(Type.String()),
  filedAt: Iso,
  status: Type.Enum(DISPUTE_STATUSES),
  outcome: Nullable(Type.Enum(DISPUTE_OUTCOMES)),
  summary: Nullable(Type.String()),
  concludedAt: Nullable(Iso),
  fees: Nullable(Type.Object({ amount: Type.String(), currency: Type.String() })),
  feesBorneBy: Nullable(Type.Enum(FEE_BEARERS)),
  badFaith: Nullable(Type.Boolean()),
  requiredOutcome: Nullable(Type.Enum(CONTENT_OUTCOMES)),
  implementation: Type.Object({
    status: Type.Enum(IMPLEMENTATION_STATUSES),
    dueAt: Nullable(Iso),
    overdue: Type.Boolean(),
    actionDecisionId: Nullable(Type.String()),
    note: Nullable(Type.String()),
    implementedAt: Nullable(Iso),
  }),
});
export type Dispute = Static<typeof Dispute>;

export const DisputeList = Type.Object({ disputes: Type.Array(Dispute) });
export type DisputeList = Static<typeof DisputeList>;

export const DisputeQuery = Type.Object(
  { decisionId: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
);

export const DisputeImplemented = Type.Object({
  disputeId: Type.String(),
  actionDecisionId: Type.String(),
  onTime: Type.Boolean(),
});
export type DisputeImplemented = Static<typeof DisputeImplemented>;
