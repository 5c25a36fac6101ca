import { Type } from 'typebox';
import { PUBLIC_FIGURE_KINDS } from '../core/outcomes.js';
import { Figure, Restriction, RestrictionPreview, RoleChangeBody } from './contract.js';

export const figureEvents = {
  /** The registry's entry, as verified. */
  'figure.verified': Type.Omit(Figure, ['verifiedBy', 'verifiedAt']),
  'restriction.imposed': Type.Object({
    restrictionId: Type.String(),
    ...Type.Pick(Restriction, ['platform', 'accountRef', 'tier', 'context', 'endsAt', 'reason']).properties,
    /** Why the protocol applies (the stored reason is `<applies>: <reason>`). */
    applies: RestrictionPreview.properties.applies,
  }),
  'restriction.review_due': Type.Object({ restrictionId: Type.String(), endsAt: Type.String() }),
  'restriction.extended': Type.Object({ restrictionId: Type.String(), until: Type.String(), reasons: Type.String() }),
  'restriction.lifted': Type.Object({ restrictionId: Type.String(), reasons: Type.String() }),
  'restriction.lapsed': Type.Object({ restrictionId: Type.String(), reason: Type.String() }),
  'figure.removed': Type.Object({ platform: Type.String(), accountRef: Type.String(), note: Type.String() }),
  'figure.role_changed': Type.Object({
    platform: Type.String(),
    accountRef: Type.String(),
    from: Type.Enum(PUBLIC_FIGURE_KINDS),
    to: Type.Enum(PUBLIC_FIGURE_KINDS),
    since: RoleChangeBody.properties.since,
    note: Type.String(),
    /** The new role's row in the history. */
    roleId: Type.String(),
    /** The row of the role that ended; `endedRoleAdded`: the role the entry was verified in, first written now. */
    endedRoleId: Type.String(),
    endedRoleAdded: Type.Boolean(),
  }),
};
