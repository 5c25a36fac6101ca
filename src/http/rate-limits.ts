import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Docket } from '../app.js';
import { LIMIT_SETTINGS, type LimitGroup, type RequestLimit } from '../core/config.js';
import { DocketError } from '../core/errors.js';
import { describeWait } from '../core/waits.js';
import { databaseCounterStore } from './rate-limit-store.js';
import type { App } from './types.js';

/**
 * Limits requests by group (LIMIT_SETTINGS), counted in the database so every Docket process on it shares the
 * count. Behind a proxy, the address is the forwarded one when DOCKET_TRUST_PROXY names the proxy. A route joins
 * a group with `config.limit`, or several with a list; a public route without one is in `read`, where signed-in
 * callers and tokens are not counted. The check runs when the request arrives, after authentication (route hooks
 * follow the server's), before the body is read. Over the limit: 429 `rate_limited` with Retry-After (an error
 * handler of the route's scope may answer it in another form, as the atproto routes do).
 *
 * A route's groups are counted in their order, and a request one group refuses is not counted by the next: an
 * atproto reporter over their own limit does not spend what their PDS's address is allowed. The X-RateLimit
 * headers are those of the group with the fewest requests left.
 */
export async function installRateLimits(app: App, docket: Docket): Promise<void> {
  await app.register(fastifyRateLimit, { global: false, store: databaseCounterStore(docket.store.db, docket.clock) });
  const counters = new Map<LimitGroup, GroupCounter>();
  for (const group of Object.keys(LIMIT_SETTINGS) as LimitGroup[]) {
    const limit = docket.config.limits[group];
    if (limit) counters.set(group, counterFor(app, group, limit));
  }
  app.addHook('onRoute', (route) => {
    const groups = [route.config?.limit ?? (route.config?.access === 'public' ? 'read' : [])].flat();
    const active = groups.flatMap((group) => counters.get(group) ?? []);
    if (active.length === 0) return;
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...existing, limiterOf(active)];
  });
}

interface GroupCounter {
  group: LimitGroup;
  limit: RequestLimit;
  /** Counts the request in the group, unless the group lets it pass uncounted (`read` for signed-in callers). */
  count: (
    request: FastifyRequest,
  ) => Promise<
    { isAllowed: true } | { isAllowed: false; max: number; remaining: number; ttl: number; isExceeded: boolean }
  >;
}

/**
 * The plugin's counter for one group, without its hook: the plugin's hooks run once per request whatever their
 * number, so a route's second group would go uncounted; limiterOf counts every group of the route in one hook.
 */
function counterFor(app: App, group: LimitGroup, limit: RequestLimit): GroupCounter {
  const { by } = LIMIT_SETTINGS[group];
  const count = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (request) => `${group}:${keyOf(request, by)}`,
    ...(group === 'read' ? { allowList: (request: FastifyRequest) => request.principal !== null } : {}),
  });
  return { group, limit, count };
}

function keyOf(request: FastifyRequest, by: (typeof LIMIT_SETTINGS)[LimitGroup]['by']): string {
  switch (by) {
    case 'address':
      return normalizeIP(request.ip);
    // Token groups sit on routes that require a token, so authentication has named the caller.
    case 'token':
      return request.principal?.id ?? normalizeIP(request.ip);
    // The route says who its reporter is (atproto: the address and the DID the token claims, before it is verified).
    case 'reporter': {
      const address = normalizeIP(request.ip);
      return request.routeOptions.config.limitKey?.(request, address) ?? address;
    }
  }
}

function limiterOf(counters: GroupCounter[]): onRequestHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    let shown: { max: number; remaining: number; ttl: number } | undefined;
    for (const { group, limit, count } of counters) {
      const counted = await count(request);
      if (counted.isAllowed) continue;
      if (counted.isExceeded) {
        const seconds = Math.ceil(counted.ttl / 1000);
        showHeaders(reply, { ...counted, remaining: 0 });
        reply.header('retry-after', seconds);
        const { counted: what, by } = LIMIT_SETTINGS[group];
        throw new DocketError(
          'rate_limited',
          `too many ${what} from this ${by}: at most ${counted.max} in ${describeWindow(limit.windowMs)}; try again in ${describeWait(seconds)}`,
          [],
          { retryAfterSeconds: counted.ttl / 1000 },
        );
      }
      if (!shown || counted.remaining < shown.remaining) shown = counted;
    }
    if (shown) showHeaders(reply, shown);
  };
}

function showHeaders(reply: FastifyReply, { max, remaining, ttl }: { max: number; remaining: number; ttl: number }) {
  reply.header('x-ratelimit-limit', max);
  reply.header('x-ratelimit-remaining', remaining);
  reply.header('x-ratelimit-reset', Math.ceil(ttl / 1000));
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
