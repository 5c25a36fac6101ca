import { Type } from 'typebox';
import { PUBLIC_FIGURE_KINDS } from '../core/outcomes.js';

export const figureEvents = {
  'figure.verified': Type.Object({
    platform: Type.String(),
    accountRef: Type.String(),
    kind: Type.Enum(PUBLIC_FIGURE_KINDS),
    name: Type.String(),
    country: Type.Union([Type.String(), Type.Null()]),
    note: Type.String(),
  }),
  'restriction.imposed': Type.Object({
    restrictionId: Type.String(),
    platform: Type.String(),
    accountRef: Type.String(),
    tier: Type.Integer(),
    context: Type.Enum(['acute', 'chronic']),
    endsAt: Type.String(),
    reason: Type.String(),
    /** Why the protocol applies (the stored reason is `<applies>: <reason>`). */
    applies: Type.String(),
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
    since: Type.String({ description: 'when the new role took effect' }),
    note: Type.String(),
    /** The new role's row in the history. */
    roleId: Type.String(),
    /** The row of the role that ended; `endedRoleAdded`: the role the entry was verified in, first written now. */
    endedRoleId: Type.String(),
    endedRoleAdded: Type.Boolean(),
  }),
};
