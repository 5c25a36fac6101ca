import { Type } from 'typebox';
import { FLAGGER_STATUSES } from './flagger-rules.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const Details = {
  flaggerId: Type.String(),
  name: Type.String(),
  memberState: Type.String(),
  areas: Type.Array(Type.String()),
  contactEmail: Type.String(),
  website: Nullable(Type.String()),
  awardedOn: Type.String(),
};

/**
 * The events of the register of trusted flaggers (EU DSA Art. 22), on the flagger's stream. A key's secret and hash
 * stay off the log: a rebuilt register's flaggers need a new key.
 */
export const flaggerEventTypes = {
  'trusted_flagger.registered': Type.Object({
    ...Details,
    status: Type.Enum(FLAGGER_STATUSES),
    statusSince: Type.String(),
  }),
  'trusted_flagger.details_changed': Type.Object(Details),
  /** Suspended (Art. 22(6)), reinstated, or revoked (Art. 22(7)), from a day, with the reason. */
  'trusted_flagger.status_changed': Type.Object({
    flaggerId: Type.String(),
    from: Type.Enum(FLAGGER_STATUSES),
    to: Type.Enum(FLAGGER_STATUSES),
    since: Type.String(),
    reason: Type.String(),
  }),
  /** A new key replaced any earlier one, which stopped working in the same transaction. */
  'trusted_flagger.key_issued': Type.Object({ flaggerId: Type.String(), prefix: Type.String() }),
};
