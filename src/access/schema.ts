import { Type } from 'typebox';
import { AREAS, PERMISSIONS, ROLES } from './roles.js';

const Role = Type.Enum(ROLES);
const Timestamp = Type.String({ format: 'date-time' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const PasswordChangeBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const SessionView = Type.Object({
  user: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String(), roles: Type.Array(Role) }),
  areas: Type.Array(Type.Enum(AREAS), { description: 'console areas this user may open, in display order' }),
  permissions: Type.Array(Type.Enum(Object.keys(PERMISSIONS))),
  csrfToken: Nullable(Type.String({ description: 'send in the x-csrf-token header with every state-changing request' })),
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
    platform: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'required for a platform liaison: the platform they act for' })),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 200, description: 'omit to generate a one-time password' })),
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

export const NewTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    kind: Type.Enum(['integration', 'user']),
    platform: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'required for integration tokens' })),
    username: Type.Optional(Type.String({ minLength: 2, maxLength: 40, description: 'required for user tokens' })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
