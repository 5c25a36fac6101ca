import { Type } from 'typebox';
import { ROLES } from './roles.js';

const RoleList = Type.Array(Type.Enum(ROLES));

export const accessEvents = {
  'user.created': Type.Object({
    userId: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: RoleList,
    region: Type.Union([Type.String(), Type.Null()]),
    mustChangePassword: Type.Boolean(),
  }),
  'user.password_changed': Type.Object({ userId: Type.String(), by: Type.Union([Type.Literal('self'), Type.Literal('admin')]) }),
  'user.locked': Type.Object({ userId: Type.String(), until: Type.String(), failedLogins: Type.Integer() }),
  'token.created': Type.Object({
    tokenId: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('integration'), Type.Literal('user')]),
    platform: Type.Union([Type.String(), Type.Null()]),
    userId: Type.Union([Type.String(), Type.Null()]),
    prefix: Type.String(),
  }),
  'token.revoked': Type.Object({ tokenId: Type.String() }),
};
