import { Type, type Static, type TSchema } from 'typebox';
import { EU_COUNTRY_CODES, STATEMENT_CATEGORIES } from '../core/dsa-tdb-enums.js';
import { FLAGGER_STATUSES } from './flagger-rules.js';

/** The contract of the register of trusted flaggers (EU DSA Art. 22): the public list and its management. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Day = Type.String({ format: 'date' });

/** What a register entry says, as the API takes it (checked field by field by flagger-rules.ts). */
export const FlaggerDetailsBody = Type.Object(
  {
    name: Type.String({ maxLength: 300, description: 'the entity awarded the status' }),
    memberState: Type.String({
      maxLength: 2,
      description: `the Member State whose Digital Services Coordinator awarded the status, ISO 3166-1 alpha-2 (${EU_COUNTRY_CODES.join(', ')})`,
    }),
    areas: Type.Array(Type.String({ maxLength: 80 }), {
      maxItems: 30,
      description: 'its areas of expertise, as DSA statement categories (STATEMENT_CATEGORY_…)',
    }),
    contactEmail: Type.String({ maxLength: 300, description: 'where the flagger is reached; published' }),
    website: Type.Optional(Nullable(Type.String({ maxLength: 1_000 }))),
    awardedOn: Type.String({ maxLength: 10, description: 'the day the status was awarded, YYYY-MM-DD' }),
  },
  { additionalProperties: false },
);
export type FlaggerDetailsBody = Static<typeof FlaggerDetailsBody>;

export const FlaggerStatusBody = Type.Object(
  {
    status: Type.Enum(FLAGGER_STATUSES),
    since: Type.Optional(Type.String({ maxLength: 10, description: 'the day it took effect, YYYY-MM-DD (today)' })),
    reason: Type.String({ maxLength: 2_000, description: 'why, e.g. the Coordinator’s decision under Art. 22(6)' }),
  },
  { additionalProperties: false },
);
export type FlaggerStatusBody = Static<typeof FlaggerStatusBody>;

export const FlaggerParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A register entry as the public sees it. */
export const TrustedFlagger = Type.Object({
  id: Type.String(),
  name: Type.String(),
  memberState: Type.String(),
  areas: Type.Array(Type.Object({ category: Type.String(), label: Type.String() })),
  contactEmail: Type.String(),
  website: Nullable(Type.String()),
  awardedOn: Day,
  status: Type.Enum(FLAGGER_STATUSES),
  statusSince: Day,
  statusReason: Nullable(Type.String()),
});
export type TrustedFlagger = Static<typeof TrustedFlagger>;

/** A register entry as staff see it: with its key's visible start. */
export const ManagedFlagger = Type.Object({
  ...TrustedFlagger.properties,
  keyPrefix: Nullable(Type.String()),
  keyIssuedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type ManagedFlagger = Static<typeof ManagedFlagger>;

/** GET /api/trusted-flaggers: the register as staff keep it, and the areas an entry may name. */
export const FlaggerRegister = Type.Object({
  flaggers: Type.Array(ManagedFlagger),
  areas: Type.Array(Type.Object({ category: Type.String(), label: Type.String() })),
});
export type FlaggerRegister = Static<typeof FlaggerRegister>;

/** A new key: shown this once; only its hash is kept. */
export const IssuedFlaggerKey = Type.Object({
  flagger: ManagedFlagger,
  key: Type.String({
    description: 'the flagger files notices with it: header `x-flagger-key` on POST /api/public/notices; shown once',
  }),
});
export type IssuedFlaggerKey = Static<typeof IssuedFlaggerKey>;

/** A trusted flagger's notices in a period and their accuracy: the share of the decided ones upheld. */
export const FlaggerAccuracy = Type.Object({
  flaggerId: Type.String(),
  name: Type.String(),
  memberState: Type.String(),
  notices: Type.Integer({ minimum: 0 }),
  decided: Type.Integer({ minimum: 0 }),
  upheld: Type.Integer({ minimum: 0 }),
  accuracy: Nullable(Type.Number()),
});
export type FlaggerAccuracy = Static<typeof FlaggerAccuracy>;

/** The DSA statement categories a flagger may be expert in, with their labels, for forms. */
export const FLAGGER_AREAS = Object.entries(STATEMENT_CATEGORIES).map(([category, label]) => ({ category, label }));
