import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { holdsPermission, type Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import type { App } from './types.js';

export const SESSION_COOKIE = 'docket_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication, CSRF and the route's access rule, all checked when the request arrives, before its body is
 * read or validated: a caller without the right gets 401/403, never a validation error that hints at the shape.
 */
/**
 * Who a bearer token or a session cookie stands for: the access capability answers (the server passes it in), so
 * the HTTP layer depends on no capability.
 */
export interface Authenticator {
  principalForBearer(secret: string): Promise<Principal | null>;
  sessionFor(
    sessionToken: string,
  ): Promise<{ principal: Principal; csrfToken: string; mustChangePassword: boolean } | null>;
}

export function installAuth(app: App, access: Authenticator): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.access;
    if (rule === undefined) return;
    await identify(request, access);
    if (rule === 'public') return;
    const { principal, session } = request;
    if (!principal)
      throw new DocketError('unauthenticated', 'sign in, or send an API token as "Authorization: Bearer <token>"');
    if (session && UNSAFE_METHODS.has(request.method) && !request.routeOptions.config.csrfExempt) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
        throw new DocketError('csrf_failed', `send the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    if (session?.mustChangePassword && !request.routeOptions.config.allowPendingPasswordChange) {
      throw new DocketError('password_change_required', 'choose a new password first (POST /api/session/password)');
    }
    if (rule !== 'authenticated' && !holdsPermission(principal, rule)) {
      throw new DocketError('forbidden', `this needs the "${rule}" permission, which your account does not have`);
    }
  });
}

async function identify(request: FastifyRequest, access: Authenticator): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match?.[1] ? await access.principalForBearer(match[1]) : null;
    if (!principal) throw new DocketError('invalid_token', 'the bearer token is unknown, revoked or malformed');
    request.principal = principal;
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return;
  const session = await access.sessionFor(cookie);
  if (!session) return;
  request.principal = session.principal;
  request.session = { token: cookie, csrfToken: session.csrfToken, mustChangePassword: session.mustChangePassword };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The signed-in person behind a request, for routes only people may call. */
export function requireUser(request: FastifyRequest): Extract<Principal, { kind: 'user' }> {
  if (request.principal?.kind !== 'user')
    throw new DocketError('forbidden', 'only a signed-in person may do this, not an integration token');
  return request.principal;
}

/** The platform integration behind a request, for routes only platforms may call. */
export function requireIntegration(request: FastifyRequest): Extract<Principal, { kind: 'integration' }> {
  if (request.principal?.kind !== 'integration')
    throw new DocketError('forbidden', 'only a platform integration token may do this');
  return request.principal;
}
