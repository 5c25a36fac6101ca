import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Docket } from '../app.js';
import { LIMIT_SETTINGS, type LimitGroup, type RequestLimit } from '../core/config.js';
import { DocketError } from '../core/errors.js';
import { databaseCounterStore } from './rate-limit-store.js';
import type { App } from './types.js';

/**
 * Limits requests by group (LIMIT_SETTINGS), counted in the database so every Docket process on it shares the
 * count. Behind a proxy, the address is the forwarded one when DOCKET_TRUST_PROXY names the proxy. A route joins
 * a group with `config.limit`; a public route without one is in `read`, where signed-in callers and tokens are
 * not counted. The check runs when the request arrives, after authentication (route hooks follow the server's),
 * before the body is read. Over the limit: 429 `rate_limited` with Retry-After.
 */
export async function installRateLimits(app: App, docket: Docket): Promise<void> {
  await app.register(fastifyRateLimit, { global: false, store: databaseCounterStore(docket.store.db, docket.clock) });
  const limiters = new Map<LimitGroup, onRequestHookHandler>();
  for (const group of Object.keys(LIMIT_SETTINGS) as LimitGroup[]) {
    const limit = docket.config.limits[group];
    if (limit) limiters.set(group, limiterFor(app, group, limit));
  }
  app.addHook('onRoute', (route) => {
    const group = route.config?.limit ?? (route.config?.access === 'public' ? 'read' : undefined);
    const limiter = group && limiters.get(group);
    if (!limiter) return;
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...existing, limiter];
  });
}

function limiterFor(app: App, group: LimitGroup, limit: RequestLimit): onRequestHookHandler {
  const { by, counted } = LIMIT_SETTINGS[group];
  return app.rateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (request) => `${group}:${by === 'token' ? callerId(request) : normalizeIP(request.ip)}`,
    ...(group === 'read' ? { allowList: (request: FastifyRequest) => request.principal !== null } : {}),
    errorResponseBuilder: (_request, context) =>
      new DocketError(
        'rate_limited',
        `too many ${counted} from this ${by}: at most ${context.max} in ${describeWindow(limit.windowMs)}; try again in ${context.after}`,
        [],
        {
          retryAfterSeconds: context.ttl / 1000,
        },
      ),
  }) as onRequestHookHandler;
}

/** Token groups sit on routes that require a token, so authentication has named the caller. */
function callerId(request: FastifyRequest): string {
  return request.principal?.id ?? normalizeIP(request.ip);
}

function describeWindow(ms: number): string {
  const [size, unit] =
    ms % 3_600_000 === 0
      ? [ms / 3_600_000, 'hour']
      : ms % 60_000 === 0
        ? [ms / 60_000, 'minute']
        : [ms / 1_000, 'second'];
  return size === 1 ? `1 ${unit}` : `${size} ${unit}s`;
}
