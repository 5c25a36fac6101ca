import { Type } from 'typebox';
import { ROLES } from '../core/roles.js';
import { Nullable } from './contract.js';

const RoleList = Type.Array(Type.Enum(ROLES));

/** Who tried to sign in, as typed (normalised), and from where; never the password. */
const SignInAttempt = {
  username: Type.String(),
  /** The user the username names; null when no such user exists. */
  userId: Nullable(Type.String()),
  address: Type.String(),
};

export const accessEvents = {
  'user.created': Type.Object({
    userId: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: RoleList,
    region: Type.Union([Type.String(), Type.Null()]),
    /** Since migration 0017: the platform a liaison acts for. */
    platform: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    mustChangePassword: Type.Boolean(),
  }),
  /** `by: 'admin'` is a reset: a one-time password the user must replace at their next sign-in. */
  'user.password_changed': Type.Object({
    userId: Type.String(),
    by: Type.Union([Type.Literal('self'), Type.Literal('admin')]),
    /** Since the admin reset: the user's sessions it ended. */
    sessionsEnded: Type.Optional(Type.Integer()),
  }),
  'user.details_changed': Type.Object({
    userId: Type.String(),
    displayName: Type.String(),
    region: Type.Union([Type.String(), Type.Null()]),
  }),
  'user.roles_changed': Type.Object({
    userId: Type.String(),
    roles: RoleList,
    previousRoles: RoleList,
    platform: Type.Union([Type.String(), Type.Null()]),
  }),
  /** The account can no longer sign in: its sessions ended and its user tokens were revoked (each a `token.revoked`). */
  'user.disabled': Type.Object({
    userId: Type.String(),
    sessionsEnded: Type.Integer(),
    tokensRevoked: Type.Array(Type.String()),
  }),
  /** The account may sign in again; tokens revoked when it was disabled stay revoked. */
  'user.enabled': Type.Object({ userId: Type.String() }),
  /** Written by earlier versions, which locked a whole account; see `signin.locked` now. */
  'user.locked': Type.Object({ userId: Type.String(), until: Type.String(), failedLogins: Type.Integer() }),
  'signin.succeeded': Type.Object({ ...SignInAttempt, userId: Type.String() }),
  'signin.failed': Type.Object({
    ...SignInAttempt,
    result: Type.Union([
      Type.Literal('wrong_password'),
      Type.Literal('unknown_user'),
      Type.Literal('disabled_user'),
      Type.Literal('address_locked'),
      Type.Literal('account_backing_off'),
    ]),
  }),
  /** A failed attempt reached a limit: the address is locked out of this username, or the account backs off. */
  'signin.locked': Type.Object({
    ...SignInAttempt,
    scope: Type.Union([Type.Literal('address'), Type.Literal('account')]),
    until: Type.String(),
    attempts: Type.Integer(),
  }),
  'token.created': Type.Object({
    tokenId: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('integration'), Type.Literal('user')]),
    platform: Type.Union([Type.String(), Type.Null()]),
    userId: Type.Union([Type.String(), Type.Null()]),
    prefix: Type.String(),
  }),
  'token.revoked': Type.Object({
    tokenId: Type.String(),
    /** Since users can be disabled: absent when an administrator revoked the token itself. */
    reason: Type.Optional(Type.Literal('user_disabled')),
  }),
  /** A new secret replaced the old one, which stopped working in the same transaction. */
  'token.rotated': Type.Object({ tokenId: Type.String(), prefix: Type.String() }),
};
