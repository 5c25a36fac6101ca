import { Type, type Static } from 'typebox';
import { AREAS, PERMISSIONS, ROLES, type Permission } from '../core/roles.js';

export type { Area, Permission, Role } from '../core/roles.js';

/** The access capability's contract: the request and answer of every route under /api/session, /api/users, /api/tokens. */

const Role = Type.Enum(ROLES);
const Timestamp = Type.String({ format: 'date-time' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const SessionView = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Role),
  }),
  areas: Type.Array(Type.Enum(AREAS), { description: 'console areas this user may open, in display order' }),
  permissions: Type.Array(Type.Enum(Object.keys(PERMISSIONS) as Permission[])),
  csrfToken: Nullable(
    Type.String({ description: 'send in the x-csrf-token header with every state-changing request' }),
  ),
  mustChangePassword: Type.Boolean(),
});
export type SessionView = Static<typeof SessionView>;

export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Role),
  region: Nullable(Type.String()),
  platform: Nullable(Type.String({ description: 'the platform a liaison acts for' })),
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Timestamp,
});
export type UserView = Static<typeof UserView>;

export const NewUserBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 40 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    roles: Type.Array(Role, { minItems: 1, maxItems: ROLES.length }),
    region: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    platform: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 120,
        description: 'required for a platform liaison: the platform they act for',
      }),
    ),
    password: Type.Optional(
      Type.String({ minLength: 10, maxLength: 200, description: 'omit to generate a one-time password' }),
    ),
  },
  { additionalProperties: false },
);
export type NewUserBody = Static<typeof NewUserBody>;

export const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Enum(['integration', 'user']),
  platform: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  prefix: Type.String(),
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
});
export type TokenView = Static<typeof TokenView>;

export const TOKEN_KINDS_DESCRIPTION =
  "`integration`: a platform's own systems calling Docket: they push subjects and reports, file appeals and board " +
  'appeals, and read decisions, for the one platform named in `platform` (required). ' +
  "`user`: a script acting as a staff member, with that user's roles and nothing more; name the user in " +
  '`username` (required). A user token stops working when its user is disabled, and waits while the user must ' +
  'change a one-time password.';

export const NewTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120, description: 'what the token is for, to tell tokens apart' }),
    kind: Type.Enum(['integration', 'user'], { description: `What the token acts as. ${TOKEN_KINDS_DESCRIPTION}` }),
    platform: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 120,
        description: 'integration tokens: the platform the token acts for (required); user tokens: none',
      }),
    ),
    username: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 40,
        description: 'user tokens: the username of the user the token acts as (required); integration tokens: none',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewTokenBody = Static<typeof NewTokenBody>;

export const NewSecretView = Type.Object({
  token: Type.String({ description: 'the secret, shown this once: send it as `Authorization: Bearer <token>`' }),
  record: TokenView,
});
export type NewSecretView = Static<typeof NewSecretView>;

export const UserChangeBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    roles: Type.Optional(
      Type.Array(Role, {
        minItems: 1,
        maxItems: ROLES.length,
        description: 'the whole new set of roles; you cannot remove your own admin role',
      }),
    ),
    region: Type.Optional(
      Nullable(Type.String({ minLength: 2, maxLength: 60, description: "a board member's region; null for none" })),
    ),
    platform: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 120,
          description: 'the platform a liaison acts for; kept while they stay one when absent',
        }),
      ),
    ),
    disabled: Type.Optional(
      Type.Boolean({
        description:
          'true: the user can no longer sign in, their sessions end and their user tokens are revoked; false: they may sign in again. You cannot disable yourself.',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserChangeBody = Static<typeof UserChangeBody>;

export const PasswordResetView = Type.Object({
  user: UserView,
  oneTimePassword: Type.String({ description: 'shown this once; the user must replace it at their next sign-in' }),
});
export type PasswordResetView = Static<typeof PasswordResetView>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type IdParams = Static<typeof IdParams>;

/** A route that answers 204 with no body. */
export const NoContent = Type.Null({ description: 'no content' });

export const UserList = Type.Object({ users: Type.Array(UserView) });
export type UserList = Static<typeof UserList>;

export const CreatedUser = Type.Object({
  user: UserView,
  oneTimePassword: Nullable(
    Type.String({ description: 'the generated password, shown this once; null when the request gave one' }),
  ),
});
export type CreatedUser = Static<typeof CreatedUser>;

export const TokenList = Type.Object({ tokens: Type.Array(TokenView) });
export type TokenList = Static<typeof TokenList>;

/** How a sign-in attempt's stream is named (the audit trail finds an account's sign-ins by it). */
export { normaliseUsername, signInStream } from './rules.js';
