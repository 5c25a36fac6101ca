import { Type, type Static, type TSchema } from 'typebox';
import { PUBLIC_FIGURE_KINDS } from '../core/outcomes.js';
import { WrittenText } from '../core/written-text.js';

/**
 * The public-figures capability's contract: the registry (/api/figures), its dated roles, and restrictions under the
 * protocol (/api/restrictions).
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Iso = Type.String({ format: 'date-time' });
const Kind = Type.Enum(PUBLIC_FIGURE_KINDS);
const DesignationContext = Type.Enum(['acute', 'chronic'], {
  description: "the designation of the figure's country: acute or chronic",
});

export const RESTRICTION_STATUSES = ['active', 'review_due', 'lifted', 'lapsed'] as const;

export const Tier = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
  description: 'severity tier: 1 month, 6 months, 1 year, 2 years by default',
});
export type Tier = Static<typeof Tier>;

const AccountFields = {
  platform: Type.String({ minLength: 1, maxLength: 120 }),
  accountRef: Type.String({ minLength: 1, maxLength: 200 }),
};

// ---- the registry ---------------------------------------------------------------------------------------------

export const Figure = Type.Object({
  platform: Type.String(),
  accountRef: Type.String(),
  kind: Kind,
  name: Type.String(),
  country: Nullable(Type.String()),
  note: Type.String({ description: 'how it was verified' }),
  verifiedBy: Type.String(),
  verifiedAt: Iso,
});
export type Figure = Static<typeof Figure>;

export const FigureList = Type.Object({ figures: Type.Array(Figure) });
export type FigureList = Static<typeof FigureList>;

export const FigureBody = Type.Object(
  {
    ...AccountFields,
    kind: Kind,
    name: WrittenText({ minLength: 1, maxLength: 200 }),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    note: WrittenText({ minLength: 5, maxLength: 2_000, description: 'how it was verified' }),
  },
  { additionalProperties: false },
);
export type FigureBody = Static<typeof FigureBody>;

export const AccountParams = Type.Object({
  platform: Type.String({ maxLength: 120 }),
  accountRef: Type.String({ maxLength: 200 }),
});
export type AccountParams = Static<typeof AccountParams>;

export const RemoveFigureBody = Type.Object(
  { note: WrittenText({ minLength: 5, maxLength: 2_000 }) },
  { additionalProperties: false },
);
export type RemoveFigureBody = Static<typeof RemoveFigureBody>;

/** A route that answers 204 with no body. */
export const NoContent = Type.Null({ description: 'no content' });

// ---- dated roles ----------------------------------------------------------------------------------------------

export const RoleParams = Type.Object(AccountFields);
export type RoleParams = Static<typeof RoleParams>;

export const FigureRole = Type.Object({ kind: Kind, since: Iso, until: Nullable(Iso), note: Type.String() });
export type FigureRole = Static<typeof FigureRole>;

export const FigureRoles = Type.Object({
  platform: Type.String(),
  accountRef: Type.String(),
  name: Type.String(),
  country: Nullable(Type.String()),
  kind: Kind,
  roles: Type.Array(FigureRole, { description: 'oldest first; the last is the current one (until: null)' }),
});
export type FigureRoles = Static<typeof FigureRoles>;

export const RoleChangeBody = Type.Object(
  {
    kind: Kind,
    since: Type.String({ format: 'date-time', description: 'when the new role took effect' }),
    note: WrittenText({ minLength: 5, maxLength: 2_000, description: 'what changed and the source' }),
  },
  { additionalProperties: false },
);
export type RoleChangeBody = Static<typeof RoleChangeBody>;

export const RoleChanged = Type.Object({
  platform: Type.String(),
  accountRef: Type.String(),
  name: Type.String(),
  kind: Kind,
  since: Iso,
  previous: Type.Object({ kind: Kind, since: Iso, until: Iso }),
});
export type RoleChanged = Static<typeof RoleChanged>;

// ---- restrictions ---------------------------------------------------------------------------------------------

export const Restriction = Type.Object({
  id: Type.String(),
  platform: Type.String(),
  accountRef: Type.String(),
  figure: Type.Object(
    { name: Nullable(Type.String()), kind: Nullable(Kind), country: Nullable(Type.String()) },
    { description: "the account's registry entry (null fields once it left the registry)" },
  ),
  tier: Type.Integer(),
  context: DesignationContext,
  status: Type.Enum(RESTRICTION_STATUSES),
  reason: Type.String(),
  startsAt: Iso,
  endsAt: Iso,
  reviewDueSince: Nullable(Iso),
  closedAt: Nullable(Iso),
  extendsUntil: Nullable(Iso),
  lapsesAt: Nullable(Iso),
});
export type Restriction = Static<typeof Restriction>;

export const RestrictionList = Type.Object({ restrictions: Type.Array(Restriction) });
export type RestrictionList = Static<typeof RestrictionList>;

export const RestrictionPreviewBody = Type.Object(
  { ...AccountFields, severityTier: Tier },
  { additionalProperties: false },
);
export type RestrictionPreviewBody = Static<typeof RestrictionPreviewBody>;

export const RestrictionPreview = Type.Object({
  figure: Type.Object({
    platform: Type.String(),
    accountRef: Type.String(),
    name: Type.String(),
    kind: Kind,
    country: Nullable(Type.String()),
  }),
  context: DesignationContext,
  applies: Type.String({ description: 'why the protocol applies' }),
  severityTier: Type.Integer(),
  earlierRestrictions: Type.Integer({
    description: "the account's earlier restrictions under the protocol; each moves the tier up one",
  }),
  tier: Type.Integer({ description: 'the tier the restriction would have' }),
  months: Type.Integer(),
  startsAt: Iso,
  endsAt: Iso,
  reviewAt: Iso,
});
export type RestrictionPreview = Static<typeof RestrictionPreview>;

export const RestrictionBody = Type.Object(
  { ...AccountFields, severityTier: Tier, reason: WrittenText({ minLength: 10, maxLength: 5_000 }) },
  { additionalProperties: false },
);
export type RestrictionBody = Static<typeof RestrictionBody>;

export const RestrictionImposed = Type.Object({
  id: Type.String(),
  tier: Type.Integer(),
  context: DesignationContext,
  endsAt: Iso,
});
export type RestrictionImposed = Static<typeof RestrictionImposed>;

export const RestrictionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type RestrictionIdParams = Static<typeof RestrictionIdParams>;

export const RestrictionReviewBody = Type.Object(
  { riskReceded: Type.Boolean(), reasons: WrittenText({ minLength: 20, maxLength: 5_000 }) },
  { additionalProperties: false },
);
export type RestrictionReviewBody = Static<typeof RestrictionReviewBody>;

export const RestrictionReviewed = Type.Union([
  Type.Object({ id: Type.String(), status: Type.Literal('lifted') }),
  Type.Object({
    id: Type.String(),
    status: Type.Literal('active'),
    endsAt: Type.String({ format: 'date-time', description: 'the extended end' }),
  }),
]);
export type RestrictionReviewed = Static<typeof RestrictionReviewed>;

/** The protocol's pure rules that other capabilities apply: moderation checks account actions under it. */
export {
  checkAccountActionUnderProtocol,
  DEFAULT_RESTRICTION_RULES,
  protocolApplies,
  type RestrictionRules,
} from './rules.js';
