import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const problem = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('configuration of the rate limits and of the proxies to trust', () => {
  it('reads each limit as requests per window, or off', () => {
    const { limits } = loadConfig({
      DOCKET_LIMIT_SIGN_IN: '10/30s',
      DOCKET_LIMIT_READS: '1000 / 1h',
      DOCKET_LIMIT_NOTICES: 'off',
      DOCKET_LIMIT_ATPROTO_REPORTER: '5/10s',
      DOCKET_LIMIT_ATPROTO_ADDRESS: '20000/5m',
    });
    expect(limits.signIn).toEqual({ max: 10, windowMs: 30_000 });
    expect(limits.read).toEqual({ max: 1000, windowMs: 3_600_000 });
    expect(limits.notice).toBeNull();
    expect([limits.atprotoReporter, limits.atprotoAddress]).toEqual([
      { max: 5, windowMs: 10_000 },
      { max: 20_000, windowMs: 300_000 },
    ]);
    expect(loadConfig({}).limits).toEqual({
      signIn: { max: 30, windowMs: 900_000 },
      comment: { max: 20, windowMs: 3_600_000 },
      notice: { max: 20, windowMs: 3_600_000 },
      read: { max: 300, windowMs: 60_000 },
      ingest: { max: 600, windowMs: 60_000 },
      ingestBatch: { max: 60, windowMs: 60_000 },
      atprotoReporter: { max: 20, windowMs: 60_000 },
      atprotoAddress: { max: 6000, windowMs: 60_000 },
    });
  });

  it('refuses a limit it cannot read, naming the variable', () => {
    for (const bad of ['30', '0/1m', '30/1d', '30/0s', '30/25h', 'thirty/1m', '30/1m/2']) {
      expect(problem({ DOCKET_LIMIT_INGEST: bad })).toMatch(
        new RegExp(
          `^configuration DOCKET_LIMIT_INGEST must be requests per window such as "30/15m" .* not "${bad.replace(/\//g, '\\/')}"$`,
        ),
      );
    }
  });

  it('trusts no proxy by default, and every hop, N hops or the listed proxies when told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ DOCKET_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DOCKET_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ DOCKET_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ DOCKET_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ DOCKET_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/8, loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses a proxy that is not an address, naming it', () => {
    expect(problem({ DOCKET_TRUST_PROXY: 'proxy.internal, 10.0.0.0/33, 10.0.0.1' })).toBe(
      'configuration DOCKET_TRUST_PROXY must be true, false, a number of proxy hops, or a comma list of proxy addresses or CIDRs (or loopback, linklocal, uniquelocal); not an address: "proxy.internal", "10.0.0.0/33"',
    );
    expect(problem({ DOCKET_TRUST_PROXY: '1000' })).toMatch(/number of proxy hops must be from 0 to 100/);
  });
});
