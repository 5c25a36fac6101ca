import type { FastifyServerOptions } from 'fastify';
import type { TrustProxy } from '../core/config.js';

/**
 * Fastify's trustProxy from DOCKET_TRUST_PROXY. A hop count becomes "trust the nearest N hops" (the peer the
 * connection comes from is hop 0): Fastify 5 ignores a bare number, since a client that reaches Docket without
 * passing the proxy could then forge X-Forwarded-For. The README says so and prefers the proxies' addresses.
 */
export function proxyTrust(setting: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof setting !== 'number') return setting;
  return (_address: string, hop: number) => hop < setting;
}
