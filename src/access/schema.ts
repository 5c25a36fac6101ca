import { Type } from 'typebox';
import { AREAS, PERMISSIONS, ROLES } from '../core/roles.js';

const Role = Type.Enum(ROLES);
const Timestamp = Type.String({ format: 'date-time' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const SessionView = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Role),
  }),
  areas: Type.Array(Type.Enum(AREAS), { description: 'console areas this user may open, in display order' }),
  permissions: Type.Array(Type.Enum(Object.keys(PERMISSIONS))),
  csrfToken: Nullable(
    Type.String({ description: 'send in the x-csrf-token header with every state-changing request' }),
  ),
  mustChangePassword: Type.Boolean(),
});

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

export const NewSecretView = Type.Object({
  token: Type.String({ description: 'the secret, shown this once: send it as `Authorization: Bearer <token>`' }),
  record: TokenView,
});

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

export const PasswordResetView = Type.Object({
  user: UserView,
  oneTimePassword: Type.String({ description: 'shown this once; the user must replace it at their next sign-in' }),
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
