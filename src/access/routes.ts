import type { Docket } from '../app.js';
import { DocketError } from '../core/errors.js';
import { SESSION_COOKIE } from '../http/auth.js';
import type { App } from '../http/types.js';
import { actorOf, areasOf, permissionsOf, type Principal } from '../core/roles.js';
import {
  CreatedUser,
  IdParams,
  LoginBody,
  NewSecretView,
  NewTokenBody,
  NewUserBody,
  NoContent,
  PasswordChangeBody,
  PasswordResetView,
  SessionView,
  TOKEN_KINDS_DESCRIPTION,
  TokenList,
  TokenView,
  UserChangeBody,
  UserList,
  UserView,
} from './contract.js';

const tags = ['access'];

export function accessRoutes(app: App, docket: Docket): void {
  const { access } = docket;
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: docket.config.secureCookies,
    path: '/',
  };

  const sessionView = (principal: Principal, csrfToken: string | null, mustChangePassword: boolean): SessionView => {
    if (principal.kind !== 'user') throw new DocketError('forbidden', 'integration tokens have no user session');
    const { id, username, displayName, roles } = principal;
    return {
      user: { id, username, displayName, roles },
      areas: areasOf(principal),
      permissions: permissionsOf(principal),
      csrfToken,
      mustChangePassword,
    };
  };

  app.post(
    '/api/session',
    {
      config: { access: 'public', csrfExempt: true, limit: 'signIn' },
      schema: {
        tags,
        summary: 'Sign in with a username and password',
        body: LoginBody,
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const { sessionToken, session } = await access.login(request.body.username, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, sessionToken, { ...cookieOptions, maxAge: docket.config.sessionHours * 3600 });
      return sessionView(session.principal, session.csrfToken, session.mustChangePassword);
    },
  );

  app.get(
    '/api/session',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: { tags, summary: 'Who is signed in, and what they may use', response: { 200: SessionView } },
    },
    async (request) => {
      const principal = request.principal as Principal;
      return sessionView(principal, request.session?.csrfToken ?? null, request.session?.mustChangePassword ?? false);
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: { tags, summary: 'Sign out', response: { 204: NoContent } },
    },
    async (request, reply) => {
      if (request.session) await access.logout(request.session.token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/session/password',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: { tags, summary: 'Change your own password', body: PasswordChangeBody, response: { 204: NoContent } },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      if (principal.kind !== 'user') throw new DocketError('forbidden', 'integration tokens have no password');
      await access.changePassword(principal.id, request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: 'List users', response: { 200: UserList } },
    },
    async () => ({ users: await access.listUsers() }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Create a user',
        description:
          'Without a password, a one-time password is generated, returned once, and must be changed at first sign-in.',
        body: NewUserBody,
        response: { 201: CreatedUser },
      },
    },
    async (request, reply) => {
      const { user, password } = await access.createUser(actorOf(request.principal as Principal), request.body);
      const created: CreatedUser = { user, oneTimePassword: request.body.password === undefined ? password : null };
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: "Change a user's name, region, roles or platform, or disable and re-enable their account",
        description:
          'Send only what changes. Disabling ends the user’s sessions and revokes their user tokens at once; re-enabling lets them sign in ' +
          'again (revoked tokens stay revoked). You cannot disable yourself or remove your own admin role: another administrator must.',
        params: IdParams,
        body: UserChangeBody,
        response: { 200: UserView },
      },
    },
    async (request) => access.updateUser(actorOf(request.principal as Principal), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password-reset',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: "Reset a user's password",
        description:
          'A new one-time password is generated and returned once; the user must replace it at their next sign-in, and their sessions end now. ' +
          'You cannot reset your own password: change it with POST /api/session/password.',
        params: IdParams,
        response: { 200: PasswordResetView },
      },
    },
    async (request) => access.resetPassword(actorOf(request.principal as Principal), request.params.id),
  );

  app.get(
    '/api/tokens',
    {
      config: { access: 'tokens.manage' },
      schema: {
        tags,
        summary: 'List API tokens (never their secrets)',
        response: { 200: TokenList },
      },
    },
    async () => ({ tokens: await access.listTokens() }),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'tokens.manage' },
      schema: {
        tags,
        summary: 'Create an API token',
        description: `The secret is returned once; only its SHA-256 is stored. Two kinds: ${TOKEN_KINDS_DESCRIPTION}`,
        body: NewTokenBody,
        response: { 201: NewSecretView },
      },
    },
    async (request, reply) => {
      const result = await access.createToken(actorOf(request.principal as Principal), request.body);
      return reply.code(201).send(result);
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'tokens.manage' },
      schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: TokenView } },
    },
    async (request) => access.revokeToken(actorOf(request.principal as Principal), request.params.id),
  );

  app.post(
    '/api/tokens/:id/rotate',
    {
      config: { access: 'tokens.manage' },
      schema: {
        tags,
        summary: "Rotate an API token's secret",
        description:
          'A new secret is returned once and the old one stops working at once; the token keeps its name, kind and id. Revoked tokens cannot be rotated.',
        params: IdParams,
        response: { 200: NewSecretView },
      },
    },
    async (request) => access.rotateToken(actorOf(request.principal as Principal), request.params.id),
  );
}
