import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Permission, Principal } from '../core/roles.js';
import type { LimitGroup } from '../core/config.js';

/** Who may call a route: anyone, any signed-in principal, or holders of one permission. */
export type RouteAccess = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route declares it; the server refuses to start with one that does not. */
    access?: RouteAccess;
    /** Routes a user who must change their password may still call. */
    allowPendingPasswordChange?: boolean;
    /**
     * The route may answer while this process's last commits are still being chained (a platform pushing reports).
     * Every other route first waits until they are, so whoever reads after a write sees its events (history, log).
     */
    answersBeforeChain?: boolean;
    /** Skip the CSRF check (login: there is no session yet to hold a token). */
    csrfExempt?: boolean;
    /**
     * The rate-limit group that counts its requests, or the groups, counted in order (src/http/rate-limits.ts);
     * public routes default to `read`.
     */
    limit?: LimitGroup | readonly LimitGroup[];
    /** A page of the public site: its errors are pages of the site too (src/http/errors.ts). */
    page?: boolean;
    /** Who a `reporter` group counts, from the request and its client's address (atproto/reporter-key.ts). */
    limitKey?: (request: FastifyRequest, address: string) => string;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the request came with a session cookie (not a bearer token). */
    session: { token: string; csrfToken: string; mustChangePassword: boolean } | null;
  }
}

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;
